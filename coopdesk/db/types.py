"""Column types that keep exact decimals as integers in SQLite.

SQLite has no exact decimal type (SQLAlchemy's Numeric goes through float there), so
money is stored as integer céntimos, quantities as thousandths and unit prices as
ten-thousandths; Python sees Decimal.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Integer
from sqlalchemy.types import TypeDecorator

from coopdesk.domain.money import MONEY_PLACES, PRICE_PLACES, QTY_PLACES, from_units, to_units


class _ScaledDecimal(TypeDecorator):
    """A Decimal with a fixed number of places, stored as an integer."""

    impl = Integer
    cache_ok = True
    places = 0

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if isinstance(value, float):
            raise TypeError("floats are never stored as money or quantities")
        return to_units(Decimal(value), self.places)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return from_units(value, self.places)


class MoneyCents(_ScaledDecimal):
    """Money: Decimal with 2 places ↔ integer céntimos."""

    cache_ok = True
    places = MONEY_PLACES


class Qty(_ScaledDecimal):
    """Quantities and workday fractions: Decimal with 3 places ↔ integer thousandths."""

    cache_ok = True
    places = QTY_PLACES


class UnitPrice(_ScaledDecimal):
    """Unit prices: Decimal with 4 places ↔ integer ten-thousandths."""

    cache_ok = True
    places = PRICE_PLACES
