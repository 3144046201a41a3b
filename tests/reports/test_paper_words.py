"""What each paper says in words: advances, who owes whom, reprints, issue dates, language.

Every expected figure is worked out here by hand from the small book (see conftest):
S01 is owed S/ 18.00 at the end of October, S02 S/ 1,032.00 (14 × 3 days at S/ 10.00
and 17 × 3 at S/ 12.00). S03, added here, works one day in October at S/ 10.00 and is
paid S/ 160.00: S/ 10.00 for her work and S/ 150.00 in advance.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from coopdesk.i18n import current_language, set_language
from coopdesk.services import documents as docs
from tests.reports.conftest import d, pdf_pages, pdf_text

ISSUED = d("2022-11-03")


def flat(pdf: bytes) -> str:
    """Return the PDF's text with every run of white space made one space."""
    return " ".join(pdf_text(pdf).split())


@pytest.fixture
def spanish():
    before = current_language()
    set_language("es")
    yield
    set_language(before)


@pytest.fixture
def advance_book(small_book):
    from coopdesk.domain.work import ProductionLine
    from coopdesk.services.members import MemberData, add_member
    from coopdesk.services.payments import pay_member
    from coopdesk.services.work import record_workday

    add_member(small_book, MemberData(code="S03", full_name="Juana Ccorimanya",
                                      joined_on=d("2022-01-03")))
    record_workday(small_book, code="S03", day=d("2022-10-04"), line=ProductionLine.CHOCOLATE)
    pay = pay_member(small_book, code="S03", day=d("2022-10-06"), amount=D("160.00"),
                     confirm_advance=True)
    return small_book, pay.uuid


def test_statement_of_an_advance_says_what_she_owes(advance_book, spanish):
    from coopdesk.reports.statement import render_statement

    book, _uuid = advance_book
    text = flat(render_statement(docs.member_statement(book, code="S03", year=2022, month=10,
                                                       issued_on=ISSUED)))
    assert "Usted recibió S/ 150.00 por adelantado: debe S/ 150.00 a la cooperativa." in text
    assert "Lo que usted debe a la cooperativa ahora (adelanto) S/ 150.00" in text
    assert "Lo que la cooperativa le debe ahora" not in text
    assert "-S/" not in text and "\u2212S/" not in text  # no negative amount on her paper
    assert "Lo que ganó este mes (1 día de trabajo)" in text and "1 días" not in text
    assert "Lo que se le pagó este mes \u2212 S/ 160.00" in text
    assert "Emitido el 03/11/2022." in text
    assert "Recibí una copia de este estado de cuenta y lo leí (o me lo leyeron)." in text
    assert "Huella digital" in text and "Juana Ccorimanya (S03)" in text


def test_payment_receipt_of_an_advance(advance_book, spanish):
    from coopdesk.reports.receipts import render_payment_receipt

    book, uuid = advance_book
    original = flat(render_payment_receipt(docs.payment_receipt(book, payment_uuid=uuid,
                                                                reprint=False)))
    assert ("para la socia Juana Ccorimanya (código S03): S/ 10.00 como pago por su trabajo "
            "y S/ 150.00 por adelantado.") in original
    assert "como pago por el trabajo" not in original
    assert original.count("Recibió S/ 150.00 por adelantado: debe S/ 150.00 a la "
                          "cooperativa") == 2
    assert original.count("Se le debía antes de este pago S/ 10.00") == 2
    assert original.count("Ella debe a la cooperativa después de este pago (adelanto) "
                          "S/ 150.00") == 2
    assert "Se le sigue debiendo" not in original and "-S/" not in original
    assert original.count("SON: CIENTO SESENTA CON 00/100 SOLES") == 2
    assert "REIMPRESIÓN" not in original
    reprint = flat(render_payment_receipt(docs.payment_receipt(
        book, payment_uuid=uuid, today=d("2022-12-01"))))
    assert reprint.count("REIMPRESIÓN del 01/12/2022") == 2


def test_payment_receipt_with_the_split_says_gross_withheld_and_net(book, spanish):
    from coopdesk.domain.work import ProductionLine
    from coopdesk.reports.receipts import render_payment_receipt
    from coopdesk.services import income_split, members, payments, work

    members.add_member(book, members.MemberData("A", "Ana", d("2023-01-01")))
    for day in (2, 3, 4, 5, 6):
        work.record_workday(book, code="A", day=dt.date(2023, 2, day),
                            line=ProductionLine.CHOCOLATE)
    income_split.set_income_split(book, valid_from=d("2023-02-15"), on=True)
    pay = payments.pay_member(book, code="A", day=d("2023-02-20"), amount=D("30.00"))
    text = flat(render_payment_receipt(docs.payment_receipt(book, payment_uuid=pay.uuid)))
    # 30.00 at 70 / 20 / 10: she and her family take home 21.00.
    assert text.count("Pagado a su cuenta (bruto) S/ 30.00") == 2
    assert text.count("Retenido: Reparación civil \u2212 S/ 6.00") == 2
    assert text.count("Retenido: Institución \u2212 S/ 3.00") == 2
    assert text.count("Recibido por ella y su familia (neto) S/ 21.00") == 2
    assert text.count("la suma de S/ 21.00") == 2
    assert text.count("SON: VEINTIUNO CON 00/100 SOLES") == 2


def test_report_shows_what_is_owed_each_way_signatures_and_date(advance_book, spanish):
    from coopdesk.reports.monthly_report import render_monthly_report

    book, _uuid = advance_book
    text = flat(render_monthly_report(docs.monthly_report(book, year=2022, month=10,
                                                          issued_on=ISSUED)))
    # S01: 10 + 10 + 5 + 12 earned − 19 paid = 18.00; S02: one full day every day of
    # October (two halves), 14 days at 10.00 and 17 at 12.00 = 344.00; S03 owes (advance).
    owed_to = D("18.00") + 14 * D("10.00") + 17 * D("12.00")
    assert f"Lo que la cooperativa debe a las socias al cierre del mes S/ {owed_to:,}" in text
    assert ("Lo que las socias deben a la cooperativa al cierre del mes (adelantos) "
            "S/ 150.00") in text
    assert "Emitido el 03/11/2022." in text
    for who in ("Presidenta", "Tesorera", "Coordinador(a)"):
        assert who in text


def test_an_empty_month_keeps_its_chart_on_page_one(small_book, spanish):
    from coopdesk.reports.monthly_report import render_monthly_report

    pages = pdf_pages(render_monthly_report(docs.monthly_report(small_book, year=2022,
                                                                month=6)))
    assert len(pages) == 1
    assert "Ventas de los últimos 12 meses" in pages[0] and "Presidenta" in pages[0]


def test_a_long_month_starts_its_table_on_page_one(small_book, spanish):
    """A workday table a little shorter than a page starts under the summary, not after it."""
    from dataclasses import replace

    from coopdesk.domain.documents import WorkdayEntry
    from coopdesk.reports.statement import render_statement

    st = docs.member_statement(small_book, code="S01", year=2022, month=10)
    rows = tuple(WorkdayEntry(dt.date(2022, 10, 1 + i % 31), "chocolate", D("1"), D("10.00"),
                              D("10.00")) for i in range(48))
    pages = pdf_pages(render_statement(replace(st, workdays=rows)))
    assert "Sus jornales" in pages[0] and "01/10/2022" in pages[0]


def test_an_english_statement_is_wholly_english(advance_book):
    from coopdesk.reports.monthly_report import render_monthly_report
    from coopdesk.reports.statement import render_statement

    book, _uuid = advance_book
    before = current_language()
    set_language("en")
    try:
        statement = flat(render_statement(docs.member_statement(
            book, code="S03", year=2022, month=10, issued_on=ISSUED)))
        report = flat(render_monthly_report(docs.monthly_report(book, year=2022, month=10)))
    finally:
        set_language(before)
    assert "Statement for October 2022" in statement
    assert "You received S/ 150.00 in advance: you owe S/ 150.00 to the cooperative." in statement
    assert "(1 day of work)" in statement and "Page 1 of 1" in statement
    assert "Monthly report: October 2022" in report and "Oct 22" in report
    for spanish_word in ("octubre", "oct.", "Página", "jornal", "Usted", "SON:"):
        assert spanish_word not in statement + report, spanish_word


def test_the_next_month_starts_with_what_she_owes_and_a_second_advance_says_so(
        advance_book, spanish):
    """November: S03 starts owing S/ 150.00; a payment of S/ 20.00 is wholly an advance."""
    from coopdesk.reports.receipts import render_payment_receipt
    from coopdesk.reports.statement import render_statement
    from coopdesk.services.payments import pay_member

    book, _uuid = advance_book
    pay = pay_member(book, code="S03", day=d("2022-11-07"), amount=D("20.00"),
                     confirm_advance=True)
    text = flat(render_statement(docs.member_statement(book, code="S03", year=2022, month=11)))
    assert ("Lo que usted debía a la cooperativa al empezar el mes (adelanto) S/ 150.00"
            in text)
    assert "Lo que usted debe a la cooperativa ahora (adelanto) S/ 170.00" in text
    assert "(0 días de trabajo)" in text
    receipt = flat(render_payment_receipt(docs.payment_receipt(book, payment_uuid=pay.uuid)))
    assert receipt.count("como adelanto a la socia Juana Ccorimanya (código S03): más de lo "
                         "que había ganado.") == 2
    assert receipt.count("Ella debía a la cooperativa antes de este pago (adelanto) "
                         "S/ 150.00") == 2
    assert receipt.count("Recibió S/ 20.00 por adelantado: debe S/ 170.00 a la "
                         "cooperativa") == 2
