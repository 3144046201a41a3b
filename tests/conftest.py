"""Shared fixtures: a fresh book per test, and the demo book made once and copied."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session", autouse=True)
def system_temp(tmp_path_factory):
    """The system's temporary folder, as the code under test sees it: one under pytest's own.

    Whatever a test or a coopdesk it runs puts in "the temp folder" (``tempfile``, and
    ``TMPDIR`` for subprocesses) lands here, where pytest cleans up, and never in /tmp
    itself; whatever is left there named ``coopdesk*`` when the run ends fails it, naming
    the leftovers (a test should use ``tmp_path``; a command should clean up after itself).
    """
    tmp_path_factory.getbasetemp()  # pytest's own folders stay where pytest keeps them
    folder = tmp_path_factory.mktemp("system-temp", numbered=False)
    saved = os.environ.get("TMPDIR"), tempfile.tempdir
    os.environ["TMPDIR"] = str(folder)
    tempfile.tempdir = str(folder)
    yield folder
    if saved[0] is None:
        os.environ.pop("TMPDIR", None)
    else:
        os.environ["TMPDIR"] = saved[0]
    tempfile.tempdir = saved[1]
    left = sorted(p.name for p in folder.iterdir() if p.name.startswith("coopdesk"))
    assert not left, f"the tests left these in the system's temporary folder: {left}"


@pytest.fixture
def book(tmp_path):
    """An empty book in a temporary folder."""
    from coopdesk.services.book import Book

    b = Book.open_folder(tmp_path / "book")
    yield b
    b.close()


@pytest.fixture
def small_book(book):
    """An open book holding the one small test book (tests/small_book.py)."""
    from tests.small_book import fill_small_book

    fill_small_book(book)
    return book


@pytest.fixture(scope="session")
def demo_book_file(tmp_path_factory) -> Path:
    """The demo cooperative's book, made once per test session (do not modify it)."""
    from coopdesk.services.book import Book
    from coopdesk.services.demo import load_demo

    folder = tmp_path_factory.mktemp("demo-master")
    b = Book.open_folder(folder)
    load_demo(b)
    b.close()
    return folder / "coopdesk.sqlite3"


@pytest.fixture(scope="session")
def demo_without_capital_file(tmp_path_factory) -> Path:
    """The demo year without its share capital and funds: tests that count contributions
    from an empty share ledger (made once per session; do not modify it)."""
    from coopdesk.services import demo
    from coopdesk.services.book import Book

    folder = tmp_path_factory.mktemp("demo-without-capital")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(demo, "load_capital", lambda *_args: None)
        patch.setattr(demo, "net_of_deductions", lambda payments, *_args: payments)
        # the first year only: 2023 deducts and returns contributions from what 2022 paid
        from coopdesk.services import demo_2023

        patch.setattr(demo_2023, "load_2023", lambda _book: None)
        b = Book.open_folder(folder)
        demo.load_demo(b)
        b.close()
    return folder / "coopdesk.sqlite3"


@pytest.fixture
def demo_dir(demo_book_file, tmp_path) -> Path:
    """A folder holding a private copy of the demo book."""
    folder = tmp_path / "demo"
    folder.mkdir()
    shutil.copy2(demo_book_file, folder / "coopdesk.sqlite3")
    return folder


@pytest.fixture
def demo_book(demo_dir):
    """A private, open copy of the demo book."""
    from coopdesk.services.book import Book

    b = Book.open_folder(demo_dir)
    yield b
    b.close()


def run_cli(*args, data_dir=None, env=None, input_bytes=None):
    """Run ``python -m coopdesk`` in a subprocess; return the CompletedProcess (text).

    *input_bytes* is what the command reads on its standard input (a pipe, not a
    terminal); without it the input is empty, so a command that would ask never waits.
    """
    import subprocess

    full_env = {**os.environ, "COOPDESK_LANG": os.environ.get("COOPDESK_LANG", "en")}
    full_env.update(env or {})
    cmd = [sys.executable, "-m", "coopdesk"]
    if data_dir is not None:
        cmd += ["--data-dir", str(data_dir)]
    cmd += [str(a) for a in args]
    if input_bytes is None:
        return subprocess.run(cmd, capture_output=True, text=True, env=full_env, cwd=ROOT,
                              stdin=subprocess.DEVNULL)
    done = subprocess.run(cmd, capture_output=True, env=full_env, cwd=ROOT, input=input_bytes)
    return subprocess.CompletedProcess(done.args, done.returncode,
                                       done.stdout.decode("utf-8", "replace"),
                                       done.stderr.decode("utf-8", "replace"))
