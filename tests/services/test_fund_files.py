"""The funds as a CSV kind: the export writes the whole ledger, the import what a person types.

The book: the 2022 distribution credits the reserve S/ 65.00 and the education fund
S/ 32.50 on 15/02/2023 (10 % and 5 % of S/ 650.00); workshop 3 meets on 10/03/2023.
The file adds a donation of S/ 500.00 and S/ 20.00 into the reserve, pays workshop 3's
S/ 45.00 and S/ 12.30 of notebooks; one entry is voided. Worked out by hand:
education 32.50 + 500.00 − 45.00 − 12.30 = 475.20; reserve 65.00 + 20.00 = 85.00.
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from decimal import Decimal as D
from pathlib import Path

import pytest

from coopdesk.services import distribution
from coopdesk.services.book import Book
from coopdesk.services.check import check_book
from coopdesk.services.exporting import export_file
from coopdesk.services.funds import fund_balance, fund_movements, void_fund_movement
from coopdesk.services.importing import import_file
from coopdesk.services.workshops import add_session
from tests.services.costing_helpers import fill_costing_book

TYPED = """fondo,fecha,tipo,monto,nota,taller
educacion,02/03/2023,ingreso,500,Donación del programa,
reserva,2023-03-02,ingreso,20.00,Aporte extraordinario,
educacion,2023-03-10,egreso,45.00,,3
educacion,2023-03-12,egreso,12.30,Cuadernos,
educacion,2023-03-13,ingreso,1.00,Escrito por error,
"""
HEADER = ["fondo", "fecha", "tipo", "monto", "nota", "taller", "origen", "anulado",
          "motivo_anulacion", "movimiento_uuid", "origen_uuid", "sitio_uuid"]


@pytest.fixture
def funded(tmp_path, english):
    folder = tmp_path / "book"
    with Book.open_folder(folder) as book:
        fill_costing_book(book)
        distribution.set_rule(book, reserve_percent="10", education_percent="5")
        distribution.approve_distribution(book, year=2022, approved_on=dt.date(2023, 2, 15),
                                          surplus=D("650.00"))
        add_session(book, workshop=3, held_on=dt.date(2023, 3, 10))
    shutil.copytree(folder, tmp_path / "pristine")
    return folder


@pytest.fixture
def english():
    from coopdesk.i18n import current_language, set_language

    previous = current_language()
    set_language("en")
    yield
    set_language(previous)


def _rows(path: Path) -> tuple[list[str], list[list[str]]]:
    with open(path, encoding="utf-8", newline="") as fh:
        header, *rows = list(csv.reader(fh))
    return header, rows


def test_the_import_records_what_was_typed_and_the_export_writes_the_whole_ledger(
        funded, tmp_path):
    typed = tmp_path / "typed.csv"
    typed.write_text(TYPED, encoding="utf-8")
    with Book.open_folder(funded) as book:
        assert import_file(book, "funds", typed) == 5
        wrong = [m for m in fund_movements(book) if m.note == "Escrito por error"][0]
        void_fund_movement(book, uuid=wrong.uuid, reason="Monto mal escrito")
        assert fund_balance(book, "education") == D("475.20")
        assert fund_balance(book, "reserve") == D("85.00")
        assert fund_balance(book, "education", dt.date(2023, 3, 10)) == D("487.50")
        export_file(book, "funds", tmp_path / "fondos.csv")
        live = {m.uuid: m for m in fund_movements(book, include_voided=True)}
        report = check_book(book)  # the imported rows are sealed like typed ones
    assert report.ok, report.lines()
    header, rows = _rows(tmp_path / "fondos.csv")
    assert header == HEADER
    assert [r[:9] for r in rows] == [
        ["reserva", "2023-02-15", "ingreso", "65.00", "Part of the 2022 surplus", "",
         "reparto", "no", ""],
        ["educacion", "2023-02-15", "ingreso", "32.50", "Part of the 2022 surplus", "",
         "reparto", "no", ""],
        ["educacion", "2023-03-02", "ingreso", "500.00", "Donación del programa", "",
         "manual", "no", ""],
        ["reserva", "2023-03-02", "ingreso", "20.00", "Aporte extraordinario", "", "manual",
         "no", ""],
        ["educacion", "2023-03-10", "egreso", "45.00", "Workshop 3 on 10/03/2023", "3",
         "taller", "no", ""],
        ["educacion", "2023-03-12", "egreso", "12.30", "Cuadernos", "", "manual", "no", ""],
        ["educacion", "2023-03-13", "ingreso", "1.00", "Escrito por error", "", "manual", "si",
         "Monto mal escrito"],
    ]
    # The uuids name the movement, what caused it (the distribution, the session) and the site.
    for row in rows:
        movement = live[row[9]]
        assert (movement.source_uuid or "") == row[10]
    assert rows[0][10] == rows[1][10] != ""
    assert len({r[11] for r in rows}) == 1


def test_the_rows_a_person_typed_import_back_into_a_book_without_them(funded, tmp_path):
    typed = tmp_path / "typed.csv"
    typed.write_text(TYPED, encoding="utf-8")
    with Book.open_folder(funded) as book:
        import_file(book, "funds", typed)
        export_file(book, "funds", tmp_path / "fondos.csv")
    header, rows = _rows(tmp_path / "fondos.csv")
    # The whole export is refused (the distribution's parts are not typed) ...
    other = tmp_path / "pristine"
    from coopdesk.domain.errors import ImportRejected

    with Book.open_folder(other) as book:
        with pytest.raises(ImportRejected) as refused:
            import_file(book, "funds", tmp_path / "fondos.csv")
        assert [line for line, _sentence in refused.value.problems] == [2, 3]
        assert fund_movements(book) and len(fund_movements(book)) == 2
    # ... and its typed rows (origen manual or taller) come back column for column.
    kept = tmp_path / "typed-again.csv"
    with open(kept, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([header, *(r for r in rows if r[6] != "reparto")])
    with Book.open_folder(other) as book:
        assert import_file(book, "funds", kept) == 5
        assert fund_balance(book, "education") == D("476.20")
        export_file(book, "funds", tmp_path / "again.csv")
    assert [r[:9] for r in _rows(tmp_path / "again.csv")[1]] == [r[:9] for r in rows]
