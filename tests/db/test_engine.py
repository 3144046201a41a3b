"""The book's connection: safe pragmas, and one operation = one transaction."""

import datetime as dt
import sqlite3
from decimal import Decimal

import pytest

from coopdesk.db.engine import APPLICATION_ID
from coopdesk.domain.errors import InvalidInput
from coopdesk.domain.trade import SaleLine
from coopdesk.services import trade
from coopdesk.services.book import Book


def test_pragmas(book):
    with book.read() as session:
        conn = session.connection()
        get = lambda p: conn.exec_driver_sql(f"PRAGMA {p}").scalar()  # noqa: E731
        assert get("journal_mode") == "wal"
        assert get("foreign_keys") == 1
        assert get("synchronous") == 2  # FULL
        assert get("locking_mode") == "exclusive"
        assert get("trusted_schema") == 0
        assert get("application_id") == APPLICATION_ID


def test_a_failed_operation_leaves_nothing(book):
    with pytest.raises(RuntimeError):
        with book.transaction():
            trade.record_sale(book, day=dt.date(2022, 10, 1), buyer="Thika Thani", paid=True,
                              lines=[SaleLine("Barra", Decimal("1"), Decimal("8.50"))])
            raise RuntimeError("power cut")
    with book.read() as session:
        conn = session.connection()
        assert conn.exec_driver_sql("SELECT count(*) FROM sale").scalar() == 0
        assert conn.exec_driver_sql("SELECT count(*) FROM buyer").scalar() == 0
        assert conn.exec_driver_sql("SELECT count(*) FROM sale_line").scalar() == 0


def test_a_refused_sale_writes_nothing(book):
    with pytest.raises(InvalidInput):
        trade.record_sale(book, day=dt.date(2022, 10, 1), buyer="Nueva tienda", paid=True,
                          lines=[SaleLine("Barra", Decimal("1"), Decimal("8.50")),
                                 SaleLine("Barra", Decimal("-1"), Decimal("8.50"))])
    with book.read() as session:
        assert session.connection().exec_driver_sql("SELECT count(*) FROM buyer").scalar() == 0


def test_receipt_numbers_follow_each_other_and_survive_voids(book):
    line = [SaleLine("Barra", Decimal("2"), Decimal("8.50"))]
    numbers = []
    for i in range(3):
        s = trade.record_sale(book, day=dt.date(2022, 10, 1 + i), buyer="B", paid=True,
                              lines=line)
        numbers.append(s.receipt_number)
    trade.void_sale(book, receipt_number=2, reason="error")
    numbers.append(trade.record_sale(book, day=dt.date(2022, 10, 5), buyer="B", paid=False,
                                     lines=line).receipt_number)
    assert numbers == [1, 2, 3, 4]


def test_a_book_reopens_with_its_records(tmp_path):
    b = Book.open_folder(tmp_path)
    trade.record_sale(b, day=dt.date(2022, 10, 1), buyer="B", paid=True,
                      lines=[SaleLine("Barra", Decimal("1"), Decimal("8.50"))])
    b.close()
    raw = sqlite3.connect(tmp_path / "coopdesk.sqlite3")
    assert raw.execute("SELECT total FROM sale").fetchone() == (850,)  # integer céntimos
    raw.close()


def test_a_foreign_sqlite_file_is_refused_untouched(tmp_path):
    from coopdesk.domain.errors import BookError

    path = tmp_path / "coopdesk.sqlite3"
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE photos (id INTEGER)")
    raw.commit()
    raw.close()
    before = path.read_bytes()
    with pytest.raises(BookError):
        Book(path)
    assert path.read_bytes() == before
    text = tmp_path / "notes.sqlite3"
    text.write_text("hello")
    with pytest.raises(BookError):
        Book(text)
