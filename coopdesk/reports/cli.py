"""The paper commands of the command line: statement, report and receipt."""

from __future__ import annotations

import sys

from coopdesk.cli import (
    _EXTRA_COMMANDS,
    EXIT_OK,
    EXIT_REFUSED,
    add_force_option,
    command,
    open_book,
    output_options,
)
from coopdesk.domain.errors import InvalidInput, NotFound
from coopdesk.i18n import _
from coopdesk.outputs import PAPER, check_output, write_output


def register(sub) -> None:
    """Add the paper commands to the command line's parser."""
    p = sub.add_parser("statement", help=_("member statements of a month as PDF"))
    p.add_argument("--month", required=True)
    p.add_argument("--member")
    p.add_argument("--out", required=True)
    add_force_option(p)
    p = sub.add_parser("report", help=_("the cooperative's monthly report as PDF"))
    p.add_argument("--month", required=True)
    p.add_argument("--out", required=True)
    add_force_option(p)
    p = sub.add_parser("receipt", help=_("reprint a sale receipt as PDF"))
    p.add_argument("number")
    p.add_argument("--out", required=True)
    add_force_option(p)


_EXTRA_COMMANDS.append(register)


def _check_out(args) -> dict:
    """Refuse a bad --out before any work; return the options to write it with."""
    options = output_options(args, PAPER)
    check_output(args.out, **options)
    return options


def _write(args, options: dict, pdf: bytes) -> None:
    path = write_output(args.out, pdf, **options)
    print(_("Written to {file}.").format(file=path), file=sys.stderr)


@command("statement")
def _statement(args) -> int:
    from coopdesk.domain.text import parse_month
    from coopdesk.reports.statement import render_statements
    from coopdesk.services.documents import member_statement, member_statements

    year, month = parse_month(args.month)
    options = _check_out(args)
    with open_book(args) as book:
        if args.member:
            statements = [member_statement(book, code=args.member, year=year, month=month)]
        else:
            statements = member_statements(book, year=year, month=month)
    if not statements:
        from coopdesk.reports.documents import no_statement_sentence

        print(no_statement_sentence(year, month), file=sys.stderr)
        return EXIT_REFUSED
    _write(args, options, render_statements(statements))
    return EXIT_OK


@command("report")
def _report(args) -> int:
    from coopdesk.domain.text import parse_month
    from coopdesk.reports.monthly_report import render_monthly_report
    from coopdesk.services.documents import monthly_report

    year, month = parse_month(args.month)
    options = _check_out(args)
    with open_book(args) as book:
        report = monthly_report(book, year=year, month=month)
    _write(args, options, render_monthly_report(report))
    return EXIT_OK


@command("receipt")
def _receipt(args) -> int:
    from coopdesk.reports.receipts import render_sale_receipt
    from coopdesk.services.documents import sale_receipt

    text = (args.number or "").strip()
    if not text.isdigit():
        raise InvalidInput(
            _("The receipt number “{text}” must be a plain number such as 123.").format(
                text=text[:30]
            )
        )
    if len(text.lstrip("0")) > 12:  # more than any book will ever number (and than SQLite holds)
        raise NotFound(_("There is no sale with receipt number {n}.").format(n=text))
    options = _check_out(args)
    with open_book(args) as book:
        receipt = sale_receipt(book, number=int(text))
    _write(args, options, render_sale_receipt(receipt))
    return EXIT_OK
