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

from sqlmodel import Session

from coopdesk.db.tables import Setting
from coopdesk.domain.changes import Kind, changes
from coopdesk.domain.costing import CostPicture, UnitCost, months_between, share_fixed_costs
from coopdesk.domain.errors import InvalidInput
from coopdesk.domain.money import ZERO, check_amount, from_cents, from_units
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
        for key, value in cleaned.items():
            row = session.get(Setting, key) or Setting(key=key)
            before = row.value
            row.value = value
            session.add(row)
            audit(session, "setting", "setting", key, before=before, after=value)
    return get_support(book)


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
        daily_pay=rates.rate_on(end_day), estimated=estimated, expense_lines=expense_lines,
        rate_today=rates.rate_on(dt.date.today()))
