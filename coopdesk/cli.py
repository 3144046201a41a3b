"""The command line of docs/interchange.md; no Qt unless the GUI is asked for."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import traceback
from pathlib import Path

from coopdesk import __version__
from coopdesk.domain.errors import AlreadyImported, CoopError, ImportRejected
from coopdesk.i18n import _, ngettext, set_language

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_BUG = 2


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser with every command."""
    parser = argparse.ArgumentParser(
        prog="coopdesk", description=_("The books of a cooperative, offline."),
        epilog=environment_epilog(), formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--data-dir", help=_("folder that holds the book (coopdesk.sqlite3)"))
    parser.add_argument("--version", action="version", version=f"coopdesk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    sub.add_parser("demo", help=_("fill an empty book with the demo cooperative"))
    p = sub.add_parser("import", help=_("import a .csv or .xlsx file, all or nothing"))
    p.add_argument("kind")
    p.add_argument("file")
    p.add_argument("--again", action="store_true",
                   help=_("import even a file imported before, and rows that look like records"
                          " already in the book"))
    p = sub.add_parser("export", help=_("export to .csv or .xlsx"))
    p.add_argument("kind")
    p.add_argument("file")
    add_force_option(p)
    p = sub.add_parser("summary", help=_("the month's figures"))
    p.add_argument("--month", required=True)
    p.add_argument("--json", action="store_true", required=True)
    p = sub.add_parser("check", help=_("database integrity and accounting identities"))
    p.add_argument("--against", metavar="BACKUP",
                   help=_("also prove the book continues the hash chain kept in this backup"))
    for register in _EXTRA_COMMANDS:
        register(sub)
    return parser


def environment_epilog() -> str:
    """The environment variables the command line reads, for --help's last lines."""
    return "\n".join([
        _("environment variables:"),
        "  COOPDESK_DATA_DIR    " + _("folder that holds the book when --data-dir is not given"),
        "  COOPDESK_LANG        " + _("language of messages and paper: es (default) or en"),
        "  COOPDESK_PASSPHRASE  " + _(
            "passphrase of encrypted backups (backup, restore), at least 8 characters"),
    ])


#: Commands added by other modules (paper, backups) register themselves here.
_EXTRA_COMMANDS: list = []
_HANDLERS: dict = {}


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


def command(name: str):
    """Register the handler of a command: ``handler(args, book_folder) -> exit code``."""

    def wrap(fn):
        _HANDLERS[name] = fn
        return fn

    return wrap


def open_book(args):
    """Open the book the arguments point to, in the book's language."""
    from coopdesk.paths import data_dir
    from coopdesk.services.book import Book
    from coopdesk.services.settings import get_settings

    book = Book.open_folder(data_dir(args.data_dir))
    import os

    if not os.environ.get("COOPDESK_LANG"):
        set_language(get_settings(book).language)
    return book


@command("demo")
def _demo(args) -> int:
    from coopdesk.services.demo import load_demo

    with open_book(args) as book:
        load_demo(book)
    print(_("The demo cooperative was loaded into {path}.").format(path=book.path))
    return EXIT_OK


@command("import")
def _import(args) -> int:
    from coopdesk.services.importing import import_file

    with open_book(args) as book:
        try:
            count = import_file(book, args.kind, Path(args.file), again=args.again)
        except AlreadyImported as exc:
            print(exc.message, file=sys.stderr)
            print(_("If it really holds new records, import it again with --again."),
                  file=sys.stderr)
            return EXIT_REFUSED
        except ImportRejected as exc:
            if not exc.problems:
                print(exc.message, file=sys.stderr)
            for line, problem in exc.problems:
                print(f"{args.file}:{line}: {problem}", file=sys.stderr)
            if exc.more:
                print(ngettext("… and {n} more row with errors.",
                               "… and {n} more rows with errors.", exc.more)
                      .format(n=format_count(exc.more)), file=sys.stderr)
            if exc.duplicates:
                print(_("Rows that look like records already in the book are refused; if they"
                        " really are new records, import the file with --again."),
                      file=sys.stderr)
            print(_("Nothing was imported."), file=sys.stderr)
            return EXIT_REFUSED
    print(ngettext("{n} row imported from {file}.", "{n} rows imported from {file}.", count)
          .format(n=count, file=args.file))
    return EXIT_OK


@command("export")
def _export(args) -> int:
    from coopdesk.outputs import TABLES, check_output, output_file
    from coopdesk.services.exporting import export_file

    options = output_options(args, TABLES)
    check_output(args.file, **options)  # refused before the book is even opened
    with open_book(args) as book, output_file(args.file, **options) as temp:
        count = export_file(book, args.kind, temp)
    print(ngettext("{n} row written to {file}.", "{n} rows written to {file}.", count)
          .format(n=count, file=args.file), file=sys.stderr)
    return EXIT_OK


@command("summary")
def _summary(args) -> int:
    from coopdesk.domain.text import parse_month
    from coopdesk.services.summary import month_summary

    year, month = parse_month(args.month)
    with open_book(args) as book:
        figures = month_summary(book, year, month)
    print(json.dumps(figures.as_json_dict(), ensure_ascii=False, indent=2))
    return EXIT_OK


@command("check")
def _check(args) -> int:
    from coopdesk.services.check import check_book

    with open_book(args) as book:
        report = check_book(book)
        if getattr(args, "against", None):
            from coopdesk.services.check import against_backup

            report.sections.append(against_backup(book, Path(args.against)))
    for line in report.lines():
        print(line)
    return EXIT_OK if report.ok else EXIT_REFUSED


def format_count(n: int) -> str:
    """Return a count with the language's thousands separator (12,345 in Peru)."""
    from babel.numbers import format_decimal

    from coopdesk.i18n import current_language

    return format_decimal(n, locale="es_PE" if current_language() == "es" else "en_US")


def preload_first_screen() -> None:
    """Import what the desk's first screen needs, before Qt is loaded.

    PySide6 reads the source of every module imported after it (its ``__feature__``
    check); these modules need no Qt, so loading them first saves that on every start.
    """
    import babel.dates  # noqa: F401
    import babel.numbers  # noqa: F401

    import coopdesk.services.queries  # noqa: F401
    import coopdesk.services.settings  # noqa: F401
    import coopdesk.services.summary  # noqa: F401


def _run_gui(args) -> int:
    preload_first_screen()
    from coopdesk.gui.app import run

    return run(data_dir=args.data_dir)


def main(argv: list[str] | None = None) -> int:
    """Run one command; return its exit code (errors are sentences on stderr)."""
    _load_extra_commands()
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            return _run_gui(args)
        return _HANDLERS[args.command](args)
    except CoopError as exc:
        print(exc.message, file=sys.stderr)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        return 130
    except OSError as exc:  # the disk, not the program: say which file and why
        from coopdesk.oserrors import file_sentence

        print(file_sentence(exc), file=sys.stderr)
        return EXIT_REFUSED
    except Exception as exc:  # a bug, not the person's mistake: keep the details in a log
        log = _write_crash_log(args)
        if log is None:
            text = _("coopdesk hit an unexpected problem ({kind}). Nothing more was written. "
                     "The details could not be saved either (the disk may be full).")
        else:
            text = _("coopdesk hit an unexpected problem ({kind}). Nothing more was written. "
                     "Details are in {log}.")
        print(text.format(kind=type(exc).__name__, log=log), file=sys.stderr)
        return EXIT_BUG


def _load_extra_commands() -> None:
    """Import the modules that add commands (paper, backups) when they exist."""
    import importlib

    for module in ("coopdesk.reports.cli", "coopdesk.backup.cli", "coopdesk.reports.coop_cli"):
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module and not module.startswith(exc.name or "~"):
                raise


CRASH_LOG = "coopdesk-errores.log"


def _write_crash_log(args) -> Path | None:
    """Append the traceback to the log in the data folder, else the temp folder.

    Never the current folder (it may be a stick, or the person's documents); returns
    None when neither can be written (a full disk), and the person is told so.
    """
    import tempfile

    from coopdesk.paths import data_dir

    details = f"\n--- {dt.datetime.now().isoformat()} coopdesk {__version__}\n"
    details += traceback.format_exc()
    folders = []
    try:
        folders.append(data_dir(getattr(args, "data_dir", None)))
    except Exception:  # noqa: BLE001 - the data folder is what failed; try the next place
        pass
    folders.append(Path(tempfile.gettempdir()))
    for folder in folders:
        log = folder / CRASH_LOG
        try:
            with open(log, "a", encoding="utf-8") as fh:
                fh.write(details)
            return log
        except OSError:
            continue
    return None
