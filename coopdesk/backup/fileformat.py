"""The backup file: one self-checking file per copy, readable without opening the book.

Layout: ``MAGIC`` (16 bytes), format number and manifest length (two little-endian
u32), the manifest (UTF-8 JSON, checked field by field in ``manifest.py``), the payload
(the SQLite book, or its age encryption; older copies: AES-GCM), and a SHA-256 of
everything before it. Any flipped, missing or added byte breaks that trailer, so a
damaged copy is refused before anything is touched.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
import struct
from dataclasses import dataclass
from pathlib import Path

from coopdesk.backup import crypto
from coopdesk.backup import manifest as description
from coopdesk.db import upkeep
from coopdesk.db.engine import APPLICATION_ID, sqlite_uri
from coopdesk.db.migrate import SQLITE_HEADER, known_revisions
from coopdesk.db.queries import backups, checks
from coopdesk.db.reader import Snapshot
from coopdesk.domain.errors import BookError
from coopdesk.i18n import _
from coopdesk.oserrors import os_reason

MAGIC = b"COOPDESK-BACKUP\x00"
FORMAT = 1
_HEAD = struct.Struct("<II")
TRAILER = 32
#: Manifests are small; anything bigger means the length field is damaged.
MAX_MANIFEST = 1 << 20


@dataclass(frozen=True)
class BackupFile:
    """A backup read from disk and checked byte for byte: its manifest and payload."""

    path: Path
    manifest: dict
    manifest_bytes: bytes
    payload: bytes

    @property
    def encrypted(self) -> bool:
        """True when the book inside is encrypted."""
        return bool(self.manifest.get("encryption"))


def pack_head(manifest_bytes: bytes) -> bytes:
    """Return the bytes that come before the payload."""
    return MAGIC + _HEAD.pack(FORMAT, len(manifest_bytes)) + manifest_bytes


def manifest_bytes(manifest: dict) -> bytes:
    """Return the manifest as the canonical JSON bytes stored in the file."""
    return json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")


def _damaged(path: Path, why: str) -> BookError:
    return BookError(
        _("The backup {name} is damaged or incomplete ({why}); it was not used.").format(
            name=Path(path).name, why=why)
    )


def _refuse_unless_regular(path: Path) -> None:
    """Refuse a FIFO, a device or a folder before opening it.

    Reading a FIFO waits forever for a writer and ``/dev/zero`` never ends (it
    would fill the memory): a backup is always an ordinary file.
    """
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return  # opening it says why, in the caller's words
    if not stat.S_ISREG(mode):
        raise BookError(_("The file {name} is not a coopdesk backup.").format(
            name=Path(path).name))


def read_manifest(path: Path) -> dict:
    """Return the manifest from the start of the file, without reading the payload.

    Used to list the copies on a stick; it does not prove the copy is intact.
    """
    _refuse_unless_regular(path)
    with open(path, "rb") as fh:
        head = fh.read(len(MAGIC) + _HEAD.size)
        if head[: len(MAGIC)] != MAGIC:
            raise BookError(_("The file {name} is not a coopdesk backup.").format(
                name=Path(path).name))
        if len(head) < len(MAGIC) + _HEAD.size:
            raise _damaged(path, _("it is cut short"))
        fmt, length = _HEAD.unpack(head[len(MAGIC):])
        if fmt != FORMAT or length > MAX_MANIFEST:
            raise _damaged(path, _("its header is wrong"))
        raw = fh.read(length)
    if len(raw) < length:
        raise _damaged(path, _("it is cut short"))
    try:
        manifest = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise _damaged(path, _("its description cannot be read")) from None
    return description.check(manifest, path)


def read_backup(path: Path) -> BackupFile:
    """Read a whole backup and check its trailer; raise BookError for anything wrong."""
    path = Path(path)
    _refuse_unless_regular(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BookError(_("The backup {name} cannot be read: {reason}.").format(
            name=path.name, reason=os_reason(exc))) from exc
    if data[: len(MAGIC)] != MAGIC:
        if data[:16] == SQLITE_HEADER:
            raise BookError(_("The file {name} is a database, not a coopdesk backup.").format(
                name=path.name))
        raise BookError(_("The file {name} is not a coopdesk backup.").format(name=path.name))
    start = len(MAGIC) + _HEAD.size
    if len(data) < start + TRAILER:
        raise _damaged(path, _("it is cut short"))
    if hashlib.sha256(data[:-TRAILER]).digest() != data[-TRAILER:]:
        raise _damaged(path, _("its checksum does not match"))
    fmt, length = _HEAD.unpack(data[len(MAGIC):start])
    if fmt != FORMAT:
        raise BookError(
            _("The backup {name} was made by a newer coopdesk; install it to use this copy.")
            .format(name=path.name))
    if start + length > len(data) - TRAILER:
        raise _damaged(path, _("its header is wrong"))
    raw = data[start:start + length]
    if length > MAX_MANIFEST:
        raise _damaged(path, _("its header is wrong"))
    try:
        manifest = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise _damaged(path, _("its description cannot be read")) from None
    description.check(manifest, path)
    return BackupFile(path, manifest, raw, data[start + length:-TRAILER])


def check_schema(backup: BackupFile) -> None:
    """Refuse a backup of a book made by a newer coopdesk."""
    schema = backup.manifest.get("schema")
    if schema not in known_revisions():
        raise BookError(
            _("The backup {name} holds a book from a newer version of coopdesk. "
              "Install that version to restore it; nothing was changed.").format(
                name=backup.path.name)
        )


def book_bytes(backup: BackupFile, passphrase: str | None) -> bytes:
    """Return the SQLite book inside the backup (decrypted), checked against the manifest."""
    if backup.encrypted:
        if not passphrase:
            raise BookError(
                _("The backup {name} is encrypted: write its passphrase to restore it.").format(
                    name=backup.path.name))
        params = backup.manifest["encryption"]
        if params.get("scheme") == crypto.AGE:
            data = crypto.decrypt(backup.payload, params["identity"], passphrase)
        else:  # a copy made before age: the description is the authenticated data
            data = crypto.decrypt_legacy(backup.payload, passphrase, params,
                                         backup.manifest_bytes)
    else:
        data = backup.payload
    if hashlib.sha256(data).hexdigest() != backup.manifest.get("book_sha256"):
        raise _damaged(backup.path, _("the book inside does not match its description"))
    if data[:16] != SQLITE_HEADER:
        raise _damaged(backup.path, _("the book inside is not a database"))
    return data


def verify_book_file(path: Path, manifest: dict) -> None:
    """Check a book file taken out of a backup: integrity, links, and that it is ours."""
    try:
        conn = sqlite3.connect(sqlite_uri(path), uri=True)
        try:
            app_id = upkeep.application_id(conn)
            copy = Snapshot(conn)
            integrity = checks.integrity(copy)
            broken = backups.has_broken_links(copy)
            revision = backups.schema_revision(copy)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise BookError(_("The book inside the backup cannot be read: {reason}.").format(
            reason=exc)) from exc
    if app_id != APPLICATION_ID:
        raise BookError(_("The backup does not hold a coopdesk book."))
    if integrity != ["ok"]:
        raise BookError(_("The book inside the backup is damaged: {problem}.").format(
            problem=integrity[0]))
    if broken:
        raise BookError(_("The book inside the backup has broken links between records."))
    if revision is None or revision != manifest.get("schema"):
        raise BookError(_("The book inside the backup does not match its description."))
