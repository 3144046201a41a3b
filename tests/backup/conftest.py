"""Helpers for the backup tests: files compared byte for byte, failures injected.

The book they back up is the shared small book (tests/small_book.py, the ``small_book``
fixture of tests/conftest.py).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest


def sha(path: Path) -> str:
    """SHA-256 of a file's bytes."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def book_files(book_file: Path) -> dict[str, str]:
    """SHA-256 of the book file and of any -wal/-journal/-shm next to it."""
    out = {}
    for suffix in ("", "-wal", "-journal", "-shm"):
        p = Path(str(book_file) + suffix)
        if p.exists():
            out[p.name] = sha(p)
    return out


class FailAt:
    """A backup hook that raises *error* at the *n*-th call (of the named step, if given)."""

    def __init__(self, n: int, error: BaseException, step: str | None = None) -> None:
        self.n = n
        self.error = error
        self.step = step
        self.calls = 0

    def __call__(self, name: str) -> None:
        if self.step is not None and name != self.step:
            return
        self.calls += 1
        if self.calls == self.n:
            raise self.error


@pytest.fixture(autouse=True)
def english():
    """Compare against the English source sentences whatever the catalog holds."""
    from coopdesk.i18n import current_language, set_language

    previous = current_language()
    set_language("en")
    yield
    set_language(previous)
