"""The paper commands of the command line: every printed document, one command each.

Names and flags are fixed (scripts and checks call them; docs/interchange.md lists them).
Each refuses a bad --out through the same guard as the desk before opening the book.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from coopdesk.cli.common import add_force_option, open_book, output_options
from coopdesk.cli.parser import EXIT_OK, EXIT_REFUSED
from coopdesk.domain.errors import InvalidInput, NotFound
from coopdesk.i18n import _


def _add_out(parser) -> None:
    """The --out and --force every paper command writes by, after its own arguments."""
    parser.add_argument("--out", required=True, metavar="FILE.pdf",
                        help=_("the PDF file to write (never appended: it must end in .pdf)"))
    add_force_option(parser)


def register(sub) -> dict[str, Callable]:
    """Add the paper commands to the parser; return their handlers by name."""
    made = []

    def _command(sub, name: str, text: str):
        made.append(sub.add_parser(name, help=text, description=text))
        return made[-1]

    month = _("the month, e.g. 2022-10")
    member = _("the member's code, e.g. S01")
    blank = _("empty boxes to fill by hand, without what is recorded")
    p = _command(sub, "statement", _("member statements of a month as PDF"))
    p.add_argument("--month", required=True, metavar="YYYY-MM", help=month)
    p.add_argument("--member", metavar="CODE",
                   help=_("one member's statement only (without it: every member of the month)"))
    p = _command(sub, "report", _("the cooperative's monthly report as PDF"))
    p.add_argument("--month", required=True, metavar="YYYY-MM", help=month)
    p = _command(sub, "receipt", _("reprint a sale receipt as PDF"))
    p.add_argument("number", metavar="NUMBER", help=_("the sale's receipt number, e.g. 12"))
    p = _command(sub, "workday-sheet", _("the month's workday sheet as PDF"))
    p.add_argument("--month", required=True, metavar="YYYY-MM", help=month)
    p.add_argument("--blank", action="store_true", help=blank)
    p = _command(sub, "attendance-sheet", _("a workshop session's attendance sheet as PDF"))
    p.add_argument("--workshop", required=True, metavar="N",
                   help=_("the workshop's number, 1 to 9"))
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD",
                   help=_("the day of the session"))
    p.add_argument("--blank", action="store_true", help=blank)
    p = _command(sub, "days-worked", _("a member's record of days worked as PDF"))
    p.add_argument("--member", required=True, metavar="CODE", help=member)
    p.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD",
                   help=_("the period's first day"))
    p.add_argument("--to", dest="end", required=True, metavar="YYYY-MM-DD",
                   help=_("the period's last day (included)"))
    p = _command(sub, "certificate", _("a member's programme certificate as PDF"))
    p.add_argument("--member", required=True, metavar="CODE", help=member)
    p = _command(sub, "payment-receipt", _("reprint a payment receipt as PDF"))
    p.add_argument("number", metavar="NUMBER",
                   help=_("the payment's receipt number, e.g. 123 (N.º 000123 on paper)"))
    p = _command(sub, "distribution", _("a year's surplus distribution as PDF"))
    p.add_argument("--year", required=True, metavar="YYYY", help=_("the year, e.g. 2022"))
    p = _command(sub, "costing", _("the costing report of a period of months as PDF"))
    p.add_argument("--from", dest="start", required=True, metavar="YYYY-MM",
                   help=_("the period's first month"))
    p.add_argument("--to", dest="end", required=True, metavar="YYYY-MM",
                   help=_("the period's last month (included)"))
    for parser in made:
        _add_out(parser)
    return {
        "statement": _statement, "report": _report, "receipt": _receipt,
        "workday-sheet": _workday_sheet, "attendance-sheet": _attendance_sheet,
        "days-worked": _days_worked, "certificate": _certificate,
        "payment-receipt": _payment_receipt, "distribution": _distribution, "costing": _costing,
    }


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


def _workday_sheet(args) -> int:
    from coopdesk.domain.month import Month
    from coopdesk.reports.documents import workday_sheet_pdf

    year, month = Month.parse(args.month)
    options = _check_out(args)
    with open_book(args) as book:
        pdf = workday_sheet_pdf(book, year, month, filled=not args.blank)
    _write(args, options, pdf)
    return EXIT_OK


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


def _days_worked(args) -> int:
    from coopdesk.reports.documents import workdays_record_pdf

    start, end = _day(args.start, "--from"), _day(args.end, "--to")
    options = _check_out(args)
    with open_book(args) as book:
        pdf = workdays_record_pdf(book, args.member.strip(), start, end)
    _write(args, options, pdf)
    return EXIT_OK


def _certificate(args) -> int:
    from coopdesk.reports.documents import programme_record_pdf

    options = _check_out(args)
    with open_book(args) as book:
        pdf = programme_record_pdf(book, args.member.strip())
    _write(args, options, pdf)
    return EXIT_OK


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
