"""Production batches, the stock of inputs and products, and logged stock counts.

Stock is never stored: inputs = purchased − used in batches ± counted differences;
products = produced − sold ± counted differences. Inputs used in a batch are valued
at the weighted-average cost of the stock they come from, when the batch is recorded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from coopdesk.db.queries import production as q
from coopdesk.db.queries.production import BatchRow
from coopdesk.db.queries.records import record_id
from coopdesk.db.reader import Reader
from coopdesk.db.tables import BatchInput, ProductionBatch, StockAdjustment, now
from coopdesk.domain.changes import Kind, changes
from coopdesk.domain.costing import StockMove, moving_average_uses, per_unit
from coopdesk.domain.errors import Conflict, InvalidInput, NotFound
from coopdesk.domain.money import MAX_QUANTITY, ZERO, check_positive
from coopdesk.domain.text import check_plausible_date, clean_text
from coopdesk.i18n import _
from coopdesk.services.book import Book, audit
from coopdesk.services.lookups import find_named
from coopdesk.services.months import ensure_month_open

QTY_ZERO = Decimal("0.000")
FAR_FUTURE = dt.date(9999, 12, 31)

__all__ = ["BatchRow", "StockLine", "adjust_stock", "input_stock", "list_batches",
           "product_stock", "record_batch", "void_batch"]


@dataclass(frozen=True)
class StockLine:
    """The stock of one input or product on a day."""

    name: str
    unit: str
    came_in: Decimal  # purchased or produced
    went_out: Decimal  # used or sold
    adjusted: Decimal
    average_cost: Decimal = Decimal("0.0000")

    @property
    def stock(self) -> Decimal:
        """What should be on the shelf."""
        return self.came_in - self.went_out + self.adjusted

    @property
    def value(self) -> Decimal:
        """The stock valued at the weighted-average cost (inputs only)."""
        return (self.stock * self.average_cost).quantize(Decimal("0.01"))


def _qty(value, what: str, *, allow_zero: bool = False) -> Decimal:
    value = Decimal(value)
    check_positive(value, what=what, allow_zero=allow_zero, maximum=MAX_QUANTITY)
    if value != value.quantize(Decimal("0.001")):
        raise InvalidInput(_("{what} has more than 3 decimals.").format(what=what.capitalize()))
    return value


def _input_moves(reader: Reader, item_id: int, until: dt.date) -> list[StockMove]:
    """Every move of an input dated up to *until*, in the order the average is built."""
    moves = []
    for move in q.input_moves(reader, item_id, until):
        if move.order == q.PURCHASE:
            moves.append(StockMove(move.quantity, move.total))
        elif move.order == q.COUNT:
            diff = move.quantity
            moves.append(StockMove(diff, ZERO) if diff > 0 else StockMove(-diff))
        else:
            moves.append(StockMove(move.quantity))
    return moves


@changes(Kind.PRODUCTION)
def record_batch(
    book: Book,
    *,
    day: dt.date,
    product: str,
    units: Decimal,
    inputs: list[tuple[str, Decimal]],
    workdays: Decimal = QTY_ZERO,
    note: str = "",
) -> ProductionBatch:
    """Record a batch: units of a product made from inputs in stock, with optional workdays."""
    check_plausible_date(day, what=_("the date"))
    units = _qty(units, _("the units produced"))
    workdays = _qty(workdays or QTY_ZERO, _("the workdays"), allow_zero=True)
    note = clean_text(note, what=_("the note"), required=False, limit=500)
    wanted: dict[str, Decimal] = {}
    for name, qty in inputs:
        if not (name or "").strip():
            raise InvalidInput(_("Choose the input used."), field="inputs")
        wanted[name] = wanted.get(name, QTY_ZERO) + _qty(qty, _("the quantity used"))
    with book.transaction() as session:
        ensure_month_open(session, day)
        product_row = find_named(session, "product", product)
        if product_row is None:
            raise NotFound(
                _("There is no product named “{name}”; give it a price first.").format(
                    name=(product or "").strip()), field="product")
        used: list[tuple[int, Decimal, Decimal]] = []
        for name, qty in wanted.items():
            item = find_named(session, "input", name)
            if item is None:
                raise NotFound(_("No purchase of “{name}” is in the book.").format(name=name),
                               field="inputs")
            moves = _input_moves(session, item.id, day)
            stock = sum((m.quantity if m.is_purchase else -m.quantity for m in moves), QTY_ZERO)
            if qty > stock:
                raise Conflict(
                    _("Only {stock} of “{name}” were in stock on {day}; the batch uses {qty}."
                      ).format(stock=f"{stock.normalize():f}", name=item.name,
                               day=day.strftime("%d/%m/%Y"), qty=f"{qty.normalize():f}"),
                    field="inputs")
            used.append((item.id, qty, moving_average_uses([*moves, StockMove(qty)])[-1]))
        total = sum((cost for _i, _q, cost in used), ZERO)
        batch = ProductionBatch(day=day, product_id=product_row.id, units=units,
                                workdays=workdays, inputs_cost=total, note=note)
        session.add(batch)
        session.flush()
        for position, (item_id, qty, cost) in enumerate(used, start=1):
            session.add(BatchInput(batch_id=batch.id, position=position, item_id=item_id,
                                   quantity=qty, cost=cost))
        audit(session, "create", "production_batch", batch.uuid, product=product_row.name,
              units=units, workdays=workdays, inputs_cost=total, day=day)
        session.flush()  # raw SQL later in an outer transaction (the demo) must see the inputs
        return batch


@changes(Kind.PRODUCTION)
def void_batch(book: Book, *, uuid: str, reason: str) -> ProductionBatch:
    """Void a batch with a reason (its inputs go back to stock)."""
    reason = clean_text(reason, what=_("the reason"), required=True, limit=500)
    with book.transaction() as session:
        found = record_id(session, "production_batch", uuid)
        batch = None if found is None else session.get(ProductionBatch, found)
        if batch is None:
            raise NotFound(_("That batch is not in the book."))
        if batch.voided_at is not None:
            raise Conflict(_("That batch is already voided."))
        ensure_month_open(session, batch.day)
        batch.voided_at = now()
        batch.void_reason = reason
        session.add(batch)
        audit(session, "void", "production_batch", batch.uuid, reason=reason)
        return batch


def list_batches(book: Book, start: dt.date | None = None, end: dt.date | None = None,
                 *, include_voided: bool = True) -> list[BatchRow]:
    """Return the batches with start <= day < end, newest first."""
    with book.read() as reader:
        return q.batches_between(reader, start or dt.date(1900, 1, 1), end or FAR_FUTURE,
                                 include_voided=include_voided)


def input_stock(book: Book, on: dt.date | None = None) -> list[StockLine]:
    """Return each input's stock at the end of *on* (default: everything recorded)."""
    until = on or FAR_FUTURE
    with book.read() as reader:
        lines = []
        for item in q.inputs_by_name(reader):
            totals = q.input_totals(reader, item.id, until)
            adjusted = q.counted_difference(reader, item_id=item.id, until=until)
            moves = _input_moves(reader, item.id, until)
            quantity = sum((m.quantity if m.is_purchase else -m.quantity for m in moves),
                           QTY_ZERO)
            value = sum((m.cost for m in moves if m.is_purchase), ZERO)
            spent = moving_average_uses(moves)
            value -= sum(spent, ZERO)
            average = per_unit(value, quantity) if quantity > 0 and value > 0 else per_unit(
                totals.cost, totals.bought)
            lines.append(StockLine(item.name, totals.unit or "", totals.bought, totals.used,
                                   adjusted, average))
        return lines


def product_stock(book: Book, on: dt.date | None = None) -> list[StockLine]:
    """Return each product's stock at the end of *on*: produced − sold ± counts."""
    until = on or FAR_FUTURE
    with book.read() as reader:
        lines = []
        for product in q.products_by_name(reader):
            made, sold = q.product_made_and_sold(reader, product.id, until)
            lines.append(StockLine(product.name, _("units"), made, sold,
                                   q.counted_difference(reader, product_id=product.id,
                                                        until=until)))
        return lines


@changes(Kind.PRODUCTION)
def adjust_stock(
    book: Book, *, day: dt.date, kind: str, name: str, counted: Decimal, reason: str
) -> StockAdjustment:
    """Log a stock count: the difference between what was counted and the book, and why."""
    check_plausible_date(day, what=_("the date"))
    counted = Decimal(counted)
    check_positive(counted, what=_("the quantity counted"), allow_zero=True, maximum=MAX_QUANTITY)
    reason = clean_text(reason, what=_("the reason"), required=True, limit=500)
    if kind not in ("input", "product"):
        raise InvalidInput(_("Choose an input or a product."), field="kind")
    lines = input_stock(book, day) if kind == "input" else product_stock(book, day)
    line = next((x for x in lines if x.name.casefold() == (name or "").strip().casefold()), None)
    if line is None:
        raise NotFound(_("There is no “{name}” to count.").format(name=(name or "").strip()),
                       field="name")
    difference = counted - line.stock
    if difference == 0:
        raise Conflict(_("The count matches the book: there is nothing to adjust."),
                       field="counted")
    with book.transaction() as session:
        ensure_month_open(session, day)
        row = find_named(session, kind, line.name)
        record = StockAdjustment(
            day=day, expected=line.stock, counted=counted, difference=difference, reason=reason,
            item_id=row.id if kind == "input" else None,
            product_id=row.id if kind == "product" else None)
        session.add(record)
        session.flush()
        audit(session, "adjust", "stock_adjustment", record.uuid, what=line.name,
              before={"stock": line.stock}, after={"stock": counted}, reason=reason)
        session.flush()
        return record
