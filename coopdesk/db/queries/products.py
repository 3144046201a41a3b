"""Reads about the products and their prices."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from coopdesk.db.reader import Reader
from coopdesk.db.scales import PRICE, as_day


@dataclass(frozen=True)
class ProductPriceRow:
    """A product, its price in force on a day (None before its first price) and since when."""

    name: str
    price: Decimal | None
    since: dt.date | None


def prices_on(reader: Reader, day: dt.date) -> list[ProductPriceRow]:
    """Every product by name with its price in force on *day*."""
    rows = reader.connection().exec_driver_sql(
        "SELECT p.name,"
        " (SELECT pp.unit_price FROM product_price pp WHERE pp.product_id = p.id"
        "   AND pp.valid_from <= ? ORDER BY pp.valid_from DESC LIMIT 1),"
        " (SELECT max(pp.valid_from) FROM product_price pp WHERE pp.product_id = p.id"
        "   AND pp.valid_from <= ?)"
        " FROM product p ORDER BY p.name_key",
        (day.isoformat(), day.isoformat()),
    ).all()
    return [ProductPriceRow(name, PRICE.decode(price), as_day(since))
            for name, price, since in rows]
