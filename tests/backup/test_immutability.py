"""Closed months, SQL guards against edits from outside, and the hash chain naming the record."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

from coopdesk.domain.errors import Conflict, ImportRejected
from coopdesk.domain.trade import SaleLine
from coopdesk.services.book import Book
from coopdesk.services.check import check_book
from coopdesk.services.importing import import_file
from coopdesk.services.months import close_month, closed_months, reopen_month
from coopdesk.services.payments import pay_member, record_expense, void_expense, void_payment
from coopdesk.services.trade import mark_sale_paid, record_purchase, record_sale, void_sale
from coopdesk.services.work import add_rate, record_workday, set_sheet_cell, void_workday
from coopdesk.services.workshops import add_session


def _uuid(book, sql):
    with book.read() as session:
        return session.connection().exec_driver_sql(sql).scalar()


def test_nothing_dated_in_a_closed_month_can_change(small_book, tmp_path):
    close_month(small_book, year=2022, month=10, note="statements printed")
    assert closed_months(small_book) == ["2022-10"]
    day = dt.date(2022, 10, 12)
    line = [SaleLine("Chocolate 70%", Decimal(1), Decimal("8.50"))]
    attempts = [
        lambda: record_workday(small_book, code="S01", day=day, line="chocolate"),
        lambda: set_sheet_cell(small_book, code="S01", day=dt.date(2022, 10, 3),
                               line="chocolate", fraction=None),
        lambda: void_workday(small_book, reason="x", uuid=_uuid(
            small_book, "SELECT uuid FROM workday WHERE day='2022-10-03'")),
        lambda: record_sale(small_book, day=day, buyer="B", lines=line, paid=True),
        lambda: void_sale(small_book, receipt_number=2, reason="x"),
        lambda: mark_sale_paid(small_book, receipt_number=1, paid_on=dt.date(2022, 10, 25)),
        lambda: record_purchase(small_book, day=day, supplier="S", item="I",
                                quantity=Decimal(1), unit="kg", unit_price=Decimal(1)),
        lambda: pay_member(small_book, code="S01", day=day, amount=Decimal(1)),
        lambda: void_payment(small_book, reason="x", uuid=_uuid(
            small_book, "SELECT uuid FROM member_payment WHERE day='2022-10-25'")),
        lambda: record_expense(small_book, day=day, category="x", amount=Decimal(1)),
        lambda: void_expense(small_book, reason="x", uuid=_uuid(
            small_book, "SELECT uuid FROM expense WHERE day='2022-10-30'")),
        lambda: add_session(small_book, workshop=4, held_on=day),
        lambda: add_rate(small_book, valid_from=dt.date(2022, 9, 1), rate=Decimal("11.00")),
    ]
    for attempt in attempts:
        with pytest.raises(Conflict) as refused:
            attempt()
        assert "10/2022" in str(refused.value)
    csv = tmp_path / "gastos.csv"
    csv.write_text("fecha,categoria,monto,nota\n2022-10-15,x,1.00,\n2022-12-15,x,1.00,\n")
    with pytest.raises(ImportRejected) as rejected:
        import_file(small_book, "expenses", csv)
    assert [line for line, _p in rejected.value.problems] == [2]
    # A sale of October may still be paid in an open month.
    mark_sale_paid(small_book, receipt_number=1, paid_on=dt.date(2022, 12, 3))
    assert check_book(small_book).ok


def test_reopening_needs_a_reason_and_is_recorded(small_book):
    close_month(small_book, year=2022, month=11)
    with pytest.raises(Exception):
        reopen_month(small_book, year=2022, month=11, reason="  ")
    reopen_month(small_book, year=2022, month=11, reason="a payment was missing")
    pay_member(small_book, code="S02", day=dt.date(2022, 11, 10), amount=Decimal("5.00"))
    with small_book.read() as session:
        rows = session.connection().exec_driver_sql(
            "SELECT action, entity_uuid, before, after, reason FROM audit_event"
            " WHERE entity='month' ORDER BY id").all()
    assert [(r[0], r[1]) for r in rows] == [("close", "2022-11"), ("reopen", "2022-11")]
    assert json.loads(rows[1][2]) == {"closed": True}
    assert rows[1][4] == "a payment was missing"


def test_voids_record_before_after_and_why(small_book):
    void_sale(small_book, receipt_number=3, reason="wrong buyer")
    with small_book.read() as session:
        row = session.connection().exec_driver_sql(
            "SELECT before, after, reason FROM audit_event WHERE action='void'"
            " ORDER BY id DESC LIMIT 1").one()
    assert json.loads(row[0]) == {"state": "posted"}
    assert json.loads(row[1]) == {"state": "voided"}
    assert row[2] == "wrong buyer"


def _outside(book_file: Path, *statements: str) -> None:
    conn = sqlite3.connect(book_file)
    try:
        for statement in statements:
            conn.execute(statement)
        conn.commit()
    finally:
        conn.close()


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE sale SET total = total + 100 WHERE receipt_number = 1",
        "UPDATE sale_line SET quantity = 1 WHERE id = 1",
        "UPDATE workday SET fraction = 500 WHERE id = 1",
        "UPDATE member_payment SET amount = 1 WHERE id = 1",
        "UPDATE expense SET day = '2022-05-01' WHERE id = 1",
        "UPDATE labor_rate SET rate = 1",
        "DELETE FROM sale_line WHERE id = 1",
        "DELETE FROM purchase",
        "UPDATE sale SET voided_at = '2022-05-01 00:00:00', void_reason = '' WHERE id = 1",
        "UPDATE audit_event SET reason = 'nothing happened'",
        "DELETE FROM seal",
    ],
)
def test_sql_guards_refuse_edits_from_outside(small_book, statement):
    small_book.close()
    with pytest.raises(sqlite3.DatabaseError):
        _outside(small_book.path, statement)


def test_the_chain_names_the_record_altered_behind_the_programs_back(small_book):
    small_book.close()
    _outside(
        small_book.path,
        "DROP TRIGGER trg_member_payment_guard_update",
        "UPDATE member_payment SET amount = 99999 WHERE day = '2022-10-25'",
    )
    with Book(small_book.path) as book:
        report = check_book(book)
    assert not report.ok
    chain = dict(report.sections)["Hash chain of posted records"]
    assert len(chain) == 1
    assert "S01" in chain[0] and "2022-10-25" in chain[0] and "changed outside" in chain[0]


def test_a_row_slipped_in_from_outside_is_named(small_book):
    small_book.close()
    _outside(
        small_book.path,
        "INSERT INTO expense (uuid, created_at, voided_at, void_reason, day, category, amount,"
        " note) VALUES ('x', '2022-03-01 00:00:00', NULL, '', '2022-03-02', 'fiesta', 5000, '')",
    )
    with Book(small_book.path) as book:
        # The program's next operation must not seal the foreign row as if it were its own.
        record_expense(book, day=dt.date(2022, 3, 3), category="INPE", amount=Decimal("41.00"))
        chain = dict(check_book(book).sections)["Hash chain of posted records"]
    assert len(chain) == 1 and "fiesta" in chain[0] and "added outside" in chain[0]
