"""The paper commands of the command line: every printed document, one command each.

Names and flags are fixed (scripts and checks call them; docs/interchange.md lists them).
Each refuses a bad --out through the same guard as the desk before opening the book.
"""

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
    p = sub.add_parser("workday-sheet", help=_("the month's workday sheet as PDF"))
    p.add_argument("--month", required=True)
    p.add_argument("--blank", action="store_true", help=_("without the recorded days"))
    p.add_argument("--out", required=True)
    add_force_option(p)
    p = sub.add_parser("attendance-sheet", help=_("a workshop session's attendance sheet as PDF"))
    p.add_argument("--workshop", required=True)
    p.add_argument("--date", required=True)
    p.add_argument("--blank", action="store_true", help=_("without the recorded attendance"))
    p.add_argument("--out", required=True)
    add_force_option(p)
    p = sub.add_parser("days-worked", help=_("a member's record of days worked as PDF"))
    p.add_argument("--member", required=True)
    p.add_argument("--from", dest="start", required=True)
    p.add_argument("--to", dest="end", required=True)
    p.add_argument("--out", required=True)
    add_force_option(p)
    p = sub.add_parser("certificate", help=_("a member's programme certificate as PDF"))
    p.add_argument("--member", required=True)
    p.add_argument("--out", required=True)
    add_force_option(p)
    p = sub.add_parser("payment-receipt", help=_("reprint a payment receipt as PDF"))
    p.add_argument("number")
    p.add_argument("--out", required=True)
    add_force_option(p)
    p = sub.add_parser("distribution", help=_("a year's surplus distribution as PDF"))
    p.add_argument("--year", required=True)
    p.add_argument("--out", required=True)
    add_force_option(p)
    p = sub.add_parser("costing", help=_("the costing report of a period of months as PDF"))
    p.add_argument("--from", dest="start", required=True)
    p.add_argument("--to", dest="end", required=True)
    p.add_argument("--out", required=True)
    add_force_option(p)


_EXTRA_COMMANDS.append(register)


def _check_out(args) -> dict:
    """Refuse a bad --out before any work; return the options to write it with.

    The output guard is imported here, not with the module: the desk's start registers
    these commands and must not load it (tests/test_start_imports.py).
    """
    from coopdesk.outputs import PAPER, check_output

    options = output_options(args, PAPER)
    check_output(args.out, **options)
    return options


def _write(args, options: dict, pdf: bytes) -> None:
    from coopdesk.outputs import write_output

    path = write_output(args.out, pdf, **options)
    print(_("Written to {file}.").format(file=path), file=sys.stderr)


@command("statement")
def _statement(args) -> int:
    from coopdesk.domain.month import Month
    from coopdesk.reports.statement import render_statements
    from coopdesk.services.documents import member_statement, member_statements

    year, month = Month.parse(args.month)
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
    from coopdesk.domain.month import Month
    from coopdesk.reports.monthly_report import render_monthly_report
    from coopdesk.services.documents import monthly_report

    year, month = Month.parse(args.month)
    options = _check_out(args)
    with open_book(args) as book:
        report = monthly_report(book, year=year, month=month)
    _write(args, options, render_monthly_report(report))
    return EXIT_OK


@command("receipt")
def _receipt(args) -> int:
    from coopdesk.reports.receipts import render_sale_receipt
    from coopdesk.services.documents import sale_receipt

    text = _receipt_number(args.number)
    if len(text.lstrip("0")) > 12:  # more than any book will ever number (and than SQLite holds)
        raise NotFound(_("There is no sale with receipt number {n}.").format(n=text))
    options = _check_out(args)
    with open_book(args) as book:
        receipt = sale_receipt(book, number=int(text))
    _write(args, options, render_sale_receipt(receipt))
    return EXIT_OK


def _receipt_number(raw: str) -> str:
    """Return a receipt number as typed, refusing anything but digits with a sentence."""
    text = (raw or "").strip()
    if not text.isdigit():
        raise InvalidInput(
            _("The receipt number “{text}” must be a plain number such as 123.").format(
                text=text[:30]
            )
        )
    return text


def _day(text: str, flag: str):
    from coopdesk.domain.text import parse_date

    return parse_date(text, what=_("the date of {flag}").format(flag=flag))


@command("workday-sheet")
def _workday_sheet(args) -> int:
    from coopdesk.domain.month import Month
    from coopdesk.reports.documents import workday_sheet_pdf

    year, month = Month.parse(args.month)
    options = _check_out(args)
    with open_book(args) as book:
        pdf = workday_sheet_pdf(book, year, month, filled=not args.blank)
    _write(args, options, pdf)
    return EXIT_OK


@command("attendance-sheet")
def _attendance_sheet(args) -> int:
    from coopdesk.reports.documents import attendance_sheet_pdf
    from coopdesk.services.sheets_and_certificates import session_on

    text = (args.workshop or "").strip()
    if not text.isdigit() or len(text) > 4:
        raise InvalidInput(_("The workshop “{text}” must be its number, such as 3.").format(
            text=text[:30]))
    day = _day(args.date, "--date")
    options = _check_out(args)
    with open_book(args) as book:
        held = "" if args.blank else session_on(book, workshop=int(text), day=day)
        pdf = attendance_sheet_pdf(book, int(text), day=day, session_uuid=held)
    _write(args, options, pdf)
    return EXIT_OK


@command("days-worked")
def _days_worked(args) -> int:
    from coopdesk.reports.documents import workdays_record_pdf

    start, end = _day(args.start, "--from"), _day(args.end, "--to")
    options = _check_out(args)
    with open_book(args) as book:
        pdf = workdays_record_pdf(book, args.member.strip(), start, end)
    _write(args, options, pdf)
    return EXIT_OK


@command("certificate")
def _certificate(args) -> int:
    from coopdesk.reports.documents import programme_record_pdf

    options = _check_out(args)
    with open_book(args) as book:
        pdf = programme_record_pdf(book, args.member.strip())
    _write(args, options, pdf)
    return EXIT_OK


@command("payment-receipt")
def _payment_receipt(args) -> int:
    from coopdesk.reports.documents import payment_receipt_pdf
    from coopdesk.services.documents import payment_by_receipt_number

    text = _receipt_number(args.number)
    if len(text.lstrip("0")) > 12:
        raise NotFound(_("There is no payment with receipt number {n}.").format(n=text))
    options = _check_out(args)
    with open_book(args) as book:
        pdf = payment_receipt_pdf(book, payment_by_receipt_number(book, int(text)))
    _write(args, options, pdf)
    return EXIT_OK


@command("distribution")
def _distribution(args) -> int:
    from coopdesk.reports.documents import distribution_pdf

    text = (args.year or "").strip()
    if not (text.isdigit() and len(text) == 4):
        raise InvalidInput(_("The year “{text}” is not valid; write it as YYYY, e.g. 2022.")
                           .format(text=text[:30]))
    options = _check_out(args)
    with open_book(args) as book:
        pdf = distribution_pdf(book, int(text))
    _write(args, options, pdf)
    return EXIT_OK


@command("costing")
def _costing(args) -> int:
    from coopdesk.domain.month import Month
    from coopdesk.reports.documents import costing_pdf

    first, last = Month.parse(args.start), Month.parse(args.end)
    if last < first:
        raise InvalidInput(_("The period ends before it starts."))
    options = _check_out(args)
    with open_book(args) as book:
        pdf = costing_pdf(book, first, last)
    _write(args, options, pdf)
    return EXIT_OK
