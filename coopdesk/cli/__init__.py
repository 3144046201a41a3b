"""The command line of docs/interchange.md: command groups registered here, by name.

Each group module has ``register(subparsers) -> {command name: handler}``; a handler takes
the parsed arguments and returns the exit code. Nothing registers itself by being imported:
a group exists because it is listed in `GROUPS`. Qt is loaded only for `coopdesk` with no
command (the desk), by `coopdesk.cli.desk`.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

from coopdesk import __version__
from coopdesk.cli import assembly, backup, book, central, coop, delivery, funds, paper
from coopdesk.cli.parser import (
    EXIT_BUG,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_REFUSED,
    CommandParser,
    in_our_language,
)
from coopdesk.domain.errors import CoopError
from coopdesk.i18n import _

#: The command groups, in the order `coopdesk --help` lists them. A new group (the
#: programme's `central`) is a module with `register(sub)`, imported above and added here.
GROUPS = (book, paper, coop, funds, assembly, backup, delivery, central)

CRASH_LOG = "coopdesk-errores.log"

__all__ = ["EXIT_BUG", "EXIT_OK", "EXIT_REFUSED", "GROUPS", "build_parser", "main"]


def environment_epilog() -> str:
    """The environment variables the command line reads, for --help's last lines."""
    return "\n".join([
        _("environment variables:"),
        "  COOPDESK_DATA_DIR    " + _("folder that holds the book when --data-dir is not given"),
        "  COOPDESK_LANG        " + _("language of messages and paper: es (default) or en"),
        "  COOPDESK_PASSPHRASE  " + _(
            "passphrase of encrypted backups (backup, restore), at least 8 characters"),
        "  COOPDESK_CENTRAL_DB  " + _("the central book's URL for central, when --db is not given"),
    ])


def build_parser() -> tuple[CommandParser, dict[str, Callable]]:
    """Return the argument parser with every group's commands, and the handlers by name."""
    parser = CommandParser(
        prog="coopdesk",
        description=_("The books of a cooperative, offline. Without a command: the desk."),
        epilog=environment_epilog(),
    )
    parser.add_argument("--data-dir", metavar="DIR",
                        help=_("folder that holds the book (coopdesk.sqlite3)"))
    parser.add_argument("--version", action="version", version=f"coopdesk {__version__}",
                        help=_("show coopdesk's version and exit"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title=_("commands"))
    handlers: dict[str, Callable] = {}
    for group in GROUPS:
        handlers.update(group.register(sub))
    return parser, handlers


def main(argv: list[str] | None = None) -> int:
    """Run one command; return its exit code (errors are sentences on stderr)."""
    try:
        try:
            return _main(argv)
        finally:  # written now, while a reader that left can still be answered quietly
            sys.stdout.flush()
    except BrokenPipeError:
        return _reader_gone()


def _reader_gone() -> int:
    """The program reading our output stopped (``coopdesk summary | head``): end quietly.

    What was asked for was read as far as the reader wanted; later output (and the
    flush at exit) goes nowhere instead of raising again.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return EXIT_OK


def _main(argv: list[str] | None) -> int:
    with in_our_language():
        parser, handlers = build_parser()
        args = parser.parse_args(argv)
    try:
        if args.command is None:
            from coopdesk.cli.desk import run_desk

            return run_desk(args)
        return handlers[args.command](args)
    except BrokenPipeError:
        raise  # our reader left: not the disk, not a bug
    except CoopError as exc:
        print(exc.message, file=sys.stderr)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
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
