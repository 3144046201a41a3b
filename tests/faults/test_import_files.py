"""Attacks on the reading of import files: refused line by line, or read exactly.

Every refusal asserts the exact `FILE:LINE:` sentence, exit 1 and an unchanged book
(every table dumped before and after).
"""

from __future__ import annotations

import codecs
import datetime as dt

import pytest

from tests.faults.import_attack import book_copy, count, dump, refused, run

HEADER = "codigo_socia,fecha,monto,nota"
NOTHING = "Nothing was imported."


@pytest.fixture
def folder(_member_book_file, tmp_path, monkeypatch):
    monkeypatch.setenv("COOPDESK_LANG", "en")
    return book_copy(_member_book_file, tmp_path)


def _payments(folder) -> list[tuple]:
    import sqlite3

    conn = sqlite3.connect(folder / "coopdesk.sqlite3")
    try:
        return conn.execute("SELECT m.code, p.day, p.amount, p.note FROM member_payment p"
                            " JOIN member m ON m.id = p.member_id ORDER BY p.day").fetchall()
    finally:
        conn.close()


def test_a_stray_opening_quote_is_refused_on_its_line_and_swallows_nothing(folder, tmp_path,
                                                                           capsys):
    csv = tmp_path / "pagos.csv"
    csv.write_text(f'{HEADER}\nS01,2022-01-05,50.00,"Adelanto\nS01,2022-01-06,20.00,pasajes\n'
                   "S01,2022-01-07,30.00,\n", encoding="utf-8")
    assert refused(capsys, folder, "payments", csv) == [
        f"{csv}:2: a quote mark opens a cell in column “nota” and is not closed on this line"
        " (a stray quote, or the file was cut); a cell cannot span lines: remove the quote or"
        " close it",
        NOTHING,
    ]


def test_a_file_cut_inside_a_quoted_cell_is_refused(folder, tmp_path, capsys):
    csv = tmp_path / "pagos.csv"
    csv.write_bytes(f'{HEADER}\r\nS01,2022-01-05,50.00,"ok"\r\nS01,2022-01-06,20.00,"Adel'
                    .encode())
    err = refused(capsys, folder, "payments", csv)
    assert err[0].startswith(f"{csv}:3: a quote mark opens a cell in column “nota” and is not"
                             " closed on this line")
    assert err[1:] == [NOTHING]


def test_a_note_spanning_two_lines_is_refused_on_the_line_it_starts(folder, tmp_path, capsys):
    csv = tmp_path / "pagos.csv"
    csv.write_text(f'{HEADER}\nS01,2022-01-05,50.00,"dos\nlíneas"\n', encoding="utf-8")
    err = refused(capsys, folder, "payments", csv)
    assert err[0].startswith(f"{csv}:2: a quote mark opens a cell in column “nota”")
    assert err[1:] == [f"{csv}:3: this row has 1 cells but the header has 4", NOTHING]


def test_text_after_a_closing_quote_is_refused(folder, tmp_path, capsys):
    csv = tmp_path / "pagos.csv"
    csv.write_text(f'{HEADER}\nS01,2022-01-05,50.00,"Ade"lanto\n', encoding="utf-8")
    assert refused(capsys, folder, "payments", csv) == [
        f"{csv}:2: a quote mark in column “nota” is followed by more text; inside quotes,"
        ' write a quote mark as two ("")',
        NOTHING,
    ]


def test_a_nul_byte_is_refused_on_its_line(folder, tmp_path, capsys):
    csv = tmp_path / "pagos.csv"
    csv.write_bytes(f"{HEADER}\nS01,2022-01-05,50.00,\nS01,2022-01-06,2\x000.00,\n".encode())
    assert refused(capsys, folder, "payments", csv) == [
        f"{csv}:3: this line holds a zero byte (NUL): the file is damaged or is not a text file;"
        " save it again as CSV",
        NOTHING,
    ]


@pytest.mark.parametrize(
    ("cell", "code", "label"),
    [("\u200bS01", "200B", "ZERO WIDTH SPACE"),
     ("S\u202e10", "202E", "RIGHT-TO-LEFT OVERRIDE"),
     ("\ufeffS01", "FEFF", "ZERO WIDTH NO-BREAK SPACE"),
     ("S01\u2066", "2066", "LEFT-TO-RIGHT ISOLATE"),
     ("S0\u00ad1", "00AD", "SOFT HYPHEN")],
)
def test_an_invisible_character_in_a_code_says_so(folder, tmp_path, capsys, cell, code, label):
    csv = tmp_path / "pagos.csv"
    csv.write_text(f"{HEADER}\nS01,2022-01-05,50.00,\n{cell},2022-01-06,20.00,\n",
                   encoding="utf-8")
    visible = cell.translate({ord(ch): None for ch in "\u200b\u202e\ufeff\u2066\u00ad"})
    assert refused(capsys, folder, "payments", csv) == [
        f"{csv}:3: the column “codigo_socia” holds an invisible character (U+{code} {label})"
        f" in “{visible}”; delete it and type the text again",
        NOTHING,
    ]


def test_an_invisible_character_in_a_members_name_is_refused(folder, tmp_path, capsys):
    csv = tmp_path / "socias.csv"
    csv.write_text("codigo,nombre,dni,fecha_ingreso,estado,fecha_salida,cargo\n"
                   "S02,Rosa \u202eihcnaM,,2022-01-03,activa,,\n", encoding="utf-8")
    assert refused(capsys, folder, "members", csv) == [
        f"{csv}:2: the column “nombre” holds an invisible character (U+202E RIGHT-TO-LEFT"
        " OVERRIDE) in “Rosa ihcnaM”; delete it and type the text again",
        NOTHING,
    ]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"])
def test_unicode_files_with_a_byte_order_mark_are_read_exactly(folder, tmp_path, capsys,
                                                               encoding):
    text = f"{HEADER}\r\nS01,2022-01-05,50.00,Adelanto señora Ñahui\r\nS01,06/01/2022,7.25,\r\n"
    data = text.encode(encoding)
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(encoding, b"")
    csv = tmp_path / "pagos.csv"
    csv.write_bytes(bom + data)
    code, err = run(capsys, folder, "import", "payments", csv)
    assert (code, err) == (0, [])
    assert _payments(folder) == [("S01", "2022-01-05", 5000, "Adelanto señora Ñahui"),
                                 ("S01", "2022-01-06", 725, "")]


def test_a_utf16_file_cut_in_the_middle_of_a_character_is_refused(folder, tmp_path, capsys):
    csv = tmp_path / "pagos.csv"
    csv.write_bytes(f"{HEADER}\nS01,2022-01-05,50.00,\n".encode("utf-16")[:-1])
    assert refused(capsys, folder, "payments", csv) == [
        "The file pagos.csv says it is UTF-16 but is cut or damaged; save it again.", NOTHING]


def test_a_utf8_file_with_its_mark_and_a_damaged_byte_is_refused(folder, tmp_path, capsys):
    csv = tmp_path / "pagos.csv"
    damaged = f"{HEADER}\nS01,2022-01-05,50.00,Se\xf1ora\n".encode("latin-1")
    csv.write_bytes(codecs.BOM_UTF8 + damaged)
    assert refused(capsys, folder, "payments", csv) == [
        "The file pagos.csv says it is UTF-8 but is cut or damaged; save it again.", NOTHING]


def test_trailing_empty_columns_from_a_spreadsheet_are_tolerated(folder, tmp_path, capsys):
    csv = tmp_path / "pagos.csv"
    csv.write_text(f"{HEADER},,,\nS01,2022-01-05,50.00,,,,\nS01,2022-01-06,20.00,nota,,\n"
                   ",,,,,,\n", encoding="utf-8")
    code, err = run(capsys, folder, "import", "payments", csv)
    assert (code, err) == (0, [])
    assert _payments(folder) == [("S01", "2022-01-05", 5000, ""),
                                 ("S01", "2022-01-06", 2000, "nota")]


def test_a_filled_cell_beyond_the_header_is_still_refused(folder, tmp_path, capsys):
    csv = tmp_path / "pagos.csv"
    csv.write_text(f"{HEADER},,\nS01,2022-01-05,50.00,,,x\n", encoding="utf-8")
    assert refused(capsys, folder, "payments", csv) == [
        f"{csv}:2: this row has 6 cells but the header has 4", NOTHING]


def test_more_than_fifty_bad_lines_are_counted(folder, tmp_path, capsys):
    csv = tmp_path / "pagos.csv"
    rows = [f"S01,2022-01-{1 + n % 28:02d},{n + 1}.00," for n in range(30)]
    rows += ["S99,2022-01-05,1.00,"] * 12_400
    csv.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    err = refused(capsys, folder, "payments", csv)
    assert err[:50] == [f"{csv}:{n}: there is no member with the code “S99”"
                        for n in range(32, 82)]
    assert err[50:] == ["… and 12,350 more rows with errors.", NOTHING]


def test_the_error_count_is_in_spanish_with_peruvian_grouping(folder, tmp_path, capsys,
                                                              monkeypatch):
    from coopdesk.i18n import set_language

    set_language("es")  # the english fixture restores the language afterwards
    csv = tmp_path / "pagos.csv"
    csv.write_text("\n".join([HEADER, *["S99,2022-01-05,1.00,"] * 1_285]) + "\n",
                   encoding="utf-8")
    err = refused(capsys, folder, "payments", csv)
    assert err[0] == f"{csv}:2: no hay ninguna socia con el código “S99”"
    assert err[50:] == ["… y 1,235 filas más con errores.", "No se importó nada."]


def test_a_stray_quote_is_explained_in_spanish(folder, tmp_path, capsys, monkeypatch):
    from coopdesk.i18n import set_language

    set_language("es")
    csv = tmp_path / "pagos.csv"
    csv.write_text(f'{HEADER}\nS01,2022-01-05,50.00,"Adelanto\nS01,2022-01-06,20.00,\n',
                   encoding="utf-8")
    assert refused(capsys, folder, "payments", csv) == [
        f"{csv}:2: unas comillas abren una celda en la columna “nota” y no se cierran en esta"
        " línea (comillas sueltas, o el archivo está cortado); una celda no puede ocupar"
        " varias líneas: quite las comillas o ciérrelas",
        "No se importó nada.",
    ]


def test_xlsx_files_are_imported_with_numbers_and_dates_as_typed(folder, tmp_path, capsys):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["codigo_socia", "fecha", "monto", "nota", None])
    sheet.append(["S01", dt.datetime(2022, 1, 5), 50.5, "Adelanto"])
    sheet.append([None, None, None, None])
    sheet.append(["S01", "06/01/2022", 7, None])
    path = tmp_path / "pagos.xlsx"
    workbook.save(path)
    code, err = run(capsys, folder, "import", "payments", path)
    assert (code, err) == (0, [])
    assert _payments(folder) == [("S01", "2022-01-05", 5050, "Adelanto"),
                                 ("S01", "2022-01-06", 700, "")]


def test_an_xlsx_formula_is_refused_not_evaluated(folder, tmp_path, capsys):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["codigo_socia", "fecha", "monto", "nota"])
    sheet.append(["S01", "2022-01-05", "=20+30", ""])
    path = tmp_path / "pagos.xlsx"
    workbook.save(path)
    assert refused(capsys, folder, "payments", path) == [
        f"{path}:2: the cell of column “monto” holds a formula or an error (=20+30); coopdesk"
        " reads values only: copy the column and paste it as values",
        NOTHING,
    ]


def test_a_file_named_xlsx_that_is_not_a_workbook_is_refused(folder, tmp_path, capsys):
    path = tmp_path / "pagos.xlsx"
    path.write_text(f"{HEADER}\nS01,2022-01-05,50.00,\n", encoding="utf-8")
    assert refused(capsys, folder, "payments", path) == [
        "The file pagos.xlsx is not an Excel workbook (.xlsx) that can be read (BadZipFile);"
        " save it again from the spreadsheet as .xlsx, or as CSV.", NOTHING]


def test_the_csv_reader_knows_every_invisible_character_of_unicode():
    """The hard-coded list must match Python's Unicode database (format characters, Cf)."""
    import sys
    import unicodedata

    from coopdesk.services.csv_files import _INVISIBLE

    missing = [f"U+{c:04X}" for c in range(sys.maxunicode + 1)
               if unicodedata.category(chr(c)) in ("Cf", "Zl", "Zp")
               and not _INVISIBLE.match(chr(c))]
    assert missing == []
    assert not _INVISIBLE.search("Ana María Ñahui-Quispe 'x' \t 8.50 ¿?")


def test_the_book_is_unchanged_after_each_refusal_above(folder):
    # The helper compares every table; this checks the helper sees a real change.
    before = dump(folder)
    assert count(folder, "member") == 1
    import sqlite3

    conn = sqlite3.connect(folder / "coopdesk.sqlite3")
    conn.execute("UPDATE member SET full_name = 'X'")
    conn.commit()
    conn.close()
    assert dump(folder) != before


def test_an_xlsx_whose_sheet_is_cut_is_refused_with_a_sentence(folder, tmp_path, capsys):
    import zipfile

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["codigo_socia", "fecha", "monto", "nota"])
    for day in range(1, 29):
        sheet.append(["S01", f"2022-01-{day:02d}", "10.00", "nota"])
    whole = tmp_path / "whole.xlsx"
    workbook.save(whole)
    path = tmp_path / "pagos.xlsx"
    with zipfile.ZipFile(whole) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) * 2 // 3]  # cut in the middle of the rows
            dst.writestr(item, data)
    err = refused(capsys, folder, "payments", path)
    assert err[0].startswith("The file pagos.xlsx is not an Excel workbook (.xlsx) that can be"
                             " read (")
    assert err[0].endswith("); save it again from the spreadsheet as .xlsx, or as CSV.")
    assert err[1:] == [NOTHING]
