"""The products and the price each has today, as Configuración lists them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from coopdesk.domain.money import from_units
from coopdesk.services.book import Book


@dataclass(frozen=True)
class ProductPriceRow:
    """A product, its price in force on a day (None before its first price) and since when."""

    name: str
    price: Decimal | None
    since: dt.date | None


def product_prices(book: Book, day: dt.date | None = None) -> list[ProductPriceRow]:
    """Return every product by name with its price in force on *day* (default today)."""
    day = day or dt.date.today()
    with book.read_sql() as reader:
        rows = reader.connection().exec_driver_sql(
            "SELECT p.name,"
            " (SELECT pp.unit_price FROM product_price pp WHERE pp.product_id = p.id"
            "   AND pp.valid_from <= ? ORDER BY pp.valid_from DESC LIMIT 1),"
            " (SELECT max(pp.valid_from) FROM product_price pp WHERE pp.product_id = p.id"
            "   AND pp.valid_from <= ?)"
            " FROM product p ORDER BY p.name_key",
            (day.isoformat(), day.isoformat()),
        ).all()
    return [
        ProductPriceRow(name, None if price is None else from_units(price, 4),
                        dt.date.fromisoformat(since[:10]) if since else None)
        for name, price, since in rows
    ]
