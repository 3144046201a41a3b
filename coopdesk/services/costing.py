"""Cost per unit, break-even and what-if from the book's own records.

For a period: units made come from the production batches; inputs are what the
batches used, at weighted-average cost; labor is the pay of the chocolate line's
workdays (those assigned to a batch go to its product, the rest is shared by units);
fixed costs are the period's other expenses (the institution's contribution,
transport...), shared by units, plus, when the switch is on, the costs the
institution now covers (space, equipment, electricity, water), entered per month.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from sqlmodel import Session

from coopdesk.db.tables import Setting
from coopdesk.domain.costing import UnitCost, WhatIf, per_unit, share_fixed_costs
from coopdesk.domain.errors import CoopError, InvalidInput
from coopdesk.domain.money import MAX_AMOUNT, ZERO, check_positive, from_cents, from_units
from coopdesk.domain.work import ProductionLine, workday_pay
from coopdesk.i18n import N_, _
from coopdesk.services.book import Book, audit
from coopdesk.services.lookups import rate_table

#: The costs the institution covers today, entered by the coordinator per month.
SUPPORT_ITEMS = (
    ("support_space", N_("Space (rent of the workshop)")),
    ("support_equipment", N_("Equipment (wear, per month)")),
    ("support_electricity", N_("Electricity")),
    ("support_water", N_("Water")),
)
SUPPORT_SWITCH = "support_included"
BAR_LINE = ProductionLine.CHOCOLATE.value


@dataclass(frozen=True)
class SupportCosts:
    """What the institution covers per month, and whether the picture counts it."""

    amounts: dict[str, Decimal]
    included: bool = False

    @property
    def monthly(self) -> Decimal:
        """All of it, per month."""
        return sum(self.amounts.values(), ZERO)


def get_support(book: Book) -> SupportCosts:
    """Return the institution's support costs as saved in the book's settings."""
    with book.read() as session:
        values = dict(session.connection().exec_driver_sql(
            "SELECT key, value FROM setting WHERE key LIKE 'support_%'").all())
    amounts = {key: Decimal(values.get(key) or "0.00") for key, _label in SUPPORT_ITEMS}
    return SupportCosts(amounts, values.get(SUPPORT_SWITCH) == "si")


def set_support(book: Book, *, amounts: dict[str, Decimal] | None = None,
                included: bool | None = None) -> SupportCosts:
    """Save the support costs (per month, zero or more) and/or the switch."""
    cleaned: dict[str, str] = {}
    for key, value in (amounts or {}).items():
        if key not in dict(SUPPORT_ITEMS):
            raise InvalidInput(_("Unknown setting “{key}”.").format(key=key))
        value = Decimal(value)
        check_positive(value, what=_("the amount"), allow_zero=True, maximum=MAX_AMOUNT)
        if value != value.quantize(Decimal("0.01")):
            raise InvalidInput(_("The amount has more than 2 decimals."), field=key)
        cleaned[key] = f"{value:.2f}"
    if included is not None:
        cleaned[SUPPORT_SWITCH] = "si" if included else "no"
    with book.transaction() as session:
        for key, value in cleaned.items():
            row = session.get(Setting, key) or Setting(key=key)
            before = row.value
            row.value = value
            session.add(row)
            audit(session, "setting", "setting", key, before=before, after=value)
    return get_support(book)


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


def cost_picture(book: Book, start: dt.date, end: dt.date,
                 *, support_included: bool | None = None) -> CostPicture:
    """Return the cost per unit of each product made with start <= day < end."""
    support = get_support(book)
    included = support.included if support_included is None else support_included
    with book.read() as session:
        return _picture(session, start, end, support, included)


def _picture(session: Session, start: dt.date, end: dt.date, support: SupportCosts,
             included: bool) -> CostPicture:
    conn = session.connection()
    span = (start.isoformat(), end.isoformat())
    rates = rate_table(session)
    names = dict(conn.exec_driver_sql("SELECT id, name FROM product").all())
    units: dict[int, Decimal] = defaultdict(lambda: Decimal("0.000"))
    inputs: dict[int, Decimal] = defaultdict(lambda: ZERO)
    assigned: dict[int, Decimal] = defaultdict(lambda: ZERO)
    assigned_days = Decimal("0.000")
    for product_id, day, qty, days, cost in conn.exec_driver_sql(
        "SELECT product_id, day, units, workdays, inputs_cost FROM production_batch"
        " WHERE voided_at IS NULL AND day >= ? AND day < ?", span):
        units[product_id] += from_units(qty, 3)
        inputs[product_id] += from_cents(cost)
        days = from_units(days, 3)
        assigned_days += days
        assigned[product_id] += workday_pay(days, rates.rate_on(dt.date.fromisoformat(day)))
    estimated = not units
    if estimated:
        for product_id, qty in conn.exec_driver_sql(
            "SELECT l.product_id, sum(l.quantity) FROM sale_line l JOIN sale s ON s.id=l.sale_id"
            " WHERE s.voided_at IS NULL AND s.day >= ? AND s.day < ? GROUP BY l.product_id",
                span):
            units[product_id] = from_units(qty, 3)
        bought = from_cents(conn.exec_driver_sql(
            "SELECT coalesce(sum(total), 0) FROM purchase WHERE voided_at IS NULL"
            " AND day >= ? AND day < ?", span).scalar())
        for product_id, share in (share_fixed_costs(bought, dict(units)) if units else {}).items():
            inputs[product_id] = share
    line_days, line_pay = Decimal("0.000"), ZERO
    for day, fraction in conn.exec_driver_sql(
        "SELECT day, fraction FROM workday WHERE voided_at IS NULL AND line=?"
        " AND day >= ? AND day < ?", (BAR_LINE, *span)):
        fraction = from_units(fraction, 3)
        line_days += fraction
        line_pay += workday_pay(fraction, rates.rate_on(dt.date.fromisoformat(day)))
    rest = max(line_pay - sum(assigned.values(), ZERO), ZERO)
    expense_lines = [(c, from_cents(t)) for c, t in conn.exec_driver_sql(
        "SELECT category, sum(amount) FROM expense WHERE voided_at IS NULL AND day >= ?"
        " AND day < ? GROUP BY category ORDER BY sum(amount) DESC", span)]
    expenses = sum((t for _c, t in expense_lines), ZERO)
    months = months_between(start, end)
    support_total = (support.monthly * months).quantize(Decimal("0.01"))
    fixed = expenses + (support_total if included else ZERO)
    keys = {str(pid): q for pid, q in units.items() if q > 0}
    labor_rest = share_fixed_costs(rest, keys) if keys else {}
    fixed_share = share_fixed_costs(fixed, keys) if keys else {}
    end_day = end - dt.timedelta(days=1)
    products = []
    for pid_text in sorted(keys, key=lambda k: names[int(k)]):
        pid = int(pid_text)
        price = conn.exec_driver_sql(
            "SELECT unit_price FROM product_price WHERE product_id=? AND valid_from <= ?"
            " ORDER BY valid_from DESC LIMIT 1", (pid, end_day.isoformat())).scalar()
        products.append(UnitCost(
            product=names[pid], units=units[pid], inputs=inputs[pid],
            labor=assigned[pid] + labor_rest[pid_text], fixed=fixed_share[pid_text],
            price=from_units(price, 4) if price is not None else Decimal("0.00")))
    return CostPicture(
        start=start, end=end, products=products, expenses=expenses, support=support_total,
        support_included=included, workdays=max(line_days, assigned_days),
        daily_pay=rates.rate_on(end_day), estimated=estimated, expense_lines=expense_lines)
