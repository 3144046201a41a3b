"""The backup files in a folder: writing one to a stick and reading it back, listing, pruning.

A copy is written as ``*.partial``, flushed, synced, read back with the page cache
dropped (a stick may lie about having written) and only then renamed to its final,
FAT-safe name; the newest copies and one per month are kept. Split from ``backup.py``,
which stages and verifies the copy on the laptop before anything here runs.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import os
import re
from collections.abc import Callable
from pathlib import Path

from coopdesk.backup import crypto, fileformat
from coopdesk.backup.volumes import Volume
from coopdesk.domain.errors import BookError
from coopdesk.i18n import _
from coopdesk.oserrors import os_reason

SUFFIX = ".respaldo"
PARTIAL = ".partial"
KEEP_LATEST = 10
CHUNK = 1 << 20
NAME = re.compile(r"^coopdesk-(\d{4})-(\d{2})-(\d{2})_(\d{2})-(\d{2})-(\d{2})(?:-\d+)?\.respaldo$")

Hook = Callable[[str], None]


def backup_name(when: dt.datetime) -> str:
    """Return the file name of a backup made at *when* (no ':' so FAT sticks accept it)."""
    return f"coopdesk-{when:%Y-%m-%d_%H-%M-%S}{SUFFIX}"


def stick_gone_error(volume: Volume) -> BookError:
    """The refusal when the chosen stick is no longer mounted where it was."""
    return BookError(_(
        "The memory stick {name} is no longer connected, so no copy was made. Put it back "
        "in and press “Back up now” again. The book and the older copies are untouched."
    ).format(name=volume.name))


def target_error(exc: OSError, folder: Path) -> BookError:
    code = exc.errno
    if code in (errno.EROFS, errno.EACCES, errno.EPERM):
        text = _("The memory stick (or folder) {folder} is read-only, so no copy was made. "
                 "Unlock the stick or choose another one. The book and the older copies are "
                 "untouched.")
    elif code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1), errno.EFBIG):
        text = _("The memory stick (or folder) {folder} is full, so no copy was made. Delete "
                 "other files from it or use another stick. The book and the older copies are "
                 "untouched.")
    elif code in (errno.ENOENT, errno.ENODEV, errno.EIO, errno.ENXIO, errno.ESTALE):
        text = _("The memory stick {folder} disappeared (or failed) during the copy. Put it "
                 "back and make the copy again. The book and the older copies are untouched.")
    else:
        text = _("The copy to {folder} failed ({reason}). The book and the older copies are "
                 "untouched.")
    return BookError(text.format(folder=folder, reason=os_reason(exc)))


class quiet:
    """Ignore OSError from best-effort cleanup."""

    def __enter__(self):
        return self

    def __exit__(self, kind, exc, tb):
        return kind is not None and issubclass(kind, OSError)


def _parts(staged: Path, manifest: dict, chunk_size: int):
    """Yield the backup file's bytes in chunks: head, payload, trailer."""
    raw_manifest = fileformat.manifest_bytes(manifest)
    digest = hashlib.sha256()
    head = fileformat.pack_head(raw_manifest)
    digest.update(head)
    yield head
    if manifest["encryption"]:
        payload = crypto.encrypt(staged.read_bytes(), manifest["encryption"]["recipient"])
        for start in range(0, len(payload), chunk_size):
            block = payload[start:start + chunk_size]
            digest.update(block)
            yield block
    else:
        with open(staged, "rb") as fh:
            for block in iter(lambda: fh.read(chunk_size), b""):
                digest.update(block)
                yield block
    yield digest.digest()


def fsync_dir(folder: Path) -> None:
    """Make a rename durable (POSIX); Windows has no directory handles to sync."""
    if os.name == "nt":  # pragma: no cover
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:
        pass  # some FAT drivers refuse fsync on a folder; the file itself was synced
    finally:
        os.close(fd)


def _free_name(folder: Path, when: dt.datetime) -> Path:
    final = folder / backup_name(when)
    counter = 2
    while final.exists() or final.with_name(final.name + PARTIAL).exists():
        final = folder / backup_name(when).replace(SUFFIX, f"-{counter}{SUFFIX}")
        counter += 1
    return final


def write_to_target(staged: Path, manifest: dict, target: Path, when: dt.datetime,
                    step: Hook, chunk_size: int,
                    verified: Callable[[], list[str]],
                    volume: Volume | None = None) -> tuple[Path, str, list[str]]:
    """Write the copy as ``*.partial``, read it back, and give it its final name.

    Returns the final path, the file's checksum (hex) and *verified*'s findings.
    """
    if volume is not None and not volume.is_mounted():
        raise stick_gone_error(volume)
    try:
        if not target.parent.exists():
            raise FileNotFoundError(errno.ENOENT, "gone", str(target.parent))
        target.mkdir(exist_ok=True)
        remove_partials(target)
        final = _free_name(target, when)
        partial = final.with_name(final.name + PARTIAL)
    except OSError as exc:
        raise target_error(exc, target) from exc
    try:
        step("open")
        with open(partial, "xb") as fh:
            for block in _parts(staged, manifest, chunk_size):
                step("write")
                fh.write(block)
            trailer = block  # the last block is the SHA-256 of everything before it
            step("flush")
            fh.flush()
            os.fsync(fh.fileno())
        step("read back")
        if _read_back_digest(partial) != trailer:
            partial.unlink(missing_ok=True)
            raise BookError(
                _("The memory stick did not keep the copy correctly (it reads back different). "
                  "Use another stick. The book and the older copies are untouched."))
        try:
            warnings = verified()
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        step("rename")
        if volume is not None and not volume.is_mounted():
            with quiet():
                partial.unlink(missing_ok=True)
            raise stick_gone_error(volume)
        os.replace(partial, final)
        fsync_dir(target)
    except OSError as exc:
        with quiet():
            partial.unlink(missing_ok=True)
        raise target_error(exc, target) from exc
    return final, trailer.hex(), warnings


def _read_back_digest(path: Path) -> bytes:
    """Read the file as the stick returns it (cached pages dropped first); return its digest.

    The digest is the SHA-256 of everything but the last 32 bytes, which must equal
    those 32 bytes (the trailer written last): one pass proves every byte came back.
    """
    fd = os.open(path, os.O_RDONLY)
    try:
        if hasattr(os, "posix_fadvise"):
            with quiet():
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        size = os.fstat(fd).st_size
        digest = hashlib.sha256()
        remaining = size - fileformat.TRAILER
        while remaining > 0:
            block = os.read(fd, min(CHUNK, remaining))
            if not block:
                return b""
            digest.update(block)
            remaining -= len(block)
        tail = os.read(fd, fileformat.TRAILER)
    finally:
        os.close(fd)
    return digest.digest() if tail == digest.digest() else b""


def remove_partials(folder: Path) -> None:
    """Delete copies left half-written by an interrupted backup (never a finished one)."""
    for path in Path(folder).glob(f"coopdesk-*{SUFFIX}{PARTIAL}"):
        path.unlink(missing_ok=True)


def backup_files(folder: Path) -> list[Path]:
    """Return the finished backups in *folder*, newest first."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if NAME.match(p.name) and p.is_file()]
    return sorted(found, key=lambda p: (_stamp(p), p.name), reverse=True)


def _stamp(path: Path) -> dt.datetime:
    match = NAME.match(path.name)
    return dt.datetime(*(int(g) for g in match.groups()))


def prune(
    folder: Path, *, keep_latest: int = KEEP_LATEST, protect: Path | None = None
) -> list[Path]:
    """Keep the newest *keep_latest* copies plus the newest of every month; delete the rest."""
    files = backup_files(folder)
    keep = set(files[:keep_latest])
    months: set[tuple[int, int]] = set()
    for path in files:  # newest first: the first seen of a month is its newest
        when = _stamp(path)
        if (when.year, when.month) not in months:
            months.add((when.year, when.month))
            keep.add(path)
    if protect is not None:
        keep.add(Path(protect))
    removed = []
    for path in files:
        if path not in keep:
            with quiet():
                path.unlink()
                removed.append(path)
    return removed
