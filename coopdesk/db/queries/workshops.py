"""Reads about the training workshops: the programme, sessions, attendance."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from coopdesk.db.reader import Reader


@dataclass(frozen=True)
class WorkshopRow:
    """One workshop of the programme."""

    id: int
    number: int
    title: str


def all_workshops(reader: Reader) -> list[WorkshopRow]:
    """The workshops in the programme's order."""
    rows = reader.connection().exec_driver_sql(
        "SELECT id, number, title FROM workshop ORDER BY number").all()
    return [WorkshopRow(*row) for row in rows]


def workshop_numbered(reader: Reader, number: int) -> WorkshopRow | None:
    """The workshop with *number*, or None."""
    row = reader.connection().exec_driver_sql(
        "SELECT id, number, title FROM workshop WHERE number = ?", (number,)).first()
    return None if row is None else WorkshopRow(*row)


def session_on(reader: Reader, workshop_id: int, held_on: dt.date) -> int | None:
    """The id of the workshop's session on *held_on*, or None."""
    return reader.connection().exec_driver_sql(
        "SELECT id FROM workshop_session WHERE workshop_id = ? AND held_on = ?",
        (workshop_id, held_on.isoformat())).scalar()


def session_id_of(reader: Reader, session_uuid: str) -> int | None:
    """The id of the session with *session_uuid*, or None."""
    return reader.connection().exec_driver_sql(
        "SELECT id FROM workshop_session WHERE uuid = ?", (session_uuid,)).scalar()


def attendance_mark_id(reader: Reader, session_id: int, member_id: int) -> int | None:
    """The id of her mark on that session, or None."""
    return reader.connection().exec_driver_sql(
        "SELECT id FROM attendance WHERE session_id = ? AND member_id = ?",
        (session_id, member_id)).scalar()


def workshops_attended(reader: Reader) -> dict[int, set[int]]:
    """Return member id → the numbers of the workshops she was present at at least once."""
    out: dict[int, set[int]] = {}
    for mid, number in reader.connection().exec_driver_sql(
            "SELECT DISTINCT a.member_id, w.number FROM attendance a"
            " JOIN workshop_session s ON s.id = a.session_id"
            " JOIN workshop w ON w.id = s.workshop_id WHERE a.status = 'present'"):
        out.setdefault(mid, set()).add(number)
    return out
