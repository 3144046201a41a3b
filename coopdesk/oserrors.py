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
