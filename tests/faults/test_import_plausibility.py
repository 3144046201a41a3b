"""Attacks by implausible figures: one rule refuses them in the import and in the desk."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from coopdesk.domain.errors import InvalidInput
from coopdesk.domain.trade import SaleLine
from coopdesk.services import importing
from coopdesk.services.trade import record_purchase, record_sale
from coopdesk.services.work import record_workday, set_sheet_cell
from tests.faults.import_attack import book_copy, refused, run

NOTHING = "Nothing was imported."
WORKDAYS = "codigo_socia,fecha,linea,fraccion,nota"
CAP_SENTENCE = ("The line total (quantity × unit price) would be 100000000000.00, more than the"
                " 10000000.00 coopdesk accepts for one record; check the quantity and the price.")


@pytest.fixture
def folder(_member_book_file, tmp_path, monkeypatch):
    monkeypatch.setenv("COOPDESK_LANG", "en")
    return book_copy(_member_book_file, tmp_path)


def test_a_workday_dated_after_today_is_refused_in_a_file(folder, tmp_path, capsys):
    today = dt.date.today()
    tomorrow = today + dt.timedelta(days=1)
    csv = tmp_path / "jornales.csv"
    csv.write_text(f"{WORKDAYS}\nS01,{today},chocolate,1,\nS01,{tomorrow},chocolate,1,\n"
                   "S01,2099-12-31,textil,1,\n", encoding="utf-8")
    err = refused(capsys, folder, "workdays", csv)
    assert err == [
        f"{csv}:3: A workday cannot be dated after today ({today:%d/%m/%Y}); {tomorrow:%d/%m/%Y}"
        " has not come yet.",
        f"{csv}:4: A workday cannot be dated after today ({today:%d/%m/%Y}); 31/12/2099 has not"
        " come yet.",
        NOTHING,
    ]


def test_a_workday_dated_after_today_is_refused_in_the_desk(members_book):
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    expected = (f"A workday cannot be dated after today ({dt.date.today():%d/%m/%Y});"
                f" {tomorrow:%d/%m/%Y} has not come yet.")
    with pytest.raises(InvalidInput) as typed:
        record_workday(members_book, code="S01", day=tomorrow, line="chocolate")
    with pytest.raises(InvalidInput) as clicked:
        set_sheet_cell(members_book, code="S01", day=tomorrow, line="chocolate",
                       fraction=Decimal(1))
    assert str(typed.value) == str(clicked.value) == expected
    with members_book.read() as session:
        assert session.connection().exec_driver_sql("SELECT count(*) FROM workday").scalar() == 0


def test_three_full_workdays_on_one_date_are_refused_in_a_file(folder, tmp_path, capsys):
    csv = tmp_path / "jornales.csv"
    csv.write_text(f"{WORKDAYS}\nS01,2022-01-05,chocolate,1,\nS01,2022-01-05,textil,1,\n"
                   "S01,05/01/2022,carpinteria,1,\nS01,2022-01-06,chocolate,0.5,\n"
                   "S01,2022-01-06,textil,0.5,\nS01,2022-01-06,carpinteria,0.5,\n",
                   encoding="utf-8")
    assert refused(capsys, folder, "workdays", csv) == [
        f"{csv}:3: S01 already has 1 of a workday on 05/01/2022 (all lines together); 1 more"
        " would be more than one full day on one date.",
        f"{csv}:4: S01 already has 1 of a workday on 05/01/2022 (all lines together); 1 more"
        " would be more than one full day on one date.",
        f"{csv}:7: S01 already has 1 of a workday on 06/01/2022 (all lines together); 0.5 more"
        " would be more than one full day on one date.",
        NOTHING,
    ]


def test_the_fraction_rule_holds_across_chunks_and_against_the_book(folder, tmp_path, capsys,
                                                                   monkeypatch):
    monkeypatch.setattr(importing, "CHUNK", 1)  # every row checked against rows written before
    first = tmp_path / "enero.csv"
    first.write_text(f"{WORKDAYS}\nS01,2022-01-05,chocolate,0.5,\n", encoding="utf-8")
    assert run(capsys, folder, "import", "workdays", first)[0] == 0
    csv = tmp_path / "jornales.csv"
    csv.write_text(f"{WORKDAYS}\nS01,2022-01-05,textil,0.5,\nS01,2022-01-05,carpinteria,0.5,\n"
                   "S01,2022-01-07,textil,1,\nS01,2022-01-07,textil,1,\n", encoding="utf-8")
    assert refused(capsys, folder, "workdays", csv) == [
        f"{csv}:3: S01 already has 1 of a workday on 05/01/2022 (all lines together); 0.5 more"
        " would be more than one full day on one date.",
        f"{csv}:5: S01 already has a textil workday on 07/01/2022",
        NOTHING,
    ]


def test_a_second_line_past_a_full_day_is_refused_in_the_desk(members_book):
    day = dt.date(2022, 1, 5)
    record_workday(members_book, code="S01", day=day, line="chocolate")
    with pytest.raises(InvalidInput) as refused_:
        record_workday(members_book, code="S01", day=day, line="textil",
                       fraction=Decimal("0.5"))
    assert str(refused_.value) == (
        "Ana Quispe already has 1 of a workday on 05/01/2022 (all lines together); 0.5 more"
        " would be more than one full day on one date.")
    # Changing the same cell from 1 to 0.5 is not "more": the old one is voided first.
    set_sheet_cell(members_book, code="S01", day=day, line="chocolate", fraction=Decimal("0.5"))
    set_sheet_cell(members_book, code="S01", day=day, line="textil", fraction=Decimal("0.5"))
    with members_book.read() as session:
        live = session.connection().exec_driver_sql(
            "SELECT line, fraction FROM workday WHERE voided_at IS NULL ORDER BY line").all()
    assert [tuple(r) for r in live] == [("chocolate", 500), ("textil", 500)]


def test_a_sale_line_of_a_hundred_thousand_million_is_refused_in_a_file(folder, tmp_path,
                                                                       capsys):
    csv = tmp_path / "ventas.csv"
    csv.write_text("fecha,comprador,producto,cantidad,precio_unitario,pagado,comprobante\n"
                   "2022-01-05,Thika Thani,Barra,1000000,100000,si,\n"
                   "2022-01-05,Thika Thani,Barra,1000000,10,si,\n", encoding="utf-8")
    assert refused(capsys, folder, "sales", csv) == [f"{csv}:2: {CAP_SENTENCE}", NOTHING]
    purchases = tmp_path / "compras.csv"
    purchases.write_text("fecha,proveedor,insumo,cantidad,unidad,precio_unitario,comprobante\n"
                         "2022-01-05,Comercial,Cacao,1000000,kg,100000,\n", encoding="utf-8")
    assert refused(capsys, folder, "purchases", purchases) == [f"{purchases}:2: {CAP_SENTENCE}",
                                                               NOTHING]


def test_a_line_exactly_at_the_cap_is_accepted(folder, tmp_path, capsys):
    csv = tmp_path / "ventas.csv"
    csv.write_text("fecha,comprador,producto,cantidad,precio_unitario,pagado,comprobante\n"
                   "2022-01-05,Thika Thani,Barra,1000000,10,si,\n", encoding="utf-8")
    assert run(capsys, folder, "import", "sales", csv) == (0, [])
    import sqlite3

    conn = sqlite3.connect(folder / "coopdesk.sqlite3")
    assert conn.execute("SELECT total FROM sale").fetchone() == (1_000_000_000,)
    conn.close()


def test_the_desk_refuses_the_same_line_and_a_sale_over_the_cap(members_book, tmp_path):
    day = dt.date(2022, 1, 5)
    huge = SaleLine("Barra", Decimal("1000000"), Decimal("100000"))
    with pytest.raises(InvalidInput) as line:
        record_sale(members_book, day=day, buyer="Thika Thani", paid=True, lines=[huge])
    assert str(line.value) == CAP_SENTENCE
    with pytest.raises(InvalidInput) as purchase:
        record_purchase(members_book, day=day, supplier="Comercial", item="Cacao",
                        quantity=Decimal("1000000"), unit="kg", unit_price=Decimal("100000"))
    assert str(purchase.value) == CAP_SENTENCE
    half = SaleLine("Barra", Decimal("600000"), Decimal("10"))
    with pytest.raises(InvalidInput) as total:
        record_sale(members_book, day=day, buyer="Thika Thani", paid=True, lines=[half, half])
    assert str(total.value) == ("The sale's total would be 12000000.00, more than the"
                                " 10000000.00 coopdesk accepts for one record; check the"
                                " quantity and the price.")
    with members_book.read() as session:
        conn = session.connection()
        assert conn.exec_driver_sql("SELECT count(*) FROM sale").scalar() == 0
        assert conn.exec_driver_sql("SELECT count(*) FROM purchase").scalar() == 0
