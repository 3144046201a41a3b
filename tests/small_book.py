"""The one small test book: its contents, and its figures worked out by hand.

Made through the services, as the coordinator would. September and October 2022 are the
paper's month (two members: S01 with a few days and payments, S02 working every day of
October on two lines, so her statement needs several pages); November 2022 holds the
rules' corners: a rate whose half day rounds (6.025 → 6.03), a member who leaves and is
paid an advance after leaving, a sale line whose total rounds, a voided sale and a voided
purchase, an absence at a workshop. The ``small_book`` fixture (tests/conftest.py) is an
open book filled with it.

October 2022, by hand (rates: 10.00; 12.00 from 15/10; 12.05 from 10/11):
  S01: 20/09 full 10.00 (paid 4.00 on 30/09: opening 6.00); 03/10 full 10.00; 10/10 half
       5.00; 20/10 full 12.00 = 2.5 days, 27.00; paid 15.00; closing 18.00
  S02: 1/10–14/10 two halves a day at 10.00 = 140.00; 15/10–31/10 at 12.00 = 204.00;
       31 days, 344.00; closing 344.00
  sales: 3 × 8.50 + 1 × 9.00 = 34.50 pending (Thika Thani); 2 × 8.50 = 17.00 paid
  purchases 2 × 6.25 = 12.50; expenses 7.50; result 51.50 − 12.50 − 7.50 − 371.00 = −339.50
November 2022, by hand:
  S01: 03/11 full 12.00; 11/11 half 6.025 → 6.03; 14/11 textiles full 12.05 = 2.5 days,
       30.08; paid 15.00; closing 18.00 + 30.08 − 15.00 = 33.08
  S09 (joined 01/11, left 15/11): 11/11 full 12.05; paid 30.00 on 20/11 (an advance, to
       her mother); closing −17.95
  sales: 10 × 8.50 + 3 × 8.3333 (24.9999 → 25.00) = 110.00 paid (Thika Thani);
         1.5 × 8.50 = 12.75 pending (Bodega Rosa); a 100.00 sale voided
  purchases 2.5 kg × 12.345 = 30.8625 → 30.86 (and a voided one); expenses 41.00 + 12.50
  result 122.75 − 30.86 − 53.50 − 42.13 = −3.74
  workshop 3 on 07/11: S09 present, S01 absent
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from coopdesk.domain.members import MemberStatus
from coopdesk.domain.trade import SaleLine
from coopdesk.domain.work import FULL_DAY, HALF_DAY, ProductionLine
from coopdesk.domain.workshops import Attendance
from coopdesk.services.members import MemberData, add_member
from coopdesk.services.payments import pay_member, record_expense
from coopdesk.services.settings import update_settings
from coopdesk.services.trade import record_purchase, record_sale, void_purchase, void_sale
from coopdesk.services.work import add_rate, record_workday
from coopdesk.services.workshops import add_session, mark_attendance

OCT = dt.date(2022, 10, 1)
LONG_NAME = "María Ñusta Quispe Huamán de la Cruz"
#: The members' codes, and how many workdays, sales and payments the book holds.
MEMBERS = ("S01", "S02", "S09")
WORKDAYS = 1 + 3 + 62 + 3 + 1
SALES = 5  # receipts 1 to 5, the fifth voided
PAYMENTS = 4
#: The whole book's figures, from the above: live sales 34.50 + 17.00 + 110.00 + 12.75
#: (receipt 5, 100.00, voided); payments 4.00 + 15.00 + 15.00 + 30.00; workdays S01 1 +
#: 2.5 + 2.5, S02 31, S09 1.
LIVE_SALES_TOTAL = D("174.25")
ALL_SALES_CENTS = 27425  # the voided sale keeps its total
PAYMENTS_TOTAL = D("64.00")
WORKDAYS_TOTAL = D("38.000")


def d(day: str) -> dt.date:
    return dt.date.fromisoformat(day)


def fill_small_book(book) -> None:
    """Fill an empty book with the small book's records (see the module's docstring)."""
    update_settings(book, cooperative_name="Dulce Esperanza",
                    site="Establecimiento Penitenciario de Quillabamba", institution="INPE")
    add_member(book, MemberData(code="S01", full_name="Rosa Elvira Huamán Quispe",
                                joined_on=d("2022-01-03"), dni="12345678"))
    add_member(book, MemberData(code="S02", full_name=LONG_NAME, joined_on=d("2022-01-03")))
    add_rate(book, valid_from=d("2022-10-15"), rate=D("12.00"))
    # S01: one day in September, three in October (one half day, one at the new rate).
    record_workday(book, code="S01", day=d("2022-09-20"), line=ProductionLine.CHOCOLATE)
    record_workday(book, code="S01", day=d("2022-10-03"), line=ProductionLine.CHOCOLATE)
    record_workday(book, code="S01", day=d("2022-10-10"), line=ProductionLine.TEXTILES,
                   fraction=HALF_DAY)
    record_workday(book, code="S01", day=d("2022-10-20"), line=ProductionLine.CARPENTRY)
    pay_member(book, code="S01", day=d("2022-09-30"), amount=D("4.00"))
    pay_member(book, code="S01", day=d("2022-10-25"), amount=D("15.00"),
               received_by="Juana Quispe (hermana)")
    # S02: every day of October, half a day on each of two lines (at most one full day a
    # date): 62 workdays, a statement that needs several pages.
    for day in range(1, 32):
        for line in (ProductionLine.CHOCOLATE, ProductionLine.TEXTILES):
            record_workday(book, code="S02", day=dt.date(2022, 10, day), line=line,
                           fraction=HALF_DAY)
    # Workshops: S01 attended workshop 2 in September and workshop 1 in October.
    s2 = add_session(book, workshop=2, held_on=d("2022-09-05"))
    mark_attendance(book, session_uuid=s2.uuid, marks={"S01": Attendance.PRESENT})
    s1 = add_session(book, workshop=1, held_on=d("2022-10-05"), facilitator="Equipo técnico")
    mark_attendance(book, session_uuid=s1.uuid,
                    marks={"S01": Attendance.PRESENT, "S02": Attendance.ABSENT})
    # Trade: receipt 1 is 3 × 8.50 + 1 × 9.00 = 34.50, pending; receipt 2 paid.
    record_sale(book, day=d("2022-10-07"), buyer="Thika Thani",
                lines=[SaleLine("Chocolate chuncho 70%", D("3"), D("8.50")),
                       SaleLine("Chocolate con café", D("1"), D("9.00"))], paid=False)
    record_sale(book, day=d("2022-10-12"), buyer="Bodega Rosa",
                lines=[SaleLine("Chocolate chuncho 70%", D("2"), D("8.50"))], paid=True)
    record_purchase(book, day=d("2022-10-02"), supplier="Cacao del Valle", item="Cacao en grano",
                    quantity=D("2"), unit="kg", unit_price=D("6.25"))
    record_expense(book, day=d("2022-10-30"), category="Transporte", amount=D("7.50"))
    _november(book)


def _november(book) -> None:
    """November 2022: the corners of the rules (see the module's docstring)."""
    add_member(book, MemberData("S09", "Beatriz Mamani", d("2022-11-01"), MemberStatus.RELEASED,
                                d("2022-11-15")))
    add_rate(book, valid_from=d("2022-11-10"), rate=D("12.05"))
    choc, textil = ProductionLine.CHOCOLATE, ProductionLine.TEXTILES
    for code, day, line, fraction in [
        ("S01", d("2022-11-03"), choc, FULL_DAY), ("S01", d("2022-11-11"), choc, HALF_DAY),
        ("S01", d("2022-11-14"), textil, FULL_DAY), ("S09", d("2022-11-11"), choc, FULL_DAY),
    ]:
        record_workday(book, code=code, day=day, line=line, fraction=fraction)
    pay_member(book, code="S01", day=d("2022-11-05"), amount=D("15.00"))
    pay_member(book, code="S09", day=d("2022-11-20"), amount=D("30.00"),
               confirm_advance=True, received_by="Rosa Mamani (madre)")
    record_sale(book, day=d("2022-11-04"), buyer="Thika Thani", paid=True,
                lines=[SaleLine("Chocolate chuncho 70%", D("10"), D("8.50")),
                       SaleLine("Chocolate con café", D("3"), D("8.3333"))])
    record_sale(book, day=d("2022-11-18"), buyer="Bodega Rosa", paid=False,
                lines=[SaleLine("Chocolate chuncho 70%", D("1.5"), D("8.50"))])
    voided = record_sale(book, day=d("2022-11-19"), buyer="bodega rosa", paid=True,
                         lines=[SaleLine("Chocolate chuncho 70%", D("100"), D("1.00"))])
    void_sale(book, receipt_number=voided.receipt_number, reason="typed twice")
    record_purchase(book, day=d("2022-11-06"), supplier="Cacao del Valle", item="Cacao en grano",
                    quantity=D("2.5"), unit="kg", unit_price=D("12.345"))
    wrong = record_purchase(book, day=d("2022-11-07"), supplier="Cacao del Valle",
                            item="Cacao en grano", quantity=D("1"), unit="kg",
                            unit_price=D("99"))
    void_purchase(book, uuid=wrong.uuid, reason="wrong supplier")
    record_expense(book, day=d("2022-11-28"), category="Aporte", amount=D("41.00"))
    record_expense(book, day=d("2022-11-11"), category="Transporte", amount=D("12.50"))
    s3 = add_session(book, workshop=3, held_on=d("2022-11-07"), facilitator="NCBA")
    mark_attendance(book, session_uuid=s3.uuid,
                    marks={"S09": Attendance.PRESENT, "S01": Attendance.ABSENT})


#: `summary --json` of November 2022, worked out by hand above.
NOVEMBER_2022 = {
    "month": "2022-11",
    "currency": "PEN",
    "labor": {"workdays": "3.50", "earned": "42.13", "paid": "45.00"},
    "sales": {"count": 2, "units": "14.50", "total": "122.75", "unpaid": "12.75",
              "by_buyer": {"Thika Thani": "110.00", "Bodega Rosa": "12.75"}},
    "purchases": {"total": "30.86"},
    "expenses": {"total": "53.50"},
    "result": "-3.74",
    "attendance": {"1": 0, "2": 0, "3": 1, "4": 0, "5": 0, "6": 0, "7": 0, "8": 0, "9": 0},
    # No share capital in this book: every capital figure is zero.
    "capital": {"subscribed": "0.00", "paid": "0.00", "returned": "0.00"},
    "funds": {fund: {"opening": "0.00", "in": "0.00", "out": "0.00", "closing": "0.00"}
              for fund in ("reserve", "education")},
    "members": [
        {"code": "S01", "workdays": "2.50", "earned": "30.08", "paid": "15.00",
         "deducted": "0.00", "opening_balance": "18.00", "closing_balance": "33.08",
         "capital_subscribed": "0.00", "capital_paid": "0.00"},
        {"code": "S02", "workdays": "0.00", "earned": "0.00", "paid": "0.00",
         "deducted": "0.00", "opening_balance": "344.00", "closing_balance": "344.00",
         "capital_subscribed": "0.00", "capital_paid": "0.00"},
        {"code": "S09", "workdays": "1.00", "earned": "12.05", "paid": "30.00",
         "deducted": "0.00", "opening_balance": "0.00", "closing_balance": "-17.95",
         "capital_subscribed": "0.00", "capital_paid": "0.00"},
    ],
}
