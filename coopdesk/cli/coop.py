"""The legal cooperative's commands: the padrón, contributions' papers, the accountant's registers.

Listed with the other paper commands in docs/interchange.md.
"""

from __future__ import annotations

from collections.abc import Callable

from coopdesk.cli.common import add_force_option, open_book, output_options
from coopdesk.cli.paper import _add_out, _check_out, _receipt_number, _write
from coopdesk.cli.parser import EXIT_OK
from coopdesk.domain.errors import NotFound
from coopdesk.i18n import N_, _


def register(sub) -> dict[str, Callable]:
    """Add the cooperative's commands to the parser; return their handlers by name."""

    def _command(name: str, text: str):
        return sub.add_parser(name, help=text, description=text)

    p = _command("padron", _("the register of members as PDF"))
    _add_out(p)
    p = _command("contributions", _("a member's certificate of contributions as PDF"))
    p.add_argument("--member", required=True, metavar="CODE",
                   help=_("the member's code, e.g. S01"))
    _add_out(p)
    p = _command("contribution-receipt", _("reprint a contribution receipt as PDF"))
    p.add_argument("number", metavar="NUMBER", help=_("the contribution's receipt number"))
    _add_out(p)
    p = _command("registers", _("the month's sales and purchases registers for the"
                                " accountant (.csv and .xlsx)"))
    p.add_argument("--month", required=True, metavar="YYYY-MM", help=_("the month, e.g. 2022-10"))
    p.add_argument("--out", required=True, metavar="DIR",
                   help=_("the folder the four files are written into"))
    add_force_option(p)
    p = _command("void-contribution",
                 _("void a contribution (share capital movement) with a reason"))
    p.add_argument("number", metavar="NUMBER", help=_("the contribution's receipt number"))
    p.add_argument("--reason", required=True, metavar="TEXT",
                   help=_("why it is voided (kept in the audit trail)"))
    p = _command("member-exit", _("record that a member left: her status, the day and the"
                                  " agreement"))
    p.add_argument("code", metavar="CODE", help=_("the member's code, e.g. S01"))
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD",
                   help=_("her first day away from the cooperative"))
    p.add_argument("--status", required=True, metavar="STATUS",
                   help=_("liberada (her sentence ended) or retirada (she withdrew)"))
    p.add_argument("--agreement", default="", metavar="TEXT",
                   help=_("the agreement that recorded it, e.g. \"Asamblea 2, acuerdo 1\""))
    p = _command("cooperative", _("show or change the cooperative's name, place and RUC"
                                  " that every paper prints"))
    for flag, key, text in LETTERHEAD:
        p.add_argument(flag, dest=key, metavar="TEXT", help=_(text))
    return {"padron": _padron, "contributions": _contributions,
            "contribution-receipt": _contribution_receipt, "registers": _registers,
            "void-contribution": _void_contribution, "member-exit": _member_exit,
            "cooperative": _cooperative}


#: The letterhead's settings by flag: what the desk's Configuración edits, for a book
#: kept from the command line (its papers would otherwise say only "Cooperativa").
LETTERHEAD = (
    ("--name", "cooperative_name", N_("the cooperative's name, e.g. \"Dulce Esperanza\"")),
    ("--site", "site", N_("where it works, e.g. the prison's name")),
    ("--institution", "institution", N_("the institution it works under, e.g. INPE")),
    ("--place", "place", N_("the town before the date on papers, e.g. Quillabamba")),
    ("--ruc", "ruc", N_("its RUC (11 digits), empty while it has none")),
)


def _padron(args) -> int:
    from coopdesk.reports.coop_papers import render_padron
    from coopdesk.services.coop_papers import padron

    options = _check_out(args)
    with open_book(args) as book:
        data = padron(book)
    _write(args, options, render_padron(data))
    return EXIT_OK


def _contributions(args) -> int:
    from coopdesk.reports.coop_papers import render_contribution_certificate
    from coopdesk.services.coop_papers import contribution_certificate

    options = _check_out(args)
    with open_book(args) as book:
        data = contribution_certificate(book, code=args.member.strip())
    _write(args, options, render_contribution_certificate(data))
    return EXIT_OK


def _contribution_receipt(args) -> int:
    from coopdesk.reports.coop_papers import render_contribution_receipt
    from coopdesk.services.coop_papers import contribution_receipt

    text = _receipt_number(args.number)
    if len(text.lstrip("0")) > 12:
        raise NotFound(_("There is no contribution with receipt number {n}.").format(n=text))
    options = _check_out(args)
    with open_book(args) as book:
        data = contribution_receipt(book, number=int(text))
    _write(args, options, render_contribution_receipt(data))
    return EXIT_OK


def _registers(args) -> int:
    import sys
    from pathlib import Path

    from coopdesk.domain.month import Month
    from coopdesk.outputs import TABLES
    from coopdesk.services.registers import write_month_registers

    year, month = Month.parse(args.month)
    options = output_options(args, TABLES)
    with open_book(args) as book:
        folder = write_month_registers(
            book, year=year, month=month, folder=Path(args.out.strip()),
            book_folder=options["book_folder"], force=options["force"],
            how_to_replace=options["how_to_replace"])
    print(_("Written to {file}.").format(file=folder), file=sys.stderr)
    return EXIT_OK


def _void_contribution(args) -> int:
    import sys

    from coopdesk.services.coop_papers import contribution_receipt
    from coopdesk.services.shares import void_share_movement

    text = _receipt_number(args.number)
    if len(text.lstrip("0")) > 12:
        raise NotFound(_("There is no contribution with receipt number {n}.").format(n=text))
    with open_book(args) as book:
        receipt = contribution_receipt(book, number=int(text))
        void_share_movement(book, uuid=receipt.uuid, reason=args.reason)
    print(_("Contribution {number} voided.").format(number=f"{int(text):06d}"), file=sys.stderr)
    return EXIT_OK


def _member_exit(args) -> int:
    import sys

    from coopdesk.domain.text import parse_date
    from coopdesk.services.members import record_exit

    day = parse_date(args.date.strip(), what=_("the date of {flag}").format(flag="--date"))
    with open_book(args) as book:
        member = record_exit(book, code=args.code, status=args.status, exit_on=day,
                             agreement=args.agreement)
        said = _("{name} ({code}) left on {day}.").format(
            name=member.full_name, code=member.code, day=day.strftime("%d/%m/%Y"))
    print(said, file=sys.stderr)
    return EXIT_OK


def _cooperative(args) -> int:
    """Change the flags given (all or nothing), then print the letterhead as it stands."""
    from coopdesk.services.settings import get_settings, update_settings

    changes = {key: getattr(args, key) for _flag, key, _text in LETTERHEAD
               if getattr(args, key) is not None}
    with open_book(args) as book:
        settings = update_settings(book, **changes) if changes else get_settings(book)
    for flag, key, _text in LETTERHEAD:
        print(f"{flag[2:]}: {getattr(settings, key)}")
    return EXIT_OK
