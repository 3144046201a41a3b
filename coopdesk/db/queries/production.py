"""Reads behind production and stock: batches, and the live moves of each input and product.

Stock is never stored; these give the moves it is computed from (live records only).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from coopdesk.db.reader import Reader
from coopdesk.db.scales import MONEY, QTY, as_day
from coopdesk.domain.costing import per_unit


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
class InputMove:
    """One live move of an input: a purchase (with its total), a count, or a batch's use.

    ``order`` and ``ref`` break ties on a day as the weighted average is built:
    purchases first, then counts, then uses, each in the order recorded.
    """

    day: dt.date
    order: int
    ref: int
    quantity: Decimal  # signed for a count; bought or used otherwise
    total: Decimal | None  # a purchase's total


PURCHASE, COUNT, USE = 0, 1, 2


def input_moves(reader: Reader, item_id: int, until: dt.date) -> list[InputMove]:
    """Every live move of an input dated up to *until*, in the order the average is built."""
    conn = reader.connection()
    last = until.isoformat()
    moves = [InputMove(as_day(day), PURCHASE, 0, QTY.decode(qty), MONEY.decode(total))
             for day, qty, total in conn.exec_driver_sql(
                 "SELECT day, quantity, total FROM live_purchase WHERE item_id = ? AND day <= ?",
                 (item_id, last))]
    moves += [InputMove(as_day(day), COUNT, ref, QTY.decode(diff), None)
              for day, diff, ref in conn.exec_driver_sql(
                  "SELECT day, difference, id FROM live_stock_adjustment"
                  " WHERE item_id = ? AND day <= ?", (item_id, last))]
    moves += [InputMove(as_day(day), USE, ref, QTY.decode(qty), None)
              for day, qty, ref in conn.exec_driver_sql(
                  "SELECT b.day, i.quantity, i.id FROM batch_input i"
                  " JOIN live_production_batch b ON b.id = i.batch_id"
                  " WHERE i.item_id = ? AND b.day <= ?", (item_id, last))]
    moves.sort(key=lambda m: (m.day, m.order, m.ref))  # stable: purchases keep their order
    return moves


def batches_between(reader: Reader, start: dt.date, end: dt.date, *,
                    include_voided: bool) -> list[BatchRow]:
    """The batches with start <= day < end, newest first, each with the inputs it used."""
    conn = reader.connection()
    used: dict[int, list[str]] = defaultdict(list)
    for batch_id, name, qty in conn.exec_driver_sql(
            "SELECT i.batch_id, n.name, i.quantity FROM batch_input i"
            " JOIN input_item n ON n.id = i.item_id ORDER BY i.batch_id, i.position"):
        used[batch_id].append(f"{name} {QTY.decode(qty).normalize():f}")
    table = "production_batch" if include_voided else "live_production_batch"
    rows = conn.exec_driver_sql(
        "SELECT b.id, b.uuid, b.day, p.name, b.units, b.workdays, b.inputs_cost, b.note,"
        f" b.voided_at FROM {table} b JOIN product p ON p.id = b.product_id"
        " WHERE b.day >= ? AND b.day < ? ORDER BY b.day DESC, b.id DESC",
        (start.isoformat(), end.isoformat()))
    return [BatchRow(uuid, as_day(day), name, QTY.decode(units), QTY.decode(days),
                     MONEY.decode(cost), ", ".join(used[bid]), note, voided is not None)
            for bid, uuid, day, name, units, days, cost, note, voided in rows]


@dataclass(frozen=True)
class Named:
    """An input or a product: its id and name."""

    id: int
    name: str


def inputs_by_name(reader: Reader) -> list[Named]:
    """Every input, by name."""
    return [Named(*row) for row in reader.connection().exec_driver_sql(
        "SELECT id, name FROM input_item ORDER BY name")]


def products_by_name(reader: Reader) -> list[Named]:
    """Every product, by name."""
    return [Named(*row) for row in reader.connection().exec_driver_sql(
        "SELECT id, name FROM product ORDER BY name")]


@dataclass(frozen=True)
class InputTotals:
    """What came in (bought, its cost, the unit) and went out (used) of an input."""

    bought: Decimal
    cost: Decimal
    unit: str | None
    used: Decimal


def input_totals(reader: Reader, item_id: int, until: dt.date) -> InputTotals:
    """The live totals of an input dated up to *until*."""
    conn = reader.connection()
    bought, cost, unit = conn.exec_driver_sql(
        "SELECT sum(quantity), sum(total), max(unit) FROM live_purchase"
        " WHERE item_id = ? AND day <= ?", (item_id, until.isoformat())).one()
    used = conn.exec_driver_sql(
        "SELECT sum(i.quantity) FROM batch_input i JOIN live_production_batch b"
        " ON b.id = i.batch_id WHERE i.item_id = ? AND b.day <= ?",
        (item_id, until.isoformat())).scalar()
    return InputTotals(QTY.value(bought), MONEY.value(cost), unit, QTY.value(used))


def counted_difference(reader: Reader, *, item_id: int | None = None,
                       product_id: int | None = None, until: dt.date) -> Decimal:
    """The sum of the live counted differences of an input or a product up to *until*."""
    column, ref = ("item_id", item_id) if item_id is not None else ("product_id", product_id)
    return QTY.value(reader.connection().exec_driver_sql(
        f"SELECT sum(difference) FROM live_stock_adjustment WHERE {column} = ? AND day <= ?",
        (ref, until.isoformat())).scalar())


def product_made_and_sold(reader: Reader, product_id: int,
                          until: dt.date) -> tuple[Decimal, Decimal]:
    """Units of a product produced and sold (live records) up to *until*."""
    conn = reader.connection()
    made = conn.exec_driver_sql(
        "SELECT sum(units) FROM live_production_batch WHERE product_id = ? AND day <= ?",
        (product_id, until.isoformat())).scalar()
    sold = conn.exec_driver_sql(
        "SELECT sum(l.quantity) FROM sale_line l JOIN live_sale s ON s.id = l.sale_id"
        " WHERE l.product_id = ? AND s.day <= ?", (product_id, until.isoformat())).scalar()
    return QTY.value(made), QTY.value(sold)
