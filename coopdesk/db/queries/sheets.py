"""What the paper sheets, the desk's planilla and the workshop screens read from the book."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from coopdesk.db.queries.values import day, quantity
from coopdesk.db.reader import Reader, flush_pending


@dataclass(frozen=True)
class WorkdayCell:
    """A member's live workday on one line of one day."""

    code: str
    day: dt.date
    line: str
    fraction: Decimal


@dataclass(frozen=True)
class WorkshopSessionRow:
    """A recorded session of a workshop."""

    id: int  # noqa: A003 (the row's id)
    uuid: str
    number: int
    held_on: dt.date
    facilitator: str
    notes: str


def _span(start: dt.date, end: dt.date) -> tuple[str, str]:
    return start.isoformat(), end.isoformat()


def days_by_member(reader: Reader, start: dt.date, end: dt.date
                   ) -> dict[int, dict[dt.date, Decimal]]:
    """Return member id → day → her live workdays that day (all lines), start <= day < end."""
    out: dict[int, dict[dt.date, Decimal]] = {}
    for mid, d, units in reader.connection().exec_driver_sql(
            "SELECT member_id, day, sum(fraction) FROM live_workday"
            " WHERE day >= ? AND day < ? GROUP BY member_id, day", _span(start, end)):
        out.setdefault(mid, {})[day(d)] = quantity(units)
    return out


def workday_cells(reader: Reader, start: dt.date, end: dt.date) -> list[WorkdayCell]:
    """Return every live workday with start <= day < end, with the member's code."""
    return [WorkdayCell(code, day(d), line, quantity(units))
            for code, d, line, units in reader.connection().exec_driver_sql(
                "SELECT m.code, w.day, w.line, w.fraction FROM live_workday w"
                " JOIN member m ON m.id = w.member_id WHERE w.day >= ? AND w.day < ?",
                _span(start, end))]


def live_fraction(reader: Reader, *, code: str, on: dt.date, line: str) -> Decimal | None:
    """Return her live workday's fraction on *on* on *line*, or None when she has none."""
    flush_pending(reader)
    units = reader.connection().exec_driver_sql(
        "SELECT w.fraction FROM live_workday w JOIN member m ON m.id = w.member_id"
        " WHERE m.code = ? AND w.day = ? AND w.line = ?", (code, on.isoformat(), line)).scalar()
    return None if units is None else quantity(units)


def workshops(reader: Reader) -> list[tuple[int, int, str]]:
    """Return (id, number, title) of the workshops of the programme, in order."""
    return [tuple(row) for row in reader.connection().exec_driver_sql(
        "SELECT id, number, title FROM workshop ORDER BY number")]


def workshop_counts(reader: Reader) -> tuple[dict[int, int], dict[int, int]]:
    """Return workshop id → its sessions, and workshop id → how many members attended it."""
    conn = reader.connection()
    sessions = dict(conn.exec_driver_sql(
        "SELECT workshop_id, count(*) FROM workshop_session GROUP BY workshop_id").all())
    attended = dict(conn.exec_driver_sql(
        "SELECT s.workshop_id, count(DISTINCT a.member_id) FROM attendance a"
        " JOIN workshop_session s ON s.id = a.session_id"
        " WHERE a.status = 'present' GROUP BY s.workshop_id").all())
    return sessions, attended


_SESSION = ("SELECT s.id, s.uuid, w.number, s.held_on, s.facilitator, s.notes"
            " FROM workshop_session s JOIN workshop w ON w.id = s.workshop_id")


def _session(row) -> WorkshopSessionRow:
    sid, uuid, number, held_on, facilitator, notes = row
    return WorkshopSessionRow(sid, uuid, number, day(held_on), facilitator or "", notes or "")


def sessions_of(reader: Reader, number: int) -> list[WorkshopSessionRow]:
    """Return the sessions of workshop *number*, latest first."""
    return [_session(row) for row in reader.connection().exec_driver_sql(
        _SESSION + " WHERE w.number = ? ORDER BY s.held_on DESC", (number,))]


def session_by_uuid(reader: Reader, uuid: str) -> WorkshopSessionRow | None:
    """Return the session with *uuid*, or None."""
    row = reader.connection().exec_driver_sql(_SESSION + " WHERE s.uuid = ?", (uuid,)).first()
    return None if row is None else _session(row)


def session_uuid_on(reader: Reader, number: int, on: dt.date) -> str:
    """Return the uuid of workshop *number*'s first session held on *on* ("" when none)."""
    return reader.connection().exec_driver_sql(
        "SELECT s.uuid FROM workshop_session s JOIN workshop w ON w.id = s.workshop_id"
        " WHERE w.number = ? AND s.held_on = ? ORDER BY s.id LIMIT 1",
        (number, on.isoformat())).scalar() or ""


def status_counts(reader: Reader) -> dict[int, dict[str, int]]:
    """Return session id → attendance status → how many members have it."""
    counts: dict[int, dict[str, int]] = {}
    for sid, status, n in reader.connection().exec_driver_sql(
            "SELECT session_id, status, count(*) FROM attendance GROUP BY session_id, status"):
        counts.setdefault(sid, {})[status] = n
    return counts


def marks(reader: Reader, session_id: int) -> dict[int, str]:
    """Return member id → her attendance status at session *session_id*."""
    return dict(reader.connection().exec_driver_sql(
        "SELECT member_id, status FROM attendance WHERE session_id = ?", (session_id,)).all())


