"""Revision 0007: every table that carries meaning sealed, closed months guarded, one defences list.

The 0006 fixture (``book-0006-closed-months.sqlite3``) was made with coopdesk at revision
0006: four members, January 2022 closed, February closed and reopened, attendance,
settings changed. It is upgraded here and must verify clean, keep its figures and its
posted seals, and get one baseline seal per row of the newly covered tables.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from coopdesk.db import defences, migrate
from coopdesk.domain.errors import Conflict
from coopdesk.services.book import Book
from coopdesk.services.check import check_book
from coopdesk.services.months import close_month, closed_months, reopen_month
from coopdesk.services.summary import month_summary

FIXTURES = Path(__file__).parent / "fixtures"
BOOK_0006 = FIXTURES / "book-0006-closed-months.sqlite3"
SUMMARY_0006 = FIXTURES / "book-0006-closed-months.summary-2022-01.json"
FIRST_BOOK = FIXTURES / "book-0001-demo.sqlite3"
NEWLY_SEALED = ("member", "workshop", "workshop_session", "attendance", "buyer", "supplier",
                "product", "product_price", "input_item", "setting", "closed_month",
                "audit_event")


@pytest.fixture(autouse=True)
def english():
    from coopdesk.i18n import current_language, set_language

    previous = current_language()
    set_language("en")
    yield
    set_language(previous)


def _rows(path: Path, sql: str) -> list:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def _schema(path: Path) -> dict[str, tuple[str, str, str]]:
    return {
        name: (kind, table, hashlib.sha256(sql.encode()).hexdigest()[:16])
        for kind, name, table, sql in _rows(
            path, "SELECT type, name, tbl_name, sql FROM sqlite_master"
                  " WHERE type IN ('trigger', 'index') AND sql IS NOT NULL")
    }


def _expected() -> dict[str, tuple[str, str, str]]:
    out = {name: ("trigger", *v) for name, v in defences.TRIGGERS.items()}
    out.update({name: ("index", *v) for name, v in defences.INDEXES.items()})
    return out


def _paste(found: dict) -> str:
    """The lines to put in coopdesk/db/defences.py when a revision changes the schema."""
    return "\n".join(f'    "{n}": ("{t}", "{d}"),  # {k}' for n, (k, t, d) in sorted(found.items()))


@pytest.mark.parametrize("source", [None, FIRST_BOOK, BOOK_0006], ids=["new", "0001", "0006"])
def test_the_defences_list_is_what_the_head_revision_makes(tmp_path, source):
    book_file = tmp_path / "coopdesk.sqlite3"
    if source is not None:
        shutil.copy(source, book_file)
    Book(book_file).close()
    assert migrate.inspect_book(book_file).revision == defences.REVISION
    assert defences.REVISION == migrate.head_revision()
    found = _schema(book_file)
    assert found == _expected(), _paste(found)


def test_the_0006_book_upgrades_sealed_and_verifies_clean(tmp_path):
    book_file = tmp_path / "coopdesk.sqlite3"
    shutil.copy(BOOK_0006, book_file)
    assert migrate.inspect_book(book_file).revision == "0006"
    seals_before = _rows(book_file, "SELECT * FROM seal ORDER BY id")
    counts = {t: _rows(book_file, f"SELECT count(*) FROM {t}")[0][0] for t in NEWLY_SEALED}
    assert counts["member"] == 4 and counts["closed_month"] == 1 and counts["attendance"] == 3
    with Book(book_file) as book:
        report = check_book(book)
        figures = month_summary(book, 2022, 1).as_json_dict()
    assert report.ok, report.lines()
    assert json.loads(json.dumps(figures, sort_keys=True, default=str)) == json.loads(
        SUMMARY_0006.read_text(encoding="utf-8"))
    # Only the seals of the old form (no record_uuid): revision 0009 appends uuid-keyed ones.
    seals_after = _rows(book_file, "SELECT id, entity, record_id, content_hash, chain_hash"
                                   " FROM seal WHERE record_uuid IS NULL ORDER BY id")
    assert seals_after[: len(seals_before)] == seals_before  # posted seals kept as they were
    appended = seals_after[len(seals_before):]
    counts["audit_event"] += 1  # the baseline event seals itself
    assert {t: sum(1 for s in appended if s[1] == t) for t in NEWLY_SEALED} == counts
    (event,) = _rows(book_file, "SELECT detail, reason FROM audit_event"
                                " WHERE action = 'seal_baseline'")
    assert json.loads(event[0]) == {"revision": "0007", "sealed": counts}
    assert "sealed as they stood" in event[1]


def test_running_0007_again_seals_nothing_new(tmp_path):
    """Its version put back by hand, the baseline must not bless rows changed since."""
    book_file = tmp_path / "coopdesk.sqlite3"
    shutil.copy(BOOK_0006, book_file)
    Book(book_file).close()
    conn = sqlite3.connect(book_file)
    conn.executescript("DROP TRIGGER trg_member_seal_update;"
                       " UPDATE member SET full_name = 'Otra' WHERE code = 'S01';"
                       " UPDATE alembic_version SET version_num = '0006';"
                       # 0008 runs again after it: take away what it made.
                       " DROP TRIGGER trg_member_payment_receipt_number;"
                       " DROP TABLE payment_receipt;")
    conn.close()
    seals = _rows(book_file, "SELECT count(*) FROM seal")[0][0]
    with Book(book_file) as book:
        problems = dict(check_book(book).sections)["Hash chain of posted records"]
    assert _rows(book_file, "SELECT count(*) FROM seal")[0][0] == seals
    # The payment receipts rebuilt by hand above are named too (revision 0009 seals them).
    problems = [p for p in problems if "payment_receipt" not in p]
    assert len(problems) == 1 and "S01" in problems[0] and "changed outside" in problems[0]
    assert _schema(book_file) == _expected()  # the trigger dropped was written again


def test_a_month_reopened_and_closed_again_by_the_program_checks_clean(tmp_path):
    book_file = tmp_path / "coopdesk.sqlite3"
    shutil.copy(BOOK_0006, book_file)
    with Book(book_file) as book:
        reopen_month(book, year=2022, month=1, reason="Falta un jornal de S02")
        assert closed_months(book) == []
        close_month(book, year=2022, month=1, note="Boletas reimpresas")
        close_month(book, year=2022, month=2)
        reopen_month(book, year=2022, month=2, reason="Otra vez")
        assert closed_months(book) == ["2022-01"]
        report = check_book(book)
    assert report.ok, report.lines()
    # The reopened months left tombstones in the chain, not holes.
    assert _rows(book_file, "SELECT count(*) FROM seal WHERE entity='closed_month'"
                            " AND content_hash='deleted'")[0][0] == 2


def test_a_closed_month_cannot_be_deleted_without_the_programs_reopen(tmp_path):
    book_file = tmp_path / "coopdesk.sqlite3"
    shutil.copy(BOOK_0006, book_file)
    Book(book_file).close()
    conn = sqlite3.connect(book_file)
    try:
        # An audit event alone is not enough: it must be this operation's (still unsealed).
        reopen = _rows(book_file, "SELECT count(*) FROM audit_event WHERE action='reopen'")
        assert reopen[0][0] == 1  # February's, sealed long ago
        with pytest.raises(sqlite3.DatabaseError, match="reopened only in coopdesk"):
            conn.execute("DELETE FROM closed_month WHERE month = '2022-01'")
    finally:
        conn.close()
    assert _rows(book_file, "SELECT month FROM closed_month") == [("2022-01",)]


def test_the_program_still_refuses_first_with_its_own_sentence(tmp_path):
    book_file = tmp_path / "coopdesk.sqlite3"
    shutil.copy(BOOK_0006, book_file)
    from coopdesk.services.workshops import add_session

    with Book(book_file) as book, pytest.raises(Conflict) as refused:
        add_session(book, workshop=2, held_on=dt.date(2022, 1, 27))
    assert refused.value.field == "held_on"


def test_master_data_changed_through_the_program_is_sealed_at_commit(tmp_path):
    from decimal import Decimal

    from coopdesk.domain.workshops import Attendance
    from coopdesk.services.members import MemberData, update_member
    from coopdesk.services.settings import update_settings
    from coopdesk.services.trade import set_product_price
    from coopdesk.services.workshops import mark_attendance

    book_file = tmp_path / "coopdesk.sqlite3"
    shutil.copy(BOOK_0006, book_file)
    with Book(book_file) as book:
        reopen_month(book, year=2022, month=1, reason="Corregir asistencia")
        with book.read_sql() as reader:
            joined, session_uuid = reader.connection().exec_driver_sql(
                "SELECT (SELECT joined_on FROM member WHERE code='S01'),"
                " (SELECT uuid FROM workshop_session)").first()
        update_member(book, "S01", MemberData(code="S01", full_name="Ana María Quispe",
                                              joined_on=dt.date.fromisoformat(joined)))
        update_settings(book, cooperative_name="Dulce Esperanza de Quillabamba")
        set_product_price(book, product="Chocolate chuncho 70%", valid_from=dt.date(2022, 3, 1),
                          price=Decimal("9.00"))
        mark_attendance(book, session_uuid=session_uuid, marks={"S02": Attendance.PRESENT})
        report = check_book(book)
    assert report.ok, report.lines()
    # The last seal of S01 is the fingerprint of her row as it is now, with her new name.
    from coopdesk.db import ledger

    *row, uuid, site = _rows(book_file, "SELECT " + ", ".join(ledger.MASTER["member"])
                             + ", uuid, site_id FROM member WHERE code='S01'")[0]
    # Since revision 0009 the fingerprint ends with the row's uuid and site.
    text = json.dumps(["member", *row, {"uuid": uuid, "site_id": site}], ensure_ascii=False,
                      separators=(",", ":"), default=str)
    last, = _rows(book_file, f"SELECT content_hash FROM seal WHERE entity='member'"
                             f" AND record_id={row[0]} ORDER BY id DESC LIMIT 1")[0]
    assert row[4] == "Ana María Quispe"
    assert last == hashlib.sha256(text.encode("utf-8")).hexdigest()
