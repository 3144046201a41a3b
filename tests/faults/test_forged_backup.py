"""A forged backup with a rebuilt hash chain: every check inside the copy passes.

The attacker takes a copy from the stick, raises a payment with the sqlite3 module,
rebuilds the whole hash chain so ``coopdesk check`` passes on it, writes the new chain
head, book size and checksum into the description and re-packs the file with a good
trailer. Only the signature (made with the site key beside the book, which the stick
never carries) tells the copy apart; each case restores from the command line and
asserts the exact sentence and the live book byte for byte.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from coopdesk.backup import fileformat, signature
from coopdesk.backup.anchor import chain_head
from coopdesk.backup.backup import make_backup
from coopdesk.db.reader import Snapshot
from coopdesk.exchange import keys
from coopdesk.services.check import check_file
from tests.backup.conftest import book_files as _all_files
from tests.backup.conftest import rewrite_history
from tests.conftest import run_cli

NAME = "coopdesk-2026-12-01_10-00-00.respaldo"
FORGED_PAYMENT = 30000  # S/ 300.00 in céntimos, where the book says S/ 30.00


def book_files(book_file: Path) -> dict[str, str]:
    """The book and any journal holding pages, byte for byte (not SQLite's -shm index).

    An empty -wal left by a clean close and removed by the next one holds nothing.
    """
    empty = hashlib.sha256(b"").hexdigest()
    return {k: v for k, v in _all_files(book_file).items()
            if not k.endswith("-shm") and v != empty}


def _repack(path: Path, manifest: dict, payload: bytes) -> Path:
    raw = fileformat.manifest_bytes(manifest)
    body = fileformat.pack_head(raw) + payload
    path.write_bytes(body + hashlib.sha256(body).digest())
    return path


def _payments(book_file: Path) -> list[int]:
    conn = sqlite3.connect(f"file:{book_file}?mode=ro", uri=True)
    try:
        return [r[0] for r in conn.execute("SELECT amount FROM member_payment ORDER BY id")]
    finally:
        conn.close()


@pytest.fixture
def forged(small_book, tmp_path):
    """(the genuine copy, the forged description, the forged book's bytes)."""
    genuine = fileformat.read_backup(make_backup(small_book, tmp_path / "stick").path)
    inner = tmp_path / "inner.sqlite3"
    inner.write_bytes(genuine.payload)
    rewrite_history(inner)
    assert check_file(inner).ok  # the copy alone cannot see it
    assert FORGED_PAYMENT in _payments(inner)
    conn = sqlite3.connect(str(inner))
    try:
        head = chain_head(Snapshot(conn))
    finally:
        conn.close()
    payload = inner.read_bytes()
    manifest = {**genuine.manifest, "book_sha256": hashlib.sha256(payload).hexdigest(),
                "book_size": len(payload), "chain": head}
    return genuine, manifest, payload


def _restore(book, path: Path, *flags: str):
    book.close()
    before = book_files(book.path)
    done = run_cli("restore", path, "--yes", *flags, data_dir=book.path.parent)
    return done, before


def test_the_forged_copy_keeping_its_signature_is_refused(small_book, tmp_path, forged):
    _genuine, manifest, payload = forged
    copy = _repack(tmp_path / NAME, manifest, payload)
    fileformat.read_backup(copy)  # the file's own checksums all pass
    for flags in ((), ("--unconfirmed",)):
        done, before = _restore(small_book, copy, *flags)
        assert done.returncode == 1, done.stderr
        assert done.stderr.strip().splitlines()[-1] == (
            f"The copy {NAME} was changed after this computer made it: its signature does not "
            "match what it holds. It was not restored; the current book was not touched.")
        assert book_files(small_book.path) == before
        assert FORGED_PAYMENT not in _payments(small_book.path)


@pytest.mark.parametrize("how", ["signature removed", "signed with another key"])
def test_a_forged_copy_without_this_computers_signature_is_not_restored_unasked(
        small_book, tmp_path, forged, how):
    _genuine, manifest, payload = forged
    if how == "signature removed":
        manifest = {k: v for k, v in manifest.items() if k != "signature"}
        why = (f"The copy {NAME} carries no signature (an older coopdesk made it, or its "
               "signature was removed): nothing proves it left this book unchanged.")
    else:
        elsewhere = tmp_path / "attacker"
        elsewhere.mkdir()
        manifest = signature.signed(manifest, elsewhere)
        assert manifest["signature"]["key"] != keys.public_text(
            keys.site_key(small_book.path.parent))
        why = (f"The copy {NAME} was signed on another computer (another signing key): this "
               "computer cannot confirm that it was not changed.")
    copy = _repack(tmp_path / NAME, manifest, payload)
    done, before = _restore(small_book, copy)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-2:] == [
        why, "To restore it anyway, only if you know where this copy comes from, add "
        "--unconfirmed. Nothing was changed."]
    assert book_files(small_book.path) == before
    assert FORGED_PAYMENT not in _payments(small_book.path)
    # What cannot be detected, said plainly: asked for by name, the copy is restored.
    done, _before = _restore(small_book, copy, "--unconfirmed")
    assert done.returncode == 0, done.stderr
    assert why in done.stderr.splitlines()
    assert FORGED_PAYMENT in _payments(small_book.path)


def test_the_genuine_copy_is_confirmed_and_restored(small_book, forged):
    genuine, _manifest, _payload = forged
    done, _before = _restore(small_book, genuine.path)
    assert done.returncode == 0, done.stderr
    assert "Signed by this computer when it was made, and unchanged since ✓" in (
        done.stderr.splitlines())
    assert FORGED_PAYMENT not in _payments(small_book.path)


def test_in_spanish_the_refusal_says_what_happened(small_book, tmp_path, forged):
    _genuine, manifest, payload = forged
    copy = _repack(tmp_path / NAME, manifest, payload)
    small_book.close()
    before = book_files(small_book.path)
    done = run_cli("restore", copy, "--yes", data_dir=small_book.path.parent,
                   env={"COOPDESK_LANG": "es"})
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1] == (
        f"La copia {NAME} fue cambiada después de que este equipo la hizo: su firma no "
        "corresponde a lo que contiene. No se restauró; el libro actual no se tocó.")
    assert book_files(small_book.path) == before
