"""The desk's list of share capital movements (aportaciones), one page at a time.

Voided movements are listed too (struck through, with their reason): a receipt was
printed for each, so each stays visible. Plain SQL that PostgreSQL also runs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from coopdesk.db.queries.lists import PAGE, ListFilter, _where
from coopdesk.db.queries.values import day as _date
from coopdesk.db.queries.values import money

if TYPE_CHECKING:
    from coopdesk.db.reader import Reader


@dataclass(frozen=True)
class ShareRow:
    """One movement as the list shows it; ``id`` is its receipt number."""

    id: int
    uuid: str
    day: dt.date
    code: str
    member: str
    kind: str
    amount: Decimal
    agreement: str
    note: str
    voided: bool
    void_reason: str


def shares_page(reader: Reader, filt: ListFilter, after: ShareRow | None = None,
                limit: int = PAGE) -> list[ShareRow]:
    """Return the page of movements after *after*, newest first (voided ones too).

    The search finds the member's code or name, the agreement, the note or the
    receipt number.
    """
    keyset = ("(s.day, s.id) < (?, ?)", [after.day.isoformat(), after.id]) if after else None
    where, params = _where(filt, "s.day", ("m.code", "m.full_name", "s.agreement", "s.note",
                                            "CAST(s.id AS TEXT)"), keyset)
    rows = reader.connection().exec_driver_sql(
        "SELECT s.id, s.uuid, s.day, m.code, m.full_name, s.kind, s.amount, s.agreement,"
        " s.note, s.voided_at, s.void_reason FROM share_movement s"
        " JOIN member m ON m.id = s.member_id"
        f"{where} ORDER BY s.day DESC, s.id DESC LIMIT ?", (*params, limit)).all()
    return [
        ShareRow(i, u, _date(d), c, n, k, money(a), ag or "", note or "", v is not None,
                 vr or "")
        for i, u, d, c, n, k, a, ag, note, v, vr in rows
    ]
