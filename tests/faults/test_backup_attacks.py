"""Crafted backups: descriptions out of bounds, costs that would hang, books altered inside.

Each attack is a real file written to disk with every checksum of the format
recomputed and, for the checks behind the signature, the description re-signed with the
laptop's own key, so only the check under test can see it; each asserts the exact sentence
and that the live book's files are byte for byte as before.
"""

from __future__ import annotations

import base64
import hashlib
import sqlite3
import time
from pathlib import Path

import pytest

from coopdesk.backup import fileformat, signature
from coopdesk.backup.backup import make_backup, set_backup_settings
from coopdesk.backup.restore import SAFETY_PREFIX, peek_backup, restore_backup
from coopdesk.domain.errors import BookError
from coopdesk.services.book import Book
from coopdesk.services.check import check_book
from tests.backup.conftest import book_files
from tests.small_book import fill_small_book

NAME = "crafted.respaldo"


@pytest.fixture
def book(tmp_path):
    b = Book.open_folder(tmp_path / "book")
    fill_small_book(b)
    yield b
    b.close()


def forge(path: Path, manifest: dict, payload: bytes, *, key_folder: Path | None = None
          ) -> Path:
    """Write a backup with *manifest* and *payload* and a correct trailer.

    *key_folder*: re-sign the description with the site key kept there, as someone who
    also holds this laptop's key could (the strongest attacker: only the check under
    test, behind the signature, can see the change).
    """
    if key_folder is not None:
        manifest = signature.signed(manifest, key_folder)
    raw = fileformat.manifest_bytes(manifest)
    body = fileformat.pack_head(raw) + payload
    path.write_bytes(body + hashlib.sha256(body).digest())
    return path


def refused(book: Book, path: Path, passphrase: str | None = None) -> str:
    """Restore *path*; assert it is refused and nothing changed; return the sentence."""
    before = book_files(book.path)
    with pytest.raises(BookError) as caught:
        restore_backup(book, path, passphrase=passphrase)
    assert book_files(book.path) == before
    assert not [p for p in book.path.parent.iterdir() if p.name.startswith(SAFETY_PREFIX)]
    assert check_book(book).ok
    return str(caught.value)


def wrong_field(field: str) -> str:
    return (f"The backup {NAME} has a wrong description (the field “{field}” is missing or "
            "out of bounds); it was not used. Nothing was changed.")


@pytest.fixture
def plain(book, tmp_path):
    """A good unencrypted backup of the small book, read."""
    return fileformat.read_backup(make_backup(book, tmp_path / "stick").path)


def _without(manifest: dict, key: str) -> dict:
    return {k: v for k, v in manifest.items() if k != key}


CRAFTED = [  # (name, change to the manifest, field named in the sentence)
    ("no created_at", lambda m: _without(m, "created_at"), "created_at"),
    ("no schema", lambda m: _without(m, "schema"), "schema"),
    ("no app_version", lambda m: _without(m, "app_version"), "app_version"),
    ("no book_sha256", lambda m: _without(m, "book_sha256"), "book_sha256"),
    ("created_at a number", lambda m: {**m, "created_at": 20261205}, "created_at"),
    ("created_at not a date", lambda m: {**m, "created_at": "ayer"}, "created_at"),
    ("schema a list", lambda m: {**m, "schema": ["0006"]}, "schema"),
    ("cooperative a dict", lambda m: {**m, "cooperative": {"x": 1}}, "cooperative"),
    ("cooperative 1 MB", lambda m: {**m, "cooperative": "A" * 900_000}, "cooperative"),
    ("site_id huge", lambda m: {**m, "site_id": "9" * 5000}, "site_id"),
    ("counts a string", lambda m: {**m, "counts": "many"}, "counts"),
    ("count negative", lambda m: {**m, "counts": {"sale": -4}}, "counts"),
    ("count a bool", lambda m: {**m, "counts": {"sale": True}}, "counts"),
    ("last_receipt a float", lambda m: {**m, "last_receipt": 4.5}, "last_receipt"),
    ("last_receipt huge", lambda m: {**m, "last_receipt": 10**30}, "last_receipt"),
    ("totals a float", lambda m: {**m, "totals": {"sales": 422.0}}, "totals"),
    ("book_size negative", lambda m: {**m, "book_size": -1}, "book_size"),
    ("chain head short", lambda m: {**m, "chain": {"seals": 3, "head": "ab"}}, "chain"),
    ("chain seals text", lambda m: {**m, "chain": {"seals": "3", "head": "0" * 64}}, "chain"),
    ("encryption a string", lambda m: {**m, "encryption": "yes"}, "encryption"),
    ("legacy n = 2^24", lambda m: {**m, "encryption": {
        "cipher": "AES-256-GCM", "kdf": "scrypt", "salt": "AAAAAAAAAAAAAAAAAAAAAA==",
        "n": 2**24, "r": 8, "p": 1}}, "encryption.n"),
    ("legacy n not a power of 2", lambda m: {**m, "encryption": {
        "cipher": "AES-256-GCM", "kdf": "scrypt", "salt": "AAAAAAAAAAAAAAAAAAAAAA==",
        "n": 30000, "r": 8, "p": 1}}, "encryption.n"),
    ("legacy n missing", lambda m: {**m, "encryption": {
        "cipher": "AES-256-GCM", "kdf": "scrypt", "salt": "AAAAAAAAAAAAAAAAAAAAAA==",
        "r": 8, "p": 1}}, "encryption.n"),
    ("legacy p huge", lambda m: {**m, "encryption": {
        "cipher": "AES-256-GCM", "kdf": "scrypt", "salt": "AAAAAAAAAAAAAAAAAAAAAA==",
        "n": 2**15, "r": 8, "p": 2**20}}, "encryption.p"),
    ("legacy salt not base64", lambda m: {**m, "encryption": {
        "cipher": "AES-256-GCM", "kdf": "scrypt", "salt": "%%%", "n": 2**15, "r": 8,
        "p": 1}}, "encryption.salt"),
    ("age identity huge", lambda m: {**m, "encryption": {
        "scheme": "age", "recipient": "age1" + "q" * 58,
        "identity": "A" * 100_000}}, "encryption.identity"),
    ("age recipient a number", lambda m: {**m, "encryption": {
        "scheme": "age", "recipient": 7, "identity": "AAAA"}}, "encryption.recipient"),
    # Each field's type, the contract's integer written as text first (it was accepted).
    ("format a string", lambda m: {**m, "format": "1"}, "format"),
    ("format a bool", lambda m: {**m, "format": True}, "format"),
    ("format 2", lambda m: {**m, "format": 2}, "format"),
    ("format null", lambda m: {**m, "format": None}, "format"),
    ("format a float", lambda m: {**m, "format": 1.0}, "format"),
    ("app_version a number", lambda m: {**m, "app_version": 1.2}, "app_version"),
    ("site_id a number", lambda m: {**m, "site_id": 7}, "site_id"),
    ("book_sha256 upper case", lambda m: {**m, "book_sha256": m["book_sha256"].upper()},
     "book_sha256"),
    ("book_size a string", lambda m: {**m, "book_size": "4096"}, "book_size"),
    ("book_size a bool", lambda m: {**m, "book_size": True}, "book_size"),
    ("last_receipt a string", lambda m: {**m, "last_receipt": "12"}, "last_receipt"),
    ("last_receipt null", lambda m: {**m, "last_receipt": None}, "last_receipt"),
    ("count a string", lambda m: {**m, "counts": {"sale": "4"}}, "counts"),
    ("total not decimal text", lambda m: {**m, "totals": {"sales": "4e2"}}, "totals"),
    ("first_day a number", lambda m: {**m, "first_day": 20221101}, "first_day"),
    ("last_day not a day", lambda m: {**m, "last_day": "2022-13-01"}, "last_day"),
    ("chain seals a bool", lambda m: {**m, "chain": {"seals": True, "head": "0" * 64}},
     "chain"),
    ("chain with more", lambda m: {**m, "chain": {"seals": 3, "head": "0" * 64, "x": 1}},
     "chain"),
    ("legacy r a string", lambda m: {**m, "encryption": {
        "cipher": "AES-256-GCM", "kdf": "scrypt", "salt": "AAAAAAAAAAAAAAAAAAAAAA==",
        "n": 2**15, "r": "8", "p": 1}}, "encryption.r"),
    ("signature a string", lambda m: {**m, "signature": "firmado"}, "signature"),
    ("signature null", lambda m: {**m, "signature": None}, "signature"),
    ("signature key a number", lambda m: {**m, "signature": {
        "key": 7, "value": m["signature"]["value"]}}, "signature"),
    ("signature not base64", lambda m: {**m, "signature": {
        "key": m["signature"]["key"], "value": "%%%"}}, "signature"),
    ("signature huge", lambda m: {**m, "signature": {
        "key": m["signature"]["key"], "value": "A" * 100_000}}, "signature"),
    ("signature with more", lambda m: {**m, "signature": {**m["signature"], "by": "x"}},
     "signature"),
]


@pytest.mark.parametrize("change, field", [c[1:] for c in CRAFTED],
                         ids=[c[0] for c in CRAFTED])
def test_a_crafted_description_is_refused_with_a_sentence(book, plain, tmp_path, change, field):
    crafted = forge(tmp_path / NAME, change(dict(plain.manifest)), plain.payload)
    started = time.monotonic()
    assert refused(book, crafted, passphrase="una clave cualquiera") == wrong_field(field)
    assert time.monotonic() - started < 10  # refused before any costly work
    # The screen's list reads only the description: the same sentence, no traceback.
    with pytest.raises(BookError) as listed:
        peek_backup(crafted)
    assert str(listed.value) == wrong_field(field)


def test_a_description_that_is_not_an_object_is_not_a_backup(book, plain, tmp_path):
    raw = b"[1, 2, 3]"
    body = fileformat.pack_head(raw) + plain.payload
    crafted = tmp_path / NAME
    crafted.write_bytes(body + hashlib.sha256(body).digest())
    assert refused(book, crafted) == f"The file {NAME} is not a coopdesk backup."


def test_a_length_field_bigger_than_the_file_is_refused(book, plain, tmp_path):
    data = bytearray(plain.path.read_bytes())
    data[20:24] = (2**31).to_bytes(4, "little")
    body = bytes(data[:-32])
    crafted = tmp_path / NAME
    crafted.write_bytes(body + hashlib.sha256(body).digest())
    assert refused(book, crafted) == (
        f"The backup {NAME} is damaged or incomplete (its header is wrong); it was not used.")


def test_an_age_key_asking_for_2_to_the_30_work_is_refused_at_once(book, tmp_path):
    set_backup_settings(book, passphrase="una clave larga")
    good = fileformat.read_backup(make_backup(book, tmp_path / "stick").path)
    wrapped = base64.b64decode(good.manifest["encryption"]["identity"])
    head, rest = wrapped.split(b"\n", 1)
    stanza, rest = rest.split(b"\n", 1)
    costly = b" ".join(stanza.split(b" ")[:-1] + [b"30"])
    crafted_identity = base64.b64encode(head + b"\n" + costly + b"\n" + rest).decode()
    manifest = {**good.manifest,
                "encryption": {**good.manifest["encryption"], "identity": crafted_identity}}
    crafted = forge(tmp_path / NAME, manifest, good.payload, key_folder=book.path.parent)
    started = time.monotonic()
    assert refused(book, crafted, passphrase="una clave larga") == (
        "The backup's key asks for an unreasonable amount of work or memory to open (it was "
        "made by another program or altered); it was not used.")
    assert time.monotonic() - started < 10


def _tamper(book_bytes: bytes, tmp_path: Path) -> bytes:
    """Change S09's payment from 30.00 to 300.00 with plain SQL, as the sqlite3 shell would."""
    inner = tmp_path / "inner.sqlite3"
    inner.write_bytes(book_bytes)
    conn = sqlite3.connect(inner)
    # The guard triggers are dropped for the edit and put back, leaving the schema as it was.
    triggers = conn.execute("SELECT name, sql FROM sqlite_master WHERE type='trigger'"
                            " AND tbl_name='member_payment'").fetchall()
    for name, _sql in triggers:
        conn.execute(f'DROP TRIGGER "{name}"')
    changed = conn.execute(
        "UPDATE member_payment SET amount = 30000 WHERE amount = 3000").rowcount
    for _name, sql in triggers:
        conn.execute(sql)
    conn.execute("DELETE FROM seal_pending")
    conn.commit()
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()
    assert changed == 1
    return inner.read_bytes()


TAMPERED = ("The book inside the backup {name} was altered after it was made (the payment to "
            "S09 on 2022-11-20 [member_payment 4] was changed outside coopdesk); it was not "
            "restored. The current book was not touched.")


def test_a_tampered_inner_book_with_recomputed_checksums_is_refused(book, plain, tmp_path):
    tampered = _tamper(plain.payload, tmp_path)
    manifest = {**plain.manifest, "book_sha256": hashlib.sha256(tampered).hexdigest(),
                "book_size": len(tampered)}
    crafted = forge(tmp_path / NAME, manifest, tampered, key_folder=book.path.parent)
    fileformat.read_backup(crafted)  # the file's own checks all pass
    assert refused(book, crafted) == TAMPERED.format(name=NAME)


def test_a_tampered_encrypted_copy_reencrypted_to_its_public_key_is_refused(book, tmp_path):
    """The recipient is public: anyone can encrypt to it. The content check still sees it."""
    import pyrage
    from pyrage import x25519

    set_backup_settings(book, passphrase="una clave larga")
    good = fileformat.read_backup(make_backup(book, tmp_path / "stick").path)
    inner = fileformat.book_bytes(good, "una clave larga")
    tampered = _tamper(inner, tmp_path)
    recipient = x25519.Recipient.from_str(good.manifest["encryption"]["recipient"])
    manifest = {**good.manifest, "book_sha256": hashlib.sha256(tampered).hexdigest(),
                "book_size": len(tampered)}
    crafted = forge(tmp_path / NAME, manifest, pyrage.encrypt(tampered, [recipient]),
                    key_folder=book.path.parent)
    assert refused(book, crafted, passphrase="una clave larga") == TAMPERED.format(name=NAME)


def test_the_crafted_file_from_the_command_line_is_a_sentence(tmp_path, plain, book):
    from tests.conftest import run_cli

    crafted = forge(tmp_path / NAME, {**plain.manifest, "created_at": None}, plain.payload)
    book.close()
    before = book_files(book.path)
    done = run_cli("restore", crafted, "--yes", data_dir=book.path.parent)
    assert done.returncode == 1
    assert done.stderr.strip() == wrong_field("created_at")
    assert book_files(book.path) == before
    book.__init__(book.path)


@pytest.mark.parametrize("change", [
    {"site_id": "00000000-0000-4000-8000-000000000000"},
    {"chain": {"seals": 3, "head": "ab" * 32}},
], ids=["another site", "another chain head"])
def test_a_description_that_lies_about_the_book_inside_is_refused(book, plain, tmp_path, change):
    crafted = forge(tmp_path / NAME, {**plain.manifest, **change}, plain.payload,
                    key_folder=book.path.parent)
    assert refused(book, crafted) == "The book inside the backup does not match its description."
