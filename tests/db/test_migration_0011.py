"""Revision 0011: a book at 0010 upgrades keeping every record and seal; the funds arrive empty.

The funds' ledger is a new table with its guards; nothing existing is rebuilt, so the
chain verifies without a reseal, and the month's figures read the same.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from coopdesk.db import defences, migrate
from coopdesk.services.book import Book
from coopdesk.services.check import check_book
from coopdesk.services.summary import month_summary
from tests.db.test_migration_0008 import _book_at


def _dump(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_a_0010_book_upgrades_to_the_funds_keeping_its_records_and_seals(tmp_path):
    book_file = tmp_path / "coopdesk.sqlite3"
    _book_at(book_file, "0010")
    assert migrate.inspect_book(book_file).revision == "0010"
    tables = [t for (t,) in _dump(book_file, "SELECT name FROM sqlite_master WHERE type ="
                                             " 'table' AND name <> 'alembic_version'")]
    # The columns the 0010 book has (a later revision may add columns after them).
    columns = {t: ", ".join(c for (_i, c, *_r) in _dump(book_file, f"PRAGMA table_info({t})"))
               for t in tables}
    before = {t: _dump(book_file, f"SELECT {columns[t]} FROM {t} ORDER BY rowid")
              for t in tables}
    assert before["sale"] and before["seal"] and before["member"]

    with Book(book_file) as book:
        report = check_book(book)
        figures = month_summary(book, 2022, 1).as_json_dict()
    assert report.ok, report.lines()
    assert migrate.inspect_book(book_file).revision == defences.REVISION
    for table in tables:
        assert _dump(book_file, f"SELECT {columns[table]} FROM {table} ORDER BY rowid"
                     ) == before[table], table
    assert _dump(book_file, "SELECT * FROM fund_movement") == []
    names = {n for (n,) in _dump(book_file, "SELECT name FROM sqlite_master WHERE type ="
                                            " 'trigger' AND tbl_name = 'fund_movement'")}
    assert names == {n for n, (t, _d) in defences.TRIGGERS.items() if t == "fund_movement"}
    assert len(names) == 11
    zero = {"opening": "0.00", "in": "0.00", "out": "0.00", "closing": "0.00"}
    assert figures["funds"] == {"reserve": zero, "education": zero}


def test_a_0010_book_opened_read_only_reads_no_funds(tmp_path):
    from coopdesk.services.check import check_file

    book_file = tmp_path / "coopdesk.sqlite3"
    _book_at(book_file, "0010")
    report = check_file(book_file)  # a backup being verified: not upgraded, not changed
    assert report.ok, report.lines()
    assert migrate.inspect_book(book_file).revision == "0010"
