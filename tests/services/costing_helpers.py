"""A small producer's book with costs worked out by hand (production, costing, distribution)."""

import datetime as dt
from decimal import Decimal as D

from coopdesk.domain.trade import SaleLine
from coopdesk.domain.work import FULL_DAY, HALF_DAY, ProductionLine
from coopdesk.services import members, payments, trade, work

d = dt.date
CHOCO = "Chocolate chuncho"
HONEY = "Chocolate con miel"


def fill_costing_book(book):
    """March 2022, worked out by hand.

    prices: chuncho 8.50, miel 10.00
    purchases: cacao 30 kg × 12.00 = 360.00 (01/03), cacao 10 kg × 14.00 = 140.00 (02/03)
               wrappers 200 × 0.35 = 70.00 (01/03)
    workdays (chocolate line, S/ 10): A 3 full days, B 2 full + 1 half = 5.5 days = 55.00;
             B 1 textil day (not bar labor)
    expenses: institution 41.00 and transport 59.00 = 100.00
    sales: 50 chuncho at 8.50 = 425.00; 20 miel at 10.00 = 200.00
    """
    members.add_member(book, members.MemberData("A", "Ana Quispe", d(2022, 1, 1)))
    members.add_member(book, members.MemberData("B", "Beatriz Mamani", d(2022, 1, 1)))
    trade.set_product_price(book, product=CHOCO, valid_from=d(2022, 1, 1), price=D("8.50"))
    trade.set_product_price(book, product=HONEY, valid_from=d(2022, 1, 1), price=D("10.00"))
    trade.record_purchase(book, day=d(2022, 3, 1), supplier="Cacao SA", item="Cacao",
                          quantity=D(30), unit="kg", unit_price=D("12.00"))
    trade.record_purchase(book, day=d(2022, 3, 2), supplier="Cacao SA", item="Cacao",
                          quantity=D(10), unit="kg", unit_price=D("14.00"))
    trade.record_purchase(book, day=d(2022, 3, 1), supplier="Imprenta", item="Envolturas",
                          quantity=D(200), unit="unidad", unit_price=D("0.35"))
    choc = ProductionLine.CHOCOLATE
    for code, day, frac in [("A", 7, FULL_DAY), ("A", 8, FULL_DAY), ("A", 9, FULL_DAY),
                            ("B", 7, FULL_DAY), ("B", 8, FULL_DAY), ("B", 9, HALF_DAY)]:
        work.record_workday(book, code=code, day=d(2022, 3, day), line=choc, fraction=frac)
    work.record_workday(book, code="B", day=d(2022, 3, 10), line=ProductionLine.TEXTILES)
    payments.record_expense(book, day=d(2022, 3, 28), category="Aporte", amount=D("41.00"))
    payments.record_expense(book, day=d(2022, 3, 20), category="Transporte", amount=D("59.00"))
    trade.record_sale(book, day=d(2022, 3, 25), buyer="Thika Thani",
                      lines=[SaleLine(CHOCO, D(50), D("8.50"))], paid=True)
    trade.record_sale(book, day=d(2022, 3, 26), buyer="Bodega Rosa",
                      lines=[SaleLine(HONEY, D(20), D("10.00"))], paid=True)
