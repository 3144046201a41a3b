"""Attacks on `coopdesk import funds`: crafted files, each refused on its line, nothing written.

The book's funds: the 2022 distribution credited the reserve S/ 65.00 and the education
fund S/ 32.50 on 15/02/2023; workshop 3 has a session on 10/03/2023; January 2023 is
closed. Every refusal asserts the exact sentences and an unchanged book (every table).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from tests.faults.import_attack import book_copy, count, refused, run

HEADER = "fondo,fecha,tipo,monto,nota,taller"
NOTHING = "Nothing was imported."
RESERVE = ("Nothing is ever paid out of the reserve fund: the bylaws keep it for the"
           " cooperative. Nothing was recorded.")


def _short(available: str, day: str, amount: str) -> str:
    return (f"The education fund can pay at most S/ {available} on {day}, counting what it"
            f" pays later; S/ {amount} cannot be paid from it. Nothing was recorded.")


@pytest.fixture(scope="module")
def _funded_file(tmp_path_factory):
    from coopdesk.services import distribution
    from coopdesk.services.book import Book
    from coopdesk.services.months import close_month
    from coopdesk.services.workshops import add_session
    from tests.services.costing_helpers import fill_costing_book

    folder = tmp_path_factory.mktemp("funded")
    with Book.open_folder(folder) as book:
        fill_costing_book(book)
        distribution.set_rule(book, reserve_percent="10", education_percent="5")
        distribution.approve_distribution(book, year=2022, approved_on=dt.date(2023, 2, 15),
                                          surplus=D("650.00"))
        add_session(book, workshop=3, held_on=dt.date(2023, 3, 10))
        close_month(book, year=2023, month=1)
    return folder / "coopdesk.sqlite3"


@pytest.fixture
def folder(_funded_file, tmp_path, monkeypatch):
    monkeypatch.setenv("COOPDESK_LANG", "en")
    return book_copy(_funded_file, tmp_path)


def _csv(tmp_path, *rows: str, header: str = HEADER):
    path = tmp_path / "fondos.csv"
    path.write_text("\n".join((header, *rows)) + "\n", encoding="utf-8")
    return path


CASES = {
    "out of the reserve": (["reserva,2023-03-01,egreso,10.00,préstamo,"], RESERVE),
    "out of the reserve, accented": (["Reserva,2023-03-01,EGRESO,0.01,x,"], RESERVE),
    "more than the education fund has": (["educacion,2023-03-01,egreso,32.51,libros,"],
                                         _short("32.50", "01/03/2023", "32.51")),
    "before the money came in": (["educación,2023-02-14,egreso,0.01,libros,"],
                                 _short("0.00", "14/02/2023", "0.01")),
    "three decimals": (["educacion,2023-03-01,ingreso,1.005,x,"],
                       "The amount “1.005” has more than 2 decimals."),
    "zero": (["educacion,2023-03-01,ingreso,0,x,"], "The amount must be greater than zero."),
    "negative": (["educacion,2023-03-01,egreso,-5,x,"],
                 "The amount must be greater than zero."),
    "a year far away": (["educacion,2202-03-01,ingreso,5,x,"],
                        "The date 01/03/2202 is outside the years coopdesk keeps (2000 to 2099)."),
    "a day not in the calendar": (["educacion,31/02/2023,ingreso,5,x,"],
                                  "The date “31/02/2023” does not exist in the calendar."),
    "a closed month": (["educacion,2023-01-20,ingreso,5,donación,"],
                       "The month 01/2023 is closed: nothing dated in it can be added,"
                       " changed or voided. Record the correction in an open month and write"
                       " the record it corrects in its Corrects field."),
    "an unknown fund": (["caja,2023-03-01,ingreso,5,x,"],
                        "the fund “caja” must be reserva or educacion"),
    "an unknown type": (["educacion,2023-03-01,salida,5,x,"],
                        "the type “salida” must be ingreso (money into the fund) or egreso"
                        " (paid from it)"),
    "no note": (["educacion,2023-03-01,ingreso,5,,"], "Write the note; it is empty."),
    "a workshop without a session that day": (
        ["educacion,2023-03-11,egreso,5.00,,3"],
        "Workshop 3 has no session on 11/03/2023; record the session first."),
    "a workshop's cost from the reserve": (["reserva,2023-03-10,ingreso,5.00,,3"],
                                           "a workshop's cost is paid from the education"
                                           " fund: write educacion and egreso"),
    "workshop 12": (["educacion,2023-03-10,egreso,5.00,,12"],
                    "The workshop “12” must be a number from 1 to 9."),
}


@pytest.mark.parametrize("name", list(CASES))
def test_a_bad_row_refuses_the_whole_file(folder, tmp_path, capsys, name):
    rows, sentence = CASES[name]
    # A good row first: it is not written either.
    path = _csv(tmp_path, "educacion,2023-03-02,ingreso,500.00,Donación del programa,", *rows)
    err = refused(capsys, folder, "funds", path)
    assert err[-1] == NOTHING and len(err) == 2, err
    assert err[0] == f"{path}:3: {sentence}"


def test_the_files_own_rows_count_in_the_order_the_book_checks_them(folder, tmp_path,
                                                                    capsys):
    # Row 2 pays 30.00 on 20/03; row 3, dated back to 10/03, would spend what row 2
    # already spent (32.50 − 30.00 = 2.50 left from 10/03 on). Row 4 counts on money
    # that only comes in later in the file (row 5): refused on its day.
    path = _csv(tmp_path, "educacion,2023-03-20,egreso,30.00,libros,",
                "educacion,2023-03-10,egreso,2.51,,3",
                "educacion,2023-03-01,egreso,5.00,cuadernos,",
                "educacion,2023-03-05,ingreso,100.00,donación,")
    err = refused(capsys, folder, "funds", path)
    assert err == [f"{path}:3: " + _short("2.50", "10/03/2023", "2.51"),
                   f"{path}:4: " + _short("2.50", "01/03/2023", "5.00"), NOTHING]


def test_what_an_export_holds_but_a_person_never_types_is_refused(folder, tmp_path, capsys):
    header = "fondo,fecha,tipo,monto,nota,taller,origen,anulado,motivo_anulacion"
    path = _csv(tmp_path,
                "reserva,2023-02-15,ingreso,65.00,Part of the 2022 surplus,,reparto,no,",
                "educacion,2023-03-02,ingreso,5.00,donación,,manual,si,mal escrito",
                "educacion,2023-03-02,ingreso,5.00,donación,,taller,no,",
                "educacion,2023-03-02,ingreso,5.00,donación,,caja,no,",
                header=header)
    assert refused(capsys, folder, "funds", path) == [
        f"{path}:2: a part of the year's surplus distribution is not imported: it is credited"
        " when the assembly's distribution is approved",
        f"{path}:3: a voided movement is not imported: it would come back as a live one;"
        " take the row out of the file",
        f"{path}:4: write in taller the number of the workshop (1 to 9) whose cost this is",
        f"{path}:5: the origin “caja” must be manual or taller (or empty)",
        NOTHING,
    ]


def test_the_same_movement_again_is_a_likely_duplicate_until_again(folder, tmp_path, capsys):
    first = _csv(tmp_path, "educacion,2023-03-02,ingreso,500.00,Donación del programa,")
    assert run(capsys, folder, "import", "funds", first)[0] == 0
    second = tmp_path / "otra.csv"
    second.write_text(HEADER + "\neducacion,2023-03-02,ingreso,500.00,Donación del programa,\n"
                      "educacion,2023-03-03,ingreso,1.00,otra,\n", encoding="utf-8")
    err = refused(capsys, folder, "funds", second)
    assert err[0] == (f"{second}:2: likely a duplicate: the book already has the same fund"
                      " movement on 02/03/2023, recorded before this import")
    assert count(folder, "fund_movement") == 3
    code, _err = run(capsys, folder, "import", "funds", second, "--again")
    assert code == 0
    assert count(folder, "fund_movement") == 5


def test_a_refusal_is_a_spanish_sentence(folder, tmp_path, capsys, monkeypatch):
    from coopdesk.i18n import set_language

    monkeypatch.setenv("COOPDESK_LANG", "es")
    set_language("es")
    path = _csv(tmp_path, "reserva,2023-03-01,egreso,10.00,préstamo,")
    assert refused(capsys, folder, "funds", path) == [
        f"{path}:2: Del fondo de reserva nunca se paga nada: el estatuto lo guarda para la"
        " cooperativa. No se registró nada.",
        "No se importó nada.",
    ]
