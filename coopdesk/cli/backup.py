"""The `backup` and `restore` commands of the interchange contract."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from coopdesk.cli.common import open_book
from coopdesk.cli.parser import EXIT_OK
from coopdesk.domain.errors import BookError
from coopdesk.i18n import _

PASSPHRASE_ENV = "COOPDESK_PASSPHRASE"


def _passphrase_help() -> str:
    return _("Environment: {env} holds the passphrase (at least 8 characters) when there is "
             "no one to type it: `backup` encrypts the copy with it, `restore` opens an "
             "encrypted copy with it. It is never stored.").format(env=PASSPHRASE_ENV)


def register(sub) -> dict[str, Callable]:
    """Add the backup and restore commands to the parser; return their handlers by name."""
    text = _("make a verified backup; prints the backup file's path")
    p = sub.add_parser("backup", help=text, description=text, epilog=_passphrase_help())
    p.add_argument("--to", metavar="DIR", help=_("folder (a memory stick) to put the copy in"))
    text = _("restore a backup after checking it")
    p = sub.add_parser("restore", help=text, description=text, epilog=_passphrase_help())
    p.add_argument("file", metavar="FILE", help=_("the backup file (.respaldo) to restore"))
    p.add_argument("--yes", action="store_true",
                   help=_("do not ask for confirmation (required without a terminal)"))
    p.add_argument("--other-cooperative", action="store_true",
                   help=_("allow a backup made from another cooperative's book (another site)"))
    p.add_argument("--unconfirmed", action="store_true",
                   help=_("allow a copy whose authenticity this computer cannot confirm (no "
                          "signature, or not signed with this computer's key)"))
    return {"backup": _backup, "restore": _restore}


def env_passphrase() -> str | None:
    """Return COOPDESK_PASSPHRASE, held to the same minimum as one typed on the screen."""
    from coopdesk.backup.crypto import check_passphrase

    value = os.environ.get(PASSPHRASE_ENV)
    if not value:
        return None
    check_passphrase(value)
    return value


def _backup(args) -> int:
    from coopdesk.backup.backup import local_folder, make_backup

    passphrase = env_passphrase()
    with open_book(args) as book:
        target = Path(args.to) if args.to else local_folder(book)
        result = make_backup(book, target, passphrase=passphrase)
    print(result.path)
    for warning in result.warnings:
        print(_("Warning: {problem}").format(problem=warning), file=sys.stderr)
    print(result.message, file=sys.stderr)
    return EXIT_OK


def _interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def _confirm(info) -> None:
    """Ask on the terminal, or require --yes; raise BookError when not confirmed."""
    if not _interactive():
        raise BookError(_("There is no terminal to confirm the restore: add --yes to restore "
                          "without asking. Nothing was changed."))
    print(_("Restoring replaces the book on this computer by this copy; the current book is "
            "kept in a folder “antes-de-restaurar” next to it."), file=sys.stderr)
    print(_("Restore it? Write “yes” and press Enter: "), end="", file=sys.stderr, flush=True)
    answer = sys.stdin.readline().strip().lower()
    if answer not in {_("yes").lower(), "yes", "y", "sí", "si", "s"}:
        raise BookError(_("The restore was cancelled. Nothing was changed."))


def _restore_passphrase(info) -> str | None:
    if not info.encrypted:
        return None
    passphrase = env_passphrase()
    if passphrase is None and _interactive():
        import getpass  # only when a person types it: the desk's start never loads it

        passphrase = getpass.getpass(_("Passphrase of the copy: "), stream=sys.stderr)
    if not passphrase:
        raise BookError(
            _("The backup {name} is encrypted: write its passphrase on a terminal or set {env}. "
              "Nothing was changed.").format(name=info.path.name, env=PASSPHRASE_ENV))
    return passphrase


def _fresh(book) -> bool:
    """True for a book with no member, sale or purchase yet (a new laptop's first start)."""
    from coopdesk.db.queries.backups import is_fresh

    with book.read() as reader:
        return is_fresh(reader)


def _restore(args) -> int:
    from coopdesk.backup.restore import describe_backup, restore_backup
    from coopdesk.backup.signature import backup_authenticity
    from coopdesk.services.settings import get_settings

    info = describe_backup(Path(args.file))
    for line in info.lines():
        print(line, file=sys.stderr)
    book = open_book(args)  # takes the book's lock, held until the end
    try:
        other = info.other_cooperative(get_settings(book).site_id) and not _fresh(book)
        if other and not args.other_cooperative:
            raise BookError(
                _("This backup belongs to another cooperative's book: “{name}” (site {site}), "
                  "not the one on this computer. To replace this book with it anyway, add "
                  "--other-cooperative. Nothing was changed.").format(
                    name=info.cooperative or "—", site=info.site_id))
        found = backup_authenticity(Path(args.file), Path(book.path).parent)  # forged: raises
        print(found.sentence, file=sys.stderr)
        if not found.confirmed and not args.unconfirmed:
            raise BookError(_("To restore it anyway, only if you know where this copy comes "
                              "from, add --unconfirmed. Nothing was changed."))
        if not args.yes:
            _confirm(info)
        result = restore_backup(book, Path(args.file), passphrase=_restore_passphrase(info),
                                unconfirmed_ok=args.unconfirmed)
        book = result.book
    finally:
        book.close()
    print(_("The backup was restored. The previous book was kept in {folder}.").format(
        folder=result.safety_folder), file=sys.stderr)
    return EXIT_OK

