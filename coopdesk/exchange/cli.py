"""The site's delivery commands: ``site-key``, ``send`` and ``ack`` (docs/interchange.md)."""

from __future__ import annotations

from pathlib import Path

from coopdesk.cli import _EXTRA_COMMANDS, EXIT_OK, command, open_book
from coopdesk.i18n import _


def register(sub) -> None:
    """Add the delivery commands to the command line's parser."""
    p = sub.add_parser("site-key", help=_("write this site's enrolment file for the programme"))
    p.add_argument("--out", required=True)
    p = sub.add_parser("send", help=_("write a signed delivery for the programme"))
    p.add_argument("--to", required=True)
    p = sub.add_parser("ack", help=_("read the programme's acknowledgement"))
    p.add_argument("file")


@command("site-key")
def _site_key(args) -> int:
    from coopdesk.services.delivery import site_enrolment

    with open_book(args) as book:
        path = site_enrolment(book, Path(args.out))
    print(path)
    return EXIT_OK


@command("send")
def _send(args) -> int:
    from coopdesk.services.delivery import send

    with open_book(args) as book:
        sent = send(book, Path(args.to))
    if sent is None:
        print(_("Nothing to deliver: the programme already acknowledged the whole book."))
    else:
        print(sent.path)
    return EXIT_OK


@command("ack")
def _ack(args) -> int:
    from coopdesk.services.delivery import take_ack

    with open_book(args) as book:
        taken = take_ack(book, Path(args.file))
    if taken.new:
        print(_("The programme acknowledged the book up to seal {n}; the next delivery starts"
                " after it.").format(n=taken.last))
    else:
        print(_("This acknowledgement was already taken (up to seal {n}); nothing changed.")
              .format(n=taken.last))
    return EXIT_OK


_EXTRA_COMMANDS.append(register)
