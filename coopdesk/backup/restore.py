"""Restoring a backup: everything is checked before the live book is touched.

A corrupt, truncated, foreign, encrypted-without-passphrase or newer-version file is
refused while the live book is still open and unchanged, and so is a copy whose book
was altered and its checksums recomputed: the book taken out of it must pass its hash
chain and the ``check`` identities. Only a copy that verified replaces it, and the
book's lock is held from start to end (no other program can open it in between):
the current book is first backed up, then closed and kept (with any ``-wal`` or
``-journal``) in ``antes-de-restaurar-<fecha>``; the restored file is written under a
temporary name, synced, and renamed over the book in one step.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from coopdesk.backup import fileformat
from coopdesk.backup.backup import local_folder, make_backup
from coopdesk.backup.copies import fsync_dir
from coopdesk.backup.signature import authenticity
from coopdesk.db import lock, upkeep
from coopdesk.db.engine import open_read_only, sqlite_uri
from coopdesk.db.queries import backups, checks
from coopdesk.db.reader import Snapshot
from coopdesk.db.settings_store import stored_setting
from coopdesk.domain.changes import Kind, changes
from coopdesk.domain.errors import BookError
from coopdesk.i18n import _
from coopdesk.oserrors import os_reason
from coopdesk.services.book import Book, audit

SAFETY_PREFIX = "antes-de-restaurar-"
COMPANIONS = ("-wal", "-journal", "-shm")


@dataclass(frozen=True)
class BackupInfo:
    """What a backup holds, to show before asking to restore it."""

    path: Path
    cooperative: str
    created_at: dt.datetime
    app_version: str
    schema: str
    counts: dict
    totals: dict
    last_receipt: int
    encrypted: bool
    site_id: str = ""

    def lines(self) -> list[str]:
        """Return the description as short lines for a confirmation dialog or the terminal.

        An encrypted copy says nothing of its figures, so those lines are left out.
        """
        c = self.counts
        out = [
            _("Cooperative: {name}").format(name=self.cooperative or "—"),
            _("Site: {site}").format(site=self.site_id or "—"),
            _("Made on: {when}").format(when=self.created_at.strftime("%d/%m/%Y %H:%M")),
            _("Made by coopdesk {version}, book version {schema}").format(
                version=self.app_version or "—", schema=self.schema or "—"),
        ]
        if c:
            out += [
                _("Members: {m} · workdays: {w} · sales: {s} · payments: {p}").format(
                    m=c.get("member", 0), w=c.get("workday", 0), s=c.get("sale", 0),
                    p=c.get("member_payment", 0)),
                _("Last receipt number: {n}").format(n=self.last_receipt),
            ]
        out.append(_("Encrypted: {yes}").format(yes=_("yes") if self.encrypted else _("no")))
        return out

    def other_cooperative(self, site_id: str) -> bool:
        """True when the copy was made from another book than the one with *site_id*."""
        return bool(self.site_id) and self.site_id != site_id


def describe_backup(path: Path) -> BackupInfo:
    """Read and check a backup file; return what it holds (no passphrase needed)."""
    backup = fileformat.read_backup(Path(path))
    return _info(backup)


def peek_backup(path: Path) -> BackupInfo:
    """Return what a backup says it holds, from its header alone (quick; not yet checked).

    The restore itself checks the whole file before anything is touched.
    """
    manifest = fileformat.read_manifest(Path(path))  # every field checked
    return _info(fileformat.BackupFile(Path(path), manifest, b"", b""))


def _info(backup: fileformat.BackupFile) -> BackupInfo:
    m = backup.manifest  # checked field by field when it was read (manifest.py)
    return BackupInfo(
        path=backup.path,
        cooperative=m.get("cooperative", ""),
        created_at=dt.datetime.fromisoformat(m["created_at"]),
        app_version=m["app_version"],
        schema=m["schema"],
        counts=dict(m.get("counts") or {}),
        totals=dict(m.get("totals") or {}),
        last_receipt=m.get("last_receipt") or 0,
        encrypted=backup.encrypted,
        site_id=m.get("site_id", ""),
    )


def verify_backup(path: Path, passphrase: str | None = None, *, into: Path,
                  book_folder: Path, unconfirmed_ok: bool = False) -> BackupInfo:
    """Check a backup completely and leave the book it holds in the file *into*.

    The copy's signature is checked against the site key in *book_folder* right after
    the file itself, before the passphrase is tried or the book inside is opened.

    Raises:
        BookError: the file is damaged, cut short, not a coopdesk backup, from a newer
            coopdesk, changed after this computer signed it, not confirmed (unless
            *unconfirmed_ok*), or encrypted and the passphrase is missing or wrong.
    """
    backup = fileformat.read_backup(Path(path))
    fileformat.check_schema(backup)
    found = authenticity(backup.manifest, backup.path, book_folder)  # forged: raises
    if not found.confirmed and not unconfirmed_ok:
        raise BookError(_("{why} It was not restored; nothing was changed. Restore it only "
                          "if you know where this copy comes from.").format(why=found.sentence))
    data = fileformat.book_bytes(backup, passphrase)
    into.unlink(missing_ok=True)
    try:
        with open(into, "xb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        fileformat.verify_book_file(into, backup.manifest)
        verify_content(into, backup.path, backup.manifest)
    except BaseException:
        into.unlink(missing_ok=True)
        raise
    return _info(backup)


def verify_content(book_file: Path, path: Path, manifest: dict) -> None:
    """Refuse a book taken out of a backup whose records were altered outside coopdesk.

    The checksums of a backup can be recomputed by whoever alters it; the hash chain
    and the accounting identities cannot. A book at this program's schema gets every
    ``coopdesk check``; an older one (upgraded when it opens) gets its hash chain checked.
    The description's site and chain head must be the book's own (an encrypted copy's
    description is readable and not sealed by the encryption).
    """
    from coopdesk.backup.anchor import chain_head
    from coopdesk.db.migrate import head_revision

    conn = sqlite3.connect(sqlite_uri(Path(book_file)), uri=True)
    try:
        copy = Snapshot(conn)
        schema = backups.schema_revision(copy)
        site = stored_setting(copy, "site_id")
        head = chain_head(copy)
    finally:
        conn.close()
    if ("site_id" in manifest and manifest["site_id"] != (site or "")) or (
            "chain" in manifest and manifest["chain"] != head):
        raise BookError(_("The book inside the backup does not match its description."))
    if schema == head_revision():
        from coopdesk.services.check import check_file

        problems = [p for _name, found in check_file(book_file).sections for p in found]
    else:
        problems = _older_chain_problems(book_file)
    if problems:
        raise BookError(
            _("The book inside the backup {name} was altered after it was made ({problem}); "
              "it was not restored. The current book was not touched.").format(
                name=Path(path).name, problem=problems[0]))


def _older_chain_problems(book_file: Path) -> list[str]:
    """The hash chain problems of a book made by an older coopdesk (none if it has no chain)."""
    from coopdesk.db import ledger

    conn = open_read_only(Path(book_file))
    try:
        copy = Snapshot(conn)
        return ledger.chain_problems(copy) if checks.has_table(copy, "seal") else []
    finally:
        conn.close()


@dataclass
class RestoreResult:
    """The restored book (open), where the previous one was put, and the copy made first."""

    book: Book
    info: BackupInfo
    safety_folder: Path
    previous_backup: Path | None


@dataclass
class PreparedRestore:
    """A backup verified into a file next to the book, ready to replace it.

    ``previous`` is the backup of the current book made first; ``incoming`` holds the
    restored book until ``finish_restore`` puts it in place (or ``discard`` removes it).
    """

    path: Path
    info: BackupInfo
    incoming: Path
    previous: Path
    stamp: str

    def discard(self) -> None:
        """Remove the verified file when the restore does not go ahead."""
        self.incoming.unlink(missing_ok=True)


def restore_backup(
    book: Book,
    path: Path,
    *,
    passphrase: str | None = None,
    hook: Callable[[str], None] | None = None,
    unconfirmed_ok: bool = False,
) -> RestoreResult:
    """Replace the open *book* by the one in the backup *path*; return the reopened book.

    On refusal (BookError) the live book is open and byte-for-byte as it was. The
    book's lock is held throughout, also while the book is closed and replaced.
    *unconfirmed_ok*: restore a copy whose authenticity this computer cannot confirm
    (``signature.py``), after the person was told so.
    """
    live = Path(book.path)
    lock.acquire(live)
    try:
        prepared = prepare_restore(book, path, passphrase=passphrase, hook=hook,
                                   unconfirmed_ok=unconfirmed_ok)
        try:
            return finish_restore(book, prepared, hook=hook)
        finally:
            prepared.discard()
    finally:
        lock.release(live)


def prepare_restore(
    book: Book,
    path: Path,
    *,
    passphrase: str | None = None,
    hook: Callable[[str], None] | None = None,
    backup_hook: Callable[[str], None] | None = None,
    unconfirmed_ok: bool = False,
) -> PreparedRestore:
    """Do the slow part of a restore, which leaves the book unchanged.

    Verifies the backup into a file next to the book and backs up the current book
    (*backup_hook* sees that backup's steps). The desk runs this off the GUI thread and
    then ``finish_restore`` on it.

    Raises:
        BookError: the backup is refused (also when it was changed after this computer
            signed it, or cannot be confirmed and *unconfirmed_ok* is False) or the
            current book could not be backed up.
    """
    step = hook or (lambda _name: None)
    live = Path(book.path)
    folder = live.parent
    stamp = dt.datetime.now().strftime("%Y-%m-%d_%H-%M-%S")
    for leftover in folder.glob(".restaurando-*.sqlite3"):  # from a restore that crashed
        leftover.unlink(missing_ok=True)
    incoming = folder / f".restaurando-{stamp}.sqlite3"
    info = verify_backup(path, passphrase, into=incoming, book_folder=folder,
                         unconfirmed_ok=unconfirmed_ok)
    try:
        step("backup current")
        previous = make_backup(book, local_folder(book), hook=backup_hook).path
    except BaseException:
        incoming.unlink(missing_ok=True)
        raise
    return PreparedRestore(Path(path), info, incoming, previous, stamp)


@changes(Kind.BOOK)
def finish_restore(
    book: Book, prepared: PreparedRestore, *, hook: Callable[[str], None] | None = None
) -> RestoreResult:
    """Close *book*, keep it aside and put the prepared copy in its place; reopen it.

    On failure the previous book is put back and *book* is open again as it was. The
    book's lock is taken once more before the book closes, so it is never free between
    the close and the reopening.
    """
    live = Path(book.path)
    lock.acquire(live)
    try:
        return _swap(book, prepared, hook)
    finally:
        lock.release(live)


def _swap(book: Book, prepared: PreparedRestore, hook: Callable[[str], None] | None,
          ) -> RestoreResult:
    step = hook or (lambda _name: None)
    live = Path(book.path)
    folder = live.parent
    incoming, info, path, stamp = (prepared.incoming, prepared.info, prepared.path,
                                   prepared.stamp)
    step("close")
    book.close()
    safety = folder / f"{SAFETY_PREFIX}{stamp}"
    counter = 2
    while safety.exists():
        safety = folder / f"{SAFETY_PREFIX}{stamp}-{counter}"
        counter += 1
    saved_main = safety / live.name
    moved: list[tuple[Path, Path]] = []
    replaced = False
    try:
        safety.mkdir()
        # The book is hard-linked into the safety folder and then atomically replaced,
        # so at every instant the book's path holds a whole book, old or new: a crash
        # here never leaves the desk to start on an empty book.
        step("keep previous")
        _link_or_copy(live, saved_main)
        for suffix in COMPANIONS:
            source = live.with_name(live.name + suffix)
            if source.exists():
                step("move")
                os.replace(source, safety / source.name)
                moved.append((safety / source.name, source))
        fsync_dir(safety)
        step("replace")
        os.replace(incoming, live)
        replaced = True
        fsync_dir(folder)
        step("quick check")
        _quick_check(live)
        restored = Book(live)
    except BaseException as exc:
        # Put the previous book back exactly as it was.
        incoming.unlink(missing_ok=True)
        for suffix in COMPANIONS:
            if replaced:
                live.with_name(live.name + suffix).unlink(missing_ok=True)
        if replaced and saved_main.exists():
            os.replace(saved_main, live)
        for saved, original in moved:
            os.replace(saved, original)
        fsync_dir(folder)
        if book.closed:
            book.__init__(live)  # hand the caller its book back, open as before
        if isinstance(exc, OSError):
            raise BookError(
                _("The backup could not be put in place ({reason}); the previous book is "
                  "back as it was.").format(reason=os_reason(exc))) from exc
        raise
    with restored.transaction() as session:
        audit(
            session, "restore", "book", "",
            file=Path(path).name,
            made_on=info.created_at.isoformat(),
            previous_book=str(safety),
            before={"book": "current"},
            after={"book": Path(path).name},
            reason=_("restored from a backup"),
        )
    return RestoreResult(restored, info, safety, prepared.previous)


def _link_or_copy(source: Path, target: Path) -> None:
    """Give *source* a second name (a copy, synced, where links are not possible)."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
        with open(target, "rb+") as fh:
            os.fsync(fh.fileno())


def _quick_check(path: Path) -> None:
    if upkeep.quick_check(path) != "ok":
        raise BookError(_("The restored book did not pass its check; the previous one was put "
                          "back."))
