"""The one way to write a file for the person: never over the book, never half, never blindly.

Every command and dialog that writes a document or a table (statement, report, receipt,
export, the preview's "Save as PDF") opens it with `output_file`. It refuses, before
anything is written:

- the book itself, its SQLite companions (``-wal``, ``-shm``, ``-journal``), its lock file,
  and anything inside the folders coopdesk keeps its own copies in (``respaldos/``, the
  staging and pre-upgrade folders), with symlinks resolved, letter case ignored (Windows
  and macOS disks do) and hard links recognised;
- a name without the right ending (``.pdf`` for paper, ``.csv``/``.xlsx`` for tables);
- a folder, a missing folder, and an existing file unless replacing it was asked for.

The content goes to a temporary file in the same folder, is flushed to the disk, and only
then takes the final name in one rename: a crash or a full disk never leaves a half file
under the name the person asked for.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from collections.abc import Iterator
from pathlib import Path

from coopdesk.domain.errors import InvalidInput
from coopdesk.i18n import _
from coopdesk.oserrors import os_reason
from coopdesk.paths import BOOK_FILE

PAPER = (".pdf",)
TABLES = (".csv", ".xlsx")
#: Files beside the book that belong to it (SQLite's companions and our lock).
BOOK_COMPANIONS = ("", "-wal", "-shm", "-journal", ".lock")
#: Folders beside the book where coopdesk keeps its own copies; nothing else is written there.
KEPT_FOLDERS = ("respaldos", ".respaldo-en-curso", "antes-de-actualizar")
#: Folders beside the book named with this start keep the book a restore replaced.
KEPT_PREFIX = "antes-de-restaurar-"


class OutputRefused(InvalidInput):
    """The file asked for cannot be written; the message says why and what to do instead."""


def _folded(path: Path) -> str:
    return os.path.normcase(str(path)).casefold()


def _protected(target: Path, book_folder: Path | None) -> bool:
    """True when *target* is the book, a companion, or inside a kept folder of any open book.

    The books open in this program (their locks are held here) count as well as
    *book_folder*, so a dialog that does not know the book is still kept off it.
    """
    from coopdesk.db.lock import held_books

    folders = {Path(b).parent.resolve() for b in held_books()}
    if book_folder is not None:
        folders.add(Path(book_folder).resolve())
    return any(_protected_by(target, folder) for folder in folders)


def _protected_by(target: Path, folder: Path) -> bool:
    names = {_folded(folder / (BOOK_FILE + end)) for end in BOOK_COMPANIONS}
    if _folded(target) in names:
        return True
    inside = _folded(folder) + os.sep
    if _folded(target).startswith(inside):
        first = _folded(target)[len(inside):].split(os.sep)[0]
        if first in KEPT_FOLDERS or first.startswith(KEPT_PREFIX):
            return True
    book = folder / BOOK_FILE
    with contextlib.suppress(OSError):
        if target.exists() and book.exists() and os.path.samefile(target, book):
            return True  # a hard link (or another name) for the book itself
    return False


def check_output(
    path: str | os.PathLike,
    *,
    endings: tuple[str, ...],
    book_folder: Path | None = None,
    force: bool = False,
    how_to_replace: str | None = None,
) -> Path:
    """Return where *path* will be written, or raise OutputRefused with the sentence.

    Args:
        path: the name the person gave (relative to the current folder, or absolute).
        endings: the accepted endings, lower case (``PAPER`` or ``TABLES``).
        book_folder: the folder of the book, whose files are never written over (the
            books open in this program are protected too).
        force: replace an existing file (``--force``, or the save dialog's own question).
        how_to_replace: the sentence's second half for an existing file, saying how to
            replace it where the person is (the command line's ``--force``).
    """
    text = os.fspath(path).strip() if path is not None else ""
    if not text:
        raise OutputRefused(_("Give the name of the file to write."))
    given = Path(text).expanduser()
    target = _absolute(given)
    if _protected(target, book_folder):
        raise OutputRefused(_(
            "{path} is the book or one of its backups; coopdesk never writes a document "
            "over it. Choose a file outside the data folder, for example in Documents."
        ).format(path=given))
    if target.suffix.lower() not in endings:
        raise OutputRefused(_("The file name {name} must end in {endings}.").format(
            name=given.name or text, endings=_either(endings)))
    if target.is_dir():
        raise OutputRefused(_("{path} is a folder. Give the name of a file inside it, "
                              "for example {example}.").format(
            path=given, example=given / ("documento" + endings[0])))
    parent = target.parent
    if not parent.is_dir():
        if parent.exists():
            raise OutputRefused(_("{folder} is a file, not a folder. Choose another place "
                                  "to write {name}.").format(folder=parent, name=target.name))
        raise OutputRefused(_("The folder {folder} does not exist. Create it first, or "
                              "choose another place to write {name}.").format(
            folder=parent, name=target.name))
    if target.exists() and not force:
        raise _exists_error(given, how_to_replace)
    return target


def _either(endings: tuple[str, ...]) -> str:
    """".pdf", or ".csv or .xlsx" in the person's language."""
    if len(endings) == 1:
        return endings[0]
    return _("{first} or {last}").format(first=", ".join(endings[:-1]), last=endings[-1])


def _absolute(path: Path) -> Path:
    """The absolute path, symlinks followed to the real place."""
    try:
        return Path(os.path.abspath(path)).resolve()
    except (OSError, RuntimeError):  # a symlink loop: it leads nowhere, least of all the book
        return Path(os.path.abspath(path))


def _exists_error(target: Path, how_to_replace: str | None) -> OutputRefused:
    return OutputRefused(_("The file {path} already exists and was not replaced. "
                           "{rest}").format(path=target,
                                            rest=how_to_replace or _("Choose another name.")))


def _write_error(target: Path, exc: OSError) -> OutputRefused:
    return OutputRefused(_("The file {path} could not be written ({reason}). Nothing was "
                           "written there.").format(path=target, reason=os_reason(exc)))


@contextlib.contextmanager
def output_file(
    path: str | os.PathLike,
    *,
    endings: tuple[str, ...],
    book_folder: Path | None = None,
    force: bool = False,
    how_to_replace: str | None = None,
) -> Iterator[Path]:
    """Check *path* (see `check_output`), yield a temporary file to write, then publish it.

    The temporary file is in the target's folder and has the target's ending, so a writer
    that chooses its format by the ending (the export) works on it unchanged. When the
    block ends without an error the file is synced and renamed to the target in one step;
    on any error it is removed and the target is left as it was.

    Raises:
        OutputRefused: the target cannot be used, or the write failed (the sentence says why).
    """
    target = check_output(path, endings=endings, book_folder=book_folder, force=force,
                          how_to_replace=how_to_replace)
    try:
        temp = _new_temporary(target)
    except OSError as exc:
        raise _write_error(target, exc) from exc
    try:
        yield temp
        with open(temp, "rb+") as fh:
            os.fsync(fh.fileno())
        _publish(temp, target, force=force, how_to_replace=how_to_replace)
    except OSError as exc:
        raise _write_error(target, exc) from exc
    finally:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)


def _new_temporary(target: Path) -> Path:
    """Create an empty, new file beside *target* with its ending, readable as any file made.

    Not ``tempfile.mkstemp``: its files are private (0600), and the document would stay so.
    """
    for _attempt in range(100):
        temp = target.with_name(f".{target.stem}-{secrets.token_hex(4)}.partial"
                                f"{target.suffix.lower()}")
        try:
            os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        except FileExistsError:
            continue
        return temp
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(target.parent))


def _publish(temp: Path, target: Path, *, force: bool, how_to_replace: str | None) -> None:
    """Give *temp* the name *target* in one step; without *force*, never over a file."""
    if force:
        os.replace(temp, target)
    else:
        try:
            os.link(temp, target)  # atomic, and fails if the name appeared meanwhile
        except FileExistsError:
            raise _exists_error(target, how_to_replace) from None
        except OSError:
            if target.exists():  # a disk without hard links (a FAT stick): check, then rename
                raise _exists_error(target, how_to_replace) from None
            os.replace(temp, target)
    if os.name != "nt":
        with contextlib.suppress(OSError):
            fd = os.open(target.parent, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)


def write_output(path: str | os.PathLike, data: bytes, **options) -> Path:
    """Write *data* through `output_file` (same options); return the file written."""
    with output_file(path, **options) as temp:
        temp.write_bytes(data)
    return _absolute(Path(os.fspath(path).strip()).expanduser())
