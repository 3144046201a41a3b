"""Reading through plain sqlite3 (Book.read_sql) gives the same figures as the ORM path."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from decimal import Decimal

from coopdesk.services.balances import labor_by_member, rate_table
from coopdesk.services.summary import month_summary, summarize
from coopdesk.services.work import add_rate


def test_month_summary_is_the_same_through_plain_sqlite_and_a_session(demo_dir):
    from coopdesk.services.book import Book, SqlReader

    with Book.open_folder(demo_dir) as book:
        for month in (1, 6, 10, 12):
            with book.read_sql() as reader:
                assert isinstance(reader, SqlReader)
                plain = summarize(reader, 2022, month)
            with book.read() as session:
                orm = summarize(session, 2022, month)
            assert plain == orm
            assert month_summary(book, 2022, month) == orm


def test_rates_read_plainly_are_the_ones_recorded(book):
    add_rate(book, valid_from=dt.date(2022, 11, 1), rate=Decimal("12.50"))
    with book.read_sql() as reader:
        table = rate_table(reader)
    assert table.rate_on(dt.date(2022, 10, 31)) == Decimal("10.00")
    assert table.rate_on(dt.date(2022, 11, 1)) == Decimal("12.50")


def test_inside_an_operation_reads_see_its_own_unsaved_changes(book):
    """read_sql inside an operation hands over the operation's Session (flushed)."""
    from coopdesk.db.tables import LaborRate

    with book.transaction() as session:
        session.add(LaborRate(valid_from=dt.date(2023, 1, 1), rate=Decimal("15.00")))
        with book.read_sql() as reader:
            assert reader is session
            assert rate_table(reader).rate_on(dt.date(2023, 1, 2)) == Decimal("15.00")
    with book.read_sql() as reader:  # and, committed, a plain read sees it too
        assert rate_table(reader).rate_on(dt.date(2023, 1, 2)) == Decimal("15.00")
        assert labor_by_member(reader) == ({}, {})


def test_a_read_is_one_snapshot_and_leaves_no_transaction_open(book):
    with book.read_sql() as reader:
        reader.connection().exec_driver_sql("SELECT count(*) FROM member").scalar()
        assert book._conn.in_transaction
    assert not book._conn.in_transaction


def test_opening_a_book_and_reading_the_home_figures_loads_no_orm(demo_dir):
    """The first screen's reads must not pay for SQLAlchemy (the desk's cold start)."""
    code = (
        "import sys\n"
        "from coopdesk.services.book import Book\n"
        "from coopdesk.services.summary import month_summary\n"
        "from coopdesk.services.queries import bars_sold, latest_month, record_span,"
        " sales_by_buyer, last_months_sales, is_empty\n"
        "from coopdesk.services.settings import get_settings\n"
        f"book = Book.open_folder({str(demo_dir)!r})\n"
        "month_summary(book, 2022, 10); bars_sold(book, 2022); latest_month(book)\n"
        "record_span(book); sales_by_buyer(book, 2022); is_empty(book); get_settings(book)\n"
        "last_months_sales(book, year=2022, month=10)\n"
        "print(sorted({m.split('.')[0] for m in sys.modules if m.startswith(('sqlalchemy',"
        " 'sqlmodel'))}))\n"
        "book.close()\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


def test_a_read_inside_a_read_shares_its_snapshot(book):
    from coopdesk.services.book import SqlReader

    with book.read_sql() as outer:
        with book.read_sql() as inner:
            assert isinstance(inner, SqlReader)
            inner.connection().exec_driver_sql("SELECT count(*) FROM member").scalar()
        assert book._conn.in_transaction  # the outer snapshot goes on
        outer.connection().exec_driver_sql("SELECT count(*) FROM sale").scalar()
    assert not book._conn.in_transaction


def test_an_operation_cannot_start_inside_a_plain_read(book):
    import pytest

    with book.read_sql(), pytest.raises(RuntimeError), book.transaction():
        pass
    assert not book._conn.in_transaction


def test_another_thread_waits_for_an_operation_instead_of_joining_it(book):
    """A job off the GUI thread and a read on it never share the Session or interleave."""
    import threading

    from coopdesk.services.book import SqlReader

    inside, release, got = threading.Event(), threading.Event(), []

    def operation():
        with book.transaction():
            inside.set()
            release.wait(10)

    def reader():
        with book.read_sql() as r:
            got.append(r)

    worker = threading.Thread(target=operation)
    worker.start()
    assert inside.wait(10)
    other = threading.Thread(target=reader)
    other.start()
    other.join(0.3)
    assert other.is_alive() and not got  # waiting for the operation to finish
    release.set()
    worker.join(10)
    other.join(10)
    assert len(got) == 1 and isinstance(got[0], SqlReader)


def test_a_failed_read_says_read_not_written_nor_disk_full(book):
    import pytest

    from coopdesk.domain.errors import BookError
    from coopdesk.i18n import _

    with pytest.raises(BookError) as caught, book.read_sql() as reader:
        reader.connection().exec_driver_sql("SELECT full_name_missing FROM member").all()
    expected = _("The book could not be read: {reason}.").format(
        reason="no such column: full_name_missing")
    assert caught.value.message == expected
    assert not book._conn.in_transaction
