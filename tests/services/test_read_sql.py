"""Reading through the snapshot (Book.read) gives the same figures as an operation's Session."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from decimal import Decimal

from coopdesk.services.balances import labor_by_member, rate_table
from coopdesk.services.summary import month_summary, summarize
from coopdesk.services.work import add_rate


def test_month_summary_is_the_same_through_plain_sqlite_and_a_session(demo_dir):
    from coopdesk.db.reader import Snapshot
    from coopdesk.services.book import Book

    with Book.open_folder(demo_dir) as book:
        for month in (1, 6, 10, 12):
            with book.read() as reader:
                assert isinstance(reader, Snapshot)
                plain = summarize(reader, 2022, month)
            with book.transaction() as session:
                orm = summarize(session, 2022, month)
            assert plain == orm
            assert month_summary(book, 2022, month) == orm


def test_rates_read_plainly_are_the_ones_recorded(book):
    add_rate(book, valid_from=dt.date(2022, 11, 1), rate=Decimal("12.50"))
    with book.read() as reader:
        table = rate_table(reader)
    assert table.rate_on(dt.date(2022, 10, 31)) == Decimal("10.00")
    assert table.rate_on(dt.date(2022, 11, 1)) == Decimal("12.50")


def test_inside_an_operation_reads_see_its_own_unsaved_changes(book):
    """A read inside an operation hands over the operation's Session (flushed)."""
    from coopdesk.db.tables import LaborRate

    with book.transaction() as session:
        session.add(LaborRate(valid_from=dt.date(2023, 1, 1), rate=Decimal("15.00")))
        with book.read() as reader:
            assert reader is session
            assert rate_table(reader).rate_on(dt.date(2023, 1, 2)) == Decimal("15.00")
    with book.read() as reader:  # and, committed, a plain read sees it too
        assert rate_table(reader).rate_on(dt.date(2023, 1, 2)) == Decimal("15.00")
        assert labor_by_member(reader) == ({}, {})


def test_a_read_is_one_snapshot_and_leaves_no_transaction_open(book):
    with book.read() as reader:
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
    from coopdesk.db.reader import Snapshot

    with book.read() as outer:
        with book.read() as inner:
            assert isinstance(inner, Snapshot)
            inner.connection().exec_driver_sql("SELECT count(*) FROM member").scalar()
        assert book._conn.in_transaction  # the outer snapshot goes on
        outer.connection().exec_driver_sql("SELECT count(*) FROM sale").scalar()
    assert not book._conn.in_transaction


def test_an_operation_cannot_start_inside_a_plain_read(book):
    import pytest

    with book.read(), pytest.raises(RuntimeError), book.transaction():
        pass
    assert not book._conn.in_transaction


def test_another_thread_waits_for_an_operation_instead_of_joining_it(book):
    """A job off the GUI thread and a read on it never share the Session or interleave."""
    import threading

    from coopdesk.db.reader import Snapshot

    inside, release, got = threading.Event(), threading.Event(), []

    def operation():
        with book.transaction():
            inside.set()
            release.wait(10)

    def reader():
        with book.read() as r:
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
    assert len(got) == 1 and isinstance(got[0], Snapshot)


def test_a_failed_read_says_read_not_written_nor_disk_full(book):
    import pytest

    from coopdesk.domain.errors import BookError
    from coopdesk.i18n import _

    with pytest.raises(BookError) as caught, book.read() as reader:
        reader.connection().exec_driver_sql("SELECT full_name_missing FROM member").all()
    expected = _("The book could not be read: {reason}.").format(
        reason="no such column: full_name_missing")
    assert caught.value.message == expected
    assert not book._conn.in_transaction


def _files(book) -> dict[str, bytes]:
    """The bytes of the book file and its write-ahead log (what a write would change)."""
    return {p.name: p.read_bytes() for p in book.path.parent.iterdir()
            if p.name.startswith(book.path.name) and p.is_file()}


def test_a_read_writes_nothing_and_takes_no_write_lock(demo_dir):
    """Book.read() is a snapshot: file bytes, data_version and change count stay as they were."""
    from coopdesk.services.book import Book
    from coopdesk.services.summary import month_summary

    with Book.open_folder(demo_dir) as book:
        conn = book._conn
        before_files = _files(book)
        before_version = conn.execute("PRAGMA data_version").fetchone()[0]
        before_changes = conn.total_changes
        with book.read() as reader:
            rows = reader.connection().exec_driver_sql("SELECT count(*) FROM live_sale").scalar()
        month_summary(book, 2022, 10)  # a whole screen's reads, too
        assert rows > 0
        assert conn.total_changes == before_changes
        assert conn.execute("PRAGMA data_version").fetchone()[0] == before_version
        assert _files(book) == before_files


def test_writing_inside_a_read_is_refused_and_changes_nothing(book):
    import pytest

    from coopdesk.services.book import WRITE_IN_READ

    before = _files(book)
    with pytest.raises(RuntimeError) as caught, book.read() as reader:
        reader.connection().exec_driver_sql(
            "UPDATE setting SET value = 'Otra' WHERE key = 'cooperative_name'")
    assert str(caught.value) == WRITE_IN_READ
    assert "readonly" in str(caught.value.__cause__)  # SQLite itself refused it
    assert _files(book) == before
    assert not book._conn.in_transaction
    from coopdesk.services.settings import update_settings
    update_settings(book, cooperative_name="Dulce Esperanza")  # and writing works again after it
    with book.read() as reader:
        value = reader.connection().exec_driver_sql(
            "SELECT value FROM setting WHERE key = 'cooperative_name'").scalar()
    assert value == "Dulce Esperanza"


def test_live_views_leave_out_exactly_the_voided_records(demo_dir):
    """Each live_* view has the table's rows whose voided_at is empty (counted independently)."""
    import sqlite3

    from coopdesk.db.views import VOIDABLE
    from coopdesk.paths import book_path
    from coopdesk.services.book import Book

    plain = sqlite3.connect(book_path(demo_dir))
    expected = {
        t: plain.execute(f"SELECT id FROM {t} WHERE voided_at IS NULL ORDER BY id").fetchall()
        for t in VOIDABLE}
    plain.close()
    with Book.open_folder(demo_dir) as book, book.read() as reader:
        for table in VOIDABLE:
            got = reader.connection().exec_driver_sql(
                f"SELECT id FROM live_{table} ORDER BY id").all()
            assert got == expected[table], table
    assert any(expected.values())
    # The views live in the connection, never in the file: nobody can edit one there.
    plain = sqlite3.connect(book_path(demo_dir))
    assert plain.execute("SELECT count(*) FROM sqlite_master WHERE type = 'view'"
                         ).fetchone()[0] == 0
    plain.close()
