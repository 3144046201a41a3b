"""The cooperative's funds as plain data: a fund's month and one movement, for paper and JSON."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

#: The funds, in the order paper and JSON list them.
FUNDS = ("reserve", "education")


@dataclass(frozen=True)
class FundFlow:
    """A fund over a period: its balance before, what came in and went out, and after."""

    opening: Decimal
    came_in: Decimal
    went_out: Decimal

    @property
    def closing(self) -> Decimal:
        """The balance at the period's end."""
        return self.opening + self.came_in - self.went_out


@dataclass(frozen=True)
class FundMove:
    """One live movement of a fund, as the monthly report lists it."""

    day: dt.date
    fund: str
    direction: str
    amount: Decimal
    source: str
    note: str


NO_FLOW = FundFlow(Decimal("0.00"), Decimal("0.00"), Decimal("0.00"))
