"""The products and the price each has today, as Configuración lists them."""

from __future__ import annotations

import datetime as dt

from coopdesk.db.queries.products import ProductPriceRow, prices_on
from coopdesk.services.book import Book

__all__ = ["ProductPriceRow", "product_prices"]


def product_prices(book: Book, day: dt.date | None = None) -> list[ProductPriceRow]:
    """Return every product by name with its price in force on *day* (default today)."""
    with book.read() as reader:
        return prices_on(reader, day or dt.date.today())
