"""The book's seal (the chain head's short form) is printed on the monthly report and statements.

The expected seal is recomputed here from the seal rows with hashlib, and the paper is
read back as text: what the coordinator files is a copy of the head kept outside the book.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal

from coopdesk.i18n import current_language, set_language
from coopdesk.reports.documents import monthly_report_pdf, sale_receipt_pdf, statement_pdf
from coopdesk.services.payments import record_expense
from tests.reports.conftest import pdf_pages


def _seal_now(book) -> str:
    with book.read_sql() as reader:
        # Since revision 0009 a seal names its record by uuid (older seals by id).
        rows = reader.connection().exec_driver_sql(
            "SELECT entity, coalesce(record_uuid, record_id), content_hash FROM seal"
            " ORDER BY id").all()
    previous = "0" * 64
    for entity, record_id, content in rows:
        link = f"{previous}|{entity}|{record_id}|{content}"
        previous = hashlib.sha256(link.encode()).hexdigest()
    return f"Sello {previous[:12]}·{len(rows)}"


def test_the_monthly_report_and_each_statement_carry_the_seal_on_every_page(demo_book):
    previous = current_language()
    set_language("es")
    try:
        seal = _seal_now(demo_book)
        report = pdf_pages(monthly_report_pdf(demo_book, 2022, 10))
        statements = pdf_pages(statement_pdf(demo_book, 2022, 10))
        assert len(report) >= 2 and len(statements) >= 10
        assert all(seal in page for page in report + statements)
        # Later work moves the seal on: the next paper says so.
        record_expense(demo_book, day=dt.date(2022, 11, 3), category="Transporte",
                       amount=Decimal("12.50"))
        later = _seal_now(demo_book)
        assert later != seal
        assert later in pdf_pages(statement_pdf(demo_book, 2022, 10, "S02"))[0]
        # Receipts are not part of the issue: they stay as they were.
        assert "Sello " not in "".join(pdf_pages(sale_receipt_pdf(demo_book, 1)))
    finally:
        set_language(previous)
