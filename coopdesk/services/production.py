"""Production batches, the stock of inputs and products, and logged stock counts.

Stock is never stored: inputs = purchased − used in batches ± counted differences;
products = produced − sold ± counted differences. Inputs used in a batch are valued
at the weighted-average cost of the stock they come from, when the batch is recorded.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from sqlmodel import Session, select

from coopdesk.db.tables import BatchInput, ProductionBatch, StockAdjustment, now
from coopdesk.domain.changes import Kind, changes
from coopdesk.domain.costing import StockMove, moving_average_uses, per_unit
from coopdesk.domain.errors import Conflict, InvalidInput, NotFound
from coopdesk.domain.money import MAX_QUANTITY, ZERO, check_positive, from_cents, from_units
from coopdesk.domain.text import check_plausible_date, clean_text
from coopdesk.i18n import _
from coopdesk.services.book import Book, audit
from coopdesk.services.lookups import find_named
from coopdesk.services.months import ensure_month_open

QTY_ZERO = Decimal("0.000")
FAR_FUTURE = dt.date(9999, 12, 31)


@dataclass(frozen=True)
class BatchRow:
    """One batch as the list shows it."""

    uuid: str
    day: dt.date
    product: str
    units: Decimal
    workdays: Decimal
    inputs_cost: Decimal
    inputs: str
    note: str
    voided: bool

    @property
    def cost_per_unit(self) -> Decimal:
        """Inputs cost per unit of the batch."""
        return per_unit(self.inputs_cost, self.units)


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


def _input_moves(session: Session, item_id: int, until: dt.date) -> list[StockMove]:
    """Every move of an input dated up to *until*, in the order the average is built."""
    conn = session.connection()
    events: list[tuple[str, int, int, StockMove]] = []
    for day, qty, total in conn.exec_driver_sql(
        "SELECT day, quantity, total FROM purchase WHERE voided_at IS NULL AND item_id=?"
        " AND day <= ?", (item_id, until.isoformat())):
        events.append((day, 0, 0, StockMove(from_units(qty, 3), from_cents(total))))
    for day, diff, adj_id in conn.exec_driver_sql(
        "SELECT day, difference, id FROM stock_adjustment WHERE voided_at IS NULL AND item_id=?"
        " AND day <= ?", (item_id, until.isoformat())):
        diff = from_units(diff, 3)
        move = StockMove(diff, ZERO) if diff > 0 else StockMove(-diff)
        events.append((day, 1, adj_id, move))
    for day, qty, row_id in conn.exec_driver_sql(
        "SELECT b.day, i.quantity, i.id FROM batch_input i JOIN production_batch b"
        " ON b.id=i.batch_id WHERE b.voided_at IS NULL AND i.item_id=? AND b.day <= ?",
        (item_id, until.isoformat())):
        events.append((day, 2, row_id, StockMove(from_units(qty, 3))))
    events.sort(key=lambda e: e[:3])
    return [e[3] for e in events]


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
        batch = session.exec(select(ProductionBatch).where(ProductionBatch.uuid == uuid)).first()
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
    with book.read() as session:
        conn = session.connection()
        used: dict[int, list[str]] = defaultdict(list)
        for batch_id, name, qty in conn.exec_driver_sql(
            "SELECT i.batch_id, n.name, i.quantity FROM batch_input i"
            " JOIN input_item n ON n.id=i.item_id ORDER BY i.batch_id, i.position"):
            used[batch_id].append(f"{name} {from_units(qty, 3).normalize():f}")
        rows = conn.exec_driver_sql(
            "SELECT b.id, b.uuid, b.day, p.name, b.units, b.workdays, b.inputs_cost, b.note,"
            " b.voided_at FROM production_batch b JOIN product p ON p.id=b.product_id"
            " WHERE b.day >= ? AND b.day < ?" + ("" if include_voided else
                                                 " AND b.voided_at IS NULL")
            + " ORDER BY b.day DESC, b.id DESC",
            ((start or dt.date(1900, 1, 1)).isoformat(), (end or FAR_FUTURE).isoformat()))
        return [BatchRow(uuid, dt.date.fromisoformat(day), name, from_units(units, 3),
                         from_units(days, 3), from_cents(cost), ", ".join(used[bid]), note,
                         voided is not None)
                for bid, uuid, day, name, units, days, cost, note, voided in rows]


def input_stock(book: Book, on: dt.date | None = None) -> list[StockLine]:
    """Return each input's stock at the end of *on* (default: everything recorded)."""
    until = (on or FAR_FUTURE).isoformat()
    with book.read() as session:
        conn = session.connection()
        lines = []
        for item_id, name in conn.exec_driver_sql("SELECT id, name FROM input_item ORDER BY name"):
            bought, cost, unit = conn.exec_driver_sql(
                "SELECT coalesce(sum(quantity), 0), coalesce(sum(total), 0), max(unit)"
                " FROM purchase WHERE voided_at IS NULL AND item_id=? AND day <= ?",
                (item_id, until)).one()
            used = conn.exec_driver_sql(
                "SELECT coalesce(sum(i.quantity), 0) FROM batch_input i JOIN production_batch b"
                " ON b.id=i.batch_id WHERE b.voided_at IS NULL AND i.item_id=? AND b.day <= ?",
                (item_id, until)).scalar()
            adjusted = _adjusted(conn, "item_id", item_id, until)
            moves = _input_moves(session, item_id, on or FAR_FUTURE)
            quantity = sum((m.quantity if m.is_purchase else -m.quantity for m in moves),
                           QTY_ZERO)
            value = sum((m.cost for m in moves if m.is_purchase), ZERO)
            spent = moving_average_uses(moves)
            value -= sum(spent, ZERO)
            average = per_unit(value, quantity) if quantity > 0 and value > 0 else per_unit(
                from_cents(cost), from_units(bought, 3))
            lines.append(StockLine(name, unit or "", from_units(bought, 3), from_units(used, 3),
                                   adjusted, average))
        return lines


def _adjusted(conn, column: str, record_id: int, until: str) -> Decimal:
    diff = conn.exec_driver_sql(
        f"SELECT coalesce(sum(difference), 0) FROM stock_adjustment WHERE voided_at IS NULL"
        f" AND {column}=? AND day <= ?", (record_id, until)).scalar()
    return from_units(diff, 3)


def product_stock(book: Book, on: dt.date | None = None) -> list[StockLine]:
    """Return each product's stock at the end of *on*: produced − sold ± counts."""
    until = (on or FAR_FUTURE).isoformat()
    with book.read() as session:
        conn = session.connection()
        lines = []
        for product_id, name in conn.exec_driver_sql("SELECT id, name FROM product ORDER BY name"):
            made = conn.exec_driver_sql(
                "SELECT coalesce(sum(units), 0) FROM production_batch WHERE voided_at IS NULL"
                " AND product_id=? AND day <= ?", (product_id, until)).scalar()
            sold = conn.exec_driver_sql(
                "SELECT coalesce(sum(l.quantity), 0) FROM sale_line l JOIN sale s"
                " ON s.id=l.sale_id WHERE s.voided_at IS NULL AND l.product_id=? AND s.day <= ?",
                (product_id, until)).scalar()
            lines.append(StockLine(name, _("units"), from_units(made, 3), from_units(sold, 3),
                                   _adjusted(conn, "product_id", product_id, until)))
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
