"""A migration killed midway: the book opens at the old version with all its data."""

from __future__ import annotations

import json
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

from coopdesk.db import migrate
from coopdesk.services.book import Book
from coopdesk.services.check import check_book
from coopdesk.services.summary import month_summary
from tests.conftest import ROOT

FIXTURES = Path(__file__).parents[1] / "db" / "fixtures"
FIRST_BOOK = FIXTURES / "book-0001-demo.sqlite3"

CHILD = textwrap.dedent("""
    import os, signal, sys
    from coopdesk.db import ledger
    real_append = ledger._append
    calls = []

    def dying_append(conn, items):
        real_append(conn, items)
        calls.append(1)
        if len(calls) == int(sys.argv[2]):  # part of the new schema and seals are written
            os.kill(os.getpid(), signal.SIGKILL)

    ledger._append = dying_append
    from coopdesk.services.book import Book
    Book(sys.argv[1])
""")


def _content(path: Path) -> dict[str, list]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            " ORDER BY name")]
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in tables}
    finally:
        conn.close()


def test_a_migration_killed_midway_leaves_the_old_book(tmp_path):
    original = _content(FIRST_BOOK)
    for kill_at in (1, 4):
        book_file = tmp_path / f"run{kill_at}" / "coopdesk.sqlite3"
        book_file.parent.mkdir()
        shutil.copy(FIRST_BOOK, book_file)
        child = subprocess.run([sys.executable, "-c", CHILD, str(book_file), str(kill_at)],
                               cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert child.returncode == -signal.SIGKILL, child.stderr
        # Read without changing: SQLite's recovery ignores the uncommitted upgrade.
        assert migrate.inspect_book(book_file).revision == "0001"
        assert _content(book_file) == original
        conn = sqlite3.connect(book_file)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
    # And the next start upgrades it properly, with the same figures.
    with Book(book_file) as book:
        assert check_book(book).ok
        figures = month_summary(book, 2022, 10).as_json_dict()
    expected = json.loads((FIXTURES / "book-0001-demo.summary-2022-10.json").read_text("utf-8"))
    assert figures == expected


def test_the_0009_upgrade_killed_after_its_new_seals_leaves_the_0008_book(tmp_path):
    """Killed once 0009 has added every column and written its uuid-keyed seals."""
    from tests.db.fixtures.make_books import book_path

    frozen = book_path("0008")
    original = _content(frozen)
    book_file = tmp_path / "coopdesk.sqlite3"
    shutil.copy(frozen, book_file)
    child = subprocess.run([sys.executable, "-c", CHILD, str(book_file), "1"],
                           cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert child.returncode == -signal.SIGKILL, child.stderr
    assert migrate.inspect_book(book_file).revision == "0008"
    assert _content(book_file) == original
    conn = sqlite3.connect(book_file)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        columns = {r[1] for r in conn.execute("PRAGMA table_xinfo(seal)")}
        assert "record_uuid" not in columns
    finally:
        conn.close()
    with Book(book_file) as book:
        assert check_book(book).ok
    assert migrate.inspect_book(book_file).revision == migrate.head_revision()
