"""A small book with figures worked out by hand, for the summary and statement tests."""

import datetime as dt
from decimal import Decimal as D

from coopdesk.domain.members import MemberStatus
from coopdesk.domain.trade import SaleLine
from coopdesk.domain.work import FULL_DAY, HALF_DAY, ProductionLine
from coopdesk.domain.workshops import Attendance
from coopdesk.services import members, payments, trade, work, workshops

d = dt.date


def fill_small_book(book):
    """Members A and B, two rates, workdays, payments, sales, purchases, expenses, attendance.

    October 2022, worked out by hand:
      rates: 10.00, then 10.05 from 10/10/2022 (half a day at 10.05 = 5.025 -> 5.03)
      A: 03/10 full 10.00; 11/10 half 5.03; 12/10 chocolate 10.05; 13/10 textil 10.05 = 35.13
      B (left 15/10): 11/10 full 10.05
      September: A 05/09 full 10.00 + 06/09 half 5.00; B 05/09 full 10.00
      payments: A 15.00 on 05/10; B 30.00 on 20/10 (an advance, after she left)
      sales: 10 x 8.50 + 3 x 8.3333 (=25.00) paid to Thika Thani; 1.5 x 8.50 = 12.75
             pending to Bodega Rosa; a voided 100.00 sale
      purchases: 2.5 kg x 12.345 = 30.8625 -> 30.86 (plus a voided one)
      expenses: 41.00 + 12.50
      workshop 1 on 07/10: A present, B absent; workshop 2 on 20/09: A present
    """
    members.add_member(book, members.MemberData("A", "Ana Quispe", d(2022, 1, 1)))
    members.add_member(
        book,
        members.MemberData("B", "Beatriz Mamani", d(2022, 1, 1), MemberStatus.RELEASED,
                           d(2022, 10, 15)),
    )
    work.add_rate(book, valid_from=d(2022, 10, 10), rate=D("10.05"))
    choc, textil = ProductionLine.CHOCOLATE, ProductionLine.TEXTILES
    for code, day, line, frac in [
        ("A", d(2022, 9, 5), choc, FULL_DAY), ("A", d(2022, 9, 6), choc, HALF_DAY),
        ("B", d(2022, 9, 5), choc, FULL_DAY),
        ("A", d(2022, 10, 3), choc, FULL_DAY), ("A", d(2022, 10, 11), choc, HALF_DAY),
        ("A", d(2022, 10, 12), choc, FULL_DAY), ("A", d(2022, 10, 13), textil, FULL_DAY),
        ("B", d(2022, 10, 11), choc, FULL_DAY),
    ]:
        work.record_workday(book, code=code, day=day, line=line, fraction=frac)
    payments.pay_member(book, code="A", day=d(2022, 10, 5), amount=D("15.00"))
    payments.pay_member(book, code="B", day=d(2022, 10, 20), amount=D("30.00"),
                        confirm_advance=True, received_by="Rosa Mamani (madre)")
    trade.record_sale(book, day=d(2022, 10, 4), buyer="Thika Thani", paid=True,
                      lines=[SaleLine("Chocolate chuncho", D("10"), D("8.50")),
                             SaleLine("Chocolate con miel", D("3"), D("8.3333"))])
    trade.record_sale(book, day=d(2022, 10, 18), buyer="Bodega Rosa", paid=False,
                      lines=[SaleLine("Chocolate chuncho", D("1.5"), D("8.50"))])
    voided = trade.record_sale(book, day=d(2022, 10, 19), buyer="bodega rosa", paid=True,
                               lines=[SaleLine("Chocolate chuncho", D("100"), D("1.00"))])
    trade.void_sale(book, receipt_number=voided.receipt_number, reason="typed twice")
    trade.record_purchase(book, day=d(2022, 10, 6), supplier="Cacao Chuncho", item="Cacao",
                          quantity=D("2.5"), unit="kg", unit_price=D("12.345"))
    p = trade.record_purchase(book, day=d(2022, 10, 7), supplier="Cacao Chuncho", item="Cacao",
                              quantity=D("1"), unit="kg", unit_price=D("99"))
    trade.void_purchase(book, uuid=p.uuid, reason="wrong supplier")
    payments.record_expense(book, day=d(2022, 10, 28), category="Aporte", amount=D("41.00"))
    payments.record_expense(book, day=d(2022, 10, 11), category="Transporte", amount=D("12.50"))
    s1 = workshops.add_session(book, workshop=1, held_on=d(2022, 10, 7), facilitator="NCBA")
    workshops.mark_attendance(book, session_uuid=s1.uuid,
                              marks={"A": Attendance.PRESENT, "B": Attendance.ABSENT})
    s2 = workshops.add_session(book, workshop=2, held_on=d(2022, 9, 20))
    workshops.mark_attendance(book, session_uuid=s2.uuid, marks={"A": Attendance.PRESENT})


#: The `summary --json` of October 2022 for fill_small_book, worked out by hand above.
OCTOBER_2022 = {
    "month": "2022-10",
    "currency": "PEN",
    "labor": {"workdays": "4.50", "earned": "45.18", "paid": "45.00"},
    "sales": {"count": 2, "units": "14.50", "total": "122.75", "unpaid": "12.75",
              "by_buyer": {"Thika Thani": "110.00", "Bodega Rosa": "12.75"}},
    "purchases": {"total": "30.86"},
    "expenses": {"total": "53.50"},
    "result": "-6.79",
    "attendance": {"1": 1, "2": 0, "3": 0, "4": 0, "5": 0, "6": 0, "7": 0, "8": 0, "9": 0},
    # No share capital in this book: every capital figure is zero.
    "capital": {"subscribed": "0.00", "paid": "0.00", "returned": "0.00"},
    "members": [
        {"code": "A", "workdays": "3.50", "earned": "35.13", "paid": "15.00",
         "deducted": "0.00", "opening_balance": "15.00", "closing_balance": "35.13",
         "capital_subscribed": "0.00", "capital_paid": "0.00"},
        {"code": "B", "workdays": "1.00", "earned": "10.05", "paid": "30.00",
         "deducted": "0.00", "opening_balance": "10.00", "closing_balance": "-9.95",
         "capital_subscribed": "0.00", "capital_paid": "0.00"},
    ],
}
