"""Revision 0010: a book frozen at 0008 upgrades keeping every record and seal.

The new columns (agreements, tax documents, paper receipts) are NULL on old rows and
stay out of their fingerprints, so the chain verifies without a reseal; the share
capital table arrives empty with its guards.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from coopdesk.db import defences, migrate
from coopdesk.services.book import Book
from coopdesk.services.check import check_book
from tests.db.test_migration_0008 import _book_at

NEW = {
    "member": ("admission_agreement", "exit_agreement"),
    "buyer": ("doc_type", "doc_number"),
    "supplier": ("doc_type", "doc_number"),
    "sale": ("receipt_type", "receipt_series"),
    "purchase": ("receipt_type", "receipt_series"),
}


def _dump(path: Path, table: str, columns: str = "*") -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"SELECT {columns} FROM {table} ORDER BY rowid").fetchall()
    finally:
        conn.close()


def test_a_0008_book_upgrades_to_share_capital_keeping_its_seals(tmp_path):
    book_file = tmp_path / "coopdesk.sqlite3"
    _book_at(book_file, "0008")
    assert migrate.inspect_book(book_file).revision == "0008"
    before = {t: _dump(book_file, t) for t in (*NEW, "seal")}
    assert before["sale"] and before["member"] and before["seal"]

    with Book(book_file) as book:
        report = check_book(book)
    assert report.ok, report.lines()
    assert migrate.inspect_book(book_file).revision == migrate.head_revision()
    # Revision 0009 comes first: its columns (site, UTC twins, uuids) sit between the old
    # ones and 0010's, which are NULL on every old row.
    for table, added in NEW.items():
        after = _dump(book_file, table)
        width = len(before[table][0])
        assert [row[:width] for row in after] == before[table], table
        assert all(row == (None,) * len(added)
                   for row in _dump(book_file, table, ", ".join(added))), table
    width = len(before["seal"][0])
    old_seals = [row[:width] for row in _dump(book_file, "seal")[: len(before["seal"])]]
    assert old_seals == before["seal"]  # 0009 seals again by uuid after them; none changed
    assert _dump(book_file, "share_movement") == []
    conn = sqlite3.connect(book_file)
    try:
        names = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type ="
                                            " 'trigger' AND tbl_name = 'share_movement'")}
    finally:
        conn.close()
    assert names == {n for n, (t, _d) in defences.TRIGGERS.items() if t == "share_movement"}
    assert len(names) == 12  # 0010's eleven guards and 0009's uuid-and-site guard


def test_setting_a_new_column_behind_coopdesks_back_breaks_the_chain(tmp_path):
    book_file = tmp_path / "coopdesk.sqlite3"
    _book_at(book_file, "0008")
    Book(book_file).close()
    conn = sqlite3.connect(book_file)
    conn.execute("UPDATE buyer SET doc_type = 'RUC', doc_number = '20100070970' WHERE id = 1")
    conn.commit()
    conn.close()
    from coopdesk.i18n import current_language, set_language

    previous = current_language()
    set_language("en")
    try:
        with Book(book_file) as book:
            report = check_book(book)
    finally:
        set_language(previous)
    assert not report.ok
    assert "  - the buyer Minimarket El Dorado [buyer 1] was changed outside coopdesk" in (
        report.lines())
