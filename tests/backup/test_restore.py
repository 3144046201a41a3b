"""Restore: what the backup holds is shown, everything is checked, refusals touch nothing."""

from __future__ import annotations

import json
import struct

import pytest

from coopdesk.backup import fileformat
from coopdesk.backup.backup import local_folder, make_backup
from coopdesk.backup.copies import backup_files
from coopdesk.backup.restore import SAFETY_PREFIX, describe_backup, restore_backup
from coopdesk.domain.errors import BookError
from coopdesk.services.check import check_book
from coopdesk.services.summary import month_summary
from tests.backup.conftest import book_files
from tests.small_book import SALES


def _all_months(book) -> dict:
    return {m: month_summary(book, 2022, m).as_json_dict() for m in range(1, 13)}


def test_round_trip_gives_the_same_summary_for_every_month(demo_book, tmp_path):
    before = _all_months(demo_book)
    result = make_backup(demo_book, tmp_path / "stick")
    # Change the book after the backup: the restore must bring back the backed-up state.
    from coopdesk.services.payments import void_expense

    with demo_book.read() as session:
        uuid = session.connection().exec_driver_sql(
            "SELECT uuid FROM expense WHERE voided_at IS NULL LIMIT 1").scalar()
    void_expense(demo_book, uuid=uuid, reason="test")
    assert _all_months(demo_book) != before
    restored = restore_backup(demo_book, result.path)
    try:
        assert _all_months(restored.book) == before
        assert check_book(restored.book).ok
        with restored.book.read() as session:
            actions = [r[0] for r in session.connection().exec_driver_sql(
                "SELECT action FROM audit_event ORDER BY id DESC LIMIT 1")]
        assert actions == ["restore"]
    finally:
        restored.book.close()
    folder = demo_book.path.parent
    safety = [p for p in folder.iterdir() if p.name.startswith(SAFETY_PREFIX)]
    assert len(safety) == 1 and (safety[0] / "coopdesk.sqlite3").exists()
    # A copy of the book as it was just before the restore was made first.
    assert restored.previous_backup in backup_files(local_folder(demo_book))


def test_describe_shows_what_the_backup_holds(small_book, tmp_path):
    result = make_backup(small_book, tmp_path / "out")
    info = describe_backup(result.path)
    assert info.counts["sale"] == SALES and info.last_receipt == SALES
    assert not info.encrypted
    assert f"Last receipt number: {SALES}" in info.lines()


def _refused(book, path, passphrase=None):
    before = book_files(book.path)
    with pytest.raises(BookError) as refused:
        restore_backup(book, path, passphrase=passphrase)
    assert book_files(book.path) == before
    assert book.engine is not None and check_book(book).ok
    assert not [p for p in book.path.parent.iterdir() if p.name.startswith(SAFETY_PREFIX)]
    return str(refused.value)


def test_truncated_backup_is_refused(small_book, tmp_path):
    good = make_backup(small_book, tmp_path / "out").path
    cut = tmp_path / "cut.respaldo"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    assert "damaged" in _refused(small_book, cut)


def test_foreign_files_are_refused(small_book, tmp_path):
    text = tmp_path / "foto.jpg"
    text.write_bytes(b"\xff\xd8\xff\xe0 not a backup at all")
    assert "not a coopdesk backup" in _refused(small_book, text)
    empty = tmp_path / "empty.respaldo"
    empty.write_bytes(b"")
    assert "not a coopdesk backup" in _refused(small_book, empty)
    assert "database" in _refused(small_book, small_book.path)


def _forge(path, manifest: dict, payload: bytes, key_folder=None):
    """A backup with every checksum recomputed (re-signed with the key in *key_folder*)."""
    if key_folder is not None:
        from coopdesk.backup import signature

        manifest = signature.signed(manifest, key_folder)
    raw = fileformat.manifest_bytes(manifest)
    body = fileformat.pack_head(raw) + payload
    import hashlib

    path.write_bytes(body + hashlib.sha256(body).digest())


def test_backup_of_a_newer_coopdesk_is_refused(small_book, tmp_path):
    good = fileformat.read_backup(make_backup(small_book, tmp_path / "out").path)
    newer = tmp_path / "newer.respaldo"
    _forge(newer, {**good.manifest, "schema": "9999"}, good.payload)
    assert "newer" in _refused(small_book, newer)
    newer_format = tmp_path / "newer-format.respaldo"
    data = bytearray(good.path.read_bytes())
    data[16:20] = struct.pack("<I", 99)
    body = bytes(data[:-32])
    import hashlib

    newer_format.write_bytes(body + hashlib.sha256(body).digest())
    assert "newer" in _refused(small_book, newer_format)


def test_a_backup_whose_book_is_not_ours_is_refused(small_book, tmp_path):
    import sqlite3

    good = fileformat.read_backup(make_backup(small_book, tmp_path / "out").path)
    other = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE alembic_version (version_num TEXT)")
    conn.execute("INSERT INTO alembic_version VALUES (?)", (good.manifest["schema"],))
    conn.commit()
    conn.close()
    payload = other.read_bytes()
    import hashlib

    forged = tmp_path / "forged.respaldo"
    _forge(forged, {**good.manifest, "book_sha256": hashlib.sha256(payload).hexdigest()}, payload,
           key_folder=small_book.path.parent)
    assert "coopdesk book" in _refused(small_book, forged)


def test_encrypted_backup_needs_the_right_passphrase(small_book, tmp_path):
    path = make_backup(small_book, tmp_path / "out", passphrase="clave-de-prueba").path
    assert "passphrase" in _refused(small_book, path)
    assert "passphrase" in _refused(small_book, path, passphrase="otra-clave-mala")
    result = restore_backup(small_book, path, passphrase="clave-de-prueba")
    assert check_book(result.book).ok
    result.book.close()


def test_restoring_an_older_backup_upgrades_it(tmp_path):
    """A backup whose book is at the first schema is restored and upgraded."""
    import hashlib
    import shutil
    from pathlib import Path

    from coopdesk.services.book import Book

    fixture = Path(__file__).parents[1] / "db" / "fixtures" / "book-0001-demo.sqlite3"
    payload = fixture.read_bytes()
    manifest = {"app": "coopdesk", "app_version": "0.0.1", "format": 1, "schema": "0001",
                "created_at": "2022-11-01T10:00:00", "book_sha256":
                hashlib.sha256(payload).hexdigest(), "counts": {}, "totals": {},
                "last_receipt": 188, "encryption": None}
    old = tmp_path / "old.respaldo"
    _forge(old, manifest, payload)
    live_dir = tmp_path / "live"
    live_dir.mkdir()
    shutil.copy(fixture, live_dir / "coopdesk.sqlite3")
    book = Book.open_folder(live_dir)
    result = restore_backup(book, old, unconfirmed_ok=True)  # made before copies were signed
    try:
        assert check_book(result.book).ok
        figures = month_summary(result.book, 2022, 10).as_json_dict()
        expected = json.loads(
            (fixture.parent / "book-0001-demo.summary-2022-10.json").read_text("utf-8"))
        assert figures == expected
    finally:
        result.book.close()


def test_a_disk_error_while_replacing_is_a_sentence_and_the_book_comes_back(small_book, tmp_path):
    import errno

    path = make_backup(small_book, tmp_path / "out").path

    def fail(name):
        if name == "replace":
            raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(BookError) as refused:
        restore_backup(small_book, path, hook=fail)
    assert "previous book is back" in str(refused.value)
    assert small_book.engine is not None and check_book(small_book).ok
    assert not list(small_book.path.parent.glob(".restaurando-*"))


def test_two_restores_in_the_same_second_keep_both_previous_books(small_book, tmp_path):
    path = make_backup(small_book, tmp_path / "out").path
    first = restore_backup(small_book, path)
    second = restore_backup(first.book, path)
    second.book.close()
    assert first.safety_folder != second.safety_folder
    assert (second.safety_folder / "coopdesk.sqlite3").exists()
