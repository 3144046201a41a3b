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
