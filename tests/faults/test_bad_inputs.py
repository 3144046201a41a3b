"""Bad inputs through the services and the import: refused with a sentence, or stored exactly."""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal

import pytest

from coopdesk.domain.errors import CoopError, ImportRejected, InvalidInput
from coopdesk.domain.trade import SaleLine
from coopdesk.services.importing import import_file
from coopdesk.services.members import MemberData, add_member
from coopdesk.services.payments import pay_member, record_expense
from coopdesk.services.trade import record_sale

JAN = dt.date(2022, 1, 10)


def _sentence(exc: CoopError) -> str:
    text = str(exc)
    assert text and text[0].isupper() and text.rstrip().endswith((".", ")")), text
    assert "Traceback" not in text and "Error" not in text
    return text


@pytest.mark.parametrize(
    "amount",
    [Decimal("-5"), Decimal("0"), Decimal("1e12"), Decimal("NaN"), Decimal("Infinity"),
     Decimal("-0.01"), Decimal("99999999999999999999")],
)
def test_bad_amounts_are_refused(members_book, amount):
    with pytest.raises(InvalidInput) as refused:
        record_expense(members_book, day=JAN, category="transporte", amount=amount)
    _sentence(refused.value)
    with pytest.raises(InvalidInput):
        pay_member(members_book, code="S01", day=JAN, amount=amount, confirm_advance=True)
    with pytest.raises(InvalidInput):
        record_sale(members_book, day=JAN, buyer="B", paid=True,
                    lines=[SaleLine("Barra", amount, Decimal("8.50"))])


def test_amounts_at_the_edges_are_stored_exactly(members_book):
    e = record_expense(members_book, day=JAN, category="x", amount=Decimal("0.01"))
    big = record_expense(members_book, day=JAN, category="x", amount=Decimal("9999999.99"))
    sale = record_sale(members_book, day=JAN, buyer="B", paid=True,
                       lines=[SaleLine("Barra", Decimal("0.001"), Decimal("0.0001"))])
    with members_book.read() as session:
        conn = session.connection()
        cents = dict(conn.exec_driver_sql("SELECT uuid, amount FROM expense").all())
        line = conn.exec_driver_sql("SELECT quantity, unit_price, total FROM sale_line").one()
    assert cents == {e.uuid: 1, big.uuid: 999999999}
    assert tuple(line) == (1, 1, 0)
    assert sale.total == Decimal("0.00")


@pytest.mark.parametrize(
    ("cell", "words"),
    [("S/ 12", "without letters or the S/ sign"), ("1.234,50", "point for decimals"),
     ("NaN", "not a number"), ("-3.00", "greater than zero"), ("12.345", "more than 2 decimals"),
     ("1e3", "not a number"), ("99999999999", "larger than coopdesk accepts"), ("", "empty")],
)
def test_bad_amounts_in_a_csv_are_refused_per_line(members_book, tmp_path, cell, words):
    csv = tmp_path / "gastos.csv"
    csv.write_text(f'fecha,categoria,monto,nota\n2022-01-05,INPE,41.00,\n2022-01-06,x,"{cell}",\n',
                   encoding="utf-8")
    with pytest.raises(ImportRejected) as rejected:
        import_file(members_book, "expenses", csv)
    assert [line for line, _p in rejected.value.problems] == [3]
    assert words in rejected.value.problems[0][1]
    with members_book.read() as session:
        assert session.connection().exec_driver_sql("SELECT count(*) FROM expense").scalar() == 0


@pytest.mark.parametrize("text", ["31/02/2022", "2022-02-30", "29/02/2022", "00/01/2022",
                                  "32/01/2022", "2202-01-05", "ayer", "2022/01/05"])
def test_impossible_dates_are_refused(members_book, tmp_path, text):
    csv = tmp_path / "pagos.csv"
    csv.write_text(f"codigo_socia,fecha,monto,nota\nS01,{text},10.00,\n", encoding="utf-8")
    with pytest.raises(ImportRejected) as rejected:
        import_file(members_book, "payments", csv)
    assert rejected.value.problems[0][0] == 2
    assert text[:10] in rejected.value.problems[0][1] or "2202" in text


def test_huge_names_and_control_characters_are_refused(members_book):
    long_name = "María " * 1667  # 10,002 characters
    cases = [
        lambda: add_member(members_book, MemberData(code="S09", full_name=long_name,
                                                    joined_on=JAN)),
        lambda: add_member(members_book, MemberData(code="S09", full_name="Ana\x00Quispe",
                                                    joined_on=JAN)),
        lambda: add_member(members_book, MemberData(code="S09", full_name="Ana\x07",
                                                    joined_on=JAN)),
        lambda: record_sale(members_book, day=JAN, buyer=long_name, paid=True,
                            lines=[SaleLine("Barra", Decimal(1), Decimal(1))]),
        lambda: record_sale(members_book, day=JAN, buyer="Bodega\x1bRosa", paid=True,
                            lines=[SaleLine("Barra", Decimal(1), Decimal(1))]),
        lambda: record_expense(members_book, day=JAN, category="x", amount=Decimal(1),
                               note="n" * 10_000),
    ]
    for case in cases:
        with pytest.raises(InvalidInput) as refused:
            case()
        _sentence(refused.value)
    with members_book.read() as session:
        conn = session.connection()
        assert conn.exec_driver_sql("SELECT count(*) FROM member").scalar() == 1
        assert conn.exec_driver_sql("SELECT count(*) FROM sale").scalar() == 0


def test_nul_in_a_csv_is_refused(members_book, tmp_path):
    csv = tmp_path / "gastos.csv"
    csv.write_bytes(b"fecha,categoria,monto,nota\n2022-01-05,IN\x00PE,41.00,\n")
    with pytest.raises(ImportRejected):
        import_file(members_book, "expenses", csv)


def test_nfd_and_nfc_names_are_the_same_and_stored_nfc(members_book):
    nfc = "Familia Huamán Ñahui"
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfd != nfc
    line = [SaleLine("Barra", Decimal(1), Decimal("8.50"))]
    record_sale(members_book, day=JAN, buyer=nfd, paid=True, lines=line)
    record_sale(members_book, day=JAN, buyer=nfc.upper(), paid=True, lines=line)
    add_member(members_book, MemberData(code="S02", full_name=unicodedata.normalize(
        "NFD", "Rocío Mamani"), joined_on=JAN))
    with members_book.read() as session:
        conn = session.connection()
        buyers = conn.exec_driver_sql("SELECT name FROM buyer").all()
        member = conn.exec_driver_sql("SELECT full_name FROM member WHERE code='S02'").scalar()
    assert buyers == [(nfc,)]
    assert member == "Rocío Mamani" and unicodedata.is_normalized("NFC", member)


def test_a_cp1252_csv_from_excel_is_read_exactly(book, tmp_path):
    csv = tmp_path / "socias.csv"
    rows = ["codigo;nombre;dni;fecha_ingreso;estado;fecha_salida;cargo",
            "S01;María Ñahui Cárdenas;12345678;04/01/2021;activa;;Presidenta",
            "S02;Rocío Huamán;;15/03/2021;liberada;30/06/2022;"]
    csv.write_bytes("\r\n".join(rows).encode("cp1252") + b"\r\n")
    assert import_file(book, "members", csv) == 2
    with book.read() as session:
        got = session.connection().exec_driver_sql(
            "SELECT code, full_name, dni, joined_on, status, exit_on, role FROM member"
            " ORDER BY code").all()
    assert [tuple(r) for r in got] == [
        ("S01", "María Ñahui Cárdenas", "12345678", "2021-01-04", "activa", None, "Presidenta"),
        ("S02", "Rocío Huamán", "", "2021-03-15", "liberada", "2022-06-30", ""),
    ]
