"""The workdays a sheet cell may correct, and the sheet cells that hold corrections.

The rules are those of :func:`coopdesk.services.corrections.find_corrected`: a workday
can be corrected when it is voided or dated in a closed month; the service that
records the correction checks it again in its own transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from coopdesk.db.queries.corrections import closed_month_keys, live_corrected_among
from coopdesk.db.queries.workdays import correction_marks_between, workdays_of_code
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
    with book.read() as reader:
        closed = closed_month_keys(reader)
        rows = [w for w in workdays_of_code(reader, code)
                if w.voided or Month.of(w.day).key in closed][:limit]
        corrected = live_corrected_among(reader, "workday", [w.uuid for w in rows])
    return [
        WorkdayCandidate(w.uuid, w.day, ProductionLine(w.line), w.fraction, w.voided,
                         Month.of(w.day).key in closed, w.uuid in corrected)
        for w in rows
    ]


def month_correction_marks(
    book: Book, year: int, month: int
) -> dict[tuple[str, dt.date], dt.date]:
    """Return (member code, day) → the day of the workday it corrects, for live corrections."""
    first, after = month_bounds(year, month)
    with book.read() as reader:
        marks = correction_marks_between(reader, first, after)
    return {(m.code, m.day): m.corrected_day for m in marks}
