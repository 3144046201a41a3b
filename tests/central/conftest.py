"""A throwaway PostgreSQL server for the central book's tests (never a mock or SQLite).

Debian's PostgreSQL 15 is started from its own binaries in a temporary folder
(:mod:`benchmarks.pg_server`, shared with ``make bench``), and stopped at the end.
"""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def pg_server():
    """Start PostgreSQL once per session; yield its base URL (without a database name)."""
    from benchmarks.pg_server import PG_BIN, throwaway_server

    if not (PG_BIN / "initdb").exists():
        pytest.fail("PostgreSQL 15 is not installed (apt-get install postgresql): .ci/run does it")
    with throwaway_server() as url:
        yield url


@pytest.fixture
def central_url(pg_server):
    """A fresh, empty database on the throwaway server for one test; its URL."""
    import psycopg

    from benchmarks.pg_server import new_database

    name = "t_" + uuid.uuid4().hex[:12]
    yield new_database(pg_server, name)
    with psycopg.connect(pg_server + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def second_book_file(tmp_path_factory) -> Path:
    """A second cooperative's book (another name, 40 other members, its own rates), made once.

    One year of the bench's generated book (seed 11), a starting rate of S/ 12.50 and a new
    rate of S/ 13.75 from 1 July, so earnings are checked across a rate change.
    """
    import datetime as dt
    from decimal import Decimal

    from benchmarks.bigbook import write_csvs
    from coopdesk.services.book import Book
    from coopdesk.services.importing import import_file
    from coopdesk.services.settings import update_settings
    from coopdesk.services.work import add_rate

    work = tmp_path_factory.mktemp("second")
    csvs = write_csvs(work / "csv", years=1, seed=11)
    book = Book.open_folder(work / "book", starting_rate=Decimal("12.50"))
    try:
        update_settings(book, cooperative_name="Manos de Cacao", site="Penal de Chachapoyas")
        add_rate(book, valid_from=dt.date(2015, 7, 1), rate=Decimal("13.75"))
        for kind in ("members", "workdays", "attendance", "purchases", "sales", "payments"):
            import_file(book, kind, csvs[kind])
    finally:
        book.close()
    return work / "book" / "coopdesk.sqlite3"


@pytest.fixture
def second_dir(second_book_file, tmp_path) -> Path:
    """A folder holding a private copy of the second cooperative's book."""
    folder = tmp_path / "second"
    folder.mkdir()
    shutil.copy2(second_book_file, folder / "coopdesk.sqlite3")
    return folder


@pytest.fixture
def central(central_url):
    """An initialised central book: (its URL, an open psycopg connection)."""
    from coopdesk.central import programme
    from coopdesk.central.db import connect, upgrade

    upgrade(central_url)
    conn = connect(central_url)
    with conn.transaction():
        programme.init(conn)
    yield central_url, conn
    conn.close()
