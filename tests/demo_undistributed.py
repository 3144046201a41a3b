"""The demo book with its 2023 surplus not yet approved: what the assembly of 17/02/2024 had.

A session-scoped fixture (import it into a test module): the demo is loaded with its last
step, the approval citing the agreement, left out, so a test approves it itself.
"""

from __future__ import annotations

import shutil

import pytest


@pytest.fixture(scope="session")
def undistributed_file(tmp_path_factory):
    """The demo book whose 2023 surplus is not yet approved (made once; do not modify)."""
    from coopdesk.services import distribution
    from coopdesk.services.book import Book
    from coopdesk.services.demo import load_demo

    folder = tmp_path_factory.mktemp("undistributed")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(distribution, "approve_distribution", lambda *_a, **_k: None)
        book = Book.open_folder(folder)
        load_demo(book)
        book.close()
    return folder / "coopdesk.sqlite3"


@pytest.fixture
def book_dir(undistributed_file, tmp_path):
    """A folder holding a private copy of that book."""
    folder = tmp_path / "book"
    folder.mkdir()
    shutil.copy2(undistributed_file, folder / "coopdesk.sqlite3")
    return folder
