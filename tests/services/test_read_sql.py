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
