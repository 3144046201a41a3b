"""What the costing reads: production batches with their labour, and product prices."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from coopdesk.db.queries.values import money, quantity
from coopdesk.db.reader import Reader


@dataclass(frozen=True)
class BatchCost:
    """A live production batch: units made, workdays assigned and what they and its inputs cost."""

    product_id: int
    units: Decimal
    workdays: Decimal
    labour: Decimal
    inputs: Decimal


def batch_costs(reader: Reader, start: dt.date, end: dt.date) -> list[BatchCost]:
    """Return the live batches made with start <= day < end (labour at the rate of their day)."""
    return [BatchCost(pid, quantity(units), quantity(days), money(pay), money(cost))
            for pid, units, days, pay, cost in reader.connection().exec_driver_sql(
                "SELECT product_id, units, workdays, amount, inputs_cost FROM batch_labour"
                " WHERE day >= ? AND day < ?", (start.isoformat(), end.isoformat()))]


def product_names(reader: Reader) -> dict[int, str]:
    """Return product id → name."""
    return dict(reader.connection().exec_driver_sql("SELECT id, name FROM product").all())


def has_prices(reader: Reader) -> bool:
    """True when at least one product has a price."""
    return reader.connection().exec_driver_sql(
        "SELECT 1 FROM product_price LIMIT 1").first() is not None


def rate_count(reader: Reader) -> int:
    """Return how many labour rates the book has (the first one comes with a new book)."""
    return reader.connection().exec_driver_sql("SELECT count(*) FROM labor_rate").scalar() or 0
