"""A book where every name is as long as the book accepts: the worst case for paper.

The limits come from the domain (``coopdesk.domain.text.MAX_NAME`` for names of members,
buyers, products and who receives a payment; 20 for a member's code; 200 for the
cooperative's name, site and institution; 500 for notes and reasons).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from coopdesk.domain.text import MAX_NAME, MAX_NOTE

SETTING_LIMIT = 200
CODE_LIMIT = 20


def fill(text: str, limit: int) -> str:
    """Return *text* repeated (with spaces, as a real name) up to exactly *limit* letters."""
    out = text
    while len(out) < limit:
        out += " " + text
    return out[:limit].rstrip() + "x" * (limit - len(out[:limit].rstrip()))


COOPERATIVE = fill("Cooperativa de Producción y Servicios Especiales Dulce Esperanza de las "
                   "Internas del Establecimiento Penitenciario de Quillabamba Ltda.", SETTING_LIMIT)
SITE = fill("Establecimiento Penitenciario de Quillabamba, La Convención, Cusco", SETTING_LIMIT)
INSTITUTION = fill("Instituto Nacional Penitenciario, Oficina Regional Sur Oriente Cusco",
                   SETTING_LIMIT)
NAMES = [
    fill("María Ñusta Quispe Huamán de la Cruz Villasante Condori", MAX_NAME),
    fill("Rosa Elvira Mamani Choquehuanca viuda de Ttito Huallpamayta", MAX_NAME),
    fill("Juana Bautista Ccorimanya Sullcahuamán de Quispicusi", MAX_NAME),
]
CODES = ["SOCIA-QUILLABAMBA-01", "SOCIA-QUILLABAMBA-02", "SOCIAQUILLABAMBA0003"]
BUYER = fill("Asociación de Comerciantes del Mercado Central de Quillabamba y Santa Ana",
             MAX_NAME)
PRODUCT = fill("Chocolate chuncho 70% con nibs de cacao orgánico de La Convención", MAX_NAME)
RELATIVE = fill("Juana Quispe Huamán de la Cruz, hermana de la socia, con DNI", MAX_NAME)
NOTE = fill("Pago acordado en asamblea por la campaña de fiestas de fin de año", MAX_NOTE)
REASON = fill("Se anuló porque la compradora devolvió las barras en mal estado", MAX_NOTE)


def fill_longest_book(book) -> dict:
    """Fill *book* with October 2022 at its longest; return the handles the tests need."""
    from coopdesk.domain.trade import SaleLine
    from coopdesk.domain.work import ProductionLine
    from coopdesk.domain.workshops import Attendance
    from coopdesk.services import production
    from coopdesk.services.members import MemberData, add_member
    from coopdesk.services.payments import pay_member, record_expense
    from coopdesk.services.settings import update_settings
    from coopdesk.services.trade import record_purchase, record_sale, set_product_price, void_sale
    from coopdesk.services.work import record_workday
    from coopdesk.services.workshops import add_session, mark_attendance

    assert len(COOPERATIVE) == len(SITE) == len(INSTITUTION) == SETTING_LIMIT
    assert all(len(n) == MAX_NAME for n in NAMES) and all(len(c) == CODE_LIMIT for c in CODES)
    update_settings(book, cooperative_name=COOPERATIVE, site=SITE, institution=INSTITUTION,
                    place=fill("Quillabamba, La Convención", SETTING_LIMIT),
                    work_area_title=fill("Jefa del Área de Trabajo del Establecimiento",
                                         SETTING_LIMIT))
    for code, name in zip(CODES, NAMES, strict=True):
        add_member(book, MemberData(code=code, full_name=name, joined_on=dt.date(2022, 1, 3),
                                    dni="12345678"))
    for day in range(3, 29):
        for code in CODES[:2]:
            record_workday(book, code=code, day=dt.date(2022, 10, day),
                           line=ProductionLine.CHOCOLATE)
    payment = pay_member(book, code=CODES[0], day=dt.date(2022, 10, 25), amount=D("21000.00"),
                         received_by=RELATIVE, note=NOTE, confirm_advance=True)
    pay_member(book, code=CODES[1], day=dt.date(2022, 10, 26), amount=D("150.00"), note=NOTE)
    set_product_price(book, product=PRODUCT, valid_from=dt.date(2022, 1, 1), price=D("8.50"))
    record_sale(book, day=dt.date(2022, 10, 7), buyer=BUYER,
                lines=[SaleLine(PRODUCT, D("1250"), D("1234.5678")),
                       SaleLine(PRODUCT, D("3"), D("8.50"))], paid=False)
    record_sale(book, day=dt.date(2022, 10, 8), buyer=BUYER,
                lines=[SaleLine(PRODUCT, D("2"), D("8.50"))], paid=True)
    void_sale(book, receipt_number=2, reason=REASON)
    record_sale(book, day=dt.date(2022, 10, 9), buyer=BUYER,
                lines=[SaleLine(fill(f"Producto {i} ", MAX_NAME), D("1"), D("8.50"))
                       for i in range(20)], paid=True)
    record_purchase(book, day=dt.date(2022, 10, 2), supplier=BUYER,
                    item=fill("Cacao chuncho en grano fermentado y seco", MAX_NAME),
                    quantity=D("2000"), unit="kg", unit_price=D("6.25"))
    record_expense(book, day=dt.date(2022, 10, 30), category=fill("Transporte", 60),
                   amount=D("7.50"))
    session = add_session(book, workshop=1, held_on=dt.date(2022, 10, 5), facilitator=RELATIVE)
    mark_attendance(book, session_uuid=session.uuid,
                    marks={CODES[0]: Attendance.PRESENT, CODES[1]: Attendance.ABSENT})
    # CODES[2] attends the whole programme: her paper is the numbered certificate.
    for number in range(1, 10):
        held = session if number == 1 else add_session(
            book, workshop=number, held_on=dt.date(2022, 9, number), facilitator=RELATIVE)
        mark_attendance(book, session_uuid=held.uuid, marks={CODES[2]: Attendance.PRESENT})
    production.record_batch(book, day=dt.date(2022, 10, 3), product=PRODUCT, units=D(100),
                            inputs=[(fill("Cacao chuncho en grano fermentado y seco", MAX_NAME),
                                     D(20))], workdays=D(2))
    return {"payment": payment.uuid, "session": session.uuid}
