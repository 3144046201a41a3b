"""The site's delivery commands: ``site-key``, ``send`` and ``ack`` (docs/interchange.md)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from coopdesk.cli.common import open_book
from coopdesk.cli.parser import EXIT_OK
from coopdesk.i18n import _


def register(sub) -> dict[str, Callable]:
    """Add the delivery commands to the parser; return their handlers by name."""

    def _command(name: str, text: str):
        return sub.add_parser(name, help=text, description=text)

    p = _command("site-key", _("write this site's enrolment file for the programme"))
    p.add_argument("--out", required=True, metavar="FILE",
                   help=_("the enrolment file to write (take it to the programme office)"))
    p = _command("send", _("write a signed delivery for the programme"))
    p.add_argument("--to", required=True, metavar="DIR",
                   help=_("the folder (a stick) the delivery is written into"))
    p = _command("ack", _("read the programme's acknowledgement"))
    p.add_argument("file", metavar="FILE", help=_("the acknowledgement file the programme sent"))
    return {"site-key": site_key, "send": send_delivery, "ack": take_acknowledgement}


def site_key(args) -> int:
    from coopdesk.services.delivery import site_enrolment

    with open_book(args) as book:
        path = site_enrolment(book, Path(args.out))
    print(path)
    return EXIT_OK


def send_delivery(args) -> int:
    from coopdesk.services.delivery import send

    with open_book(args) as book:
        sent = send(book, Path(args.to))
    if sent is None:
        print(_("Nothing to deliver: the programme already acknowledged the whole book."))
    else:
        print(sent.path)
    return EXIT_OK


def take_acknowledgement(args) -> int:
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

