"""A correction's paper names the receipt it corrects; the voided original names its correction."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from decimal import Decimal as D

import pytest

from coopdesk.domain.trade import SaleLine
from coopdesk.i18n import _
from coopdesk.reports.receipts import render_payment_receipt, render_sale_receipt
from coopdesk.reports.statement import render_statement
from coopdesk.services.documents import member_statement, payment_receipt, sale_receipt
from coopdesk.services.months import close_month
from coopdesk.services.payments import pay_member, void_payment
from coopdesk.services.trade import record_sale, void_sale
from tests.small_book import SALES

NOV = dt.date(2022, 11, 4)


def pdftotext(pdf: bytes, tmp_path) -> str:
    """Return the text of a PDF as poppler's pdftotext reads it (one line per line)."""
    source = tmp_path / "paper.pdf"
    source.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-layout", str(source), "-"], capture_output=True,
                         check=True)
    return out.stdout.decode("utf-8").replace("\xa0", " ")


needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="no pdftotext")


@needs_poppler
def test_a_sale_correcting_a_voided_sale_of_a_closed_month(small_book, tmp_path):
    void_sale(small_book, receipt_number=1, reason="wrong price")
    close_month(small_book, year=2022, month=10)
    correction = record_sale(small_book, day=NOV, buyer="Thika Thani", paid=False,
                             corrects="001-000001",
                             lines=[SaleLine("Chocolate chuncho 70%", D("3"), D("9.00"))])
    receipt = sale_receipt(small_book, number=correction.receipt_number)
    assert (receipt.corrects, receipt.corrected_by) == ("001-000001", "")
    text = pdftotext(render_sale_receipt(receipt), tmp_path)
    expected = _("Corrects receipt {number}").format(number="001-000001")
    assert text.count(expected) == 2  # the original and the copy
    printed = f"001-{correction.receipt_number:06d}"  # after the small book's five sales
    assert correction.receipt_number == SALES + 1
    assert printed in text
    original = sale_receipt(small_book, number=1)
    assert (original.corrects, original.corrected_by) == ("", printed)
    text = pdftotext(render_sale_receipt(original), tmp_path)
    assert text.count(_("Corrected by receipt {number}").format(number=printed)) == 2
    # A receipt that corrects nothing says nothing about corrections.
    plain = pdftotext(render_sale_receipt(sale_receipt(small_book, number=2)), tmp_path)
    assert _("Corrects receipt {number}").format(number="") not in plain


@needs_poppler
def test_a_payment_correction_on_its_receipt_and_her_statement(small_book, tmp_path):
    with small_book.read() as session:
        first_id, first_uuid = session.connection().exec_driver_sql(
            "SELECT id, uuid FROM member_payment WHERE day = '2022-10-25'").one()
    void_payment(small_book, uuid=first_uuid, reason="paid to the wrong person")
    correction = pay_member(small_book, code="S01", day=dt.date(2022, 10, 27),
                            amount=D("15.00"), corrects=f"{first_id:06d}",
                            received_by="Rosa Elvira Huamán Quispe")
    receipt = payment_receipt(small_book, payment_uuid=correction.uuid)
    assert receipt.corrects == f"{first_id:06d}"
    expected = _("Corrects receipt {number}").format(number=f"{first_id:06d}")
    assert pdftotext(render_payment_receipt(receipt), tmp_path).count(expected) == 2
    original = payment_receipt(small_book, payment_uuid=first_uuid)
    assert original.corrected_by == f"{correction.id:06d}"
    statement = member_statement(small_book, code="S01", year=2022, month=10)
    assert [p.corrects for p in statement.payments] == [f"{first_id:06d}"]
    text = " ".join(pdftotext(render_statement(statement), tmp_path).split())
    assert expected in text


@needs_poppler
def test_a_workday_correction_on_her_statement(small_book, tmp_path):
    from coopdesk.services.work import record_workday

    with small_book.read() as session:
        wrong = session.connection().exec_driver_sql(
            "SELECT w.uuid FROM workday w JOIN member m ON m.id = w.member_id"
            " WHERE m.code = 'S01' AND w.day = '2022-09-20'").scalar()
    close_month(small_book, year=2022, month=9)
    record_workday(small_book, code="S01", day=dt.date(2022, 10, 21), line="chocolate",
                   corrects=wrong)
    statement = member_statement(small_book, code="S01", year=2022, month=10)
    assert [w.corrects for w in statement.workdays] == [None, None, None,
                                                        dt.date(2022, 9, 20)]
    (tmp_path / "statement.pdf").write_bytes(render_statement(statement))
    text = " ".join(pdftotext(render_statement(statement), tmp_path).split())
    # The line column wraps, so pdftotext interleaves it with the next cells: look for the
    # date (September's workday is not otherwise on October's statement) and the words.
    assert "20/09/2022" in text
    for word in _("Corrects the record of {date}").replace("{date}", "").split():
        assert word in text
