"""Cost accounting for a small producer: input costs, cost per unit, break-even and what-if.

Plain arithmetic on Decimal. Money results are rounded to the céntimo only where a
figure is shown or stored; per-unit costs keep four places so that multiplying
them back by thousands of bars does not drift.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

from coopdesk.domain.errors import CoopError, InvalidInput
from coopdesk.domain.money import ZERO, round_money
from coopdesk.i18n import _

UNIT_PLACES = Decimal("0.0001")
QTY_ZERO = Decimal("0.000")


def per_unit(total: Decimal, units: Decimal) -> Decimal:
    """Return *total* ÷ *units* to four places (zero when nothing was made)."""
    if not units:
        return Decimal("0.0000")
    return (Decimal(total) / Decimal(units)).quantize(UNIT_PLACES, rounding=ROUND_HALF_UP)


def weighted_average_cost(lots: Iterable[tuple[Decimal, Decimal]]) -> Decimal:
    """Return the weighted-average unit cost of (quantity, total cost) lots."""
    quantity = QTY_ZERO
    value = ZERO
    for qty, total in lots:
        quantity += Decimal(qty)
        value += Decimal(total)
    return per_unit(value, quantity)


@dataclass(frozen=True)
class StockMove:
    """A purchase (quantity and what it cost) or a use (quantity only) of one input."""

    quantity: Decimal
    cost: Decimal | None = None  # None for a use: it is valued by the running average

    @property
    def is_purchase(self) -> bool:
        return self.cost is not None


def moving_average_uses(moves: Iterable[StockMove]) -> list[Decimal]:
    """Value each use at the weighted-average cost of the stock it is taken from.

    *moves* are in date order (purchases of a day before its uses). Each use costs
    quantity × (stock value ÷ stock quantity), rounded to the céntimo, and leaves the
    stock with the rest of the value. A use larger than the stock takes the last
    average (or the last purchase price) so that a late purchase entry never gives a
    batch a cost of zero. Returns one cost per use, in order.
    """
    quantity = QTY_ZERO
    value = ZERO
    last_unit = Decimal("0.0000")
    costs: list[Decimal] = []
    for move in moves:
        qty = Decimal(move.quantity)
        if move.is_purchase:
            quantity += qty
            value += Decimal(move.cost)
            if qty:
                last_unit = per_unit(value, quantity) if quantity > 0 else per_unit(move.cost, qty)
            continue
        unit = per_unit(value, quantity) if quantity > 0 and value > 0 else last_unit
        cost = round_money(qty * unit)
        if quantity > 0 and value > 0:
            last_unit = unit
        quantity -= qty
        value = value - cost if quantity > 0 else ZERO
        if value < 0:
            value = ZERO
        costs.append(cost)
    return costs


@dataclass(frozen=True)
class UnitCost:
    """What one unit of a product cost over a period, and the margin at its price."""

    product: str
    units: Decimal
    inputs: Decimal
    labor: Decimal
    fixed: Decimal
    price: Decimal

    @property
    def inputs_per_unit(self) -> Decimal:
        return per_unit(self.inputs, self.units)

    @property
    def labor_per_unit(self) -> Decimal:
        return per_unit(self.labor, self.units)

    @property
    def fixed_per_unit(self) -> Decimal:
        return per_unit(self.fixed, self.units)

    @property
    def variable_per_unit(self) -> Decimal:
        """Inputs and labor per unit (what each extra unit costs)."""
        return self.inputs_per_unit + self.labor_per_unit

    @property
    def cost_per_unit(self) -> Decimal:
        """Inputs + labor + share of fixed costs, per unit."""
        return self.inputs_per_unit + self.labor_per_unit + self.fixed_per_unit

    @property
    def margin_per_unit(self) -> Decimal:
        """Price − full cost per unit (negative: each unit sold at a loss)."""
        return self.price - self.cost_per_unit

    @property
    def margin_percent(self) -> Decimal:
        """Gross margin as a percentage of the price, one decimal."""
        if not self.price:
            return Decimal("0.0")
        return (self.margin_per_unit * 100 / self.price).quantize(Decimal("0.1"), ROUND_HALF_UP)


def share_fixed_costs(fixed: Decimal, units: dict[str, Decimal]) -> dict[str, Decimal]:
    """Split *fixed* costs among products in proportion to units made, to the céntimo exactly."""
    from coopdesk.domain.distribution import largest_remainder

    return largest_remainder(fixed, units)


def break_even_units(fixed: Decimal, price: Decimal, variable_per_unit: Decimal) -> int:
    """Return the whole units to sell so that sales cover fixed and variable costs.

    Break-even = fixed costs ÷ (price − variable cost per unit), rounded up. When the
    price does not exceed the variable cost, every unit loses money and no volume
    breaks even: that is refused with a sentence saying so.
    """
    contribution = Decimal(price) - Decimal(variable_per_unit)
    if contribution <= 0:
        raise InvalidInput(
            _(
                "At a price of S/ {price} each unit's variable cost is S/ {variable}, so "
                "every unit sold loses money and no volume reaches break-even. "
                "The price must be above S/ {variable}."
            ).format(price=round_money(price), variable=round_money(variable_per_unit)),
            field="price",
        )
    if fixed <= 0:
        return 0
    return math.ceil(Decimal(fixed) / contribution)


@dataclass(frozen=True)
class WhatIf:
    """A yearly plan: volume and price against the costs measured in the book.

    The members' workdays are a commitment of the cooperative, not a cost of each bar:
    the same women come on the same days whether more or fewer bars are sold (the
    workshop can make far more than it sells). So labor is workdays a year × daily
    pay, and the question is how much pay a volume and a price can afford for them.
    """

    units: Decimal
    price: Decimal
    inputs_per_unit: Decimal
    workdays_per_year: Decimal
    daily_pay: Decimal
    fixed_yearly: Decimal

    @property
    def sales(self) -> Decimal:
        """Yearly sales: units × price."""
        return round_money(Decimal(self.units) * Decimal(self.price))

    @property
    def inputs(self) -> Decimal:
        """Yearly inputs: units × inputs per unit."""
        return round_money(Decimal(self.units) * self.inputs_per_unit)

    @property
    def labor(self) -> Decimal:
        """Yearly labor: the workdays at the daily pay."""
        return round_money(Decimal(self.workdays_per_year) * Decimal(self.daily_pay))

    @property
    def surplus(self) -> Decimal:
        """Sales − inputs − labor − fixed costs for the year."""
        return self.sales - self.inputs - self.labor - round_money(self.fixed_yearly)

    @property
    def affordable_daily_pay(self) -> Decimal | None:
        """The daily pay that leaves a surplus of zero (None when there are no workdays)."""
        days = Decimal(self.workdays_per_year)
        if days <= 0:
            return None
        left = self.sales - self.inputs - round_money(self.fixed_yearly)
        return (left / days).quantize(Decimal("0.01"), rounding=ROUND_FLOOR)

    def units_for_daily_pay(self, pay: Decimal) -> int:
        """Return the yearly units that pay *pay* a workday at this price (or refuse)."""
        committed = round_money(self.fixed_yearly) + round_money(
            Decimal(self.workdays_per_year) * Decimal(pay))
        return break_even_units(committed, self.price, self.inputs_per_unit)


def months_between(start: dt.date, end: dt.date) -> Decimal:
    """Return how many months the period start <= day < end spans (whole months exactly)."""
    if start.day == 1 and end.day == 1:
        return Decimal((end.year - start.year) * 12 + end.month - start.month)
    return (Decimal((end - start).days) * 12 / Decimal("365")).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class CostPicture:
    """Cost per unit of each product over a period, and what break-even needs."""

    start: dt.date
    end: dt.date
    products: list[UnitCost]
    expenses: Decimal
    support: Decimal
    support_included: bool
    workdays: Decimal
    daily_pay: Decimal
    estimated: bool = False  # no batches: units from sales, inputs from purchases
    expense_lines: list[tuple[str, Decimal]] = field(default_factory=list)
    #: The daily pay in force on the day the picture is drawn (None: the period's last rate).
    rate_today: Decimal | None = None
    #: (daily pay, workdays paid at it) of the line's recorded workdays, first used first:
    #: a period across a change of rate was paid at both, not at the newest.
    days_by_rate: tuple[tuple[Decimal, Decimal], ...] = ()

    @property
    def todays_rate(self) -> Decimal:
        """The daily pay in force today: what a plan for next year starts from."""
        return self.daily_pay if self.rate_today is None else self.rate_today

    def workdays_for(self, units) -> Decimal:
        """Return the workdays *units* bars take at the period's measured workdays per bar."""
        return (self.workdays_per_unit * Decimal(units)).quantize(Decimal("0.1"),
                                                                  rounding=ROUND_HALF_UP)

    def volume_plan(self, *, price: Decimal, units, daily_pay: Decimal | None = None) -> WhatIf:
        """Return the yearly plan for *units* bars whose workdays grow with the bars.

        Twenty thousand bars take five times the workdays of four thousand: the days are
        the measured workdays per bar × the bars, paid at today's rate unless *daily_pay*.
        """
        return self.what_if(price=price, units=Decimal(units),
                            daily_pay=self.todays_rate if daily_pay is None else daily_pay,
                            workdays_per_year=self.workdays_for(units))

    def bars_for_daily_pay(self, price: Decimal, pay: Decimal) -> int:
        """Return the bars a year that pay *pay* a workday when the days grow with the bars.

        Each bar must bring its inputs and its workdays' pay; what is left covers the
        fixed costs: bars = fixed ÷ (price − inputs per bar − pay × workdays per bar).
        """
        return break_even_units(round_money(self.fixed_yearly), Decimal(price),
                                self.inputs_per_unit + Decimal(pay) * self.workdays_per_unit)

    @property
    def months(self) -> Decimal:
        return months_between(self.start, self.end)

    @property
    def units(self) -> Decimal:
        return sum((p.units for p in self.products), Decimal("0.000"))

    @property
    def fixed(self) -> Decimal:
        """The period's fixed costs (with the institution's support when switched on)."""
        return self.expenses + (self.support if self.support_included else ZERO)

    @property
    def fixed_yearly(self) -> Decimal:
        """The fixed costs for twelve months at the period's pace."""
        if not self.months:
            return ZERO
        return (self.fixed * 12 / self.months).quantize(Decimal("0.01"))

    def _weighted(self, attr: str) -> Decimal:
        if not self.units:
            return Decimal("0.0000")
        total = sum((getattr(p, attr) * p.units for p in self.products), Decimal(0))
        return per_unit(total, self.units)

    @property
    def price(self) -> Decimal:
        """The average current price, weighted by units made."""
        return self._weighted("price")

    @property
    def inputs_per_unit(self) -> Decimal:
        return self._weighted("inputs_per_unit")

    @property
    def labor_per_unit(self) -> Decimal:
        return self._weighted("labor_per_unit")

    @property
    def variable_per_unit(self) -> Decimal:
        """Inputs and labor of one unit on average."""
        return self.inputs_per_unit + self.labor_per_unit

    @property
    def workdays_per_unit(self) -> Decimal:
        """Days of work one unit took in the period."""
        return per_unit(self.workdays, self.units)

    @property
    def workdays_per_year(self) -> Decimal:
        """The chocolate line's workdays for twelve months at the period's pace."""
        if not self.months:
            return Decimal("0.0")
        return (self.workdays * 12 / self.months).quantize(Decimal("0.1"))

    def what_if(self, *, price: Decimal, units: Decimal, daily_pay: Decimal | None = None,
                workdays_per_year: Decimal | None = None) -> WhatIf:
        """Return the yearly plan for *units* at *price* with this period's costs."""
        return WhatIf(units=Decimal(units), price=Decimal(price),
                      inputs_per_unit=self.inputs_per_unit,
                      workdays_per_year=(self.workdays_per_year if workdays_per_year is None
                                         else Decimal(workdays_per_year)),
                      daily_pay=self.daily_pay if daily_pay is None else Decimal(daily_pay),
                      fixed_yearly=self.fixed_yearly)

    def break_even(self, price: Decimal | None = None) -> int:
        """Bars a year that cover the fixed costs and the year's workdays at today's pay.

        Break-even = (fixed costs + workdays a year × daily pay) ÷ (price − inputs per
        bar): the members' days are a commitment, like the institution's contribution.
        """
        plan = self.what_if(price=price or self.price, units=Decimal(0))
        return plan.units_for_daily_pay(self.daily_pay)

    def break_even_text(self, price: Decimal | None = None) -> tuple[int | None, str]:
        """Return (units, '') or (None, the sentence saying why there is none)."""
        try:
            return self.break_even(price), ""
        except CoopError as exc:
            return None, exc.message
