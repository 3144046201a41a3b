"""The column types' read side for plain SQL: integers and ISO text back to Decimal and date.

The ORM converts through `coopdesk.db.types`; a plain SELECT gets the stored integers, so
every query function converts its columns here, with the same places as those types.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from coopdesk.domain.money import MONEY_PLACES, PRICE_PLACES, QTY_PLACES, from_units


def money(cents: int | None) -> Decimal:
    """A MoneyCents column (None, as from an empty sum: zero)."""
    return from_units(cents or 0, MONEY_PLACES)


def quantity(units: int | None) -> Decimal:
    """A Qty column: quantities and workday fractions, in thousandths."""
    return from_units(units or 0, QTY_PLACES)


def price(units: int | None) -> Decimal | None:
    """A UnitPrice column, in ten-thousandths (None stays None: no price)."""
    return None if units is None else from_units(units, PRICE_PLACES)


def day(text: str | None) -> dt.date | None:
    """A date column as SQLite keeps it (ISO text, maybe with a time after the day)."""
    return dt.date.fromisoformat(text[:10]) if text else None
