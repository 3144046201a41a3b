"""A small book whose figures the tests know by heart, and helpers to read PDFs."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal as D

import pytest

OCT = dt.date(2022, 10, 1)
LONG_NAME = "María Ñusta Quispe Huamán de la Cruz"


def d(day: str) -> dt.date:
    return dt.date.fromisoformat(day)


@pytest.fixture
def small_book(book):
    """Two members: S01 with a few days and payments, S02 working every day on two lines."""
    from coopdesk.domain.trade import SaleLine
    from coopdesk.domain.work import HALF_DAY, ProductionLine
    from coopdesk.domain.workshops import Attendance
    from coopdesk.services.members import MemberData, add_member
    from coopdesk.services.payments import pay_member, record_expense
    from coopdesk.services.settings import update_settings
    from coopdesk.services.trade import record_purchase, record_sale
    from coopdesk.services.work import add_rate, record_workday
    from coopdesk.services.workshops import add_session, mark_attendance

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
    return book


def pdf_pages(pdf: bytes) -> list[str]:
    """Return the text of each page, with no-break spaces made plain."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    return [(p.extract_text() or "").replace("\xa0", " ") for p in reader.pages]


def pdf_text(pdf: bytes) -> str:
    return "\n".join(pdf_pages(pdf))


def font_problems(pdf: bytes) -> list[str]:
    """Return the fonts of *pdf* that are not embedded TrueType (FontFile2)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    problems, seen = [], 0
    for page in reader.pages:
        fonts = (page.get("/Resources") or {}).get("/Font") or {}
        for ref in fonts.values():
            font = ref.get_object()
            seen += 1
            descriptor = font.get("/FontDescriptor")
            descendants = font.get("/DescendantFonts")
            if descriptor is None and descendants:
                descriptor = descendants[0].get_object().get("/FontDescriptor")
            if descriptor is None or "/FontFile2" not in descriptor.get_object():
                problems.append(str(font.get("/BaseFont")))
    if not seen:
        problems.append("no fonts at all")
    return problems


def money(text: str) -> str:
    """Return an amount as the paper prints it (S/ with a plain space after text extraction).

    A negative amount carries the typographic minus (U+2212) right before S/.
    """
    from babel.numbers import format_currency

    value = D(text)
    sign = "\u2212" if value < 0 else ""
    return sign + format_currency(abs(value), "PEN", locale="es_PE").replace("\xa0", " ")
