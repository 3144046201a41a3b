"""Sales and purchases grouped as the monthly report, its chart and the demo need them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from coopdesk.db.queries.values import day, money, quantity
from coopdesk.db.reader import Reader


@dataclass(frozen=True)
class PendingSale:
    """A live sale not paid by a day: its receipt number, day, buyer and total."""

    receipt_number: int
    day: dt.date
    buyer: str
    total: Decimal


def _span(start: dt.date, end: dt.date) -> tuple[str, str]:
    return start.isoformat(), end.isoformat()


def sales_by_product(reader: Reader, start: dt.date, end: dt.date
                     ) -> list[tuple[str, Decimal, Decimal]]:
    """Return (product, units, total) of the live sales with start <= day < end, largest first."""
    return [(name, quantity(qty), money(cents))
            for name, qty, cents in reader.connection().exec_driver_sql(
                "SELECT p.name, sum(l.quantity), sum(l.total) AS t FROM sale_line l"
                " JOIN live_sale s ON s.id = l.sale_id JOIN product p ON p.id = l.product_id"
                " WHERE s.day >= ? AND s.day < ? GROUP BY p.id ORDER BY t DESC, p.name",
                _span(start, end))]


def units_by_product(reader: Reader, start: dt.date, end: dt.date) -> dict[int, Decimal]:
    """Return product id → units sold in live sales with start <= day < end."""
    return {pid: quantity(qty) for pid, qty in reader.connection().exec_driver_sql(
        "SELECT l.product_id, sum(l.quantity) FROM sale_line l JOIN live_sale s ON s.id=l.sale_id"
        " WHERE s.day >= ? AND s.day < ? GROUP BY l.product_id", _span(start, end))}


def purchases_by_item(reader: Reader, start: dt.date, end: dt.date
                      ) -> list[tuple[str, Decimal]]:
    """Return (input, total of its live purchases with start <= day < end), largest first."""
    return [(name, money(cents)) for name, cents in reader.connection().exec_driver_sql(
        "SELECT i.name, sum(p.total) AS t FROM live_purchase p"
        " JOIN input_item i ON i.id = p.item_id"
        " WHERE p.day >= ? AND p.day < ? GROUP BY i.id ORDER BY t DESC, i.name",
        _span(start, end))]


def pending_sales(reader: Reader, on: dt.date) -> list[PendingSale]:
    """Return the live sales made before *on* and not paid before it, oldest first."""
    return [PendingSale(number, day(d), buyer, money(cents))
            for number, d, buyer, cents in reader.connection().exec_driver_sql(
                "SELECT s.receipt_number, s.day, b.name, s.total FROM live_sale s"
                " JOIN buyer b ON b.id = s.buyer_id"
                " WHERE s.day < ? AND (NOT s.paid OR s.paid_on >= ?)"
                " ORDER BY s.day, s.receipt_number",
                (on.isoformat(), on.isoformat()))]


def sales_by_month(reader: Reader, start: dt.date, end: dt.date) -> dict[str, Decimal]:
    """Return "YYYY-MM" → total of the live sales of that month, start <= day < end."""
    return {month: money(cents) for month, cents in reader.connection().exec_driver_sql(
        "SELECT substr(day, 1, 7), sum(total) FROM live_sale"
        " WHERE day >= ? AND day < ? GROUP BY substr(day, 1, 7)", _span(start, end))}


def units_by_month_and_product(reader: Reader) -> list[tuple[int, str, Decimal]]:
    """Return (month number, product, units) of every live sale of the book, by month."""
    return [(month, name, quantity(qty)) for month, name, qty in reader.connection()
            .exec_driver_sql(
                "SELECT CAST(strftime('%m', s.day) AS INTEGER), p.name, sum(l.quantity)"
                " FROM sale_line l JOIN live_sale s ON s.id=l.sale_id"
                " JOIN product p ON p.id=l.product_id GROUP BY 1, 2 ORDER BY 1, 2")]
