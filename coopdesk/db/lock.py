"""One program per book: a lock file next to the book, in QLockFile's format, without Qt.

The file holds the owner's pid, the program's name and the host name, one per line,
as QLockFile writes them, and is created with O_EXCL. A lock left by a crash or a power
cut is taken over automatically: its process no longer runs, or the pid now belongs to
another program (pids are reused after a restart), or that process started after the
lock was written. Two books opened by the same process share the lock (it is one program).
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import socket
import threading
from dataclasses import dataclass
from pathlib import Path

from coopdesk.domain.errors import BookError
from coopdesk.i18n import _
from coopdesk.oserrors import book_disk_full, is_disk_full, os_reason

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


#: A process that started this long after the lock file was written cannot have written it
#: (the margin covers clocks' rounding and the lock being written just after the start).
START_MARGIN_SECONDS = 2.0


@dataclass(frozen=True)
class Holder:
    """The program that holds a book's lock: enough to tell the coordinator what to close."""

    pid: int
    name: str
    since: dt.datetime | None


def _process(pid: int):
    """Return the psutil Process for *pid*, or None when there is none."""
    import psutil

    try:
        return psutil.Process(pid)
    except (psutil.NoSuchProcess, ValueError):
        return None
    except psutil.Error:  # pragma: no cover - access denied to the process itself
        return None


def _is_coopdesk(process) -> bool | None:
    """True when *process* is a coopdesk (the program or a Python running it); None: unknown."""
    import psutil

    seen = False
    for read in (process.name, process.exe, process.cmdline):
        try:
            value = read()
        except psutil.NoSuchProcess:
            return False
        except psutil.Error:
            continue
        seen = True
        text = " ".join(value) if isinstance(value, list) else str(value)
        if APP_NAME in text.casefold():
            return True
    return False if seen else None


def _written_at(path: Path) -> float | None:
    try:
        return Path(path).stat().st_mtime
    except OSError:
        return None


def _is_stale(owner: tuple[int, str, str] | None, path: Path | None = None) -> bool:
    if owner is None:
        return True  # empty or garbled: a crash while writing it
    pid, _app, host = owner
    if host and host != socket.gethostname():
        return False  # another computer (a shared folder): we cannot tell, so it is held
    if not pid_alive(pid):
        return True
    process = _process(pid)
    if process is None:
        return not pid_alive(pid)
    if _is_coopdesk(process) is False:
        return True  # the pid was reused by another program after a crash or power cut
    written = _written_at(path) if path is not None else None
    try:
        started = process.create_time()
    except Exception:  # noqa: BLE001 - psutil.Error; unknown start: keep the lock
        return False
    return written is not None and started > written + START_MARGIN_SECONDS


def holder(path: Path) -> Holder | None:
    """Return who holds the lock file *path* (None when it is not held by a live program)."""
    owner = read_owner(path)
    if owner is None or _is_stale(owner, path):
        return None
    process = _process(owner[0])
    name, since = owner[1] or APP_NAME, None
    if process is not None:
        try:
            name = process.name() or name
            since = dt.datetime.fromtimestamp(process.create_time())
        except Exception:  # noqa: BLE001 - psutil.Error: the name in the file will do
            pass
    if since is None and (written := _written_at(path)) is not None:
        since = dt.datetime.fromtimestamp(written)
    return Holder(owner[0], name, since)


def held_sentence(path: Path) -> str:
    """The refusal: which program holds the book, since when, and what to do."""
    who = holder(path)
    if who is None:
        return _("This book is already open in another window.")
    if who.since is None:
        since = "?"
    elif who.since.date() == dt.date.today():
        since = who.since.strftime("%H:%M")
    else:
        since = who.since.strftime("%d/%m/%Y %H:%M")
    return _("This book is already open in another coopdesk window: {name}, process {pid}, "
             "open since {since}. Close that window first (or, if it no longer answers, end "
             "that process in the task manager) and open the book again.").format(
        name=who.name, pid=who.pid, since=since)


def held_books() -> list[Path]:
    """Return the book files this process holds the lock of (they are open here)."""
    with _guard:
        return [p.with_name(p.name[: -len(".lock")]) for p in _held]


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
                if _is_stale(owner, path):
                    path.unlink(missing_ok=True)
                    continue
                raise BookError(held_sentence(path)) from None
            except OSError as exc:
                if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
                    return path  # a read-only folder: SQLite's own lock still guards the book
                raise _cannot_lock(path, exc) from exc
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    fh.write(f"{os.getpid()}\n{APP_NAME}\n{socket.gethostname()}\n")
                    fh.flush()
                    os.fsync(fh.fileno())
            except OSError as exc:
                path.unlink(missing_ok=True)
                raise _cannot_lock(path, exc) from exc
            _held[path] = 1
            return path
        raise BookError(held_sentence(path))


def _cannot_lock(path: Path, exc: OSError) -> BookError:
    """The book is not opened when its lock cannot be written (say why, in a sentence)."""
    if is_disk_full(exc):
        return BookError(book_disk_full(path.parent))
    return BookError(_("The book in {folder} could not be opened: its lock file cannot be "
                       "written ({reason}). Nothing was changed.").format(
        folder=path.parent, reason=os_reason(exc)))


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
    return owner is not None and owner[0] != os.getpid() and not _is_stale(owner, path)
