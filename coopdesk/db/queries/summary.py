"""The month's figures besides labour: sales, purchases, expenses and workshop attendance."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from coopdesk.db.queries.values import money, quantity
from coopdesk.db.reader import Reader


@dataclass(frozen=True)
class SalesTotals:
    """The live sales of a period: how many, units sold, total and what is still unpaid."""

    count: int
    units: Decimal
    total: Decimal
    unpaid: Decimal


def _span(start: dt.date, end: dt.date) -> tuple[str, str]:
    return start.isoformat(), end.isoformat()


def sales_totals(reader: Reader, start: dt.date, end: dt.date) -> SalesTotals:
    """Return the live sales with start <= day < end, counted and summed."""
    conn = reader.connection()
    count, total, unpaid = conn.exec_driver_sql(
        "SELECT count(*), coalesce(sum(total), 0),"
        " coalesce(sum(CASE WHEN paid THEN 0 ELSE total END), 0)"
        " FROM live_sale WHERE day >= ? AND day < ?",
        _span(start, end),
    ).first()
    units = conn.exec_driver_sql(
        "SELECT coalesce(sum(l.quantity), 0) FROM sale_line l JOIN live_sale s ON s.id = l.sale_id"
        " WHERE s.day >= ? AND s.day < ?",
        _span(start, end),
    ).scalar()
    return SalesTotals(count, quantity(units), money(total), money(unpaid))


def sales_by_buyer(reader: Reader, start: dt.date, end: dt.date) -> list[tuple[str, Decimal]]:
    """Return (buyer, total of her live sales with start <= day < end), largest first."""
    return [(name, money(cents)) for name, cents in reader.connection().exec_driver_sql(
        "SELECT b.name, sum(s.total) AS t FROM live_sale s JOIN buyer b ON b.id = s.buyer_id"
        " WHERE s.day >= ? AND s.day < ? GROUP BY b.id ORDER BY t DESC, b.name",
        _span(start, end))]


def purchases_total(reader: Reader, start: dt.date, end: dt.date) -> Decimal:
    """Return what the live purchases with start <= day < end cost."""
    return money(reader.connection().exec_driver_sql(
        "SELECT sum(total) FROM live_purchase WHERE day >= ? AND day < ?",
        _span(start, end)).scalar())


def expenses_by_category(reader: Reader, start: dt.date, end: dt.date
                         ) -> list[tuple[str, Decimal]]:
    """Return (category, total of its live expenses with start <= day < end), largest first."""
    return [(category, money(cents)) for category, cents in reader.connection().exec_driver_sql(
        "SELECT category, sum(amount) AS t FROM live_expense WHERE day >= ? AND day < ?"
        " GROUP BY category ORDER BY t DESC, category",
        _span(start, end))]


def expenses_total(reader: Reader, start: dt.date, end: dt.date) -> Decimal:
    """Return the live expenses with start <= day < end."""
    return money(reader.connection().exec_driver_sql(
        "SELECT sum(amount) FROM live_expense WHERE day >= ? AND day < ?",
        _span(start, end)).scalar())


def attendance_by_workshop(reader: Reader, start: dt.date, end: dt.date) -> dict[int, int]:
    """Return workshop number → how many were present at its sessions with start <= day < end."""
    return dict(reader.connection().exec_driver_sql(
        "SELECT w.number, count(*) FROM attendance a"
        " JOIN workshop_session s ON s.id = a.session_id"
        " JOIN workshop w ON w.id = s.workshop_id"
        " WHERE a.status = 'present' AND s.held_on >= ? AND s.held_on < ?"
        " GROUP BY w.number",
        _span(start, end)).all())
