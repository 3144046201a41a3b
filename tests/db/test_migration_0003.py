"""Revision 0003 on a first-version book: new tables empty, guarded, and the book checks clean."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from coopdesk.db import migrate
from coopdesk.services.book import Book
from coopdesk.services.check import check_book

FIRST_BOOK = Path(__file__).parent / "fixtures" / "book-0001-demo.sqlite3"
NEW_TABLES = ("production_batch", "batch_input", "stock_adjustment", "distribution_rule",
              "surplus_distribution", "member_credit")


def test_the_first_book_gets_the_production_and_distribution_tables(tmp_path):
    book_file = tmp_path / "coopdesk.sqlite3"
    shutil.copy(FIRST_BOOK, book_file)
    with Book(book_file) as book:
        assert check_book(book).ok, check_book(book).lines()
    assert migrate.inspect_book(book_file).revision == migrate.head_revision()
    conn = sqlite3.connect(book_file)
    try:
        for table in NEW_TABLES:
            assert conn.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,)
        triggers = {r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='trigger'")}
        for table in NEW_TABLES:
            assert f"trg_{table}_no_delete" in triggers
        conn.execute("INSERT INTO closed_month (month, closed_at, note, uuid) VALUES"
                     " ('2022-10', '2022-11-05 10:00:00', '', 'cm-2022-10')")
        with pytest.raises(sqlite3.DatabaseError, match="closed"):
            conn.execute(
                "INSERT INTO member_credit (uuid, created_at, void_reason, member_id, day,"
                " amount, kind, workdays, note) VALUES ('x', '2022-11-01 00:00:00', '', 1,"
                " '2022-10-15', 100, 'surplus', 0, '')")
    finally:
        conn.close()
