"""The funds' reads: each fund's movements and balances, as typed values.

Plain SQL that reads the same on PostgreSQL. A book opened read-only before its upgrade
to revision 0011 has no ``fund_movement`` table: every read then answers as for a book
with no movement.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from coopdesk.db.queries.checks import has_table
from coopdesk.db.queries.values import day, money
from coopdesk.db.reader import Reader, flush_pending
from coopdesk.domain.funds import FUNDS, NO_FLOW, FundFlow

__all__ = ["FUNDS", "FundEntry", "FundFlow"]

FAR_PAST = "1900-01-01"
FAR_FUTURE = "9999-12-31"


@dataclass(frozen=True)
class FundEntry:
    """One movement of a fund as the book keeps it."""

    uuid: str
    fund: str
    day: dt.date
    direction: str
    amount: Decimal
    source: str
    source_uuid: str | None
    note: str
    voided: bool

    @property
    def signed(self) -> Decimal:
        """The amount as it moves the balance (out is negative)."""
        return self.amount if self.direction == "in" else -self.amount


def _iso(value: dt.date | None, default: str) -> str:
    return value.isoformat() if value else default


def fund_entries(reader: Reader, *, start: dt.date | None = None, end: dt.date | None = None,
                 include_voided: bool = False) -> list[FundEntry]:
    """Return the movements with start <= day < end, by day and then as recorded."""
    flush_pending(reader)
    if not has_table(reader.connection(), "fund_movement"):
        return []
    live = "" if include_voided else " AND voided_at IS NULL"
    rows = reader.connection().exec_driver_sql(
        "SELECT uuid, fund, day, direction, amount, source, source_uuid, note, voided_at"
        f" FROM fund_movement WHERE day >= ? AND day < ?{live} ORDER BY day, id",
        (_iso(start, FAR_PAST), _iso(end, FAR_FUTURE)))
    return [FundEntry(u, f, day(d), direc, money(a), s, su, n or "", v is not None)
            for u, f, d, direc, a, s, su, n, v in rows]


def fund_flows(reader: Reader, start: dt.date, end: dt.date) -> dict[str, FundFlow]:
    """Return each fund's flow over start <= day < end (every fund, even without movements)."""
    flush_pending(reader)
    out = dict.fromkeys(FUNDS, NO_FLOW)
    if not has_table(reader.connection(), "fund_movement"):
        return out
    rows = reader.connection().exec_driver_sql(
        "SELECT fund,"
        " sum(CASE WHEN day < ? THEN (CASE direction WHEN 'in' THEN amount ELSE -amount END)"
        " ELSE 0 END),"
        " sum(CASE WHEN day >= ? AND direction = 'in' THEN amount ELSE 0 END),"
        " sum(CASE WHEN day >= ? AND direction = 'out' THEN amount ELSE 0 END)"
        " FROM fund_movement WHERE voided_at IS NULL AND day < ? GROUP BY fund",
        (start.isoformat(), start.isoformat(), start.isoformat(), end.isoformat()))
    for fund, opening, came_in, went_out in rows:
        if fund in out:
            out[fund] = FundFlow(money(opening), money(came_in), money(went_out))
    return out


def fund_balance(reader: Reader, fund: str, before: dt.date | None = None) -> Decimal:
    """Return a fund's live balance from the movements dated before *before* (all when None)."""
    flush_pending(reader)
    if not has_table(reader.connection(), "fund_movement"):
        return Decimal("0.00")
    return money(reader.connection().exec_driver_sql(
        "SELECT sum(CASE direction WHEN 'in' THEN amount ELSE -amount END) FROM fund_movement"
        " WHERE voided_at IS NULL AND fund = ? AND day < ?",
        (fund, _iso(before, FAR_FUTURE))).scalar())


def lowest_balance_from(reader: Reader, fund: str, on: dt.date) -> Decimal:
    """Return the fund's lowest end-of-day balance on *on* and on every later day it moves.

    What can be taken out on *on* without leaving any later day below zero.
    """
    flush_pending(reader)
    if not has_table(reader.connection(), "fund_movement"):
        return Decimal("0.00")
    days = [on.isoformat()] + [d for (d,) in reader.connection().exec_driver_sql(
        "SELECT DISTINCT day FROM fund_movement WHERE voided_at IS NULL AND fund = ?"
        " AND day > ?", (fund, on.isoformat()))]
    return min(fund_balance(reader, fund, dt.date.fromisoformat(str(d)[:10])
                            + dt.timedelta(days=1)) for d in days)


def fund_movement_row(session, uuid: str):
    """The fund movement with *uuid* as a table row (to void it), or None."""
    from sqlmodel import select

    from coopdesk.db.tables import FundMovement

    return session.exec(select(FundMovement).where(FundMovement.uuid == uuid)).first()


def workshop_session_uuid(reader: Reader, number: int, held_on: dt.date) -> str | None:
    """The uuid of workshop *number*'s session on *held_on*, or None."""
    return reader.connection().exec_driver_sql(
        "SELECT s.uuid FROM workshop_session s JOIN workshop w ON w.id = s.workshop_id"
        " WHERE w.number = ? AND s.held_on = ?", (number, held_on.isoformat())).scalar()


def paid_sessions(reader: Reader) -> dict[str, Decimal]:
    """Session uuid → what the education fund paid for it (live movements)."""
    if not has_table(reader.connection(), "fund_movement"):
        return {}
    return {u: money(a) for u, a in reader.connection().exec_driver_sql(
        "SELECT source_uuid, sum(amount) FROM fund_movement WHERE voided_at IS NULL"
        " AND source = 'workshop' AND direction = 'out' GROUP BY source_uuid")}


@dataclass(frozen=True)
class DistributionParts:
    """What an approved distribution gave each fund, as it was kept."""

    uuid: str
    year: int
    reserve: Decimal
    education: Decimal


def distribution_parts(reader: Reader) -> list[DistributionParts]:
    """Return every approved distribution's parts for the funds, by year."""
    if not has_table(reader.connection(), "surplus_distribution"):
        return []
    return [DistributionParts(u, y, money(r), money(e)) for u, y, r, e in
            reader.connection().exec_driver_sql(
                "SELECT uuid, year, reserve, education FROM surplus_distribution ORDER BY year")]


@dataclass(frozen=True)
class SessionCost:
    """A workshop session and what the education fund paid for it (zero when nothing)."""

    uuid: str
    number: int
    title: str
    held_on: dt.date
    paid: Decimal


def session_costs(reader: Reader) -> list[SessionCost]:
    """Return every workshop session, newest first, with what the education fund paid for it."""
    flush_pending(reader)
    paid = paid_sessions(reader)
    return [SessionCost(u, n, t, day(h), paid.get(u, Decimal("0.00")))
            for u, n, t, h in reader.connection().exec_driver_sql(
                "SELECT s.uuid, w.number, w.title, s.held_on FROM workshop_session s"
                " JOIN workshop w ON w.id = s.workshop_id ORDER BY s.held_on DESC, w.number")]
