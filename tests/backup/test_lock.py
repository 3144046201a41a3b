"""One program per book: a second program is refused; a crashed one's lock is recovered."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import textwrap

import pytest

from coopdesk.backup import lock
from coopdesk.domain.errors import BookError
from coopdesk.i18n import _
from coopdesk.services.book import Book
from tests.conftest import ROOT, run_cli


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_a_lock_left_by_a_crash_is_recovered(tmp_path):
    book_file = tmp_path / "coopdesk.sqlite3"
    lock.lock_path(book_file).write_text(f"{_dead_pid()}\ncoopdesk\n{socket.gethostname()}\n")
    with Book(book_file):
        owner = lock.read_owner(lock.lock_path(book_file))
        assert owner[0] == os.getpid()
    assert not lock.lock_path(book_file).exists()


def test_a_garbled_lock_is_recovered(tmp_path):
    book_file = tmp_path / "coopdesk.sqlite3"
    lock.lock_path(book_file).write_text("")
    Book(book_file).close()


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
        assert str(refused.value) == _("This book is already open in another window.")
        cli = run_cli("check", data_dir=book_dir)
        assert cli.returncode == 1
        assert "already open in another window" in cli.stderr
    finally:
        holder.stdin.write("\n")
        holder.stdin.flush()
        holder.wait(timeout=30)
    Book.open_folder(book_dir).close()


def test_a_lock_from_another_computer_is_respected(tmp_path):
    book_file = tmp_path / "coopdesk.sqlite3"
    lock.lock_path(book_file).write_text("12345\ncoopdesk\nother-laptop\n")
    with pytest.raises(BookError):
        Book(book_file)
