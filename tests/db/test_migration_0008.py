"""Revision 0008: payment receipts get their own series, in date order, never changed.

The expected numbers are worked out here from the payments' own dates and ids
(sorted by date, then by the order they were recorded), not read from the new table.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from decimal import Decimal as D
from pathlib import Path

import pytest

from coopdesk.db import migrate
from coopdesk.db.engine import make_engine
from coopdesk.services.book import Book
from coopdesk.services.check import check_book

FIRST_BOOK = Path(__file__).parent / "fixtures" / "book-0001-demo.sqlite3"
REFUSAL = "coopdesk: a payment receipt number cannot be changed"


def _book_at(path: Path, revision: str) -> None:
    """Upgrade the first book to *revision* only, the way coopdesk upgrades books."""
    from alembic import command

    shutil.copy(FIRST_BOOK, path)
    engine = make_engine(path, pragmas=("PRAGMA foreign_keys=OFF",))
    try:
        with engine.connect() as conn, conn.begin():
            cfg = migrate.alembic_config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
    finally:
        engine.dispose()


def _rows(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def _expected(path: Path) -> dict[int, int]:
    payments = _rows(path, "SELECT id, day FROM member_payment")
    ordered = sorted(payments, key=lambda r: (r[1][:10], r[0]))
    return {pid: n for n, (pid, _day) in enumerate(ordered, start=1)}


def test_a_0006_book_numbers_its_payments_in_date_order(tmp_path):
    book_file = tmp_path / "coopdesk.sqlite3"
    _book_at(book_file, "0006")
    # A payment recorded last but dated first: its number follows its date, not its id.
    conn = sqlite3.connect(book_file)
    first_day = conn.execute("SELECT min(day) FROM member_payment").fetchone()[0]
    member = conn.execute("SELECT member_id FROM member_payment LIMIT 1").fetchone()[0]
    conn.execute("INSERT INTO member_payment (uuid, created_at, void_reason, member_id, day,"
                 " amount, received_by, note) VALUES ('late-but-first', ?, '', ?, ?, 500, '',"
                 " '')", (first_day, member, first_day))
    conn.commit()
    conn.close()
    expected = _expected(book_file)
    late = _rows(book_file, "SELECT id FROM member_payment WHERE uuid='late-but-first'")[0][0]
    assert late == max(expected) and expected[late] < len(expected)  # not last in the series

    Book(book_file).close()
    assert migrate.inspect_book(book_file).revision == migrate.head_revision()
    numbers = dict(_rows(book_file, "SELECT payment_id, number FROM payment_receipt"))
    assert numbers == expected


def test_the_first_book_upgrades_and_new_payments_continue_the_series(tmp_path):
    from coopdesk.services.documents import payment_receipt
    from coopdesk.services.payments import pay_member

    book_file = tmp_path / "coopdesk.sqlite3"
    shutil.copy(FIRST_BOOK, book_file)
    expected = _expected(book_file)
    with Book(book_file) as book:
        assert check_book(book).ok
        with book.read() as session:
            code, last_day = session.connection().exec_driver_sql(
                "SELECT m.code, max(p.day) FROM member_payment p"
                " JOIN member m ON m.id = p.member_id").first()
        day = dt.date.fromisoformat(last_day[:10])
        pay = pay_member(book, code=code, day=day, amount=D("1.00"), confirm_advance=True)
        assert payment_receipt(book, payment_uuid=pay.uuid).number == len(expected) + 1
        assert check_book(book).ok
    numbers = dict(_rows(book_file, "SELECT payment_id, number FROM payment_receipt"))
    assert {k: numbers[k] for k in expected} == expected


@pytest.mark.parametrize("attack", [
    "UPDATE payment_receipt SET number = number + 1000 WHERE number = 1",
    "UPDATE payment_receipt SET payment_id = 2 WHERE number = 1",
    "DELETE FROM payment_receipt WHERE number = 1",
])
def test_a_receipt_number_cannot_be_changed_from_the_shell(tmp_path, attack):
    book_file = tmp_path / "coopdesk.sqlite3"
    shutil.copy(FIRST_BOOK, book_file)
    Book(book_file).close()
    before = _rows(book_file, "SELECT * FROM payment_receipt ORDER BY payment_id")
    conn = sqlite3.connect(book_file)
    try:
        with pytest.raises(sqlite3.DatabaseError, match=REFUSAL):
            conn.execute(attack)
        conn.commit()
    finally:
        conn.close()
    assert _rows(book_file, "SELECT * FROM payment_receipt ORDER BY payment_id") == before


def test_0008_downgrades_to_0007(tmp_path):
    from alembic import command

    book_file = tmp_path / "coopdesk.sqlite3"
    shutil.copy(FIRST_BOOK, book_file)
    Book(book_file).close()
    engine = make_engine(book_file, pragmas=("PRAGMA foreign_keys=OFF",))
    try:
        with engine.connect() as conn, conn.begin():
            cfg = migrate.alembic_config()
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0007")
    finally:
        engine.dispose()
    tables = {r[0] for r in _rows(book_file, "SELECT name FROM sqlite_master")}
    assert "payment_receipt" not in tables and "trg_member_payment_receipt_number" not in tables
