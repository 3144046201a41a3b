"""Reads about sales, purchases, the products' prices and the named buyers, suppliers, inputs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from coopdesk.db.reader import Reader
from coopdesk.db.scales import PRICE

#: The tables of the things known by name (a buyer, a supplier, a product, an input).
NAMED_TABLES = {"buyer": "buyer", "supplier": "supplier", "product": "product",
                "input": "input_item"}


def next_receipt_number(reader: Reader) -> int:
    """One more than the last receipt number (voided sales keep theirs: never reused)."""
    return int(reader.connection().exec_driver_sql(
        "SELECT coalesce(max(receipt_number), 0) + 1 FROM sale").scalar())


def sale_id_numbered(reader: Reader, receipt_number: int) -> int | None:
    """The id of the sale with *receipt_number*, or None."""
    return reader.connection().exec_driver_sql(
        "SELECT id FROM sale WHERE receipt_number = ?", (int(receipt_number),)).scalar()


def live_sale_has_reference(reader: Reader, reference: str) -> bool:
    """True when a live sale already carries the paper reference *reference*."""
    return reader.connection().exec_driver_sql(
        "SELECT 1 FROM live_sale WHERE reference = ? LIMIT 1", (reference,)).first() is not None


def live_purchase_has_reference(reader: Reader, supplier_id: int, reference: str) -> bool:
    """True when a live purchase from the supplier already carries *reference*."""
    return reader.connection().exec_driver_sql(
        "SELECT 1 FROM live_purchase WHERE supplier_id = ? AND reference = ? LIMIT 1",
        (supplier_id, reference)).first() is not None


def named_id(reader: Reader, kind: str, key: str) -> int | None:
    """The id of the *kind* (buyer, supplier, product, input) whose name_key is *key*."""
    return reader.connection().exec_driver_sql(
        f"SELECT id FROM {NAMED_TABLES[kind]} WHERE name_key = ?", (key,)).scalar()


def price_on(reader: Reader, product_id: int, day: dt.date) -> Decimal | None:
    """The product's unit price in force on *day*, or None before its first price."""
    return PRICE.decode(reader.connection().exec_driver_sql(
        "SELECT unit_price FROM product_price WHERE product_id = ? AND valid_from <= ?"
        " ORDER BY valid_from DESC LIMIT 1", (product_id, day.isoformat())).scalar())


def has_price_from(reader: Reader, product_id: int, valid_from: dt.date) -> bool:
    """True when the product already has a price starting on *valid_from*."""
    return reader.connection().exec_driver_sql(
        "SELECT 1 FROM product_price WHERE product_id = ? AND valid_from = ?",
        (product_id, valid_from.isoformat())).first() is not None
