"""Fault-injection tests compare against the English source sentences."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def english():
    """Speak English whatever the catalog holds; restore the language afterwards."""
    from coopdesk.i18n import current_language, set_language

    previous = current_language()
    set_language("en")
    yield
    set_language(previous)


@pytest.fixture(scope="session")
def _member_book_file(tmp_path_factory):
    """A book with one member, made once (running the migrations is the slow part)."""
    import datetime as dt

    from coopdesk.services.book import Book
    from coopdesk.services.members import MemberData, add_member

    folder = tmp_path_factory.mktemp("faults-master")
    with Book.open_folder(folder) as book:
        add_member(book, MemberData(code="S01", full_name="Ana Quispe",
                                    joined_on=dt.date(2021, 1, 4)))
    return folder / "coopdesk.sqlite3"


@pytest.fixture
def members_book(_member_book_file, tmp_path):
    """A private, open copy of the one-member book."""
    import shutil

    from coopdesk.services.book import Book

    folder = tmp_path / "book"
    folder.mkdir()
    shutil.copy(_member_book_file, folder / "coopdesk.sqlite3")
    book = Book.open_folder(folder)
    yield book
    book.close()


def _mount(args: list[str]) -> str:
    import subprocess

    done = subprocess.run(["mount", *args], capture_output=True, text=True)
    return "" if done.returncode == 0 else (done.stderr.strip() or "mount failed")


@pytest.fixture
def small_disk(tmp_path):
    """A real 1 MB filesystem (tmpfs) in a folder, unmounted afterwards.

    ``small_disk.fill()`` fills it to the last byte; ``small_disk.read_only()`` remounts it
    read-only. Mounting needs root (the CI runs as root); elsewhere the test is skipped.
    """
    import subprocess

    folder = tmp_path / "disk"
    folder.mkdir()
    problem = _mount(["-t", "tmpfs", "-o", "size=1m", "tmpfs", str(folder)])
    if problem:
        pytest.skip(f"a small filesystem cannot be mounted here ({problem}); run as root")

    class Disk:
        path = folder

        @staticmethod
        def fill() -> None:
            """Fill the disk: a file as large as it goes, then tiny ones for the last blocks."""
            with open(folder / "relleno.bin", "wb", buffering=0) as fh:
                try:
                    while True:
                        fh.write(b"\0" * 4096)
                except OSError:
                    pass
            for n in range(10_000):
                try:
                    (folder / f"relleno-{n}").write_bytes(b"\0")
                except OSError:
                    break

        @staticmethod
        def read_only() -> None:
            problem = _mount(["-o", "remount,ro", str(folder)])
            assert not problem, problem

    yield Disk
    subprocess.run(["umount", "-l", str(folder)], check=False)
