"""The `backup` and `restore` commands of the interchange contract."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from coopdesk.cli import _EXTRA_COMMANDS, EXIT_OK, EXIT_REFUSED, command, open_book
from coopdesk.i18n import _


def _register(sub) -> None:
    p = sub.add_parser("backup", help=_("make a verified backup; prints the backup file's path"))
    p.add_argument("--to", metavar="DIR", help=_("folder (a memory stick) to put the copy in"))
    p = sub.add_parser("restore", help=_("restore a backup after checking it"))
    p.add_argument("file")
    p.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))


_EXTRA_COMMANDS.append(_register)


def _passphrase(book) -> str | None:
    from coopdesk.backup.backup import get_backup_settings

    return os.environ.get("COOPDESK_PASSPHRASE") or get_backup_settings(book).passphrase or None


@command("backup")
def _backup(args) -> int:
    from coopdesk.backup.backup import local_folder, make_backup

    with open_book(args) as book:
        target = Path(args.to) if args.to else local_folder(book)
        result = make_backup(book, target, passphrase=_passphrase(book))
    print(result.path)
    for warning in result.warnings:
        print(_("Warning: {problem}").format(problem=warning), file=sys.stderr)
    print(result.message, file=sys.stderr)
    return EXIT_OK


@command("restore")
def _restore(args) -> int:
    from coopdesk.backup.restore import describe_backup, restore_backup

    info = describe_backup(Path(args.file))
    for line in info.lines():
        print(line, file=sys.stderr)
    book = open_book(args)
    try:
        result = restore_backup(book, Path(args.file), passphrase=_passphrase(book))
        book = result.book
    finally:
        book.close()
    print(_("The backup was restored. The previous book was kept in {folder}.").format(
        folder=result.safety_folder), file=sys.stderr)
    return EXIT_OK


__all__ = ["EXIT_OK", "EXIT_REFUSED"]
