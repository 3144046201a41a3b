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


def lowest_balance_from(moves: list[tuple[dt.date, Decimal]], day: dt.date) -> Decimal:
    """Return the lowest end-of-day balance on *day* and on every later day that moves.

    *moves* are one fund's live movements as (day, signed amount). What can be taken
    out on *day* without leaving that day or any later one below zero: the rule the
    book's trigger ``trg_fund_movement_out_within`` holds (revision 0011).
    """
    days = {day} | {d for d, _amount in moves if d > day}
    return min(sum((a for d, a in moves if d <= on), Decimal("0.00")) for on in days)
