"""The members as paper and lists show them: who, and from when to when she was a member."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from coopdesk.db.queries.values import day
from coopdesk.db.reader import Reader


@dataclass(frozen=True)
class RosterMember:
    """One member of the book (also one who has left)."""

    id: int  # noqa: A003 (the row's id)
    code: str
    full_name: str
    joined_on: dt.date
    exit_on: dt.date | None
    role: str = ""
    dni: str = ""
    status: str = ""

    def is_member_on(self, on: dt.date) -> bool:
        """True when *on* falls between her joining and her exit (both included)."""
        return self.joined_on <= on and (self.exit_on is None or on <= self.exit_on)


_COLUMNS = "id, code, full_name, joined_on, exit_on, role, dni, status"


def _member(row: tuple) -> RosterMember:
    mid, code, name, joined, left, role, dni, status = row
    return RosterMember(mid, code, name, day(joined), day(left), role or "", dni or "",
                        status or "")


def roster(reader: Reader) -> list[RosterMember]:
    """Return every member of the book, by code."""
    return [_member(row) for row in reader.connection().exec_driver_sql(
        f"SELECT {_COLUMNS} FROM member ORDER BY code")]  # noqa: S608 (constant columns)


def current_roles(reader: Reader) -> list[str]:
    """Return the roles of the members who have not left (to find who signs)."""
    return [role or "" for (role,) in reader.connection().exec_driver_sql(
        "SELECT role FROM member WHERE exit_on IS NULL OR exit_on = ''")]


def has_members(reader: Reader) -> bool:
    """True when the book has at least one member."""
    return reader.connection().exec_driver_sql(
        "SELECT 1 FROM member LIMIT 1").first() is not None
