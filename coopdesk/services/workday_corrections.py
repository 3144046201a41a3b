"""The workdays a sheet cell may correct, and the sheet cells that hold corrections.

The rules are those of :func:`coopdesk.services.corrections.find_corrected`: a workday
can be corrected when it is voided or dated in a closed month; the service that
records the correction checks it again in its own transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlmodel import select

from coopdesk.db.tables import ClosedMonth, Member, Workday
from coopdesk.domain.month import Month
from coopdesk.domain.text import month_bounds
from coopdesk.domain.work import ProductionLine
from coopdesk.services.book import Book


@dataclass(frozen=True)
class WorkdayCandidate:
    """One of her workdays that a correction may point at."""

    uuid: str
    day: dt.date
    line: ProductionLine
    fraction: Decimal
    voided: bool
    closed_month: bool
    corrected: bool  # a live correction of it is already in the book


def workday_candidates(book: Book, *, code: str, limit: int = 200) -> list[WorkdayCandidate]:
    """Return her workdays that can be corrected (voided or in a closed month), newest first."""
    with book.read() as session:
        closed = set(session.exec(select(ClosedMonth.month)).all())
        rows = session.exec(
            select(Workday)
            .join(Member, Member.id == Workday.member_id)
            .where(Member.code == code)
            .order_by(Workday.day.desc(), Workday.id.desc())
        ).all()
        rows = [w for w in rows if w.voided_at is not None or Month.of(w.day).key in closed]
        rows = rows[:limit]
        uuids = [w.uuid for w in rows]
        corrected = set(
            session.exec(
                select(Workday.corrects_uuid).where(
                    Workday.corrects_uuid.in_(uuids), Workday.voided_at.is_(None)
                )
            ).all()
        ) if uuids else set()
        return [
            WorkdayCandidate(
                w.uuid, w.day, ProductionLine(w.line), Decimal(w.fraction),
                w.voided_at is not None, Month.of(w.day).key in closed, w.uuid in corrected,
            )
            for w in rows
        ]


def month_correction_marks(
    book: Book, year: int, month: int
) -> dict[tuple[str, dt.date], dt.date]:
    """Return (member code, day) → the day of the workday it corrects, for live corrections."""
    first, after = month_bounds(year, month)
    with book.read() as session:
        rows = session.connection().exec_driver_sql(
            "SELECT m.code, w.day, c.day FROM workday w"
            " JOIN member m ON m.id = w.member_id"
            " JOIN workday c ON c.uuid = w.corrects_uuid"
            " WHERE w.voided_at IS NULL AND w.corrects_uuid IS NOT NULL"
            " AND w.day >= ? AND w.day < ?",
            (first.isoformat(), after.isoformat()),
        ).all()
    return {
        (code, dt.date.fromisoformat(day[:10])): dt.date.fromisoformat(corrected[:10])
        for code, day, corrected in rows
    }
