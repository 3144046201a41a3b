"""The register of members' reads (padrón de socias)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class RegisterRow:
    """One member as the padrón lists her."""

    id: int
    code: str
    name: str
    dni: str
    joined_on: dt.date
    admission_agreement: str
    status: str
    exit_on: dt.date | None
    exit_agreement: str
    role: str


def _day(value) -> dt.date | None:
    if value in (None, ""):
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def register_rows(conn, member_id: int | None = None) -> list[RegisterRow]:
    """Return every member (or one) in order of admission, then by code."""
    rows = conn.exec_driver_sql(
        "SELECT id, code, full_name, dni, joined_on, admission_agreement, status, exit_on,"
        " exit_agreement, role FROM member WHERE (? IS NULL OR id = ?)"
        " ORDER BY joined_on, code", (member_id, member_id)).all()
    return [RegisterRow(mid, code, name, dni or "", _day(joined), adm or "", status,
                        _day(left), ext or "", role or "")
            for mid, code, name, dni, joined, adm, status, left, ext, role in rows]
