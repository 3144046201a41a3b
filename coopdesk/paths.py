"""Where the book lives: --data-dir, else COOPDESK_DATA_DIR, else the user's data folder."""

from __future__ import annotations

import os
from pathlib import Path

BOOK_FILE = "coopdesk.sqlite3"
#: The demo cooperative's own folder inside the data folder: never the real book.
DEMO_FOLDER = "demostracion"


def data_dir(explicit: str | os.PathLike | None = None) -> Path:
    """Return the folder that holds the book, creating it when needed."""
    if explicit:
        folder = Path(explicit)
    elif os.environ.get("COOPDESK_DATA_DIR"):
        folder = Path(os.environ["COOPDESK_DATA_DIR"])
    else:
        from platformdirs import user_data_dir

        folder = Path(user_data_dir("coopdesk", appauthor=False))
    folder = folder.expanduser().resolve()
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def book_path(folder: Path) -> Path:
    """Return the book file inside *folder*."""
    return folder / BOOK_FILE


def demo_dir(folder: Path) -> Path:
    """Return the folder of the demo's separate book beside the book in *folder*."""
    return Path(folder) / DEMO_FOLDER
