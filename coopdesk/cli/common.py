"""What every command group shares: opening the book, the output-file options, counts."""

from __future__ import annotations

import argparse
import os

from coopdesk.i18n import _, set_language


def add_force_option(parser: argparse.ArgumentParser) -> None:
    """Give a command that writes a file the ``--force`` flag (replace an existing file)."""
    parser.add_argument("--force", action="store_true",
                        help=_("replace the file if it already exists"))


def output_options(args, endings: tuple[str, ...]) -> dict:
    """The options of `coopdesk.outputs.output_file` for a command's output file."""
    from coopdesk.paths import data_dir

    return {
        "endings": endings,
        "book_folder": data_dir(args.data_dir),
        "force": bool(getattr(args, "force", False)),
        "how_to_replace": _("Add --force to replace it, or choose another name."),
    }


def open_book(args):
    """Open the book the arguments point to, in the book's language."""
    from coopdesk.paths import data_dir
    from coopdesk.services.book import Book
    from coopdesk.services.settings import get_settings

    book = Book.open_folder(data_dir(args.data_dir))
    if not os.environ.get("COOPDESK_LANG"):
        set_language(get_settings(book).language)
    return book


