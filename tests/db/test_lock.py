"""One program per book: a second program is refused; a crashed one's lock is recovered."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from coopdesk.db import lock
from coopdesk.domain.errors import BookError
from coopdesk.i18n import _
from coopdesk.services.book import Book
from tests.conftest import ROOT, run_cli


@pytest.fixture(autouse=True)
def english():
    """The CLI runs in English here (run_cli); the sentences compared are English too."""
    from coopdesk.i18n import current_language, set_language

    previous = current_language()
    set_language("en")
    yield
    set_language(previous)


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def _held_by(pid: int) -> str:
    """The refusal naming the live holder, from what /proc says about it."""
    import datetime as dt

    import psutil

    name = Path(f"/proc/{pid}/comm").read_text().strip()
    since = dt.datetime.fromtimestamp(psutil.Process(pid).create_time())
    since = since.strftime("%H:%M" if since.date() == dt.date.today() else "%d/%m/%Y %H:%M")
    return _("This book is already open in another coopdesk window: {name}, process {pid}, "
             "open since {since}. Close that window first (or, if it no longer answers, end "
             "that process in the task manager) and open the book again.").format(
        name=name, pid=pid, since=since)


def test_a_lock_left_by_a_crash_is_recovered(tmp_path):
    book_file = tmp_path / "coopdesk.sqlite3"
    lock.lock_path(book_file).write_text(f"{_dead_pid()}\ncoopdesk\n{socket.gethostname()}\n")
    with Book(book_file):
        owner = lock.read_owner(lock.lock_path(book_file))
        assert owner[0] == os.getpid()
    assert not lock.lock_path(book_file).exists()


def test_a_garbled_lock_is_recovered(tmp_path):
    book_file = tmp_path / "coopdesk.sqlite3"
    path = lock.lock_path(book_file)
    path.write_text("")
    with Book(book_file):
        assert lock.read_owner(path)[0] == os.getpid()  # taken over: now ours
        assert not lock.is_locked_elsewhere(book_file)
    assert not path.exists()  # and freed on close


def test_the_same_program_may_open_its_book_twice(tmp_path):
    book_file = tmp_path / "coopdesk.sqlite3"
    first = lock.acquire(book_file)
    second = lock.acquire(book_file)
    assert first == second
    lock.release(book_file)
    assert first.exists()
    lock.release(book_file)
    assert not first.exists()


def test_a_second_program_is_refused(tmp_path):
    book_dir = tmp_path / "book"
    book_dir.mkdir()
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, time
            from coopdesk.services.book import Book
            b = Book.open_folder({str(book_dir)!r})
            print("open", flush=True)
            sys.stdin.readline()
            b.close()
        """)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT,
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        assert lock.is_locked_elsewhere(book_dir / "coopdesk.sqlite3")
        with pytest.raises(BookError) as refused:
            Book.open_folder(book_dir)
        assert str(refused.value) == _held_by(holder.pid)
        cli = run_cli("check", data_dir=book_dir, env={"COOPDESK_LANG": "en"})
        assert cli.returncode == 1
        assert cli.stderr.strip() == _held_by(holder.pid)
    finally:
        holder.stdin.write("\n")
        holder.stdin.flush()
        holder.wait(timeout=30)
    Book.open_folder(book_dir).close()


def test_a_lock_from_another_computer_is_respected(tmp_path):
    book_file = tmp_path / "coopdesk.sqlite3"
    path = lock.lock_path(book_file)
    path.write_text("12345\ncoopdesk\nother-laptop\n")
    with pytest.raises(BookError) as refused:
        Book(book_file)
    assert "12345" in str(refused.value)
    assert path.read_text() == "12345\ncoopdesk\nother-laptop\n"  # left as it was
    assert not book_file.exists()  # the book was not even created


def _write_lock(book_file: Path, pid: int) -> Path:
    path = lock.lock_path(book_file)
    path.write_text(f"{pid}\ncoopdesk\n{socket.gethostname()}\n")
    return path


def test_a_pid_reused_by_another_program_does_not_hold_the_book(tmp_path):
    """After a power cut the lock's pid may belong to any program: `sleep` is not coopdesk."""
    book_file = tmp_path / "coopdesk.sqlite3"
    sleeper = subprocess.Popen(["sleep", "60"])
    try:
        _write_lock(book_file, sleeper.pid)
        assert not lock.is_locked_elsewhere(book_file)
        cli = run_cli("check", data_dir=tmp_path)
        assert cli.returncode == 0, cli.stderr
        assert sleeper.poll() is None  # the other program was left alone
    finally:
        sleeper.kill()
        sleeper.wait()
    assert not lock.lock_path(book_file).exists()


def test_a_coopdesk_started_after_the_lock_was_written_did_not_write_it(tmp_path):
    """A coopdesk running now with the lock's old pid started after the lock: it is not its."""
    book_file = tmp_path / "coopdesk.sqlite3"
    holder = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.readline()",
                               "coopdesk"], stdin=subprocess.PIPE)
    try:
        path = _write_lock(book_file, holder.pid)
        assert lock.is_locked_elsewhere(book_file)  # a live coopdesk, lock written after it
        old = path.stat().st_mtime - 3600  # the lock was written an hour before it started
        os.utime(path, (old, old))
        assert not lock.is_locked_elsewhere(book_file)
        with Book(book_file):
            assert lock.read_owner(path)[0] == os.getpid()
    finally:
        holder.kill()
        holder.wait()
