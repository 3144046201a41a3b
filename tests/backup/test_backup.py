"""Backups: verified, read back, named for FAT, pruned only after the new copy verified."""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import sqlite3
from decimal import Decimal

import pytest

from coopdesk.backup import fileformat
from coopdesk.backup.backup import (
    backup_on_close,
    get_backup_settings,
    local_folder,
    make_backup,
    set_backup_settings,
    verified_message,
)
from coopdesk.backup.copies import PARTIAL, backup_files, prune
from coopdesk.domain.errors import BookError, InvalidInput
from coopdesk.services.check import check_book
from tests.backup.conftest import FailAt, sha
from tests.small_book import (
    LIVE_SALES_TOTAL,
    MEMBERS,
    PAYMENTS_TOTAL,
    SALES,
    WORKDAYS,
    WORKDAYS_TOTAL,
)


def test_a_backup_is_verified_and_describes_the_book(small_book, tmp_path):
    stick = tmp_path / "stick" / "coopdesk-respaldos"
    stick.parent.mkdir()
    result = make_backup(small_book, stick)
    assert result.path.parent == stick
    assert ":" not in result.path.name and result.path.suffix == ".respaldo"
    assert not list(stick.glob(f"*{PARTIAL}"))
    data = result.path.read_bytes()
    assert hashlib.sha256(data[:-32]).hexdigest() == result.sha256 == data[-32:].hex()
    assert result.message == verified_message(stick) == f"Copy verified in {stick}."
    m = fileformat.read_backup(result.path).manifest
    assert m["counts"]["member"] == len(MEMBERS)
    assert m["counts"]["workday"] == WORKDAYS
    assert m["counts"]["sale"] == SALES
    assert m["last_receipt"] == SALES
    assert Decimal(m["totals"]["sales"]) == LIVE_SALES_TOTAL
    assert m["totals"]["payments"] == str(PAYMENTS_TOTAL)
    assert m["totals"]["workdays"] == str(WORKDAYS_TOTAL)
    assert m["encryption"] is None
    assert m["schema"]
    # The live book was not changed by the backup.
    assert check_book(small_book).ok


def test_the_payload_is_the_book_as_sqlite(small_book, tmp_path):
    result = make_backup(small_book, tmp_path / "out")
    backup = fileformat.read_backup(result.path)
    inner = tmp_path / "inner.sqlite3"
    inner.write_bytes(fileformat.book_bytes(backup, None))
    conn = sqlite3.connect(inner)
    assert conn.execute("SELECT count(*) FROM sale").fetchone()[0] == SALES
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()


def test_two_backups_in_the_same_second_get_different_names(small_book, tmp_path):
    when = dt.datetime(2022, 5, 1, 10, 0, 0)
    a = make_backup(small_book, tmp_path / "out", when=when)
    b = make_backup(small_book, tmp_path / "out", when=when)
    assert a.path != b.path and a.path.exists() and b.path.exists()


def test_encrypted_backup_hides_the_book(small_book, tmp_path):
    result = make_backup(small_book, tmp_path / "out", passphrase="clave-secreta-1")
    data = result.path.read_bytes()
    assert b"Socia" not in data and b"SQLite format 3" not in data
    backup = fileformat.read_backup(result.path)
    assert backup.encrypted
    with pytest.raises(BookError):
        fileformat.book_bytes(backup, "wrong passphrase")
    with pytest.raises(BookError):
        fileformat.book_bytes(backup, None)
    assert fileformat.book_bytes(backup, "clave-secreta-1")[:15] == b"SQLite format 3"


def test_retention_keeps_ten_latest_and_one_per_month(small_book, tmp_path):
    out = tmp_path / "out"
    # 3 copies a month, January to June: 18 copies.
    whens = [dt.datetime(2022, m, d, 12, 0) for m in range(1, 7) for d in (5, 15, 25)]
    for when in whens[:-1]:
        make_backup(small_book, out, when=when, keep_latest=10_000)
    assert len(backup_files(out)) == 17
    result = make_backup(small_book, out, when=whens[-1])
    kept = {p.name for p in backup_files(out)}
    newest_ten = sorted(whens, reverse=True)[:10]
    month_last = {max(w for w in whens if w.month == m) for m in range(1, 7)}
    expected = {f"coopdesk-{w:%Y-%m-%d_%H-%M-%S}.respaldo" for w in set(newest_ten) | month_last}
    assert kept == expected
    assert len(result.removed) == 18 - len(expected)


def test_old_copies_are_not_deleted_when_the_new_one_fails(small_book, tmp_path):
    out = tmp_path / "out"
    for day in range(1, 13):
        make_backup(small_book, out, when=dt.datetime(2022, 1, day), keep_latest=10_000)
    before = {p.name: sha(p) for p in backup_files(out)}
    with pytest.raises(BookError):
        make_backup(small_book, out, when=dt.datetime(2022, 1, 20),
                    hook=FailAt(1, OSError(errno.EIO, "I/O error"), step="rename"))
    assert {p.name: sha(p) for p in backup_files(out)} == before
    assert not list(out.glob(f"*{PARTIAL}"))


@pytest.mark.parametrize(
    ("code", "words"),
    [(errno.EROFS, "read-only"), (errno.ENOSPC, "full"), (errno.ENOENT, "disappeared")],
)
def test_read_only_full_or_vanished_stick_is_a_clear_sentence(small_book, tmp_path, code, words):
    out = tmp_path / "out"
    old = make_backup(small_book, out, when=dt.datetime(2022, 1, 1))
    old_sha = sha(old.path)
    book_before = check_book(small_book).ok
    with pytest.raises(BookError) as refused:
        make_backup(small_book, out, hook=FailAt(2, OSError(code, "injected"), step="write"))
    assert words in str(refused.value)
    assert "untouched" in str(refused.value)
    assert sha(old.path) == old_sha
    assert [p.name for p in backup_files(out)] == [old.path.name]
    assert not list(out.glob(f"*{PARTIAL}"))
    assert check_book(small_book).ok == book_before is True


def test_a_stick_that_is_gone_before_the_copy(small_book, tmp_path):
    with pytest.raises(BookError) as refused:
        make_backup(small_book, tmp_path / "no-such-stick" / "coopdesk-respaldos")
    assert "(is the memory stick plugged in?)" in str(refused.value)


def test_a_stick_that_reads_back_different_is_refused(small_book, tmp_path, monkeypatch):
    from coopdesk.backup import copies as backup_module

    monkeypatch.setattr(backup_module, "_read_back_digest", lambda path: b"")
    with pytest.raises(BookError) as refused:
        make_backup(small_book, tmp_path / "out")
    assert "reads back different" in str(refused.value)
    assert backup_files(tmp_path / "out") == []


def test_prune_ignores_files_that_are_not_backups(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    (tmp_path / "coopdesk-2022-01-01_00-00-00.respaldo.partial").write_text("half")
    assert prune(tmp_path, keep_latest=0) == []
    assert (tmp_path / "notes.txt").exists()


def test_backup_settings_and_backup_on_close(small_book, tmp_path):
    with pytest.raises(InvalidInput):
        set_backup_settings(small_book, passphrase="short")
    stick = tmp_path / "stick" / "coopdesk-respaldos"
    stick.parent.mkdir()
    settings = set_backup_settings(small_book, passphrase="una clave larga", folder=str(stick))
    assert get_backup_settings(small_book) == settings
    messages = backup_on_close(small_book)
    # A plain folder is no mounted stick (a pulled stick leaves one): only the local copy.
    # test_pulled_stick.py makes the closing copy to a really mounted one.
    assert [ok for ok, _sentence in messages] == [True]
    local = backup_files(local_folder(small_book))
    assert len(local) == 1 and backup_files(stick) == []
    assert fileformat.read_backup(local[0]).encrypted
    # The passphrase itself never goes into the audit trail.
    with small_book.read() as session:
        trail = session.connection().exec_driver_sql(
            "SELECT detail || before || after FROM audit_event").all()
    assert not any("una clave larga" in row[0] for row in trail)


def test_backup_on_close_reports_a_missing_stick_without_raising(small_book, tmp_path):
    set_backup_settings(small_book, folder=str(tmp_path / "gone" / "coopdesk-respaldos"))
    messages = backup_on_close(small_book)
    assert [ok for ok, _sentence in messages] == [True]  # only the local copy was attempted
    assert len(backup_files(local_folder(small_book))) == 1
