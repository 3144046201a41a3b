"""The figures of a month, as plain data: what `summary`, statements and reports print."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from coopdesk.domain.funds import FUNDS, NO_FLOW, FundFlow, FundMove
from coopdesk.domain.money import money_str, quantity_str
from coopdesk.domain.month import Month


@dataclass(frozen=True)
class MemberMonth:
    """One member's month: opening balance, days and pay earned, paid, deducted, closing balance.

    ``earned`` is labor only; ``credited`` is what was credited to her that is not labor
    (her share of an approved surplus). Both count in her balance, and the interchange's
    ``earned`` is their sum, so closing = opening + earned − paid − deducted stays exact.
    """

    code: str
    name: str
    workdays: Decimal
    earned: Decimal
    paid: Decimal
    opening_balance: Decimal
    credited: Decimal = Decimal("0.00")
    #: Taken from her pay for her share capital this month (lowers her balance).
    deducted: Decimal = Decimal("0.00")
    #: Her share capital at the month's end: subscribed, and paid net of returned.
    capital_subscribed: Decimal = Decimal("0.00")
    capital_paid: Decimal = Decimal("0.00")

    @property
    def closing_balance(self) -> Decimal:
        return self.opening_balance + self.earned + self.credited - self.paid - self.deducted


@dataclass(frozen=True)
class MonthSummary:
    """The cooperative's month in figures (the `summary --json` schema)."""

    year: int
    month: int
    workdays: Decimal
    earned: Decimal
    paid: Decimal
    sales_count: int
    sales_units: Decimal
    sales_total: Decimal
    sales_unpaid: Decimal
    by_buyer: list[tuple[str, Decimal]]
    purchases_total: Decimal
    expenses_total: Decimal
    attendance: dict[int, int]
    members: list[MemberMonth] = field(default_factory=list)
    #: The month's share capital movements: subscribed, paid (cash + deductions), returned.
    capital_subscribed: Decimal = Decimal("0.00")
    capital_paid: Decimal = Decimal("0.00")
    capital_returned: Decimal = Decimal("0.00")
    #: Each fund's month (reserve, education): opening, in, out, closing.
    funds: dict[str, FundFlow] = field(default_factory=dict)
    #: The funds' live movements of the month, by day.
    fund_moves: tuple[FundMove, ...] = ()

    @property
    def result(self) -> Decimal:
        """Sales − purchases − expenses − labor earned."""
        return self.sales_total - self.purchases_total - self.expenses_total - self.earned

    @property
    def owed_to_members(self) -> Decimal:
        """What the cooperative owes all members at the month's end."""
        return sum((m.closing_balance for m in self.members), Decimal("0.00"))

    def as_json_dict(self) -> dict:
        """Return the dict printed by ``coopdesk summary --json``, exactly per the contract."""
        return {
            "month": Month(self.year, self.month).key,
            "currency": "PEN",
            "labor": {
                "workdays": quantity_str(self.workdays),
                "earned": money_str(self.earned),
                "paid": money_str(self.paid),
            },
            "sales": {
                "count": self.sales_count,
                "units": quantity_str(self.sales_units),
                "total": money_str(self.sales_total),
                "unpaid": money_str(self.sales_unpaid),
                "by_buyer": {name: money_str(total) for name, total in self.by_buyer},
            },
            "purchases": {"total": money_str(self.purchases_total)},
            "expenses": {"total": money_str(self.expenses_total)},
            "result": money_str(self.result),
            "attendance": {str(n): self.attendance.get(n, 0) for n in range(1, 10)},
            "capital": {
                "subscribed": money_str(self.capital_subscribed),
                "paid": money_str(self.capital_paid),
                "returned": money_str(self.capital_returned),
            },
            "funds": {
                fund: {
                    "opening": money_str(flow.opening),
                    "in": money_str(flow.came_in),
                    "out": money_str(flow.went_out),
                    "closing": money_str(flow.closing),
                }
                for fund, flow in ((f, self.funds.get(f, NO_FLOW)) for f in FUNDS)
            },
            "members": [
                {
                    "code": m.code,
                    "workdays": quantity_str(m.workdays),
                    "earned": money_str(m.earned + m.credited),
                    "paid": money_str(m.paid),
                    "deducted": money_str(m.deducted),
                    "opening_balance": money_str(m.opening_balance),
                    "closing_balance": money_str(m.closing_balance),
                    "capital_subscribed": money_str(m.capital_subscribed),
                    "capital_paid": money_str(m.capital_paid),
                }
                for m in self.members
            ],
        }
