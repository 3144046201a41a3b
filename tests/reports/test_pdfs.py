"""Each document rendered to PDF: its text holds the figures, its fonts are embedded."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from coopdesk.formats import amount_in_words, month_title
from coopdesk.i18n import _
from coopdesk.services import documents as docs
from coopdesk.services import sheets_and_certificates as forms
from tests.reports.conftest import LONG_NAME, d, font_problems, money, pdf_pages, pdf_text


def page_of(page: int, pages: int) -> str:
    return _("Page {page} of {pages}").format(page=page, pages=pages)


def test_words_months_and_money():
    assert amount_in_words(D("34.50")) == "SON: TREINTA Y CUATRO CON 50/100 SOLES"
    assert amount_in_words(D("1000.05")) == "SON: MIL CON 05/100 SOLES"
    assert amount_in_words(D("0.99")) == "SON: CERO CON 99/100 SOLES"
    assert month_title(2022, 10) == "octubre de 2022"
    assert money("1234.5") == "S/ 1,234.50"


def test_statement_pdf_has_the_figures(small_book):
    from coopdesk.reports.statement import render_statement

    st = docs.member_statement(small_book, code="S01", year=2022, month=10)
    pdf = render_statement(st)
    text = pdf_text(pdf)
    for amount in ("6.00", "10.00", "5.00", "12.00", "27.00", "15.00", "18.00"):
        assert money(amount) in text, amount
    for day in ("03/10/2022", "10/10/2022", "20/10/2022", "25/10/2022", "05/10/2022"):
        assert day in text
    assert "octubre de 2022" in text
    assert "Rosa Elvira Huamán Quispe" in text
    assert "Juana Quispe (hermana)" in text
    assert _("half day") in text
    assert _("Training programme: {done} of {size} workshops completed.").format(
        done=2, size=9) in text
    assert page_of(1, 1) in text
    assert font_problems(pdf) == []


def test_long_month_flows_onto_more_pages_numbered_per_member(small_book):
    from coopdesk.reports.statement import render_statement, render_statements

    long_one = render_statement(docs.member_statement(small_book, code="S02", year=2022,
                                                      month=10))
    pages = pdf_pages(long_one)
    n = len(pages)
    assert n >= 2
    for i, page in enumerate(pages, start=1):
        assert page_of(i, n) in page
    # Every workday date is printed, none lost at a page break.
    text = "\n".join(pages)
    for day in range(1, 32):
        assert f"{day:02d}/10/2022" in text
    assert money(str(14 * D("10.00") + 17 * D("12.00"))) in text

    both = pdf_pages(render_statements(docs.member_statements(small_book, year=2022, month=10)))
    assert len(both) == 1 + n
    assert "Rosa Elvira Huamán Quispe" in both[0] and page_of(1, 1) in both[0]
    # S02 starts on a new page and counts her own pages.
    assert LONG_NAME in both[1] and page_of(1, n) in both[1]
    assert LONG_NAME not in both[0]
    assert page_of(n, n) in both[-1]


def test_sale_receipt_pdf_original_copy_words_and_void(small_book):
    from coopdesk.reports.receipts import NOT_A_TAX_RECEIPT, render_sale_receipt
    from coopdesk.services.settings import update_settings
    from coopdesk.services.trade import void_sale

    pdf = render_sale_receipt(docs.sale_receipt(small_book, number=1, reprint=False))
    pages = pdf_pages(pdf)
    assert len(pages) == 1
    text = pages[0]
    assert text.count("001-000001") == 2
    assert _("ORIGINAL") in text and _("COPY") in text
    assert text.count("SON: TREINTA Y CUATRO CON 50/100 SOLES") == 2
    assert money("34.50") in text and money("25.50") in text
    assert _("Pending payment") in text
    assert _(NOT_A_TAX_RECEIPT) in text
    assert "ANULADO" not in text and "REIMPRESIÓN" not in text
    assert font_problems(pdf) == []

    # Formalised but without a RUC: still an internal document.
    update_settings(small_book, formalised=True)
    void_sale(small_book, receipt_number=1, reason="Precio equivocado")
    text = pdf_text(render_sale_receipt(docs.sale_receipt(small_book, number=1,
                                                          today=d("2022-11-03"))))
    text = " ".join(text.split())
    assert text.count("ANULADO") >= 2 and "Precio equivocado" in text
    assert text.count(f"ANULADO el {dt.date.today():%d/%m/%Y}") == 2
    assert text.count("REIMPRESIÓN del 03/11/2022") == 2
    assert _(NOT_A_TAX_RECEIPT) in text
    # With a RUC the notice goes and the RUC is printed on both halves.
    update_settings(small_book, ruc="20131312955")
    paid = pdf_text(render_sale_receipt(docs.sale_receipt(small_book, number=2)))
    assert _("Paid") in paid and "SON: DIECISIETE CON 00/100 SOLES" in paid
    assert _(NOT_A_TAX_RECEIPT) not in paid and paid.count("RUC 20131312955") == 2


@pytest.mark.parametrize(("typed", "sentence"), [
    ("20131312954", "El RUC 20131312954 no es válido: su último dígito debería ser 5. "
                    "Compruébelo con la ficha RUC de la SUNAT."),
    ("2013131295", "El RUC tiene 11 dígitos, p. ej. 20123456789; “2013131295” no."),
    ("2013131295x", "El RUC tiene 11 dígitos, p. ej. 20123456789; “2013131295x” no."),
])
def test_a_wrong_ruc_is_refused_and_nothing_changes(small_book, typed, sentence):
    from coopdesk.domain.errors import InvalidInput
    from coopdesk.i18n import current_language, set_language
    from coopdesk.services.settings import get_settings, update_settings

    update_settings(small_book, ruc="20100047218")
    before = set_language("es") and current_language()
    try:
        with pytest.raises(InvalidInput) as refused:
            update_settings(small_book, ruc=typed, cooperative_name="Otro nombre")
    finally:
        set_language(before)
    assert refused.value.message == sentence
    assert get_settings(small_book).ruc == "20100047218"
    assert get_settings(small_book).cooperative_name == "Dulce Esperanza"


def test_payment_receipt_pdf(small_book):
    from coopdesk.reports.receipts import render_payment_receipt

    with small_book.read() as s:
        uuid = s.connection().exec_driver_sql(
            "SELECT uuid FROM member_payment WHERE amount = 1500").scalar()
    pdf = render_payment_receipt(docs.payment_receipt(small_book, payment_uuid=uuid))
    text = pdf_text(pdf)
    before = D("10.00") - D("4.00") + D("27.00")
    assert money(str(before)) in text and money(str(before - D("15.00"))) in text
    assert "SON: QUINCE CON 00/100 SOLES" in text
    assert "Juana Quispe (hermana)" in text
    assert _("Thumbprint") in text and _("Treasurer") in text
    assert font_problems(pdf) == []


def test_monthly_report_pdf(small_book):
    from coopdesk.reports.monthly_report import percent, render_monthly_report

    rep = docs.monthly_report(small_book, year=2022, month=10)
    pdf = render_monthly_report(rep)
    text = pdf_text(pdf)
    sales, purchases, expenses = D("51.50"), D("12.50"), D("7.50")
    earned = D("27.00") + 14 * D("10.00") + 17 * D("12.00")  # S01, then S02's half days
    for amount in (sales, purchases, expenses, earned, sales - purchases - expenses - earned):
        assert money(str(amount)) in text, amount
    assert "Thika Thani" in text and "Bodega Rosa" in text
    assert percent((D("34.50") * 100 / sales).quantize(D("0.1"))) in text
    assert "Chocolate chuncho 70%" in text and "Cacao en grano" in text
    assert "001-000001" in text
    assert "octubre de 2022" in text and "oct. 22" in text  # the chart's last bar
    assert font_problems(pdf) == []


def test_sheets_and_certificates_pdfs(small_book):
    from coopdesk.reports.certificates import (
        WORKDAYS_TITLE,
        render_programme_record,
        render_workdays_record,
    )
    from coopdesk.reports.sheets import render_attendance_sheet, render_workday_sheet

    pdfs = {}
    pdfs["blank"] = render_workday_sheet(forms.workday_sheet(small_book, year=2022, month=10,
                                                            filled=False))
    filled = render_workday_sheet(forms.workday_sheet(small_book, year=2022, month=10,
                                                     filled=True))
    pdfs["filled"] = filled
    # The one half day of S01 is marked on the filled sheet only (the hint has one ½ too).
    assert pdf_text(filled).count("½") == pdf_text(pdfs["blank"]).count("½") + 1
    assert LONG_NAME in pdf_text(filled).replace("\n", " ")
    pdfs["attendance"] = render_attendance_sheet(forms.attendance_sheet(small_book, workshop=1,
                                                                       day=d("2022-10-05")))
    assert "Costos de inicio y planificación financiera" in pdf_text(pdfs["attendance"])
    record = render_programme_record(forms.programme_record(small_book, code="S01",
                                                           issued_on=d("2022-12-01")))
    text = pdf_text(record)
    assert "05/10/2022" in text and "05/09/2022" in text
    assert "Establecimiento Penitenciario de Quillabamba, 1 de diciembre de 2022." in text
    assert "12345678" in text
    pdfs["record"] = record
    days = render_workdays_record(forms.workdays_record(
        small_book, code="S01", start=d("2022-09-01"), end=d("2022-10-31"),
        issued_on=dt.date(2022, 11, 2)))
    text = pdf_text(days)
    assert WORKDAYS_TITLE in text
    assert "01/09/2022" in text and "31/10/2022" in text and "3.5" in text
    pdfs["days"] = days
    for name, pdf in pdfs.items():
        assert font_problems(pdf) == [], name


@pytest.mark.parametrize("text", ["¿Ñandú?", "¡Añañau!", "Ayacucho–Cusco “ok”"])
def test_spanish_characters_survive(small_book, text):
    from coopdesk.reports.base import para
    from coopdesk.reports.page import build_pdf
    from coopdesk.services.documents import letterhead

    pdf = build_pdf([para(text + " S/ 1.00")], head=letterhead(small_book), title=text)
    assert text in pdf_text(pdf)
    assert font_problems(pdf) == []


def test_one_call_per_document_for_the_desk(small_book):
    from coopdesk.reports import documents as paper

    with small_book.read() as s:
        uuid = s.connection().exec_driver_sql("SELECT uuid FROM member_payment LIMIT 1").scalar()
    pdfs = [
        paper.sale_receipt_pdf(small_book, 1),
        paper.payment_receipt_pdf(small_book, uuid),
        paper.statement_pdf(small_book, 2022, 10),
        paper.statement_pdf(small_book, 2022, 10, "S01"),
        paper.monthly_report_pdf(small_book, 2022, 10),
        paper.workday_sheet_pdf(small_book, 2022, 10, filled=True),
        paper.attendance_sheet_pdf(small_book, 1, day=d("2022-10-05")),
        paper.programme_record_pdf(small_book, "S01"),
        paper.workdays_record_pdf(small_book, "S01", d("2022-10-01"), d("2022-10-31")),
    ]
    assert all(pdf.startswith(b"%PDF") for pdf in pdfs)
    assert "Rosa Elvira Huamán Quispe" in pdf_text(pdfs[3])


def test_statement_of_an_advance_says_so(small_book):
    from decimal import Decimal

    from coopdesk.reports.statement import render_statement
    from coopdesk.services.payments import pay_member

    # She is owed 6.00 + 27.00 − 15.00 = 18.00 on 31/10; 50.00 more is an advance of 32.00.
    pay_member(small_book, code="S01", day=d("2022-10-31"), amount=Decimal("50.00"),
               confirm_advance=True)
    st = docs.member_statement(small_book, code="S01", year=2022, month=10)
    assert st.closing_balance == Decimal("-32.00")
    text = pdf_text(render_statement(st)).replace("\n", " ")
    assert money("32.00") in text
