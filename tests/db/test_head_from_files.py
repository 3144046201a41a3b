"""The start's quick look at the migration files agrees with Alembic about the newest schema."""

from __future__ import annotations

import subprocess
import sys

from coopdesk.db import migrate
from coopdesk.services.book import Book


def test_head_from_files_is_alembics_head():
    assert migrate.head_from_files() == migrate.head_revision()
    assert migrate.head_from_files() in migrate.known_revisions()


def test_opening_an_up_to_date_book_does_not_load_alembic(tmp_path):
    Book.open_folder(tmp_path).close()  # a new book, created at the newest schema
    code = (
        "import sys; from coopdesk.services.book import Book;"
        f"Book.open_folder({str(tmp_path)!r}).close();"
        "print('alembic' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "False"
    assert migrate.inspect_book(tmp_path / "coopdesk.sqlite3").revision == migrate.head_revision()
