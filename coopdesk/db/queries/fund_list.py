"""The desk's list of the funds' movements (reserve and education), one page at a time.

Voided movements are listed too (struck through, with their reason): the book keeps
them, and the coordinator must see why a figure changed. Plain SQL that PostgreSQL
also runs; a book opened read-only before revision 0011 lists nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from coopdesk.db.queries.checks import has_table
from coopdesk.db.queries.lists import PAGE, ListFilter, _where
from coopdesk.db.queries.values import day as _date
from coopdesk.db.queries.values import money

if TYPE_CHECKING:
    from coopdesk.db.reader import Reader


@dataclass(frozen=True)
class FundRow:
    """One movement as the list shows it; ``source_text`` says what caused it."""

    id: int
    uuid: str
    day: dt.date
    fund: str
    direction: str
    amount: Decimal
    source: str
    source_text: str  # the workshop's number and title, the distribution's year, or ""
    note: str
    voided: bool
    void_reason: str


#: What each movement came from, in words the search finds (the workshop's number and
#: title, the distribution's year), read by joins so the list needs no second query.
_SOURCE = (
    "CASE f.source WHEN 'workshop' THEN (SELECT w.number || ' · ' || w.title FROM"
    " workshop_session s JOIN workshop w ON w.id = s.workshop_id WHERE s.uuid = f.source_uuid)"
    " WHEN 'distribution' THEN (SELECT CAST(d.year AS TEXT) FROM surplus_distribution d"
    " WHERE d.uuid = f.source_uuid) ELSE '' END")


def funds_page(reader: Reader, filt: ListFilter, after: FundRow | None = None,
               limit: int = PAGE) -> list[FundRow]:
    """Return the page of movements after *after*, newest first (voided ones too).

    The search finds the note, the fund's or source's key, or the void's reason.
    """
    if not has_table(reader, "fund_movement"):
        return []
    keyset = ("(f.day, f.id) < (?, ?)", [after.day.isoformat(), after.id]) if after else None
    where, params = _where(filt, "f.day", ("f.note", "f.fund", "f.source", "f.void_reason"),
                           keyset)
    rows = reader.connection().exec_driver_sql(
        f"SELECT f.id, f.uuid, f.day, f.fund, f.direction, f.amount, f.source, {_SOURCE},"
        " f.note, f.voided_at, f.void_reason FROM fund_movement f"
        f"{where} ORDER BY f.day DESC, f.id DESC LIMIT ?", (*params, limit)).all()
    return [FundRow(i, u, _date(d), fund, direc, money(a), s, st or "", n or "", v is not None,
                    vr or "")
            for i, u, d, fund, direc, a, s, st, n, v, vr in rows]
