"""Verified backups: staged and checked on the laptop, then copied to the stick and read back.

The order is what makes a copy trustworthy on a USB stick that lies about having
finished writing: checkpoint; SQLite's online backup into a staging file on the
laptop; verify it (integrity, links, the ``check`` identities); write the manifest;
copy to the target as ``*.partial``; flush and fsync; read it back and compare the
SHA-256; only then rename it to its final (FAT-safe) name. Old copies are pruned only
after the new one verified. Nothing here writes to the book itself.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from coopdesk.backup import copies, crypto, description
from coopdesk.backup.copies import CHUNK, KEEP_LATEST, Hook
from coopdesk.backup.keys import (  # noqa: F401 (the backup settings' home is keys.py)
    BackupSettings,
    get_backup_settings,
    set_backup_settings,
)
from coopdesk.backup.volumes import Volume, is_mounted, volume_at
from coopdesk.db import upkeep
from coopdesk.db.engine import sqlite_uri
from coopdesk.db.queries import backups, checks
from coopdesk.db.reader import Snapshot
from coopdesk.domain.errors import BookError, CoopError
from coopdesk.i18n import _
from coopdesk.oserrors import is_disk_full, os_reason
from coopdesk.services.book import Book

#: Folder of the automatic copies next to the book, and the folder made on a stick.
LOCAL_FOLDER = "respaldos"
STICK_FOLDER = "coopdesk-respaldos"
STAGING_FOLDER = ".respaldo-en-curso"


def verified_message(folder: Path, volume: Volume | None = None) -> str:
    """Return the sentence said once a copy is verified: where it is.

    Only a copy on a stick says the stick may be removed; the Respaldo screen says
    more for a copy on this computer.
    """
    if volume is not None and volume.removable:
        return _("Copy verified on the memory stick {name}: you can remove it now.").format(
            name=volume.name)
    return _("Copy verified in {folder}.").format(folder=folder)


@dataclass
class BackupResult:
    """A backup that was written and read back: where it is and what it holds.

    ``sha256`` is the file's checksum: the SHA-256 of everything before its last 32
    bytes, which hold that same digest.
    """

    path: Path
    manifest: dict
    sha256: str
    removed: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: The stick (or disk) it was written to, when the caller named one.
    volume: Volume | None = None

    @property
    def message(self) -> str:
        """The sentence to show the coordinator."""
        return verified_message(self.path.parent, self.volume)


def local_folder(book: Book) -> Path:
    """Return the folder next to the book that keeps the automatic copies."""
    return Path(book.path).parent / LOCAL_FOLDER


def _check_target(target: Path) -> None:
    """Refuse, before any work, a target whose folder is not there or is a file."""
    for place in (target, target.parent):
        if place.exists() and not place.is_dir():
            raise BookError(_("{path} is a file, not a folder, so no copy was made. Choose "
                              "the memory stick or a folder on it. The book and the older "
                              "copies are untouched.").format(path=place))
    if not target.parent.is_dir():
        raise BookError(_("The folder {folder} does not exist (is the memory stick plugged "
                          "in?), so no copy was made. Plug in the stick or check the "
                          "folder's name. The book and the older copies are untouched."
                          ).format(folder=target.parent))


def make_backup(
    book: Book,
    target: Path,
    *,
    passphrase: str | None = None,
    hook: Hook | None = None,
    chunk_size: int = CHUNK,
    keep_latest: int = KEEP_LATEST,
    when: dt.datetime | None = None,
    volume: Volume | None = None,
) -> BackupResult:
    """Make a verified backup of *book* in the folder *target*.

    Args:
        book: the open book (not inside a transaction).
        target: the folder on the stick (created when its parent exists).
        passphrase: encrypts the copy with a key pair made for it alone (the command
            line's COOPDESK_PASSPHRASE). Without it, the copy is encrypted when the book
            has a backup key (set with a passphrase in Backup), without asking.
        hook: called with the name of each step and before each chunk is written;
            the fault-injection tests raise from it.
        chunk_size: bytes written per write call.
        keep_latest: how many of the newest copies are always kept.
        when: the time the copy is named after (tests fix it).
        volume: the stick *target* is on; it must still be mounted there right before
            the copy is written and again before the copy gets its final name.

    Raises:
        BookError: with a sentence saying why no copy was made.
    """
    step = hook or (lambda _name: None)
    target = Path(target)
    _check_target(target)
    when = (when or dt.datetime.now()).replace(microsecond=0)
    key = crypto.new_key(passphrase) if passphrase else get_backup_settings(book).key
    staging_dir = Path(book.path).parent / STAGING_FOLDER
    if volume is not None and not volume.is_mounted():  # pulled before the click
        raise copies.stick_gone_error(volume)
    try:
        staging_dir.mkdir(exist_ok=True)
        _remove_dead_staging(staging_dir)
    except OSError as exc:
        raise _staging_error(exc) from exc
    staged = staging_dir / f"{os.getpid()}-{when:%Y%m%d%H%M%S}.sqlite3"
    try:
        try:
            stage_copy(book, staged, step)
        except (OSError, sqlite3.Error) as exc:
            raise _staging_error(exc) from exc
        with ThreadPoolExecutor(max_workers=1) as pool:
            # The staged copy is verified on the laptop while its manifest is made and it
            # is written to the stick (SQLite and hashlib release the GIL); it gets its
            # final name only when both are done.
            checking = pool.submit(_verify_staged, staged)
            try:
                step("manifest")
                manifest = description.describe_copy(
                    staged, _sha_file(staged), when, key, Path(book.path).parent)
            except (OSError, sqlite3.Error) as exc:
                raise _staging_error(exc) from exc

            def verified() -> list[str]:
                step("verify")
                try:
                    return checking.result()
                except (OSError, sqlite3.Error) as exc:
                    raise _staging_error(exc) from exc

            final, checksum, warnings = copies.write_to_target(
                staged, manifest, target, when, step, chunk_size, verified, volume)
            result = BackupResult(final, manifest, checksum, warnings=warnings, volume=volume)
    finally:
        with copies.quiet():
            for leftover in staging_dir.glob(f"{os.getpid()}-*"):
                leftover.unlink(missing_ok=True)
            staging_dir.rmdir()
    try:
        step("prune")
        result.removed = copies.prune(target, keep_latest=keep_latest, protect=result.path)
    except OSError as exc:  # the new copy is safe; old ones simply stay for now
        result.warnings.append(_("Older copies could not be removed ({reason}).").format(
            reason=os_reason(exc)))
    return result


def _staging_error(exc: BaseException) -> BookError:
    full = is_disk_full(exc) or getattr(exc, "sqlite_errorname", "").startswith("SQLITE_FULL")
    if full:
        return BookError(_("The computer's disk is full, so the copy could not be prepared "
                           "and no copy was made. Free some space on the computer's disk and "
                           "try again. The book is untouched."))
    if isinstance(exc, OSError):
        reason = os_reason(exc)
    else:
        reason = _("database error {code}").format(
            code=getattr(exc, "sqlite_errorname", "") or type(exc).__name__)
    return BookError(_("The copy could not be prepared on this computer ({reason}); no copy "
                       "was made. The book is untouched. Run “coopdesk check” if it happens "
                       "again.").format(reason=reason))


def _remove_dead_staging(staging_dir: Path) -> None:
    """Delete staged copies left by a program that was killed during a backup."""
    from coopdesk.db.lock import pid_alive

    for path in staging_dir.iterdir():
        pid = path.name.split("-", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not pid_alive(int(pid)):
            with copies.quiet():
                path.unlink()


def stage_copy(book: Book, staged: Path, step: Hook) -> None:
    """Checkpoint and copy the live book with SQLite's online backup API.

    The copy goes through the book's own connection (the book is opened in exclusive
    mode, so no other connection could read it) and is switched to a rollback
    journal, so the staged file is one self-contained file.
    """
    with book.connection_lock():  # a read or an operation on the GUI thread waits
        if book._session is not None:
            raise BookError(_("A backup cannot start in the middle of an operation."))
        staged.unlink(missing_ok=True)
        step("checkpoint")
        raw = book.engine.raw_connection()
        try:
            live: sqlite3.Connection = raw.driver_connection
            upkeep.checkpoint(live)
            step("copy")
            dst = sqlite3.connect(str(staged))
            try:
                live.backup(dst, pages=4096, progress=lambda *_a: step("copy"))
                upkeep.self_contained(dst)
            finally:
                dst.close()
        finally:
            raw.close()
    # No fsync here: the staged file is scratch on the laptop; a crash just discards it.


def _verify_staged(staged: Path) -> list[str]:
    """Refuse a staged copy that is not a sound database; return accounting findings.

    The copy is checked with SQLite's integrity_check and foreign_key_check, and the
    accounting identities that SQL can state exactly (each sale is the sum of its
    rounded lines, each line is quantity × price rounded half up, receipt numbers run
    1..n). The slower row-by-row balances and the hash chain are ``coopdesk check``'s:
    the staged file is a page-for-page copy, so they would say the same of the book.
    """
    conn = sqlite3.connect(sqlite_uri(staged), uri=True)
    try:
        # A small page cache and no memory map: the check runs beside the desk (the copy
        # made when it closes), whose memory budget a mapped 10-year book would exceed.
        upkeep.bounded_memory(conn)
        copy = Snapshot(conn)
        integrity = checks.integrity(copy)
        broken = backups.has_broken_links(copy)
        if integrity != ["ok"] or broken:
            problem = integrity[0] if integrity != ["ok"] else _("broken links between records")
            raise BookError(
                _("The copy of the book did not verify ({problem}); no copy was made. "
                  "Run “coopdesk check”.").format(problem=problem))
        findings = []
        for sale in backups.sales_not_summing(copy):
            findings.append(_("sale {n}: total {total} is not the sum of its lines {sum}").format(
                n=sale.receipt_number, total=sale.total, sum=sale.lines_sum))
        bad_lines = backups.lines_not_rounded(copy)
        if bad_lines:
            findings.append(_("{n} line totals are not quantity × price").format(n=bad_lines))
        count, first, last = backups.receipt_span(copy)
        if count and (first != 1 or last != count):
            findings.append(_("receipt numbers do not run from 1 to {n}").format(n=count))
    finally:
        conn.close()
    # Accounting findings do not stop a backup: the copy is faithful to the book, and
    # refusing to back up a book with a problem would only risk losing more.
    return findings


def _sha_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def last_stick(settings: BackupSettings) -> Volume | None:
    """Return the stick of the last copy made from Respaldo when it is mounted now, else None.

    Only a real mount point counts: the empty folder a pulled stick leaves is the
    laptop's own disk.
    """
    if not settings.folder:
        return None
    root = Path(settings.folder).parent
    try:
        device = os.stat(root).st_dev
    except OSError:
        return None
    if not is_mounted(root, device):
        return None
    return volume_at(root, root.name or root.drive or str(root), True)


def backup_on_close(
    book: Book, settings: object | None = None, *, hook: Hook | None = None
) -> list[tuple[bool, str]]:
    """Back up when the desk closes: next to the book, and to the last stick if it is there.

    *settings* may be a BackupSettings; anything else (None, the cooperative's
    settings) means the backup settings kept in the book. *hook* sees each copy's
    steps. Never raises: returns one (verified, sentence) pair per copy attempted, so
    the desk can warn about failures.
    """
    if not isinstance(settings, BackupSettings):  # None, or the cooperative's settings
        settings = get_backup_settings(book)
    targets: list[tuple[Path, Volume | None]] = [(local_folder(book), None)]
    stick = last_stick(settings)
    if stick is not None:
        targets.append((Path(settings.folder), stick))
    messages: list[tuple[bool, str]] = []
    for target, volume in targets:
        try:
            result = make_backup(book, target, hook=hook, volume=volume)  # the book's key, if any
            messages.append((True, _("Backup saved: {path}").format(path=result.path)))
        except CoopError as exc:
            messages.append((False, exc.message))
        except OSError as exc:
            messages.append((False, str(copies.target_error(exc, target))))
        except Exception as exc:  # closing the desk must not fail on a copy; say it instead
            messages.append((False, _("The automatic copy to {folder} failed ({kind}).").format(
                folder=target, kind=type(exc).__name__)))
    return messages
