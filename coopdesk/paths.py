"""Where the book lives: --data-dir, else COOPDESK_DATA_DIR, else the user's data folder."""

from __future__ import annotations

import os
from pathlib import Path

BOOK_FILE = "coopdesk.sqlite3"
#: The environment variables the program reads (documented in --help and docs/interchange.md).
DATA_DIR_VARIABLE = "COOPDESK_DATA_DIR"

#: The demo cooperative's own folder inside the data folder: never the real book.
DEMO_FOLDER = "demostracion"


def data_dir(explicit: str | os.PathLike | None = None) -> Path:
    """Return the folder that holds the book, creating it when needed.

    Raises:
        BookError: the path is a file, or the folder cannot be made (the sentence says why).
    """
    if explicit:
        folder = Path(explicit)
    elif os.environ.get(DATA_DIR_VARIABLE):
        folder = Path(os.environ[DATA_DIR_VARIABLE])
    else:
        from platformdirs import user_data_dir

        folder = Path(user_data_dir("coopdesk", appauthor=False))
    folder = folder.expanduser().resolve()
    if folder.exists() and not folder.is_dir():
        raise _folder_error(folder, None)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _folder_error(folder, exc) from exc
    return folder


def _folder_error(folder: Path, exc: OSError | None):
    from coopdesk.domain.errors import BookError
    from coopdesk.i18n import _
    from coopdesk.oserrors import os_reason

    if exc is None or isinstance(exc, (FileExistsError, NotADirectoryError)):
        return BookError(_("The data folder {folder} is a file, not a folder. Give --data-dir "
                           "(or {variable}) the folder that holds coopdesk.sqlite3.").format(
            folder=folder, variable=DATA_DIR_VARIABLE))
    return BookError(_("The data folder {folder} cannot be created ({reason}). Give --data-dir "
                       "(or {variable}) a folder on a disk that can be written.").format(
        folder=folder, reason=os_reason(exc), variable=DATA_DIR_VARIABLE))


def book_path(folder: Path) -> Path:
    """Return the book file inside *folder*."""
    return folder / BOOK_FILE


def demo_dir(folder: Path) -> Path:
    """Return the folder of the demo's separate book beside the book in *folder*."""
    return Path(folder) / DEMO_FOLDER
