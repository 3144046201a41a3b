"""Every past book upgrades to the newest schema; newer books are refused untouched."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from coopdesk.db import migrate
from coopdesk.db.tables import metadata
from coopdesk.domain.errors import BookError
from coopdesk.services.book import Book
from coopdesk.services.check import check_book
from coopdesk.services.summary import month_summary

FIXTURES = Path(__file__).parent / "fixtures"
FIRST_BOOK = FIXTURES / "book-0001-demo.sqlite3"
FIRST_SUMMARY = FIXTURES / "book-0001-demo.summary-2022-10.json"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            " AND name NOT IN ('alembic_version', 'audit_event', 'seal', 'seal_pending')")]
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
    finally:
        conn.close()


def test_first_book_upgrades_to_head_with_the_same_figures(tmp_path):
    book_file = tmp_path / "coopdesk.sqlite3"
    shutil.copy(FIRST_BOOK, book_file)
    before = _counts(book_file)
    with Book(book_file) as book:
        figures = month_summary(book, 2022, 10).as_json_dict()
        report = check_book(book)
    assert figures == json.loads(FIRST_SUMMARY.read_text(encoding="utf-8"))
    assert report.ok, report.lines()
    state = migrate.inspect_book(book_file)
    assert state.revision == migrate.head_revision()
    after = _counts(book_file)
    assert {k: after[k] for k in before} == before
    # The verified copy of the old book was kept, byte-for-byte the fixture's content.
    copies = list((tmp_path / migrate.PRE_UPGRADE_FOLDER).glob("*.sqlite3"))
    assert len(copies) == 1
    assert _counts(copies[0]) == before


def test_an_empty_file_becomes_a_new_book(tmp_path):
    book_file = tmp_path / "coopdesk.sqlite3"
    book_file.write_bytes(b"")
    with Book(book_file) as book:
        assert check_book(book).ok
    assert migrate.inspect_book(book_file).revision == migrate.head_revision()


def test_a_book_from_a_newer_coopdesk_is_refused_untouched(tmp_path):
    book_file = tmp_path / "coopdesk.sqlite3"
    shutil.copy(FIRST_BOOK, book_file)
    conn = sqlite3.connect(book_file)
    conn.execute("UPDATE alembic_version SET version_num='9999_from_the_future'")
    conn.commit()
    conn.close()
    digest = _sha(book_file)
    names = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(BookError) as refused:
        Book(book_file)
    assert "newer" in str(refused.value) or "9999" not in str(refused.value)
    assert _sha(book_file) == digest
    assert sorted(p.name for p in tmp_path.iterdir()) == names


def test_a_foreign_database_is_refused_untouched(tmp_path):
    book_file = tmp_path / "coopdesk.sqlite3"
    conn = sqlite3.connect(book_file)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()
    digest = _sha(book_file)
    with pytest.raises(BookError):
        Book(book_file)
    assert _sha(book_file) == digest


def test_metadata_and_migrations_agree(tmp_path):
    book_file = tmp_path / "coopdesk.sqlite3"
    Book(book_file).close()
    engine = create_engine(f"sqlite:///{book_file}")
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            diff = compare_metadata(context, metadata)
    finally:
        engine.dispose()
    assert diff == []


def test_the_upgrade_guards_posted_records(tmp_path):
    book_file = tmp_path / "coopdesk.sqlite3"
    shutil.copy(FIRST_BOOK, book_file)
    Book(book_file).close()
    conn = sqlite3.connect(book_file)
    try:
        with pytest.raises(sqlite3.DatabaseError):
            conn.execute("UPDATE sale SET total = total + 1 WHERE id = 1")
        with pytest.raises(sqlite3.DatabaseError):
            conn.execute("DELETE FROM member_payment WHERE id = 1")
    finally:
        conn.close()
