"""`coopdesk demo`: a realistic, deterministic year (2022) of the Dulce Esperanza cooperative.

Modelled on the case study: about twenty members (fictional names), S/ 10 a workday
with a rate change late in the year, 4,000 bars at S/ 8.50 with the Lima store chain
taking about two thirds, purchases of inputs, the monthly S/ 41 contribution to the
institution, monthly payments to members, sessions of all nine workshops, and a
batch of each product sold every month (inputs from the purchases, bars ≥ bars
sold). Rows go through the same checks as an import, so the demo obeys every rule of the book.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from coopdesk.domain.changes import Kind, changes
from coopdesk.domain.errors import Conflict
from coopdesk.domain.money import money_str
from coopdesk.domain.work import workday_pay
from coopdesk.i18n import _
from coopdesk.services.book import Book
from coopdesk.services.demo_capital import load_capital, net_of_deductions
from coopdesk.services.demo_rows import (  # noqa: F401 (MEMBERS and the rest are the demo's)
    BARS_PER_MONTH,
    MEMBERS,
    MONTHS_ES,
    NEW_RATE,
    NEW_RATE_FROM,
    PRICE,
    PRODUCTS,
    YEAR,
    _expenses,
    _purchases,
    _rows,
    _sales,
    _workdays,
)
from coopdesk.services.queries import is_empty
from coopdesk.services.settings import (
    CASE_STUDY_BREAK_EVEN,
    CASE_STUDY_TARGET,
    update_settings,
)
from coopdesk.services.trade import set_product_price


@changes(Kind.BOOK)
def load_demo(book: Book) -> None:
    """Fill an empty book with the demo year; refuse a book that already holds records."""
    if not is_empty(book):
        raise Conflict(
            _("The book is not empty; the demo cooperative only goes into an empty book.")
        )
    with book.transaction():
        _load(book)


def _load(book: Book) -> None:
    rng = random.Random(YEAR)
    update_settings(
        book,
        cooperative_name="Dulce Esperanza",
        site="Establecimiento Penitenciario de Quillabamba, La Convención, Cusco",
        place="Quillabamba",
        institution="INPE",
        # The demo is the case study: its break-even and goal are the study's figures.
        break_even_units=CASE_STUDY_BREAK_EVEN,
        target_units=CASE_STUDY_TARGET,
        goals_from_case_study=True,
        rate_confirmed=True,
    )
    _rows(
        book,
        "members",
        [
            {
                "codigo": c,
                "nombre": n,
                "dni": "",
                "fecha_ingreso": j,
                "estado": s,
                "fecha_salida": x,
                "cargo": r,
            }
            for c, n, j, s, x, r in MEMBERS
        ],
    )
    _rows(book, "rates", [{"desde": NEW_RATE_FROM.isoformat(), "monto": money_str(NEW_RATE)}])
    for product in PRODUCTS:
        set_product_price(
            book, product=product, valid_from=dt.date(2021, 1, 1), price=Decimal("6.00")
        )
        set_product_price(book, product=product, valid_from=dt.date(YEAR, 1, 1), price=PRICE)
    workdays = _workdays(rng)
    _rows(book, "workdays", workdays)
    _rows(book, "sales", _sales(rng))
    _rows(book, "purchases", _purchases())
    _rows(book, "expenses", _expenses(rng))
    rate_of = lambda day: NEW_RATE if day >= NEW_RATE_FROM else Decimal("10.00")  # noqa: E731
    _rows(book, "payments", net_of_deductions(_payments(workdays), workdays, MEMBERS, rate_of))
    from coopdesk.services.demo_workshop import add_batches, add_workshops

    add_workshops(book, rng)
    add_batches(book)
    # Issue #17: the general assembly that admits the members (its own module).
    from coopdesk.services.demo_assembly import add_demo_assemblies

    add_demo_assemblies(book, YEAR)
    load_capital(book, workdays, MEMBERS, rate_of)  # share capital, the education fund
    from coopdesk.services.demo_2023 import load_2023

    load_2023(book)  # the first full formal year, closed with a distribution


def _payments(workdays: list[dict]) -> list[dict]:
    """Each month's pay on the 5th of the next month; two advances; final settlements."""
    earned: dict[tuple[str, int], Decimal] = {}
    for row in workdays:
        day = dt.date.fromisoformat(row["fecha"])
        rate = NEW_RATE if day >= NEW_RATE_FROM else Decimal("10.00")
        key = (row["codigo_socia"], day.month)
        earned[key] = earned.get(key, Decimal("0.00")) + workday_pay(Decimal(row["fraccion"]), rate)
    rows = []
    for (code, month), amount in sorted(earned.items()):
        if month == 12:
            continue  # December's pay is still owed at the year's end
        left = dict((c, x) for c, _n, _j, _s, x, _r in MEMBERS)[code]
        note = "Aporte por jornales de " + MONTHS_ES[month - 1]
        if left and dt.date.fromisoformat(left).month == month:
            note = "Liquidación final, recibe su familia"
        rows.append(
            {
                "codigo_socia": code,
                "fecha": dt.date(YEAR, month + 1, 5).isoformat(),
                "monto": money_str(amount),
                "nota": note,
            }
        )
    rows.append(
        {
            "codigo_socia": "S03",
            "fecha": f"{YEAR}-07-20",
            "monto": "50.00",
            "nota": "Adelanto por salud de su hija",
        }
    )
    rows.append(
        {"codigo_socia": "S12", "fecha": f"{YEAR}-11-18", "monto": "40.00", "nota": "Adelanto"}
    )
    rows.sort(key=lambda r: r["fecha"])
    return rows
