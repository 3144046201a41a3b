"""One program per book: a lock file next to the book, in QLockFile's format, without Qt.

The file holds the owner's pid, the program's name and the host name, one per line,
as QLockFile writes them, and is created with O_EXCL. A lock whose process no longer
runs on this computer was left by a crash and is taken over automatically. Two books
opened by the same process share the lock (it is one program).
"""

from __future__ import annotations

import os
import socket
import threading
from pathlib import Path

from coopdesk.domain.errors import BookError
from coopdesk.i18n import _

APP_NAME = "coopdesk"
_held: dict[Path, int] = {}
_guard = threading.Lock()


def lock_path(book_file: Path) -> Path:
    """Return the lock file that belongs to *book_file*."""
    book_file = Path(book_file)
    return book_file.with_name(book_file.name + ".lock")


def pid_alive(pid: int) -> bool:
    """Return True when a process with *pid* runs on this computer."""
    if pid <= 0:
        return False
    if os.name == "nt":  # pragma: no cover - Windows only
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)
        if not handle:
            return False
        code = ctypes.c_ulong()
        ctypes.windll.kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        ctypes.windll.kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def read_owner(path: Path) -> tuple[int, str, str] | None:
    """Return (pid, program, host) from a lock file, or None when it cannot be read."""
    try:
        lines = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    try:
        pid = int(lines[0].strip())
    except (IndexError, ValueError):
        return None
    app = lines[1].strip() if len(lines) > 1 else ""
    host = lines[2].strip() if len(lines) > 2 else ""
    return pid, app, host


def _is_stale(owner: tuple[int, str, str] | None) -> bool:
    if owner is None:
        return True  # empty or garbled: a crash while writing it
    pid, _app, host = owner
    if host and host != socket.gethostname():
        return False  # another computer (a shared folder): we cannot tell, so it is held
    return not pid_alive(pid)


def acquire(book_file: Path) -> Path:
    """Take the book's lock or raise BookError; a stale lock is recovered."""
    path = lock_path(book_file).resolve()
    with _guard:
        if path in _held:
            _held[path] += 1
            return path
        for _attempt in range(3):
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                owner = read_owner(path)
                mine = (os.getpid(), socket.gethostname())
                if owner is not None and (owner[0], owner[2]) == mine:
                    _held[path] = 1  # left by this very process (a book not closed)
                    return path
                if _is_stale(owner):
                    path.unlink(missing_ok=True)
                    continue
                raise BookError(_("This book is already open in another window.")) from None
            except OSError:
                return path  # a read-only folder: SQLite's own lock still guards the book
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(f"{os.getpid()}\n{APP_NAME}\n{socket.gethostname()}\n")
                fh.flush()
                os.fsync(fh.fileno())
            _held[path] = 1
            return path
        raise BookError(_("This book is already open in another window."))


def release(book_file: Path) -> None:
    """Give the lock back (the last holder in this process removes the file)."""
    path = lock_path(book_file).resolve()
    with _guard:
        count = _held.get(path, 0)
        if count > 1:
            _held[path] = count - 1
            return
        _held.pop(path, None)
        owner = read_owner(path)
        if owner is not None and owner[0] == os.getpid():
            path.unlink(missing_ok=True)


def is_locked_elsewhere(book_file: Path) -> bool:
    """Return True when another running program holds the book's lock."""
    path = lock_path(book_file)
    if not path.exists():
        return False
    owner = read_owner(path)
    return owner is not None and owner[0] != os.getpid() and not _is_stale(owner)
