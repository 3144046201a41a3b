"""Attacks on the uuids and the site id of a book upgraded to revision 0009.

The frozen book of revision 0008 is opened (upgraded) once; each attack then works on
a copy with the sqlite3 shell. Where a trigger refuses, the shell shows its sentence
and not one row changed; where the attacker first drops the trigger, ``coopdesk check``
exits 1 and names the record, and checking changes nothing in the file. The expected
sentences are built from rows read with plain sqlite3.
"""

from __future__ import annotations

import hashlib
import shutil

import pytest

from coopdesk.services.book import Book
from tests.db.fixtures.make_books import book_path
from tests.faults.test_tamper import (
    CHAIN_WRONG,
    CHANGED,
    attack,
    book_file,
    check,
    contents,
    one,
    problems_under,
    refused,
)

FIXED = "coopdesk: the uuid and the site of a record never change"
ADDED = "  - {what} was added outside coopdesk"
DELETED = "  - {what} was deleted outside coopdesk"


@pytest.fixture(scope="module")
def upgraded_file(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sites-master")
    shutil.copy(book_path("0008"), folder / "coopdesk.sqlite3")
    Book.open_folder(folder).close()
    return folder / "coopdesk.sqlite3"


@pytest.fixture
def folder(upgraded_file, tmp_path):
    target = tmp_path / "book"
    target.mkdir()
    shutil.copy2(upgraded_file, target / "coopdesk.sqlite3")
    return target


def _sha(folder) -> str:
    return hashlib.sha256(book_file(folder).read_bytes()).hexdigest()


def _sale_line(folder):
    """The first line of the last sale: (id, receipt number, position, uuid)."""
    return one(folder, "SELECT l.id, s.receipt_number, l.position, l.uuid FROM sale_line l"
                       " JOIN sale s ON s.id = l.sale_id ORDER BY s.receipt_number DESC")


def test_the_upgraded_book_checks_clean(folder):
    code, lines = check(folder)
    assert code == 0, lines


@pytest.mark.parametrize("sql", [
    "UPDATE sale_line SET uuid = '00000000-0000-4000-8000-000000000000' WHERE id = {line}",
    "UPDATE sale_line SET site_id = '00000000-0000-4000-8000-000000000000' WHERE id = {line}",
    "UPDATE member SET site_id = 'otra-carcel' WHERE code = 'S01'",
    "UPDATE audit_event SET uuid = 'x' WHERE id = 1",
    "UPDATE setting SET value = '00000000-0000-4000-8000-000000000000' WHERE key = 'site_id'",
])
def test_a_uuid_or_a_site_is_never_changed_from_the_shell(folder, sql):
    line = _sale_line(folder)[0]
    refused(folder, sql.format(line=line), FIXED, "coopdesk: the site id of a book never changes",
            "coopdesk: the audit trail is append-only")


def test_a_sale_line_edited_after_the_upgrade_is_named(folder):
    line, receipt, position, _uuid = _sale_line(folder)
    attack(folder, "DROP TRIGGER trg_sale_line_guard_update;"
                   f" UPDATE sale_line SET total = total + 100 WHERE id = {line}")
    digest = _sha(folder)
    code, lines = check(folder)
    assert code == 1
    assert problems_under(lines, CHAIN_WRONG) == [CHANGED.format(
        what=f"line {position} of the sale with receipt {receipt} [sale_line {line}]")]
    assert _sha(folder) == digest  # checking changed nothing


def test_a_uuid_changed_after_the_upgrade_is_named(folder):
    line, receipt, position, _uuid = _sale_line(folder)
    attack(folder, "DROP TRIGGER trg_sale_line_site_fixed;"
                   " DROP TRIGGER trg_sale_line_guard_update;"
                   " UPDATE sale_line SET uuid = '00000000-0000-4000-8000-000000000000'"
                   f" WHERE id = {line}")
    digest = _sha(folder)
    code, lines = check(folder)
    assert code == 1
    assert problems_under(lines, CHAIN_WRONG) == [CHANGED.format(
        what=f"line {position} of the sale with receipt {receipt} [sale_line {line}]")]
    assert _sha(folder) == digest


def test_a_row_moved_to_another_site_is_named(folder):
    member, name = one(folder, "SELECT id, full_name FROM member WHERE code = 'S01'")
    attack(folder, "DROP TRIGGER trg_member_site_fixed;"
                   " UPDATE member SET site_id = '00000000-0000-4000-8000-000000000000'"
                   " WHERE code = 'S01'")
    code, lines = check(folder)
    assert code == 1
    assert problems_under(lines, CHAIN_WRONG) == [
        CHANGED.format(what=f"the member S01 ({name}) [member {member}]")]


def test_the_books_site_id_changed_is_named(folder):
    rowid = one(folder, "SELECT rowid FROM setting WHERE key = 'site_id'")[0]
    attack(folder, "DROP TRIGGER trg_setting_site_id_fixed;"
                   " UPDATE setting SET value = '00000000-0000-4000-8000-000000000000'"
                   " WHERE key = 'site_id'")
    code, lines = check(folder)
    assert code == 1
    assert problems_under(lines, CHAIN_WRONG) == [
        CHANGED.format(what=f"the setting site_id [setting {rowid}]")]


def test_a_payment_receipt_renumbered_is_named(folder):
    """Receipts joined the chain in 0009: a renumbered one is named, even triggers dropped."""
    payment, number, code_ = one(
        folder, "SELECT r.payment_id, r.number, m.code FROM payment_receipt r"
                " JOIN member_payment p ON p.id = r.payment_id"
                " JOIN member m ON m.id = p.member_id ORDER BY r.number DESC")
    attack(folder, "DROP TRIGGER trg_payment_receipt_no_update;"
                   f" UPDATE payment_receipt SET number = 9999 WHERE payment_id = {payment}")
    code, lines = check(folder)
    assert code == 1
    assert problems_under(lines, CHAIN_WRONG) == [CHANGED.format(
        what=f"the payment receipt 9999 (paid to {code_}) [payment_receipt {payment}]")]


def test_a_row_without_a_uuid_is_refused(folder):
    sale = one(folder, "SELECT id FROM sale ORDER BY id DESC")[0]
    before = contents(folder)
    refused(folder, "INSERT INTO sale_line (sale_id, position, product_id, quantity,"
                    f" unit_price, total) VALUES ({sale}, 9, 1, 1000, 85000, 850)",
            "coopdesk: every record needs its uuid")
    assert contents(folder) == before


def test_a_row_changed_before_the_upgrade_is_not_blessed_by_it(tmp_path):
    """0009 re-seals only the rows that still match their seal: the changed one stays named."""
    import json
    import sqlite3

    folder = tmp_path / "book"
    folder.mkdir()
    shutil.copy(book_path("0008"), folder / "coopdesk.sqlite3")
    member = one(folder, "SELECT id FROM member WHERE code = 'S02'")[0]
    attack(folder, "DROP TRIGGER trg_member_seal_update;"
                   " UPDATE member SET full_name = 'Otra Persona' WHERE code = 'S02'")
    code, lines = check(folder)  # opens the book: upgraded to 0009, then checked
    assert code == 1
    assert problems_under(lines, CHAIN_WRONG) == [
        CHANGED.format(what=f"the member S02 (Otra Persona) [member {member}]")]
    conn = sqlite3.connect(f"file:{book_file(folder)}?mode=ro", uri=True)
    try:
        (detail,), = conn.execute(
            "SELECT detail FROM audit_event WHERE action = 'seal_rekey'").fetchall()
        assert conn.execute("SELECT count(*) FROM seal WHERE entity = 'member'"
                            f" AND record_id = {member} AND record_uuid IS NOT NULL"
                            ).fetchone() == (0,)
    finally:
        conn.close()
    assert json.loads(detail)["left_unsealed"] == 1
