"""Column types that keep exact decimals as integers in SQLite.

SQLite has no exact decimal type (SQLAlchemy's Numeric goes through float there), so
money is stored as integer céntimos, quantities as thousandths and unit prices as
ten-thousandths; Python sees Decimal.
"""

from __future__ import annotations

from sqlalchemy import Integer
from sqlalchemy.types import TypeDecorator

from coopdesk.db.scales import MONEY, PRICE, QTY, Scale


class _ScaledDecimal(TypeDecorator):
    """A Decimal with a fixed number of places, stored as an integer."""

    impl = Integer
    cache_ok = True
    scale: Scale = MONEY

    def process_bind_param(self, value, dialect):
        return self.scale.encode(value)

    def process_result_value(self, value, dialect):
        return self.scale.decode(value)


class MoneyCents(_ScaledDecimal):
    """Money: Decimal with 2 places ↔ integer céntimos."""

    cache_ok = True
    scale = MONEY


class Qty(_ScaledDecimal):
    """Quantities and workday fractions: Decimal with 3 places ↔ integer thousandths."""

    cache_ok = True
    scale = QTY


class UnitPrice(_ScaledDecimal):
    """Unit prices: Decimal with 4 places ↔ integer ten-thousandths."""

    cache_ok = True
    scale = PRICE
