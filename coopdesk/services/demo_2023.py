"""The demo's second year, 2023: Dulce Esperanza's first full year as a formal cooperative.

The case study is dated February 2023. It says that at 4,000 bars a year sold at
S/ 8.50 the group roughly covers its inputs (the demo's 2022 indeed closes at a loss
once the women's workdays are counted), and that the goal is a minimum price of S/ 10
and more bars. 2023 is that plan carried out, modestly:

- every product at S/ 10.00 from 1 January 2023 (the study's minimum price); what the
  shops and the chain still owed is collected, except the last quarter's;
- 4,400 bars (10% more than 2022's 4,000), the Lima chain still about 65% of them;
- the same inputs at the same prices per bar, the S/ 41 monthly contribution to the
  institution and the transport to Lima; the S/ 12.00 workday rate of November 2022;
- the women work as often as in 2022 (a workday on 47% of the weekdays), now all
  year at S/ 12.00, so the year's result, sales − inputs − expenses − the women's pay,
  is a surplus of about S/ 4,200: the S/ 1.50 more per bar pays for the higher rate
  and leaves the first surplus of the cooperative;
- the remaining S/ 20.00 monthly deductions until each member's S/ 200.00 is paid;
  two members leave when their sentence ends (final settlement and the return of their
  contributions, received by their family), two join, admitted by the assembly, and pay
  their S/ 200.00 in cash;
- four workshop sessions, three of them paid from what is left of the education fund;
- assemblies: 18 February 2023 approves the 2022 accounts (no surplus: the loss the
  book shows is written into the agreement), 7 October 2023 notes the exits and admits
  the second new member, 17 February 2024 approves the 2023 accounts and the
  distribution (reserve 10%, education 5%, the bylaws' articles 45 and 46), and the
  distribution is approved in the book that day, citing that agreement.

Every figure written in an agreement is read from the book, never typed here.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from coopdesk.domain.assembly import Agreement
from coopdesk.domain.members import MemberStatus
from coopdesk.domain.money import money_str
from coopdesk.domain.work import workday_pay
from coopdesk.services import demo_rows as demo
from coopdesk.services.book import Book
from coopdesk.services.demo_assembly import PLACE
from coopdesk.services.demo_capital import INSTALMENT, SESSION_COST, SUBSCRIPTION
from coopdesk.services.demo_workshop import add_batches, add_workshops

YEAR = 2023
PRICE = Decimal("10.00")
RATE = Decimal("12.00")
#: Bars sold each month; they add up to 4,400.
BARS_PER_MONTH = (300, 310, 330, 350, 360, 370, 380, 380, 390, 400, 420, 410)
CHANCE = 0.47
#: code → exit day (sentence ended) and the day her final settlement is paid.
LEAVING = {"S04": "2023-06-30", "S11": "2023-09-15"}
JOINING = (
    ("S23", "Delia Quispe Huamanga", "2023-03-06", "activa", "", ""),
    ("S24", "Nancy Choquehuanca Tito", "2023-10-09", "activa", "", ""),
)
WORKSHOPS = ((2, dt.date(YEAR, 3, 16)), (4, dt.date(YEAR, 5, 18)),
             (6, dt.date(YEAR, 8, 17)), (8, dt.date(YEAR, 10, 19)))
ACCOUNTS_2022 = dt.date(YEAR, 2, 18)
EXITS_SESSION = dt.date(YEAR, 10, 7)
ACCOUNTS_2023 = dt.date(YEAR + 1, 2, 17)
ARTICLES = ("art. 45", "art. 46")  # of the bylaws (the paper says "estatuto, art. 45")


def members_2023() -> list[tuple]:
    """The members who work in 2023: 2022's still active, the two leaving, the two joining."""
    out = []
    for code, name, joined, status, left, role in demo.MEMBERS:
        if left:
            continue  # left in 2022
        out.append((code, name, joined, status, LEAVING.get(code, ""), role))
    return out + list(JOINING)


def load_2023(book: Book) -> None:
    """Add the year 2023 to the demo book holding 2022 (inside the demo's transaction)."""
    from coopdesk.services.trade import set_product_price

    rng = random.Random(YEAR)
    demo._rows(book, "members", [{"codigo": c, "nombre": n, "dni": "", "fecha_ingreso": j,
                                  "estado": s, "fecha_salida": "", "cargo": r}
                                 for c, n, j, s, _x, r in JOINING])
    for product in demo.PRODUCTS:
        set_product_price(book, product=product, valid_from=dt.date(YEAR, 1, 1), price=PRICE)
    members = members_2023()
    workdays = demo._workdays(rng, members, YEAR, CHANCE)
    demo._rows(book, "workdays", workdays)
    sales = demo._sales(rng, YEAR, BARS_PER_MONTH, PRICE)
    demo._rows(book, "sales", sales)
    _collect(book)
    demo._rows(book, "purchases", demo._purchases(YEAR, BARS_PER_MONTH))
    demo._rows(book, "expenses", demo._expenses(rng, YEAR))
    earned = _earned(workdays)
    plan = _deductions(book, members, earned)
    demo._rows(book, "shares", _capital_rows(members, plan))
    demo._rows(book, "payments", _payments(book, members, earned, plan))
    demo._rows(book, "shares", _returns(book))
    held = add_workshops(book, rng, list(WORKSHOPS), members)
    _pay_workshops(book, held)
    add_batches(book, YEAR, BARS_PER_MONTH, sales)
    _assemblies(book)


def _collect(book: Book) -> None:
    """Collect what was owed for sales made before October 2023 (the last quarter's wait).

    The chain pays its order within four weeks, a shop or a family within five.
    """
    from coopdesk.db.queries.sales import pending_sales
    from coopdesk.services.trade import mark_sale_paid

    with book.read() as reader:
        owed = pending_sales(reader, dt.date(YEAR, 10, 1))
    for sale in owed:
        weeks = 4 if sale.buyer == demo.MAIN_BUYER else 5
        mark_sale_paid(book, receipt_number=sale.receipt_number,
                       paid_on=sale.day + dt.timedelta(weeks=weeks))


def _earned(workdays: list[dict]) -> dict[tuple[str, int], Decimal]:
    earned: dict[tuple[str, int], Decimal] = {}
    for row in workdays:
        key = (row["codigo_socia"], int(row["fecha"][5:7]))
        earned[key] = earned.get(key, Decimal("0.00")) + workday_pay(Decimal(row["fraccion"]),
                                                                      RATE)
    return earned


def _deductions(book: Book, members, earned) -> dict[tuple[str, int], Decimal]:
    """S/ 20.00 a month, never more than she earned that month, until her S/ 200.00 is paid.

    What was deducted in 2022 counts; the members joining in 2023 pay in cash instead.
    """
    from coopdesk.services.shares import member_deducted

    joining = {c for c, *_r in JOINING}
    plan = {}
    for code, *_rest in members:
        if code in joining:
            continue
        paid = member_deducted(book, code=code)
        for month in range(1, 13):
            amount = min(INSTALMENT, SUBSCRIPTION - paid)
            if amount > 0 and earned.get((code, month), Decimal("0.00")) >= amount:
                plan[(code, month)] = amount
                paid += amount
    return plan


def _capital_rows(members, plan) -> list[dict]:
    rows = []
    for code, _name, joined, _status, _left, _role in JOINING:
        rows.append({"codigo_socia": code, "fecha": joined, "tipo": "suscripcion",
                     "monto": money_str(SUBSCRIPTION),
                     "nota": "Suscripción de aportaciones (S/ 200.00)"})
        rows.append({"codigo_socia": code, "fecha": joined, "tipo": "pago",
                     "monto": money_str(SUBSCRIPTION),
                     "nota": "Pago en efectivo de sus aportaciones, lo entrega su familia"})
    for (code, month), amount in sorted(plan.items()):
        rows.append({"codigo_socia": code, "fecha": _month_end(month).isoformat(),
                     "tipo": "descuento", "monto": money_str(amount),
                     "nota": "Cuota de aportaciones descontada de sus jornales"})
    rows.sort(key=lambda r: r["fecha"])
    return rows


def _month_end(month: int) -> dt.date:
    return dt.date(YEAR + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def _payments(book: Book, members, earned, plan) -> list[dict]:
    """December 2022's pay on 5 January; each month's, less its deduction, on the 5th after.

    December 2023's is paid on 5 January 2024. What was owed at the end of 2022 is read
    from the book (what she earned less what was paid and deducted), so it is exact.
    """
    from coopdesk.db.queries.roster import roster
    from coopdesk.services.balances import balances

    with book.read() as reader:
        owed = balances(reader, dt.date(YEAR, 1, 1))
        codes = {m.id: m.code for m in roster(reader)}
    active = {c for c, *_r in members}
    rows = [{"codigo_socia": codes[mid], "fecha": f"{YEAR}-01-05", "monto": money_str(amount),
             "nota": "Aporte por jornales de diciembre"}
            for mid, amount in sorted(owed.items()) if amount > 0 and codes[mid] in active]
    for (code, month), amount in sorted(earned.items()):
        amount -= plan.get((code, month), Decimal("0.00"))
        if amount <= 0:
            continue
        note = "Aporte por jornales de " + demo.MONTHS_ES[month - 1]
        if code in LEAVING and int(LEAVING[code][5:7]) == month:
            note = "Liquidación final, recibe su familia"
        rows.append({"codigo_socia": code, "fecha": (_month_end(month) + dt.timedelta(days=5))
                     .isoformat(), "monto": money_str(amount), "nota": note})
    rows.sort(key=lambda r: (r["fecha"], r["codigo_socia"]))
    return rows


def _returns(book: Book) -> list[dict]:
    """Each member leaving gets back what she paid, with her final settlement."""
    from coopdesk.services.shares import member_deducted

    rows = []
    for code, left in LEAVING.items():
        day = _month_end(int(left[5:7])) + dt.timedelta(days=5)
        rows.append({"codigo_socia": code, "fecha": day.isoformat(), "tipo": "devolucion",
                     "monto": money_str(member_deducted(book, code=code)),
                     "nota": "Devolución de aportaciones al salir, recibe su familia"})
    return rows


def _pay_workshops(book: Book, held) -> None:
    """The first three sessions' materials from the education fund; the programme gave the last."""
    from coopdesk.services.funds import pay_workshop_cost

    for number, day in held[:3]:
        pay_workshop_cost(book, workshop=number, held_on=day, amount=SESSION_COST,
                          note="Materiales y refrigerio")


def _assemblies(book: Book) -> None:
    """The three sessions of the year's accounts and the members; then the distribution."""
    from coopdesk.formats import money
    from coopdesk.services.assemblies import SessionData, record_session
    from coopdesk.services.distribution import (
        approve_distribution,
        compute_distribution,
        set_rule,
        year_surplus,
    )

    loss = year_surplus(book, YEAR - 1)
    present = [f"S{n:02d}" for n in (1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 14, 16, 17,
                                       19, 20, 21, 22)]
    record_session(book, SessionData(
        kind="ordinaria", call="primera", day=ACCOUNTS_2022, place=PLACE,
        president="S01", secretary="S03", present=present,
        agenda=["Aprobación de las cuentas del ejercicio 2022",
                "Resultado del ejercicio 2022", "Admisión de una nueva socia"],
        agreements=[
            Agreement("Aprobar las cuentas del ejercicio 2022 presentadas por la tesorera.",
                      18, 0, 1),
            Agreement(f"El ejercicio 2022 cerró con un resultado de {money(loss)} (ventas menos"
                      " compras, gastos y jornales de las socias): no hay excedente que"
                      " repartir ni que llevar a la reserva.", 19, 0, 0),
            Agreement("Admitir como socia a Delia Quispe Huamanga (S23), que se incorpora al"
                      " taller el 6 de marzo y paga sus aportaciones en efectivo.", 17, 0, 2,
                      admits=("S23",)),
        ]))
    present = ["S01", "S02", "S03", "S05", "S06", "S09", "S10", "S12", "S13", "S16", "S19",
               "S20", "S21", "S23"]
    exits = record_session(book, SessionData(
        kind="extraordinaria", call="primera", day=EXITS_SESSION, place=PLACE,
        president="S01", secretary="S03", present=present,
        agenda=["Salida de socias", "Admisión de una nueva socia"],
        agreements=[
            Agreement("Dejar constancia de la salida de María Elena Puma Sutta (S04), liberada"
                      " el 30 de junio, y de Elizabeth Ccahua Pari (S11), liberada el 15 de"
                      " septiembre: se entregó a sus familias su liquidación final y la"
                      " devolución de sus aportaciones.", 14, 0, 0),
            Agreement("Admitir como socia a Nancy Choquehuanca Tito (S24), que se incorpora"
                      " el 9 de octubre y paga sus aportaciones en efectivo.", 13, 0, 1,
                      admits=("S24",)),
        ]))
    _record_exits(book, exits.number)
    set_rule(book, reserve_percent=Decimal(10), education_percent=Decimal(5),
             reserve_article=ARTICLES[0], education_article=ARTICLES[1])
    dist = compute_distribution(book, year=YEAR)
    present = ["S01", "S02", "S03", "S05", "S06", "S07", "S09", "S10", "S12", "S13", "S14",
               "S16", "S17", "S19", "S20", "S21", "S22", "S23"]
    last = record_session(book, SessionData(
        kind="ordinaria", call="primera", day=ACCOUNTS_2023, place=PLACE,
        president="S01", secretary="S03", present=present,
        agenda=["Aprobación de las cuentas del ejercicio 2023",
                "Distribución del excedente del ejercicio 2023"],
        agreements=[
            Agreement(f"Aprobar las cuentas del ejercicio 2023, que cerró con un excedente de"
                      f" {money(dist.surplus)}.", 18, 0, 0),
            Agreement(f"Distribuir el excedente de 2023: {money(dist.reserve)} a la reserva"
                      f" cooperativa (10 %, {ARTICLES[0]} del estatuto), {money(dist.education)}"
                      f" al fondo de educación (5 %, {ARTICLES[1]} del estatuto) y"
                      f" {money(dist.to_members)} a las"
                      " socias en proporción a sus jornales del año.", 17, 0, 1),
        ]))
    approve_distribution(book, year=YEAR, approved_on=ACCOUNTS_2023,
                         agreement=f"Asamblea {last.number}, acuerdo 2",
                         note="Acordado en la asamblea ordinaria de febrero de 2024")


def _record_exits(book: Book, session_number: int) -> None:
    from coopdesk.services.members import MemberData, update_member

    for code, name, joined, _status, _left, role in demo.MEMBERS:
        if code in LEAVING:
            update_member(book, code, MemberData(
                code=code, full_name=name, joined_on=dt.date.fromisoformat(joined),
                status=MemberStatus.RELEASED, exit_on=dt.date.fromisoformat(LEAVING[code]),
                role=role, exit_agreement=f"Asamblea {session_number}, acuerdo 1"))
