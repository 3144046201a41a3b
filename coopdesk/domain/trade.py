"""Buying inputs and selling bars: the words and rules of trade."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from coopdesk.domain.money import line_total
from coopdesk.i18n import N_

#: Units offered in forms; any other short word is accepted too.
UNITS = ("kg", "g", "l", "unidad", "paquete", "rollo", "ciento", "millar")

#: Categories offered for other expenses; any other text is accepted too.
EXPENSE_CATEGORIES = (
    N_("Institution contribution"),
    N_("Transport"),
    N_("Maintenance"),
    N_("Other"),
)


@dataclass(frozen=True)
class SaleLine:
    """One product sold in a sale: quantity × unit price, rounded."""

    product: str
    quantity: Decimal
    unit_price: Decimal

    @property
    def total(self) -> Decimal:
        return line_total(self.quantity, self.unit_price)


def sale_total(lines: list[SaleLine]) -> Decimal:
    """A sale's total is the sum of its rounded line totals."""
    return sum((line.total for line in lines), Decimal("0.00"))


def format_receipt_number(number: int, series: str = "001") -> str:
    """Return a receipt number as printed: series and padding, e.g. ``001-000123``."""
    return f"{series}-{number:06d}"
