"""The demo's formal year: each member's S/ 200 of share capital, paid by monthly deductions.

Every member subscribes S/ 200.00 when the year starts (or the day she joins) and pays
it in instalments of S/ 20.00 taken from her pay on the last day of each month, with
her consent; that month's pay, given on the 5th of the next month, is what she earned
less the deduction, so every statement still closes at what is owed. A member who
leaves gets what she paid back with her final settlement. The education fund receives
the programme's donation for the workshops and pays each session's materials.

The demo's first year, 2022, closes with a loss (S/ −772.20: the women's pay is counted
as the cooperative's cost), so nothing is distributed and the reserve stays at zero
until 2023's surplus credits the reserve and the education fund first (see
:mod:`coopdesk.services.demo_2023` and :mod:`coopdesk.services.distribution`).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from coopdesk.db.queries.funds import session_costs
from coopdesk.domain.money import money_str
from coopdesk.domain.work import workday_pay
from coopdesk.services.book import Book
from coopdesk.services.csv_files import CsvRow
from coopdesk.services.funds import pay_workshop_cost, record_fund_movement
from coopdesk.services.importing import import_rows

SUBSCRIPTION = Decimal("200.00")
INSTALMENT = Decimal("20.00")
SUBSCRIBED_ON = dt.date(2022, 1, 7)
DONATION = Decimal("500.00")
DONATED_ON = dt.date(2022, 2, 1)
SESSION_COST = Decimal("35.00")


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def _earned(workdays: list[dict], rate_of) -> dict[tuple[str, int], Decimal]:
    earned: dict[tuple[str, int], Decimal] = {}
    for row in workdays:
        day = dt.date.fromisoformat(row["fecha"])
        key = (row["codigo_socia"], day.month)
        earned[key] = earned.get(key, Decimal("0.00")) + workday_pay(
            Decimal(row["fraccion"]), rate_of(day))
    return earned


def deductions(workdays: list[dict], members, rate_of) -> dict[tuple[str, int], Decimal]:
    """(member code, month) → what is taken from that month's pay for her share capital.

    S/ 20.00 a month from the first month she works, never more than she earned that
    month, until her S/ 200.00 is paid or she leaves.
    """
    earned = _earned(workdays, rate_of)
    plan: dict[tuple[str, int], Decimal] = {}
    for code, *_rest in members:
        paid = Decimal("0.00")
        for month in range(1, 13):
            amount = min(INSTALMENT, SUBSCRIPTION - paid)
            if amount > 0 and earned.get((code, month), Decimal("0.00")) >= amount:
                plan[(code, month)] = amount
                paid += amount
    return plan


def net_of_deductions(payments: list[dict], workdays: list[dict], members,
                      rate_of) -> list[dict]:
    """Lower each monthly pay by that month's deduction (dropping a pay left at zero)."""
    plan = deductions(workdays, members, rate_of)
    out = []
    for row in payments:
        day = dt.date.fromisoformat(row["fecha"])
        month = 12 if day.month == 1 else day.month - 1  # pay of the month before
        if day.day == 5 and day.year == 2022 and month != 12:
            amount = Decimal(row["monto"]) - plan.get((row["codigo_socia"], month), 0)
            if amount <= 0:
                continue
            row = {**row, "monto": money_str(amount)}
        out.append(row)
    return out


def load_capital(book: Book, workdays: list[dict], members, rate_of) -> None:
    """Subscriptions, monthly deductions and returns on exit; the education fund's year."""
    plan = deductions(workdays, members, rate_of)
    rows = []
    for code, _name, joined, _status, left, _role in members:
        start = max(dt.date.fromisoformat(joined), SUBSCRIBED_ON)
        rows.append({"codigo_socia": code, "fecha": start.isoformat(), "tipo": "suscripcion",
                     "monto": money_str(SUBSCRIPTION),
                     "nota": "Suscripción de aportaciones (S/ 200.00)"})
        paid = Decimal("0.00")
        for month in range(1, 13):
            if (code, month) in plan:
                paid += plan[(code, month)]
                rows.append({"codigo_socia": code,
                             "fecha": _month_end(2022, month).isoformat(),
                             "tipo": "descuento", "monto": money_str(plan[(code, month)]),
                             "nota": "Cuota de aportaciones descontada de sus jornales"})
        if left and paid > 0:
            exit_day = dt.date.fromisoformat(left)
            rows.append({"codigo_socia": code,
                         "fecha": dt.date(2022, exit_day.month + 1, 5).isoformat(),
                         "tipo": "devolucion", "monto": money_str(paid),
                         "nota": "Devolución de aportaciones al salir, recibe su familia"})
    rows.sort(key=lambda r: r["fecha"])
    import_rows(book, "shares", [CsvRow(i + 2, r) for i, r in enumerate(rows)], source="demo")
    record_fund_movement(book, fund="education", day=DONATED_ON, direction="in",
                         amount=DONATION, note="Donación del programa para los talleres de"
                                               " capacitación")
    with book.read() as reader:
        sessions = sorted((s.held_on, s.number) for s in session_costs(reader))
    for day, number in sessions:
        pay_workshop_cost(book, workshop=number, held_on=day, amount=SESSION_COST,
                          note="Materiales y refrigerio")
