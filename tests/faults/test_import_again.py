"""Attacks by repetition: the same file, or rows already in the book, never count twice."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from tests.faults.import_attack import book_copy, count, refused, run

NOTHING = "Nothing was imported."
AGAIN_HINT = ("Rows that look like records already in the book are refused; if they really are"
              " new records, import the file with --again.")


@pytest.fixture
def folder(_member_book_file, tmp_path, monkeypatch):
    monkeypatch.setenv("COOPDESK_LANG", "en")
    return book_copy(_member_book_file, tmp_path)


def _imported_at(folder) -> dt.datetime:
    conn = sqlite3.connect(folder / "coopdesk.sqlite3")
    try:
        (at,) = conn.execute("SELECT at FROM audit_event WHERE action = 'import'"
                             " ORDER BY id LIMIT 1").fetchone()
    finally:
        conn.close()
    return dt.datetime.fromisoformat(at)


def test_the_same_payments_file_twice_is_refused_with_the_date_unless_again(folder, tmp_path,
                                                                            capsys):
    csv = tmp_path / "pagos.csv"
    csv.write_text("codigo_socia,fecha,monto,nota\nS01,2022-01-05,50.00,Adelanto\n"
                   "S01,2022-01-20,80.00,\n", encoding="utf-8")
    assert run(capsys, folder, "import", "payments", csv)[0] == 0
    at = _imported_at(folder)
    assert refused(capsys, folder, "payments", csv) == [
        f"The file pagos.csv was already imported on {at:%d/%m/%Y} at {at:%H:%M}, exactly as it"
        " is now; importing it again would count its rows twice. Nothing was imported.",
        "If it really holds new records, import it again with --again.",
    ]
    # A copy under another name is the same content: refused too.
    copy = tmp_path / "pagos (1).csv"
    copy.write_bytes(csv.read_bytes())
    assert refused(capsys, folder, "payments", copy)[0].startswith(
        "The file pagos (1).csv was already imported on")
    code, _err = run(capsys, folder, "import", "payments", csv, "--again")
    assert code == 0
    assert count(folder, "member_payment") == 4


DUPLICATES = {
    "payments": ("codigo_socia,fecha,monto,nota", "S01,2022-01-05,50.00,Adelanto",
                 "S01,2022-01-06,50.00,Adelanto",
                 "likely a duplicate: the book already has the same payment of 50.00 to S01 on"
                 " 05/01/2022, recorded before this import", "member_payment"),
    "expenses": ("fecha,categoria,monto,nota", "2022-01-05,INPE,41.00,aporte",
                 "2022-01-05,INPE,41.00,otro aporte",
                 "likely a duplicate: the book already has the same expense of 41.00 (INPE) on"
                 " 05/01/2022, recorded before this import", "expense"),
    "sales": ("fecha,comprador,producto,cantidad,precio_unitario,pagado,comprobante",
              "2022-01-05,Thika Thani,Barra 70%,10,8.50,si,",
              "2022-01-05,Thika Thani,Barra 70%,11,8.50,si,",
              "likely a duplicate: the book already has the same sale on 05/01/2022, recorded"
              " before this import", "sale"),
    "purchases": ("fecha,proveedor,insumo,cantidad,unidad,precio_unitario,comprobante",
                  "2022-01-05,Comercial Quillabamba,Cacao,2.5,kg,12.00,",
                  "2022-01-05,Comercial Quillabamba,Azúcar,2.5,kg,12.00,",
                  "likely a duplicate: the book already has the same purchase on 05/01/2022,"
                  " recorded before this import", "purchase"),
}


@pytest.mark.parametrize("kind", sorted(DUPLICATES))
def test_rows_identical_to_records_of_the_same_day_are_refused_unless_again(folder, tmp_path,
                                                                           capsys, kind):
    header, row, other, sentence, table = DUPLICATES[kind]
    first = tmp_path / "first.csv"
    first.write_text(f"{header}\n{row}\n", encoding="utf-8")
    assert run(capsys, folder, "import", kind, first)[0] == 0
    # Another file (other bytes) that repeats the row among a new one.
    second = tmp_path / "second.csv"
    second.write_text(f"{header}\n{other}\n{row.upper() if kind == 'sales' else row}\n",
                      encoding="utf-8")
    assert refused(capsys, folder, kind, second) == [f"{second}:3: {sentence}", AGAIN_HINT,
                                                     NOTHING]
    assert run(capsys, folder, "import", kind, second, "--again")[0] == 0
    assert count(folder, table) == 3


def test_two_equal_rows_in_one_new_file_are_both_kept(folder, tmp_path, capsys):
    """Two equal advances the same day in one file may be real; only the book's records count."""
    csv = tmp_path / "pagos.csv"
    csv.write_text("codigo_socia,fecha,monto,nota\nS01,2022-01-05,10.00,\nS01,2022-01-05,10.00,\n",
                   encoding="utf-8")
    assert run(capsys, folder, "import", "payments", csv)[0] == 0
    assert count(folder, "member_payment") == 2


def test_a_sale_with_a_comprobante_is_refused_by_its_reference_not_as_a_duplicate(folder, tmp_path,
                                                                                  capsys):
    header = "fecha,comprador,producto,cantidad,precio_unitario,pagado,comprobante"
    first = tmp_path / "ventas.csv"
    first.write_text(f"{header}\n2022-01-05,Thika Thani,Barra,10,8.50,si,B-17\n", encoding="utf-8")
    assert run(capsys, folder, "import", "sales", first)[0] == 0
    second = tmp_path / "ventas2.csv"
    second.write_text(f"{header}\n2022-01-06,Bodega,Barra,1,8.50,si,B-17\n", encoding="utf-8")
    assert refused(capsys, folder, "sales", second, "--again") == [
        f"{second}:2: the receipt reference B-17 was already used", NOTHING]


def test_an_expense_repeated_with_other_letter_case_is_still_a_duplicate(folder, tmp_path,
                                                                          capsys):
    """Attack review: "transporte" then "Transporte" (and a note in capitals) counted twice."""
    day = (dt.date.today() - dt.timedelta(days=3)).isoformat()
    first = tmp_path / "gastos.csv"
    first.write_text(f"fecha,categoria,monto,nota\n{day},transporte,5.00,bus\n",
                     encoding="utf-8")
    assert run(capsys, folder, "import", "expenses", first)[0] == 0
    before = count(folder, "expense")
    second = tmp_path / "gastos-2.csv"
    second.write_text(f"fecha,categoria,monto,nota\n{day},Transporte,5.00,BUS\n",
                      encoding="utf-8")
    lines = refused(capsys, folder, "expenses", second)
    assert lines[0].startswith(f"{second}:2: likely a duplicate: the book already has the same"
                               " expense of 5.00 (Transporte) on ")
    assert lines[1:] == [AGAIN_HINT, NOTHING]
    assert count(folder, "expense") == before
