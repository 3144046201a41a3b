"""Shared fixtures: a fresh book per test, and the demo book made once and copied."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def book(tmp_path):
    """An empty book in a temporary folder."""
    from coopdesk.services.book import Book

    b = Book.open_folder(tmp_path / "book")
    yield b
    b.close()


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
    """Run ``python -m coopdesk`` in a subprocess; return the CompletedProcess."""
    import subprocess

    full_env = {**os.environ, "COOPDESK_LANG": os.environ.get("COOPDESK_LANG", "en")}
    full_env.update(env or {})
    cmd = [sys.executable, "-m", "coopdesk"]
    if data_dir is not None:
        cmd += ["--data-dir", str(data_dir)]
    cmd += [str(a) for a in args]
    return subprocess.run(cmd, capture_output=True, text=True, env=full_env, cwd=ROOT, input=None)
