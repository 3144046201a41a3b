"""The accountant's registers: totals against `summary`, voided rows, the IGV split, the RUC.

The RUC check digit is computed here independently (SUNAT's modulus 11, weights
5,4,3,2,7,6,5,4,3,2) and tried on RUCs of well-known Peruvian companies.
"""

from __future__ import annotations

import csv
from decimal import Decimal as D

import pytest
from openpyxl import load_workbook

from coopdesk.domain.errors import InvalidInput
from coopdesk.domain.tax_ids import clean_receipt, clean_tax_document
from coopdesk.services.registers import COLUMNS, month_registers, split_igv
from coopdesk.services.settings import update_settings
from coopdesk.services.summary import month_summary
from tests.conftest import run_cli


@pytest.fixture(autouse=True)
def english():
    """Compare against the English source sentences; put the language back afterwards."""
    from coopdesk.i18n import current_language, set_language

    previous = current_language()
    set_language("en")
    yield
    set_language(previous)

KNOWN_VALID = ("20131312955", "20100047218", "20100070970", "20100130204")


def independent_check_digit(ruc: str) -> int:
    weights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
    remainder = sum(int(ruc[i]) * weights[i] for i in range(10)) % 11
    digit = 11 - remainder
    if digit == 10:
        return 0
    if digit == 11:
        return 1
    return digit


@pytest.mark.parametrize("ruc", KNOWN_VALID)
def test_known_rucs_are_accepted(ruc):
    assert independent_check_digit(ruc) == int(ruc[-1])
    assert clean_tax_document("RUC", ruc) == ("RUC", ruc)
    assert clean_tax_document("", ruc) == ("RUC", ruc)  # 11 digits say it is a RUC


@pytest.mark.parametrize("ruc", KNOWN_VALID)
def test_every_wrong_check_digit_is_refused(ruc):
    for digit in "0123456789":
        if digit == ruc[-1]:
            continue
        wrong = ruc[:10] + digit
        assert independent_check_digit(wrong) != int(wrong[-1])
        with pytest.raises(InvalidInput) as refused:
            clean_tax_document("RUC", wrong)
        assert str(refused.value) == (
            f"The RUC {wrong} is not valid: its last digit should be"
            f" {independent_check_digit(wrong)}. Check it against the SUNAT card.")


def test_dni_receipts_and_unknown_types():
    assert clean_tax_document("dni", "12345678") == ("DNI", "12345678")
    assert clean_tax_document("", "") is None
    with pytest.raises(InvalidInput):
        clean_tax_document("DNI", "1234567")
    with pytest.raises(InvalidInput):
        clean_tax_document("CE", "001234567")
    assert clean_receipt("boleta", "b001-15") == ("03", "B001-15")
    assert clean_receipt("1", "F001-00000001") == ("01", "F001-00000001")
    with pytest.raises(InvalidInput):
        clean_receipt("boleta", "B001 15")


def test_the_igv_split_always_adds_up():
    assert split_igv(D("118.00"), included=False) == (D("118.00"), D("0.00"))
    assert split_igv(D("118.00"), included=True) == (D("100.00"), D("18.00"))
    for cents in range(1, 3000, 7):
        total = D(cents).scaleb(-2)
        base, igv = split_igv(total, included=True)
        assert base + igv == total
        assert abs(base * D("1.18") - total) <= D("0.01")


def _csv(path):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def test_registers_add_up_to_the_summary_and_mark_voided_rows(demo_dir):
    from coopdesk.services.book import Book
    from coopdesk.services.trade import void_sale

    month = "2022-10"
    with Book.open_folder(demo_dir) as book:
        with book.read() as session:
            number = session.connection().exec_driver_sql(
                "SELECT receipt_number FROM sale WHERE voided_at IS NULL AND day >= '2022-10-01'"
                " AND day < '2022-11-01' ORDER BY receipt_number LIMIT 1").scalar()
        void_sale(book, receipt_number=number, reason="prueba del registro")
        summary = month_summary(book, 2022, 10)
    out = demo_dir / "registros"
    done = run_cli("registers", "--month", month, "--out", out, data_dir=demo_dir)
    assert done.returncode == 0, done.stderr
    sales = _csv(out / "registro-ventas-202210.csv")
    purchases = _csv(out / "registro-compras-202210.csv")
    assert tuple(sales[0]) == COLUMNS and tuple(purchases[0]) == COLUMNS
    total = COLUMNS.index("importe_total")
    state = COLUMNS.index("estado")
    # Summed here from the files' own text; summary's totals are the book's own.
    assert sum(D(r[total]) for r in sales[1:]) == summary.sales_total
    assert sum(D(r[total]) for r in purchases[1:]) == summary.purchases_total
    voided = [r for r in sales[1:] if r[state] == "anulado"]
    assert len(voided) == 1 and voided[0][total] == "0.00"
    # The workbook holds the same rows.
    sheet = load_workbook(out / "registro-ventas-202210.xlsx", read_only=True).worksheets[0]
    assert [[c or "" for c in row] for row in sheet.iter_rows(values_only=True)] == sales
    # Written again only with --force.
    again = run_cli("registers", "--month", month, "--out", out, data_dir=demo_dir)
    assert again.returncode == 1
    assert "registro-ventas-202210.csv already exists" in again.stderr


def test_prices_with_igv_split_each_total(demo_book):
    update_settings(demo_book, prices_include_igv=True)
    sales, _purchases = month_registers(demo_book, year=2022, month=10)
    base, igv, total = (COLUMNS.index(c) for c in ("base_imponible", "igv", "importe_total"))
    assert sales.rows
    for row in sales.rows:
        assert D(row[base]) + D(row[igv]) == D(row[total])
        assert D(row[base]) == (D(row[total]) / D("1.18")).quantize(D("0.01"))
    assert sales.total == month_summary(demo_book, 2022, 10).sales_total


def test_a_sale_with_a_wrong_ruc_is_refused_and_nothing_changes(demo_dir, tmp_path):
    from tests.faults.import_attack import dump

    path = tmp_path / "ventas.csv"
    path.write_text(
        "fecha,comprador,producto,cantidad,precio_unitario,pagado,comprobante,"
        "tipo_comprobante,serie_numero,tipo_doc,numero_doc\n"
        "2022-12-01,Supermercado Norte,Chocolate chuncho,2,8.50,si,,boleta,B001-15,RUC,"
        "20100070971\n", encoding="utf-8")
    before = dump(demo_dir)
    done = run_cli("import", "sales", path, data_dir=demo_dir)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"{path}:2: The RUC 20100070971 is not valid: its last digit should be 0. Check it"
        " against the SUNAT card.",
        "Nothing was imported.",
    ]
    assert dump(demo_dir) == before


def test_old_sales_files_still_import_and_new_columns_are_kept(demo_book, tmp_path):
    from coopdesk.services.importing import import_file

    old = tmp_path / "old.csv"
    old.write_text("fecha,comprador,producto,cantidad,precio_unitario,pagado,comprobante\n"
                   "2022-12-05,Tienda,Chocolate chuncho,1,8.50,si,\n", encoding="utf-8")
    assert import_file(demo_book, "sales", old) == 1
    new = tmp_path / "new.csv"
    new.write_text("fecha,comprador,producto,cantidad,precio_unitario,pagado,comprobante,"
                   "tipo_comprobante,serie_numero,tipo_doc,numero_doc\n"
                   "2022-12-06,Tienda,Chocolate chuncho,1,8.50,si,,factura,F001-7,,"
                   "20131312955\n", encoding="utf-8")
    assert import_file(demo_book, "sales", new) == 1
    sales, _p = month_registers(demo_book, year=2022, month=12)
    row = [r for r in sales.rows if r[2] == "F001-7"][0]
    assert row[:7] == ["06/12/2022", "01", "F001-7", "", "6", "20131312955", "Tienda"]
    # The old file's sale has no paper receipt; the buyer's document is hers, on every sale.
    assert [r for r in sales.rows if r[0] == "05/12/2022" and r[6] == "Tienda"][0][1:6] == [
        "", "", "", "6", "20131312955"]
