"""The computer's own file errors said in the person's language, never the OS's English text.

``OSError.strerror`` is English (or the OS's language) whatever the desk speaks, so every
sentence that explains a failed read or write takes its reason from here, by errno.
"""

from __future__ import annotations

import errno

from coopdesk.i18n import _

_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", -1), errno.EFBIG}
_READ_ONLY = {errno.EROFS}
_DENIED = {errno.EACCES, errno.EPERM}
_MISSING = {errno.ENOENT}
_NOT_A_FOLDER = {errno.ENOTDIR}
_IS_A_FOLDER = {errno.EISDIR}
_GONE = {errno.ENODEV, errno.ENXIO, errno.EIO, getattr(errno, "ESTALE", -1)}
_TOO_LONG = {errno.ENAMETOOLONG}
_INVALID = {errno.EINVAL}  # Windows: a name with a character the disk does not take


def is_disk_full(exc: BaseException) -> bool:
    """Return True when *exc* says the disk (or the stick, or a quota) has no room left."""
    return isinstance(exc, OSError) and exc.errno in _FULL


def is_read_only(exc: BaseException) -> bool:
    """Return True when *exc* says the place cannot be written (read-only disk, no permission)."""
    return isinstance(exc, OSError) and exc.errno in (_READ_ONLY | _DENIED)


def os_reason(exc: BaseException) -> str:
    """Return a short reason, in the person's language, for a failed read or write.

    It fits inside a sentence: "The file X could not be written ({reason})."
    """
    code = getattr(exc, "errno", None)
    if code in _FULL:
        return _("the disk is full")
    if code in _READ_ONLY:
        return _("the disk or memory stick is read-only")
    if code in _DENIED:
        return _("this user is not allowed to write there")
    if code in _MISSING:
        return _("the folder or file does not exist")
    if code in _NOT_A_FOLDER:
        return _("part of the path is a file, not a folder")
    if code in _IS_A_FOLDER:
        return _("it is a folder, not a file")
    if code in _GONE:
        return _("the disk or memory stick failed or was removed")
    if code in _TOO_LONG:
        return _("the name is too long")
    if code in _INVALID:
        return _("the name holds a character the disk does not accept")
    if code is not None:
        return _("system error {code}").format(code=errno.errorcode.get(code, code))
    return _("unknown system error")


def file_sentence(exc: OSError) -> str:
    """The sentence for a file that could not be read or written (never the OS's English)."""
    if exc.filename:
        return _("coopdesk could not use {path} ({reason}). Nothing more was written.").format(
            path=exc.filename, reason=os_reason(exc))
    return _("coopdesk could not read or write a file ({reason}). Nothing more was "
             "written.").format(reason=os_reason(exc))


def book_disk_full(folder) -> str:
    """The sentence for a book that cannot be opened or changed because its disk is full."""
    return _("The disk that holds the book ({folder}) is full, so the book was not opened "
             "and nothing was changed. Free some space on it and try again.").format(
        folder=folder)


def book_read_only(folder) -> str:
    """The sentence for a book on a disk that cannot be written (SQLite writes even to read)."""
    return _("The book in {folder} is on a disk or memory stick that cannot be written "
             "(read-only), so it was not opened and nothing was changed. Unlock the stick, or "
             "copy the folder to the computer's disk and open it there.").format(folder=folder)


def book_sentence(reason: str, folder) -> str | None:
    """The whole sentence for a book that cannot be opened for *reason*, when it has one."""
    if reason == _("the disk is full"):
        return book_disk_full(folder)
    if reason == _("the disk or memory stick is read-only"):
        return book_read_only(folder)
    return None


def _read_only_folder(folder) -> bool:
    """True when *folder* is on a read-only disk (or this user cannot write in it)."""
    import os

    return folder is not None and os.path.isdir(folder) and not os.access(folder, os.W_OK)


def _no_room(folder) -> bool:
    """True when the disk of *folder* has (almost) no free space left."""
    import shutil

    if folder is None:
        return False
    try:
        return shutil.disk_usage(folder).free < 256 * 1024
    except OSError:
        return False


def sqlite_reason(exc: BaseException, folder=None) -> str:
    """Return a short reason, in the person's language, for a SQLite error on the book.

    SQLite's own text is English; its error name says what happened. A full disk often
    shows as an I/O error (the shared-memory file cannot be made), so the free space of
    *folder* is looked at for those.
    """
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc)
    if name.startswith("SQLITE_FULL") or "disk is full" in text:
        return _("the disk is full")
    if name.startswith("SQLITE_READONLY") or "readonly database" in text:
        return _("the disk or memory stick is read-only")
    if name.startswith(("SQLITE_IOERR", "SQLITE_CANTOPEN")) or "disk I/O" in text \
            or "unable to open" in text:
        if _read_only_folder(folder):
            return _("the disk or memory stick is read-only")
        if _no_room(folder):
            return _("the disk is full")
        if name.startswith("SQLITE_CANTOPEN") or "unable to open" in text:
            return _("the file or its folder cannot be opened")
        return _("the disk failed while reading or writing")
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "malformed" in text:
        return _("the file is damaged")
    if name.startswith(("SQLITE_PERM", "SQLITE_AUTH")):
        return _("this user is not allowed to write there")
    # Anything else is a program's mistake (a wrong query): SQLite's own words say most.
    return text or _("database error {code}").format(code=name or type(exc).__name__)
