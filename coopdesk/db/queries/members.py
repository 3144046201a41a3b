"""Reads about the members: who she is, her code, the span of her records."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from coopdesk.db.reader import Reader
from coopdesk.db.scales import as_day


@dataclass(frozen=True)
class MemberRow:
    """A member's details as the book holds them."""

    id: int
    uuid: str
    code: str
    full_name: str
    dni: str
    joined_on: dt.date
    status: str
    exit_on: dt.date | None
    role: str


_MEMBER = "SELECT id, uuid, code, full_name, dni, joined_on, status, exit_on, role FROM member"


def _member(row) -> MemberRow:
    id_, uuid, code, name, dni, joined, status, exit_on, role = row
    return MemberRow(id_, uuid, code, name, dni, as_day(joined), status, as_day(exit_on), role)


def all_members(reader: Reader) -> list[MemberRow]:
    """Every member, by code."""
    rows = reader.connection().exec_driver_sql(f"{_MEMBER} ORDER BY code").all()
    return [_member(row) for row in rows]


def member_id_of(reader: Reader, code: str) -> int | None:
    """The id of the member with *code*, or None."""
    return reader.connection().exec_driver_sql(
        "SELECT id FROM member WHERE code = ?", (code,)).scalar()


def member_record_span(reader: Reader, member_id: int) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day of her live workdays and workshop attendance (None: none)."""
    first, last = reader.connection().exec_driver_sql(
        "SELECT min(d), max(d) FROM ("
        " SELECT day AS d FROM live_workday WHERE member_id = ?"
        " UNION ALL SELECT s.held_on FROM attendance a JOIN workshop_session s"
        " ON s.id = a.session_id WHERE a.member_id = ?) AS her_days",
        (member_id, member_id),
    ).one()
    return as_day(first), as_day(last)


def member_by_id(reader: Reader, member_id: int) -> MemberRow | None:
    """The member with *member_id*, or None."""
    row = reader.connection().exec_driver_sql(f"{_MEMBER} WHERE id = ?", (member_id,)).first()
    return None if row is None else _member(row)


def member_coded(reader: Reader, code: str) -> MemberRow | None:
    """The member with *code* (exactly as stored: upper case), or None."""
    row = reader.connection().exec_driver_sql(f"{_MEMBER} WHERE code = ?", (code,)).first()
    return None if row is None else _member(row)


def agreements_of(reader: Reader, member_id: int) -> tuple[str, str]:
    """The agreements that admitted member *member_id* and recorded her exit ("" when none)."""
    row = reader.connection().exec_driver_sql(
        "SELECT admission_agreement, exit_agreement FROM member WHERE id = ?",
        (member_id,)).first()
    return (row[0] or "", row[1] or "") if row else ("", "")
