"""The demo's workshop sessions and production batches (the workshop of the women's work).

Split from :mod:`coopdesk.services.demo` so each year of the demo (2022 there, 2023 in
:mod:`coopdesk.services.demo_2023`) records its sessions and batches the same way.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from decimal import ROUND_DOWN, Decimal

from coopdesk.domain.workshops import Attendance
from coopdesk.services.book import Book
from coopdesk.services.demo_rows import (
    BARS_PER_MONTH,
    FACILITATORS,
    INPUTS,
    MEMBERS,
    MONTHS_ES,
    YEAR,
    _purchases,
)
from coopdesk.services.workshops import add_session, mark_attendance


def add_workshops(book: Book, rng: random.Random, plan=None, members=MEMBERS) -> list:
    """One session of each workshop from February to October; a second tasting session.

    Another year passes its own *plan* of (workshop, day) and *members*; the sessions'
    (workshop, day) are returned (for paying their costs).
    """
    if plan is None:
        plan = [(n, dt.date(YEAR, n + 1, 15 + (n % 3))) for n in range(1, 10)]
        plan.append((8, dt.date(YEAR, 11, 16)))
    held = []
    for number, day in plan:
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
        session = add_session(
            book,
            workshop=number,
            held_on=day,
            facilitator=FACILITATORS[number % 2],
            notes="Sesión en el taller del penal",
        )
        held.append((number, day))
        marks = {}
        for code, _name, joined, _status, left, _role in members:
            if dt.date.fromisoformat(joined) > day or (left and dt.date.fromisoformat(left) < day):
                continue
            roll = rng.random()
            marks[code] = (
                Attendance.PRESENT
                if roll < 0.86
                else Attendance.EXCUSED
                if roll < 0.92
                else Attendance.ABSENT
            )
        mark_attendance(book, session_uuid=session.uuid, marks=marks)
    return held


#: Inputs one bar takes (a little under what the purchases were planned for: waste and stock).
PER_BAR = {item: Decimal(qty) / 300 * Decimal("0.9") for _s, item, qty, _u, _p in INPUTS}
PER_BAR["Envolturas impresas"] = PER_BAR["Etiquetas"] = Decimal(1)
#: What the institution covers today, per month (space, equipment's wear, electricity, water).
SUPPORT = {
    "support_space": "400.00",
    "support_equipment": "250.00",
    "support_electricity": "120.00",
    "support_water": "40.00",
}


def add_batches(book: Book, year: int = YEAR, plan=BARS_PER_MONTH,
                sold_rows: list[dict] | None = None) -> None:
    """A batch of each product sold in a month, on the 8th, at least as many bars as were sold.

    Inputs come from what was bought (never more than the stock) and each batch is
    assigned a quarter of a workday per bar; the rest of the chocolate line's days are
    shared by the costing. A year-end stock count and the institution's costs close the
    first year; another year passes its own sales (*sold_rows*) and bars (*plan*).
    """
    from coopdesk.db.queries.sales import units_by_month_and_product
    from coopdesk.services.costing import set_support
    from coopdesk.services.production import adjust_stock, record_batch

    if sold_rows is None:
        with book.read() as reader:
            sold = units_by_month_and_product(reader)
    else:  # another year's batches follow its own sales
        units: dict[tuple[int, str], Decimal] = {}
        for row in sold_rows:
            key = (int(row["fecha"][5:7]), row["producto"])
            units[key] = units.get(key, Decimal(0)) + Decimal(row["cantidad"])
        sold = [(m, p, u) for (m, p), u in sorted(units.items())]
    bought: dict[tuple[int, str], Decimal] = {}
    for row in _purchases(year, plan):
        key = (int(row["fecha"][5:7]), row["insumo"])
        bought[key] = bought.get(key, Decimal(0)) + Decimal(row["cantidad"])
    stock = {item: Decimal(0) for item in PER_BAR}
    for month in range(1, 13):
        for item in stock:
            stock[item] += bought.get((month, item), Decimal(0))
        for _m, product, sold_units in (r for r in sold if r[0] == month):
            units = Decimal(math.ceil(sold_units / 5) * 5)  # rounded up to fives
            inputs = []
            for item, rate in PER_BAR.items():
                qty = min(rate * units, stock[item]).quantize(Decimal("0.001"), rounding=ROUND_DOWN)
                if qty > 0:
                    stock[item] -= qty
                    inputs.append((item, qty))
            record_batch(
                book,
                day=dt.date(year, month, 8),
                product=product,
                units=units,
                inputs=inputs,
                workdays=(units / 4).quantize(Decimal("0.5")),
                note="Lote " + MONTHS_ES[month - 1],
            )
    if year != YEAR:
        return  # the year-end count and the institution's costs are the first year's
    adjust_stock(
        book,
        day=dt.date(YEAR, 12, 30),
        kind="input",
        name="Cacao en grano",
        counted=max(stock["Cacao en grano"] - Decimal("1.5"), Decimal(0)),
        reason="Conteo de fin de año: merma al tostar",
    )
    set_support(book, amounts={k: Decimal(v) for k, v in SUPPORT.items()}, included=False)
