"""Encrypted backups with age: the passphrase is stored nowhere and restores on a new laptop."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from coopdesk.backup import fileformat
from coopdesk.backup.backup import (
    backup_on_close,
    get_backup_settings,
    make_backup,
    set_backup_settings,
)
from coopdesk.backup.keys import LEGACY_PASSPHRASE_KEY
from coopdesk.backup.restore import restore_backup
from coopdesk.db.tables import Setting
from coopdesk.domain.errors import BookError, InvalidInput
from coopdesk.services.book import Book
from coopdesk.services.check import check_book
from tests.backup.conftest import book_files
from tests.conftest import run_cli
from tests.small_book import ALL_SALES_CENTS, LIVE_SALES_TOTAL, MEMBERS, PAYMENTS_TOTAL

OLD_FIXTURE = Path(__file__).parent / "fixtures" / "old-aes-gcm-2026-12-05.respaldo"
OLD_PASSPHRASE = "clave-antigua-2025"
PASSPHRASE = "Cacao-Chuncho-2026"
#: What the old fixture holds (the backups' earlier small book), worked out by hand:
#: 20 × 8.50, 3 × 8.50, 25 × 8.50 and 1.5 × 9.3333 = 13.99995 → 14.00, so 422.00 in all;
#: payments 30.00 + 25.50; three members.
OLD_SUMS = (17000 + 2550 + 21250 + 1400, 3000 + 2550, 3)
#: What the small book holds (tests/small_book.py): every sale's total, voided included;
#: every payment; its members.
SMALL_BOOK_SUMS = (ALL_SALES_CENTS, int(PAYMENTS_TOTAL * 100), len(MEMBERS))


def _all_bytes(book_file: Path) -> bytes:
    return b"".join(Path(str(book_file) + s).read_bytes()
                    for s in ("", "-wal", "-journal") if Path(str(book_file) + s).exists())


def _like_windows(book: Book) -> None:
    """Switch secure delete off, as in the SQLite Python ships on Windows (Debian's is on)."""
    with book.connection_lock():
        raw = book.engine.raw_connection()
        try:
            raw.driver_connection.execute("PRAGMA secure_delete=OFF")
        finally:
            raw.close()


def _sums(book: Book) -> tuple[int, int, int]:
    with book.read() as conn:
        sql = conn.connection().exec_driver_sql
        return (sql("SELECT sum(total) FROM sale").scalar(),
                sql("SELECT sum(amount) FROM member_payment").scalar(),
                sql("SELECT count(*) FROM member").scalar())


def test_a_plain_text_passphrase_is_erased_from_the_book_and_never_copied(small_book, tmp_path):
    secret = "clave-vieja-en-claro"
    earlier = "primera-clave-vieja"
    _like_windows(small_book)
    for value in (earlier, secret):  # as the older coopdesk kept it, changed once
        with small_book.transaction() as session:
            row = session.get(Setting, LEGACY_PASSPHRASE_KEY) or Setting(key=LEGACY_PASSPHRASE_KEY)
            row.value = value
            session.add(row)
    path = small_book.path
    small_book.close()
    assert secret.encode() in _all_bytes(path)  # the attack surface the test is about
    small_book.__init__(path)
    _like_windows(small_book)

    settings = get_backup_settings(small_book)  # the first read erases it
    assert settings.encrypted and settings.recipient.startswith("age1")
    copy = make_backup(small_book, tmp_path / "stick")
    small_book.close()
    for value in (secret, earlier):
        assert value.encode() not in _all_bytes(path)
        assert value.encode() not in copy.path.read_bytes()
    # A copy made from the old passphrase's key opens with that passphrase.
    inner = fileformat.book_bytes(fileformat.read_backup(copy.path), secret)
    assert secret.encode() not in inner and earlier.encode() not in inner
    small_book.__init__(path)
    # Encryption switched off: an unencrypted copy holds no passphrase either.
    set_backup_settings(small_book, passphrase="")
    unencrypted = make_backup(small_book, tmp_path / "stick2")
    assert not fileformat.read_backup(unencrypted.path).encrypted
    assert secret.encode() not in unencrypted.path.read_bytes()
    with small_book.transaction() as session:
        trail = session.connection().exec_driver_sql(
            "SELECT before, after FROM audit_event WHERE entity_uuid = ?",
            (LEGACY_PASSPHRASE_KEY,)).all()
    assert trail == [('"set"', '"backup_key"')]  # JSON, as every audit value


def test_setting_a_passphrase_keeps_only_the_public_key(small_book, tmp_path):
    with pytest.raises(InvalidInput) as short:
        set_backup_settings(small_book, passphrase="corta")
    assert str(short.value) == "Use a passphrase of at least 8 characters, or none."
    settings = set_backup_settings(small_book, passphrase=PASSPHRASE)
    assert settings.encrypted
    path = small_book.path
    small_book.close()
    assert PASSPHRASE.encode() not in _all_bytes(path)
    small_book.__init__(path)


def test_the_automatic_copy_is_encrypted_without_asking_and_says_no_figures(small_book):
    set_backup_settings(small_book, passphrase=PASSPHRASE)
    results = backup_on_close(small_book)
    assert [ok for ok, _text in results] == [True]
    made = Path(results[0][1].split(": ", 1)[1])
    backup = fileformat.read_backup(made)
    assert backup.encrypted and backup.manifest["encryption"]["scheme"] == "age"
    assert set(backup.manifest) == {
        "app", "app_version", "format", "schema", "created_at", "cooperative", "site_id",
        "book_sha256", "book_size", "chain", "encryption", "signature"}
    head = made.read_bytes()[: len(backup.manifest_bytes) + 24]
    for figure in (str(LIVE_SALES_TOTAL).encode(), str(PAYMENTS_TOTAL).encode(), b"sale",
                   b"2022-"):
        assert figure not in head
    assert b"SQLite format 3" not in made.read_bytes()
    with pytest.raises(BookError) as wrong:
        fileformat.book_bytes(backup, "otra clave cualquiera")
    assert str(wrong.value) == ("The passphrase does not open this backup (or the file was "
                                "damaged). Nothing was changed.")


def test_restore_on_a_new_laptop_with_the_passphrase_alone(small_book, tmp_path):
    set_backup_settings(small_book, passphrase=PASSPHRASE)
    copy = make_backup(small_book, tmp_path / "stick").path
    small_book.close()
    laptop = tmp_path / "nueva-laptop"  # a fresh data folder: nothing of the old one
    unsure = run_cli("restore", copy, "--yes", data_dir=laptop)
    assert unsure.returncode == 1
    assert unsure.stderr.strip().splitlines()[-2:] == [
        "This computer does not have the site's signing key (firma-del-sitio.key next to the "
        f"book), so it cannot confirm that the copy {copy.name} was not changed.",
        "To restore it anyway, only if you know where this copy comes from, add --unconfirmed. "
        "Nothing was changed."]
    refused = run_cli("restore", copy, "--yes", "--unconfirmed", data_dir=laptop)
    assert refused.returncode == 1
    assert refused.stderr.strip().endswith(
        f"The backup {copy.name} is encrypted: write its passphrase on a terminal or set "
        "COOPDESK_PASSPHRASE. Nothing was changed.")
    wrong = run_cli("restore", copy, "--yes", "--unconfirmed", data_dir=laptop,
                    env={"COOPDESK_PASSPHRASE": "no-es-la-clave"})
    assert wrong.returncode == 1 and "The passphrase does not open this backup" in wrong.stderr
    done = run_cli("restore", copy, "--yes", "--unconfirmed", data_dir=laptop,
                   env={"COOPDESK_PASSPHRASE": PASSPHRASE})
    assert done.returncode == 0, done.stderr
    with Book.open_folder(laptop) as restored:
        assert _sums(restored) == SMALL_BOOK_SUMS
        assert check_book(restored).ok
        assert get_backup_settings(restored).encrypted  # its copies stay encrypted
    small_book.__init__(small_book.path)


def test_an_old_format_encrypted_backup_still_restores(small_book, tmp_path):
    fixture = tmp_path / OLD_FIXTURE.name
    shutil.copy(OLD_FIXTURE, fixture)
    backup = fileformat.read_backup(fixture)
    assert backup.manifest["encryption"]["cipher"] == "AES-256-GCM"
    with pytest.raises(BookError):
        restore_backup(small_book, fixture, passphrase="otra clave cualquiera")
    result = restore_backup(small_book, fixture, passphrase=OLD_PASSPHRASE,
                            unconfirmed_ok=True)  # made before copies were signed
    try:
        assert _sums(result.book) == OLD_SUMS
        assert check_book(result.book).ok
        assert result.info.created_at == dt.datetime(2026, 12, 5, 18, 30)
    finally:
        result.book.close()
    small_book.__init__(small_book.path)


def test_a_short_passphrase_in_the_environment_is_refused(demo_dir, tmp_path):
    before = book_files(demo_dir / "coopdesk.sqlite3")
    done = run_cli("backup", "--to", tmp_path / "stick", data_dir=demo_dir,
                   env={"COOPDESK_PASSPHRASE": "corta"})
    assert done.returncode == 1
    assert done.stderr.strip() == "Use a passphrase of at least 8 characters, or none."
    assert not (tmp_path / "stick").exists()
    assert book_files(demo_dir / "coopdesk.sqlite3") == before
    helped = run_cli("backup", "--help")
    assert "COOPDESK_PASSPHRASE" in helped.stdout and "8 characters" in helped.stdout
    assert "COOPDESK_PASSPHRASE" in run_cli("restore", "--help").stdout
    assert "COOPDESK_PASSPHRASE" in run_cli("--help").stdout


def test_a_copy_encrypted_from_the_environment_opens_with_it(demo_dir, tmp_path):
    made = run_cli("backup", "--to", tmp_path / "stick", data_dir=demo_dir,
                   env={"COOPDESK_PASSPHRASE": PASSPHRASE})
    assert made.returncode == 0, made.stderr
    backup = fileformat.read_backup(Path(made.stdout.strip()))
    assert backup.encrypted
    assert fileformat.book_bytes(backup, PASSPHRASE)[:16] == b"SQLite format 3\x00"
