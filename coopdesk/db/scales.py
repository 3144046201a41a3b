"""How a column's stored value becomes a Python value: exact decimals and days.

The column types (coopdesk.db.types) and the named queries (coopdesk.db.queries) both
convert through these, so a figure read with plain SQL is the same Decimal the ORM
gives, and neither needs SQLAlchemy to be loaded (the first screen reads without it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from coopdesk.domain.money import MONEY_PLACES, PRICE_PLACES, QTY_PLACES, from_units, to_units


@dataclass(frozen=True)
class Scale:
    """A Decimal with a fixed number of places, stored as an integer."""

    places: int

    def decode(self, units: int | None) -> Decimal | None:
        """The Decimal of the stored integer *units* (None stays None)."""
        return None if units is None else from_units(units, self.places)

    def value(self, units: int | None) -> Decimal:
        """The Decimal of *units*, an empty sum (None) being zero."""
        return from_units(units or 0, self.places)

    def encode(self, value: Decimal | None) -> int | None:
        """The stored integer of *value*; floats are refused."""
        if value is None:
            return None
        if isinstance(value, float):
            raise TypeError("floats are never stored as money or quantities")
        return to_units(Decimal(value), self.places)


#: Money: Decimal with 2 places ↔ integer céntimos.
MONEY = Scale(MONEY_PLACES)
#: Quantities and workday fractions: Decimal with 3 places ↔ integer thousandths.
QTY = Scale(QTY_PLACES)
#: Unit prices: Decimal with 4 places ↔ integer ten-thousandths.
PRICE = Scale(PRICE_PLACES)


def as_day(text: str | None) -> dt.date | None:
    """The date of a Date column's stored text (``YYYY-MM-DD``, as SQLAlchemy writes it)."""
    return None if text is None else dt.date.fromisoformat(text[:10])


def as_moment(text: str | None) -> dt.datetime | None:
    """The datetime of a DateTime column's stored text (as SQLAlchemy writes it)."""
    return None if text is None else dt.datetime.fromisoformat(text)
