"""Revision 0012: a book at 0010 upgrades to the assembly's tables keeping every record and seal.

The citation columns are NULL on the old rows and stay out of their fingerprints, so
the chain verifies without a reseal; the assembly's tables arrive empty with their
guards, and a session recorded after the upgrade is sealed and checks whole.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from coopdesk.db import defences, migrate
from coopdesk.services.book import Book
from coopdesk.services.check import check_book
from tests.db.test_migration_0008 import _book_at

NEW = {
    "member": ("admission_agreement_uuid", "exit_agreement_uuid"),
    "share_movement": ("agreement_uuid",),
    "surplus_distribution": ("agreement_uuid",),
}
TABLES = ("assembly_session", "assembly_attendance", "assembly_agenda_item",
          "assembly_agreement")


def _dump(path: Path, table: str, columns: str = "*") -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"SELECT {columns} FROM {table} ORDER BY rowid").fetchall()
    finally:
        conn.close()


def test_a_0010_book_upgrades_to_the_assembly_keeping_its_seals(tmp_path):
    book_file = tmp_path / "coopdesk.sqlite3"
    _book_at(book_file, "0010")
    assert migrate.inspect_book(book_file).revision == "0010"
    before = {t: _dump(book_file, t) for t in (*NEW, "seal", "sale", "workday")}
    assert before["member"] and before["seal"] and before["sale"]

    with Book(book_file) as book:
        report = check_book(book)
    assert report.ok, report.lines()
    assert migrate.inspect_book(book_file).revision == migrate.head_revision()
    for table, added in NEW.items():
        after = _dump(book_file, table)
        if before[table]:
            width = len(before[table][0])
            assert [row[:width] for row in after] == before[table], table
        assert all(row == (None,) * len(added)
                   for row in _dump(book_file, table, ", ".join(added))), table
    for table in ("sale", "workday"):
        assert _dump(book_file, table) == before[table]
    assert _dump(book_file, "seal")[: len(before["seal"])] == before["seal"]
    for table in TABLES:
        assert _dump(book_file, table) == []
    conn = sqlite3.connect(book_file)
    try:
        names = {(n, t) for n, t in conn.execute(
            "SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN"
            " ('assembly_session', 'assembly_attendance', 'assembly_agenda_item',"
            " 'assembly_agreement')")}
    finally:
        conn.close()
    assert names == {(n, t) for n, (t, _d) in defences.TRIGGERS.items() if t in TABLES}
    assert len(names) == 20


def test_after_the_upgrade_a_session_is_recorded_sealed_and_checks(tmp_path):
    from coopdesk.domain.assembly import Agreement
    from coopdesk.services.assemblies import SessionData, list_sessions, record_session

    book_file = tmp_path / "coopdesk.sqlite3"
    _book_at(book_file, "0010")
    codes = [c for (c,) in _dump(book_file, "member", "code")]
    joined = max(d for (d,) in _dump(book_file, "member", "joined_on"))
    day = dt.date.fromisoformat(joined[:10]) + dt.timedelta(days=1)
    with Book(book_file) as book:
        from coopdesk.db.queries.assemblies import active_member_ids

        with book.read() as reader:
            active = sorted(active_member_ids(reader.connection(), day))
        assert active and set(active) <= set(codes)
        record_session(book, SessionData(
            "ordinaria", "primera", day, "Taller", active[0], active[-1], active, ["Punto"],
            [Agreement("Acuerdo", len(active), 0, 0)]))
        assert [s.number for s in list_sessions(book)] == [1]
        report = check_book(book)
    assert report.ok, report.lines()
    sealed = {e for (e,) in _dump(book_file, "seal", "DISTINCT entity")}
    assert set(TABLES) <= sealed
