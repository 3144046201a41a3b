"""The share capital's reads and its one bulk write (the import's), as typed values.

*conn* is a SQLAlchemy connection (``session.connection()`` or a reader's). A book opened
read-only before its upgrade to revision 0010 has no ``share_movement`` table: every read
then answers as for a book with no movement.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from coopdesk.db.queries.checks import has_table
from coopdesk.domain.money import from_cents
from coopdesk.domain.shares import PAID_KINDS, CapitalTotals, ShareKind, ShareMove

FAR_PAST = "1900-01-01"
FAR_FUTURE = "9999-12-31"


def _day(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _span(start: dt.date | None, end: dt.date | None) -> tuple[str, str]:
    return (start.isoformat() if start else FAR_PAST, end.isoformat() if end else FAR_FUTURE)


def moves_of_members(conn, member_ids) -> dict[int, list[ShareMove]]:
    """Return the live movements of each member in *member_ids* (any order)."""
    out: dict[int, list[ShareMove]] = defaultdict(list)
    if not has_table(conn, "share_movement"):
        return out
    for mid, day, kind, cents in conn.exec_driver_sql(
        "SELECT member_id, day, kind, amount FROM share_movement"
        " WHERE voided_at IS NULL AND member_id IN (SELECT value FROM json_each(?))",
        (json.dumps(sorted(set(member_ids))),),
    ):
        out[mid].append(ShareMove(_day(day), ShareKind(kind), from_cents(cents)))
    return out


def deducted_by_member(conn, start: dt.date | None = None,
                       end: dt.date | None = None) -> dict[int, Decimal]:
    """Return the live deductions from pay per member id with start <= day < end."""
    if not has_table(conn, "share_movement"):
        return {}
    rows = conn.exec_driver_sql(
        "SELECT member_id, sum(amount) FROM share_movement WHERE voided_at IS NULL"
        " AND kind = 'deduction' AND day >= ? AND day < ? GROUP BY member_id",
        _span(start, end),
    )
    return {mid: from_cents(total) for mid, total in rows}


def capital_by_member(conn, start: dt.date | None = None,
                      end: dt.date | None = None) -> dict[int, CapitalTotals]:
    """Return subscribed / paid (cash + deductions) / returned per member, start <= day < end."""
    if not has_table(conn, "share_movement"):
        return {}
    sums: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for mid, kind, cents in conn.exec_driver_sql(
        "SELECT member_id, kind, sum(amount) FROM share_movement WHERE voided_at IS NULL"
        " AND day >= ? AND day < ? GROUP BY member_id, kind",
        _span(start, end),
    ):
        sums[mid][kind] = from_cents(cents)
    zero = Decimal("0.00")
    return {
        mid: CapitalTotals(
            subscribed=by_kind.get(ShareKind.SUBSCRIPTION, zero),
            paid=sum((by_kind.get(k, zero) for k in PAID_KINDS), zero),
            returned=by_kind.get(ShareKind.RETURN, zero),
        )
        for mid, by_kind in sums.items()
    }


@dataclass(frozen=True)
class ShareEntry:
    """One live or voided movement as paper and screens show it."""

    id: int
    uuid: str
    member_id: int
    day: dt.date
    kind: ShareKind
    amount: Decimal
    agreement: str
    note: str
    voided: bool
    void_reason: str = ""


def share_entries(conn, *, member_id: int | None = None, start: dt.date | None = None,
                  end: dt.date | None = None, live_only: bool = True) -> list[ShareEntry]:
    """Return the movements (of one member, or all) with start <= day < end, by day."""
    if not has_table(conn, "share_movement"):
        return []
    rows = conn.exec_driver_sql(
        "SELECT id, uuid, member_id, day, kind, amount, agreement, note, voided_at, void_reason"
        " FROM share_movement WHERE day >= ? AND day < ?"
        " AND (? IS NULL OR member_id = ?) AND (? = 0 OR voided_at IS NULL)"
        " ORDER BY day, id",
        (*_span(start, end), member_id, member_id, int(live_only)),
    )
    return [
        ShareEntry(rid, uuid, mid, _day(day), ShareKind(kind), from_cents(cents), agreement,
                   note, voided is not None, reason)
        for rid, uuid, mid, day, kind, cents, agreement, note, voided, reason in rows
    ]


def share_entry_by_number(conn, number: int) -> ShareEntry | None:
    """Return one movement (voided or not) by its id, its receipt number; None if absent."""
    if not has_table(conn, "share_movement"):
        return None
    row = conn.exec_driver_sql(
        "SELECT id, uuid, member_id, day, kind, amount, agreement, note, voided_at, void_reason"
        " FROM share_movement WHERE id = ?", (number,)).first()
    if row is None:
        return None
    rid, uuid, mid, day, kind, cents, agreement, note, voided, reason = row
    return ShareEntry(rid, uuid, mid, _day(day), ShareKind(kind), from_cents(cents), agreement,
                      note, voided is not None, reason)


def insert_share_movements(conn, rows: list[tuple]) -> None:
    """Write movements in bulk.

    Each row: (uuid, created_at, member_id, day, kind, cents, agreement, note, the uuid of
    the recorded agreement it cites or None).
    """
    conn.exec_driver_sql(
        "INSERT INTO share_movement (uuid, created_at, void_reason, member_id, day, kind,"
        " amount, agreement, note, agreement_uuid) VALUES (?, ?, '', ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )


def share_movement_row(session, uuid: str):
    """The share movement with *uuid* as a table row (to void it), or None."""
    from sqlmodel import select

    from coopdesk.db.tables import ShareMovement

    return session.exec(select(ShareMovement).where(ShareMovement.uuid == uuid)).first()
