"""Reads about workdays (the members' pay and sentence reduction) and the labor rates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from coopdesk.db.reader import Reader
from coopdesk.db.scales import MONEY, QTY, as_day


@dataclass(frozen=True)
class WorkdayRow:
    """One live workday of a member."""

    id: int
    day: dt.date
    line: str
    fraction: Decimal


@dataclass(frozen=True)
class RateRow:
    """A labor rate per full workday and the day it applies from."""

    id: int
    uuid: str
    valid_from: dt.date
    rate: Decimal


def live_workdays_of(reader: Reader, member_id: int, first: dt.date,
                     last: dt.date) -> list[WorkdayRow]:
    """Her live workdays from *first* to *last* (both included), by day and line."""
    rows = reader.connection().exec_driver_sql(
        "SELECT id, day, line, fraction FROM live_workday"
        " WHERE member_id = ? AND day >= ? AND day <= ? ORDER BY day, line, id",
        (member_id, first.isoformat(), last.isoformat())).all()
    return [WorkdayRow(id_, as_day(day), line, QTY.decode(fraction))
            for id_, day, line, fraction in rows]


def live_workday_id(reader: Reader, member_id: int, day: dt.date, line: str) -> int | None:
    """The id of her live workday on *day* on *line*, or None."""
    return reader.connection().exec_driver_sql(
        "SELECT id FROM live_workday WHERE member_id = ? AND day = ? AND line = ?"
        " ORDER BY id LIMIT 1", (member_id, day.isoformat(), line)).scalar()


def worked_on(reader: Reader, member_id: int, day: dt.date) -> Decimal:
    """What she already has on *day*, all lines together (live workdays only)."""
    return QTY.value(reader.connection().exec_driver_sql(
        "SELECT sum(fraction) FROM live_workday WHERE member_id = ? AND day = ?",
        (member_id, day.isoformat())).scalar())


def all_rates(reader: Reader) -> list[RateRow]:
    """The labor rates, oldest first."""
    rows = reader.connection().exec_driver_sql(
        "SELECT id, uuid, valid_from, rate FROM labor_rate ORDER BY valid_from").all()
    return [RateRow(id_, uuid, as_day(day), MONEY.decode(rate)) for id_, uuid, day, rate in rows]


def rate_from(reader: Reader, valid_from: dt.date) -> int | None:
    """The id of the rate that starts on *valid_from*, or None."""
    return reader.connection().exec_driver_sql(
        "SELECT id FROM labor_rate WHERE valid_from = ?", (valid_from.isoformat(),)).scalar()


@dataclass(frozen=True)
class WorkdayRecord:
    """One of her workdays, live or voided, as a list of them shows it."""

    uuid: str
    day: dt.date
    line: str
    fraction: Decimal
    voided: bool


def workdays_of_code(reader: Reader, code: str) -> list[WorkdayRecord]:
    """Every workday of the member with *code*, voided ones too, newest first."""
    rows = reader.connection().exec_driver_sql(
        "SELECT w.uuid, w.day, w.line, w.fraction, w.voided_at FROM workday w"
        " JOIN member m ON m.id = w.member_id WHERE m.code = ?"
        " ORDER BY w.day DESC, w.id DESC", (code,)).all()
    return [WorkdayRecord(uuid, as_day(day), line, QTY.decode(fraction), voided is not None)
            for uuid, day, line, fraction, voided in rows]


@dataclass(frozen=True)
class CorrectionMark:
    """A live workday that corrects another: whose, its day, the corrected one's day."""

    code: str
    day: dt.date
    corrected_day: dt.date


def correction_marks_between(reader: Reader, first: dt.date,
                             after: dt.date) -> list[CorrectionMark]:
    """The live corrections dated from *first* to before *after*."""
    rows = reader.connection().exec_driver_sql(
        "SELECT m.code, w.day, c.day FROM live_workday w"
        " JOIN member m ON m.id = w.member_id"
        " JOIN workday c ON c.uuid = w.corrects_uuid"
        " WHERE w.corrects_uuid IS NOT NULL AND w.day >= ? AND w.day < ? ORDER BY w.id",
        (first.isoformat(), after.isoformat())).all()
    return [CorrectionMark(code, as_day(day), as_day(corrected)) for code, day, corrected in rows]
