"""A sale's or purchase's paper receipt and its counterpart's RUC or DNI: typed, exported, imported.

What the desk records (through the same service the forms call) is read back with the
test's own SQL; `export` then `import` into an empty book must give back the same
receipts and documents, in CSV and in XLSX. A buyer keeps the document she was given
first: a different one is refused with a sentence and nothing is written.
"""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal as D

import pytest

from coopdesk.domain.errors import Conflict, InvalidInput
from coopdesk.domain.trade import SaleLine
from coopdesk.services.book import Book
from coopdesk.services.counterparts import paper_details
from coopdesk.services.exporting import export_file
from coopdesk.services.importing import import_file
from coopdesk.services.trade import record_purchase, record_sale

RUC_BUYER = "20131312955"
RUC_SUPPLIER = "20100047218"
DAY = dt.date(2022, 10, 3)


@pytest.fixture(autouse=True)
def english():
    from coopdesk.i18n import current_language, set_language

    previous = current_language()
    set_language("en")
    yield
    set_language(previous)


def _fill(book) -> None:
    record_sale(book, day=DAY, buyer="Supermercados del Sur", paid=True,
                lines=[SaleLine("Barra 70%", D("3"), D("8.50")),
                       SaleLine("Barra con leche", D("2"), D("9.00"))],
                paper=paper_details(receipt_type="boleta", receipt_series="b001-123",
                                    doc_number=RUC_BUYER))
    record_sale(book, day=DAY, buyer="Bodega Rosa", paid=False,
                lines=[SaleLine("Barra 70%", D("1"), D("8.50"))],
                paper=paper_details(doc_type="DNI", doc_number="40123456"))
    record_sale(book, day=DAY, buyer="Visita", paid=True,
                lines=[SaleLine("Barra 70%", D("1"), D("8.50"))])
    record_purchase(book, day=DAY, supplier="Comercial Quillabamba", item="Azúcar",
                    quantity=D("2"), unit="kg", unit_price=D("4.20"), reference="F-77",
                    paper=paper_details(receipt_type="01", receipt_series="F001-77",
                                        doc_type="RUC", doc_number=RUC_SUPPLIER))


def _sales(book) -> list[tuple]:
    with book.read() as r:
        return [tuple(x) for x in r.connection().exec_driver_sql(
            "SELECT b.name, s.total, s.receipt_type, s.receipt_series, b.doc_type, b.doc_number"
            " FROM sale s JOIN buyer b ON b.id = s.buyer_id ORDER BY s.receipt_number")]


def _purchases(book) -> list[tuple]:
    with book.read() as r:
        return [tuple(x) for x in r.connection().exec_driver_sql(
            "SELECT s.name, p.total, p.receipt_type, p.receipt_series, s.doc_type, s.doc_number"
            " FROM purchase p JOIN supplier s ON s.id = p.supplier_id ORDER BY p.id")]


def test_the_desk_stores_receipt_and_document_where_the_import_does(book):
    _fill(book)
    assert _sales(book) == [
        ("Supermercados del Sur", 4350, "03", "B001-123", "RUC", RUC_BUYER),  # 25.50 + 18.00
        ("Bodega Rosa", 850, None, None, "DNI", "40123456"),
        ("Visita", 850, None, None, None, None),
    ]
    assert _purchases(book) == [("Comercial Quillabamba", 840, "01", "F001-77", "RUC",
                                 RUC_SUPPLIER)]


@pytest.mark.parametrize("ending", [".csv", ".xlsx"])
def test_export_then_import_keeps_receipts_and_documents(book, tmp_path, ending):
    _fill(book)
    for kind in ("sales", "purchases"):
        export_file(book, kind, tmp_path / f"{kind}{ending}")
    if ending == ".csv":
        with open(tmp_path / "sales.csv", encoding="utf-8") as fh:
            rows = list(csv.reader(fh))
        assert rows[0][:11] == ["fecha", "comprador", "producto", "cantidad",
                                "precio_unitario", "pagado", "comprobante", "tipo_comprobante",
                                "serie_numero", "tipo_doc", "numero_doc"]
        # The receipt on the sale's first row only; the buyer's document on each.
        assert [r[7:11] for r in rows[1:3]] == [["03", "B001-123", "RUC", RUC_BUYER],
                                                ["", "", "RUC", RUC_BUYER]]
    other = Book.open_folder(tmp_path / "other")
    try:
        import_file(other, "sales", tmp_path / f"sales{ending}")
        import_file(other, "purchases", tmp_path / f"purchases{ending}")
        # Each product row is a sale of its own after import (the import's rule): the
        # first carries the receipt, both the buyer's RUC.
        assert _sales(other) == [
            ("Supermercados del Sur", 2550, "03", "B001-123", "RUC", RUC_BUYER),
            ("Supermercados del Sur", 1800, None, None, "RUC", RUC_BUYER),
            ("Bodega Rosa", 850, None, None, "DNI", "40123456"),
            ("Visita", 850, None, None, None, None),
        ]
        assert _purchases(other) == _purchases(book)
    finally:
        other.close()


def test_a_second_document_for_a_buyer_is_refused_and_nothing_is_written(book):
    _fill(book)
    before = _sales(book)
    with pytest.raises(Conflict) as refused:
        record_sale(book, day=DAY, buyer="supermercados del sur", paid=True,
                    lines=[SaleLine("Barra 70%", D("1"), D("8.50"))],
                    paper=paper_details(doc_type="DNI", doc_number="40123456"))
    assert str(refused.value) == (
        f"Supermercados del Sur already has RUC {RUC_BUYER} in the book; leave the document"
        " empty or type that one.")
    assert refused.value.field == "doc_number"
    assert _sales(book) == before
    # The same document again, or none, is fine.
    record_sale(book, day=DAY, buyer="Supermercados del Sur", paid=True,
                lines=[SaleLine("Barra 70%", D("1"), D("8.50"))],
                paper=paper_details(doc_number=RUC_BUYER))
    assert _sales(book)[-1] == ("Supermercados del Sur", 850, None, None, "RUC", RUC_BUYER)


@pytest.mark.parametrize(("fields", "sentence"), [
    ({"doc_type": "RUC", "doc_number": "20131312956"},
     "The RUC 20131312956 is not valid: its last digit should be 5. Check it against the"
     " SUNAT card."),
    ({"doc_type": "DNI", "doc_number": "4012345"},
     "The DNI “4012345” must have exactly 8 digits (or leave it empty)."),
    ({"receipt_type": "03", "receipt_series": "B001 123"},
     "The series and number “B001 123” must be written like B001-123 (up to 4 letters or"
     " digits, a dash, up to 8 digits)."),
])
def test_bad_paper_is_refused_with_the_imports_sentence(fields, sentence):
    with pytest.raises(InvalidInput) as refused:
        paper_details(**fields)
    assert str(refused.value) == sentence
