"""Revision 0005 on a 0004 book: correction links arrive empty, data and seals are kept."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from coopdesk.db import migrate
from coopdesk.db.engine import make_engine
from coopdesk.services.book import Book
from coopdesk.services.check import check_book

FIRST_BOOK = Path(__file__).parent / "fixtures" / "book-0001-demo.sqlite3"
CORRECTABLE = ("workday", "sale", "purchase", "member_payment", "expense", "member_credit")


def _book_at_0004(path: Path) -> None:
    """Upgrade the first book to revision 0004 only, the way coopdesk upgrades books."""
    from alembic import command

    shutil.copy(FIRST_BOOK, path)
    engine = make_engine(path, pragmas=("PRAGMA foreign_keys=OFF",))
    try:
        with engine.connect() as conn, conn.begin():
            cfg = migrate.alembic_config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "0004")
    finally:
        engine.dispose()


def _snapshot(path: Path) -> dict[str, list]:
    conn = sqlite3.connect(path)
    try:
        return {
            table: conn.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
            for table in CORRECTABLE + ("seal",)
        }
    finally:
        conn.close()


def test_a_0004_book_upgrades_keeping_its_records_and_seals(tmp_path):
    book_file = tmp_path / "coopdesk.sqlite3"
    _book_at_0004(book_file)
    assert migrate.inspect_book(book_file).revision == "0004"
    before = _snapshot(book_file)
    assert before["sale"] and before["workday"] and before["seal"]
    with Book(book_file) as book:
        report = check_book(book)
    assert report.ok, report.lines()
    assert migrate.inspect_book(book_file).revision == migrate.head_revision()
    after = _snapshot(book_file)
    for table in CORRECTABLE:
        # Every row is the same, with more columns (corrects_uuid, revision 0009's site and
        # UTC twins, 0010's receipt columns on sales and purchases).
        if not before[table]:
            continue
        width = len(before[table][0])
        assert [row[:width] for row in after[table]] == before[table], table
        assert all(row[width] is None for row in after[table]), table
    # No reseal: the old fingerprints still verify. Revision 0007 only appends the
    # baseline seals of the tables it covers (none of them a posted table); 0009 then
    # seals every record again keyed by its uuid (record_uuid set).
    width = len(before["seal"][0])
    assert [s[:width] for s in after["seal"][: len(before["seal"])]] == before["seal"]
    from coopdesk.db.ledger import MASTER, POSTED

    appended = {row[1] for row in after["seal"][len(before["seal"]):] if row[-1] is None}
    assert appended and appended <= set(MASTER) and not appended & set(POSTED)
    conn = sqlite3.connect(book_file)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="cannot be changed"):
            conn.execute("UPDATE sale SET corrects_uuid = 'x' WHERE id = 1")
        with pytest.raises(sqlite3.DatabaseError, match="cannot be changed"):
            conn.execute("UPDATE sale SET total = total + 1 WHERE id = 1")  # 0002's guards stay
    finally:
        conn.close()


def test_0005_downgrades_to_0004(tmp_path):
    from alembic import command

    book_file = tmp_path / "coopdesk.sqlite3"
    shutil.copy(FIRST_BOOK, book_file)
    Book(book_file).close()
    engine = make_engine(book_file, pragmas=("PRAGMA foreign_keys=OFF",))
    try:
        with engine.connect() as conn, conn.begin():
            cfg = migrate.alembic_config()
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0004")
    finally:
        engine.dispose()
    conn = sqlite3.connect(book_file)
    try:
        columns = {r[1] for r in conn.execute("PRAGMA table_info(sale)")}
        assert "corrects_uuid" not in columns
    finally:
        conn.close()
