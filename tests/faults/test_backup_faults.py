"""Backups cut short at 50 random points, and 100 single flipped bytes in a backup."""

from __future__ import annotations

import errno
import hashlib
import random
from pathlib import Path

import pytest

from coopdesk.backup import fileformat
from coopdesk.backup.backup import STAGING_FOLDER, make_backup
from coopdesk.backup.copies import PARTIAL, backup_files
from coopdesk.backup.restore import SAFETY_PREFIX, restore_backup
from coopdesk.domain.errors import BookError
from coopdesk.services.check import check_book
from tests.backup.conftest import book_files
from tests.small_book import fill_small_book


class Crash(BaseException):
    """Stands for the program dying (not an error anything may catch)."""


class Counter:
    def __init__(self, fail_at: int | None = None, error: BaseException | None = None):
        self.calls = 0
        self.fail_at = fail_at
        self.error = error

    def __call__(self, _name: str) -> None:
        self.calls += 1
        if self.calls == self.fail_at:
            raise self.error


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _verifies(path: Path, tmp_path: Path, passphrase=None) -> None:
    backup = fileformat.read_backup(path)
    inner = tmp_path / "inner-check.sqlite3"
    inner.write_bytes(fileformat.book_bytes(backup, passphrase))
    fileformat.verify_book_file(inner, backup.manifest)
    inner.unlink()


@pytest.fixture
def book(tmp_path):
    from coopdesk.services.book import Book

    b = Book.open_folder(tmp_path / "book")
    fill_small_book(b)
    yield b
    b.close()


def test_a_backup_interrupted_at_50_random_points(book, tmp_path):
    random.seed(50)
    stick = tmp_path / "stick"
    chunk = 8192
    first = Counter()
    make_backup(book, stick, hook=first, chunk_size=chunk, keep_latest=1000)
    total = first.calls
    assert total > 30  # enough distinct points to choose from
    points = sorted(random.sample(range(1, total + 1), 50)) if total >= 50 else \
        [random.randint(1, total) for _ in range(50)]
    errors = [Crash(), OSError(errno.EIO, "I/O error"), OSError(errno.ENOSPC, "full"),
              OSError(errno.ENODEV, "gone")]
    for n, point in enumerate(points):
        before = {p.name: _sha(p) for p in backup_files(stick)}
        error = errors[n % len(errors)]
        try:  # cut at the very end (pruning), the new copy is already complete
            make_backup(book, stick, hook=Counter(point, error), chunk_size=chunk,
                        keep_latest=1000)
        except (Crash, BookError):
            pass
        # No file under a final name fails verification; older copies are unchanged.
        after = {p.name: _sha(p) for p in backup_files(stick)}
        for name, digest in before.items():
            assert after.get(name) == digest, f"point {point}: {name} changed"
        for name in set(after) - set(before):  # cut after the rename: complete and sound
            _verifies(stick / name, tmp_path)
        if not isinstance(error, Crash):
            assert not list(stick.glob(f"*{PARTIAL}"))
    assert check_book(book).ok
    # The next backup works and cleans what crashed ones left behind.
    result = make_backup(book, stick, chunk_size=chunk, keep_latest=1000)
    _verifies(result.path, tmp_path)
    assert not list(stick.glob(f"*{PARTIAL}"))
    staging = book.path.parent / STAGING_FOLDER
    assert not staging.exists() or not list(staging.iterdir())


@pytest.mark.parametrize("passphrase", [None, "clave-larga-de-prueba"])
def test_one_flipped_byte_is_always_refused(book, tmp_path, passphrase):
    random.seed(100)
    good = make_backup(book, tmp_path / "stick", passphrase=passphrase).path
    data = good.read_bytes()
    live = book_files(book.path)
    flips = 100 if passphrase is None else 20
    positions = random.sample(range(len(data)), flips - 4) + [0, 17, len(data) - 1, len(data) - 33]
    refused = 0
    for position in positions:
        damaged = bytearray(data)
        damaged[position] ^= 1 << random.randrange(8)
        path = tmp_path / "damaged.respaldo"
        path.write_bytes(bytes(damaged))
        with pytest.raises(BookError):
            restore_backup(book, path, passphrase=passphrase)
        refused += 1
        assert book_files(book.path) == live
    assert refused == flips
    assert not [p for p in book.path.parent.iterdir() if p.name.startswith(SAFETY_PREFIX)]
    assert check_book(book).ok


def test_a_restore_cut_at_every_step_leaves_a_whole_book(book, tmp_path):
    from decimal import Decimal

    from coopdesk.services.book import Book
    from coopdesk.services.payments import record_expense

    good = make_backup(book, tmp_path / "stick").path
    record_expense(book, day=__import__("datetime").date(2022, 3, 30), category="luz",
                   amount=Decimal("12.00"))

    def expenses(b) -> int:
        with b.transaction() as session:
            return session.connection().exec_driver_sql("SELECT count(*) FROM expense").scalar()

    live_count, backup_count = expenses(book), expenses(book) - 1
    steps = Counter()
    probe_dir = tmp_path / "probe"
    probe_dir.mkdir()
    import shutil

    book.close()
    shutil.copy(book.path, probe_dir / "coopdesk.sqlite3")
    probe = Book.open_folder(probe_dir)
    # Each "laptop" here is a folder holding the book file alone, without the site key.
    restore_backup(probe, good, hook=steps, unconfirmed_ok=True).book.close()
    for n in range(1, steps.calls + 1):
        folder = tmp_path / f"cut{n}"
        folder.mkdir()
        shutil.copy(book.path, folder / "coopdesk.sqlite3")
        live = Book.open_folder(folder)
        try:
            restore_backup(live, good, hook=Counter(n, Crash()), unconfirmed_ok=True)
        except Crash:
            pass
        if live.engine is not None:
            live.close()
        with Book.open_folder(folder) as after:
            assert check_book(after).ok
            assert expenses(after) in (live_count, backup_count), n


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="needs fork (POSIX)")
def test_a_restore_killed_at_every_step_leaves_a_whole_book(book, tmp_path):
    """The same, but the program really dies (SIGKILL): no clean-up code runs."""
    import os
    import shutil

    from coopdesk.services.book import Book

    good = make_backup(book, tmp_path / "stick").path
    with book.transaction() as session:
        before = session.connection().exec_driver_sql("SELECT count(*) FROM sale").scalar()
    from tests.small_book import SALES

    assert before == SALES
    book.close()
    names = []
    probe_dir = tmp_path / "probe"
    probe_dir.mkdir()
    shutil.copy(book.path, probe_dir / "coopdesk.sqlite3")
    restore_backup(Book.open_folder(probe_dir), good, hook=names.append,
                   unconfirmed_ok=True).book.close()
    for n in range(1, len(names) + 1):
        folder = tmp_path / f"kill{n}"
        folder.mkdir()
        shutil.copy(book.path, folder / "coopdesk.sqlite3")
        pid = os.fork()
        if pid == 0:
            try:
                live = Book.open_folder(folder)
                restore_backup(live, good, hook=_killer(n), unconfirmed_ok=True)
            finally:
                os._exit(3)
        _pid, status = os.waitpid(pid, 0)
        assert os.WIFSIGNALED(status), (n, names[n - 1])
        with Book.open_folder(folder) as after:  # the dead program's lock is recovered
            assert check_book(after).ok, (n, names[n - 1])
            with after.transaction() as session:
                sales = session.connection().exec_driver_sql("SELECT count(*) FROM sale").scalar()
            assert sales == before


def _killer(n: int):
    import os
    import signal

    calls = []

    def hook(_name: str) -> None:
        calls.append(1)
        if len(calls) == n:
            os.kill(os.getpid(), signal.SIGKILL)

    return hook


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="needs fork (POSIX)")
def test_a_backup_killed_for_real_leaves_nothing_that_fails(book, tmp_path):
    """SIGKILL (no clean-up runs) at a few points; the next backup clears what was left."""
    import os

    from coopdesk.services.book import Book

    stick = tmp_path / "stick"
    first = make_backup(book, stick, chunk_size=8192, keep_latest=1000)
    total = Counter()
    make_backup(book, stick, hook=total, chunk_size=8192, keep_latest=1000)
    book.close()
    random.seed(7)
    for point in sorted(random.sample(range(1, total.calls + 1), 6)):
        pid = os.fork()
        if pid == 0:
            try:
                child_book = Book(book.path)
                make_backup(child_book, stick, hook=_killer(point), chunk_size=8192,
                            keep_latest=1000)
            finally:
                os._exit(3)
        os.waitpid(pid, 0)
        for path in backup_files(stick):
            _verifies(path, tmp_path)
        assert fileformat.read_backup(first.path).path == first.path  # older copy intact
    with Book(book.path) as again:
        result = make_backup(again, stick, chunk_size=8192, keep_latest=1000)
    _verifies(result.path, tmp_path)
    assert not list(stick.glob(f"*{PARTIAL}"))
    staging = book.path.parent / STAGING_FOLDER
    assert not staging.exists() or not list(staging.iterdir())
