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
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from coopdesk.db.queries import costing as costs
from coopdesk.db.queries import trade as trade_rows
from coopdesk.db.queries.labour import line_days_by_rate, line_labour, rate_table
from coopdesk.db.queries.sales import units_by_product
from coopdesk.db.queries.summary import expenses_by_category, purchases_total
from coopdesk.domain.changes import Kind, changes
from coopdesk.domain.costing import CostPicture, UnitCost, months_between, share_fixed_costs
from coopdesk.domain.errors import InvalidInput
from coopdesk.domain.money import ZERO, check_amount
from coopdesk.domain.work import ProductionLine
from coopdesk.i18n import N_, _
from coopdesk.services.book import Book
from coopdesk.services.settings import read_settings, write_settings

if TYPE_CHECKING:
    from coopdesk.db.reader import Reader

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
    with book.read() as reader:
        values = read_settings(reader, "support_")
    amounts = {key: Decimal(values.get(key) or "0.00") for key, _label in SUPPORT_ITEMS}
    return SupportCosts(amounts, values.get(SUPPORT_SWITCH) == "si")


@changes(Kind.SETTINGS)
def set_support(book: Book, *, amounts: dict[str, Decimal] | None = None,
                included: bool | None = None) -> SupportCosts:
    """Save the support costs (per month, zero or more) and/or the switch."""
    cleaned: dict[str, str] = {}
    for key, value in (amounts or {}).items():
        if key not in dict(SUPPORT_ITEMS):
            raise InvalidInput(_("Unknown setting “{key}”.").format(key=key))
        value = Decimal(value)
        check_amount(value, what=_("the amount"), allow_zero=True)
        if value != value.quantize(Decimal("0.01")):
            raise InvalidInput(_("The amount has more than 2 decimals."), field=key)
        cleaned[key] = f"{value:.2f}"
    if included is not None:
        cleaned[SUPPORT_SWITCH] = "si" if included else "no"
    with book.transaction() as session:
        write_settings(session, cleaned)
    return get_support(book)


def cost_picture(book: Book, start: dt.date, end: dt.date,
                 *, support_included: bool | None = None) -> CostPicture:
    """Return the cost per unit of each product made with start <= day < end."""
    support = get_support(book)
    included = support.included if support_included is None else support_included
    with book.read() as reader:
        return _picture(reader, start, end, support, included)


def _picture(reader: Reader, start: dt.date, end: dt.date, support: SupportCosts,
             included: bool) -> CostPicture:
    rates = rate_table(reader)
    names = costs.product_names(reader)
    units: dict[int, Decimal] = defaultdict(lambda: Decimal("0.000"))
    inputs: dict[int, Decimal] = defaultdict(lambda: ZERO)
    assigned: dict[int, Decimal] = defaultdict(lambda: ZERO)
    assigned_days = Decimal("0.000")
    for batch in costs.batch_costs(reader, start, end):
        units[batch.product_id] += batch.units
        inputs[batch.product_id] += batch.inputs
        assigned_days += batch.workdays
        assigned[batch.product_id] += batch.labour
    estimated = not units
    if estimated:
        units.update(units_by_product(reader, start, end))
        bought = purchases_total(reader, start, end)
        for product_id, share in (share_fixed_costs(bought, dict(units)) if units else {}).items():
            inputs[product_id] = share
    line = line_labour(reader, BAR_LINE, start, end)
    line_days, line_pay = line.workdays, line.earned
    rest = max(line_pay - sum(assigned.values(), ZERO), ZERO)
    expense_lines = expenses_by_category(reader, start, end)
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
        price = trade_rows.price_on(reader, pid, end_day)
        products.append(UnitCost(
            product=names[pid], units=units[pid], inputs=inputs[pid],
            labor=assigned[pid] + labor_rest[pid_text], fixed=fixed_share[pid_text],
            price=price if price is not None else Decimal("0.00")))
    return CostPicture(
        start=start, end=end, products=products, expenses=expenses, support=support_total,
        support_included=included, workdays=max(line_days, assigned_days),
        daily_pay=rates.rate_on(end_day), estimated=estimated, expense_lines=expense_lines,
        rate_today=rates.rate_on(dt.date.today()),
        days_by_rate=tuple(line_days_by_rate(reader, BAR_LINE, start, end)))
