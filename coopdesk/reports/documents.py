"""One call per printed document, from the book to PDF bytes (for the desk and the CLI).

Each function assembles the plain data through ``coopdesk.services.documents`` (or
``sheets_and_certificates``) and
renders it with the document's module; errors are ``CoopError`` sentences (an unknown
member or receipt number says so).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from coopdesk.domain.errors import NotFound
from coopdesk.domain.month import Month
from coopdesk.i18n import _
from coopdesk.services import documents as data
from coopdesk.services import sheets_and_certificates as forms
from coopdesk.services.book import Book


def sale_receipt_pdf(book: Book, number: int, *, reprint: bool = True) -> bytes:
    """Return the sale receipt with the book's receipt *number* (original and copy).

    *reprint* is False only for the paper printed when the sale is saved.
    """
    from coopdesk.reports.receipts import render_sale_receipt

    return render_sale_receipt(data.sale_receipt(book, number=number, reprint=reprint))


def payment_receipt_pdf(book: Book, payment_uuid: str, *, reprint: bool = True) -> bytes:
    """Return the receipt of one payment to a member (*reprint* as for a sale receipt)."""
    from coopdesk.reports.receipts import render_payment_receipt

    return render_payment_receipt(
        data.payment_receipt(book, payment_uuid=payment_uuid, reprint=reprint))


def statement_pdf(book: Book, year: int, month: int, code: str | None = None) -> bytes:
    """Return one member's statement of a month, or every member's when *code* is None."""
    from coopdesk.reports.statement import render_statements

    if code:
        statements = [data.member_statement(book, code=code, year=year, month=month)]
    else:
        statements = data.member_statements(book, year=year, month=month)
    if not statements:
        raise NotFound(no_statement_sentence(year, month))
    return render_statements(statements)


def no_statement_sentence(year: int, month: int) -> str:
    """Return why a month has no statement at all (the desk and the CLI say the same)."""
    from coopdesk.formats import month_title

    return _("No member has a statement for {month}: no one was a member then, or those who "
             "had left were owed nothing, owed nothing and had no movement.").format(
        month=month_title(year, month))


def monthly_report_pdf(book: Book, year: int, month: int) -> bytes:
    """Return the cooperative's monthly report."""
    from coopdesk.reports.monthly_report import render_monthly_report

    return render_monthly_report(data.monthly_report(book, year=year, month=month))


def workday_sheet_pdf(book: Book, year: int, month: int, filled: bool = False) -> bytes:
    """Return the month's workday sheet for paper, blank or with the recorded days."""
    from coopdesk.reports.sheets import render_workday_sheet

    return render_workday_sheet(forms.workday_sheet(book, year=year, month=month, filled=filled))


def attendance_sheet_pdf(
    book: Book, workshop: int, day: dt.date | None = None, session_uuid: str = ""
) -> bytes:
    """Return a workshop session's attendance sheet (a recorded session, or blank for a day)."""
    from coopdesk.reports.sheets import render_attendance_sheet

    return render_attendance_sheet(
        forms.attendance_sheet(book, workshop=workshop, day=day, session_uuid=session_uuid)
    )


def programme_record_pdf(book: Book, code: str) -> bytes:
    """Return her programme certificate (all nine workshops) or her record of attendance."""
    from coopdesk.reports.certificates import render_programme_record

    return render_programme_record(forms.programme_record(book, code=code))


def workdays_record_pdf(book: Book, code: str, start: dt.date, end: dt.date) -> bytes:
    """Return the "constancia de días trabajados" for a period (both days included)."""
    from coopdesk.reports.certificates import render_workdays_record

    return render_workdays_record(forms.workdays_record(book, code=code, start=start, end=end))


def distribution_pdf(book: Book, year: int) -> bytes:
    """Return a year's surplus distribution: the approved one, else the draft of today's figures.

    A year with no surplus, or whose members' part has nobody to go to, is refused with
    the sentence the distribution itself gives.
    """
    from coopdesk.reports.distribution_report import render_distribution
    from coopdesk.services import distribution as service

    approved = service.approved_distribution(book, year)
    if approved:
        day, dist = approved
    else:
        day, dist = None, service.compute_distribution(book, year=year)
    return render_distribution(data.letterhead(book), dist, day)


def costing_pdf(book: Book, first: Month | tuple[int, int], last: Month | tuple[int, int],
                pay_target: Decimal = Decimal("20.00")) -> bytes:
    """Return the costing report of the months *first* to *last* (year, month), both included."""
    from coopdesk.reports.costing_report import render_costing_report
    from coopdesk.services.costing import cost_picture

    start, end = Month(*first).first_day, Month(*last).next().first_day
    return render_costing_report(data.letterhead(book), cost_picture(book, start, end),
                                 pay_target)


def padron_pdf(book: Book) -> bytes:
    """Return the register of members (padrón de socias) as it stands today."""
    from coopdesk.reports.coop_papers import render_padron
    from coopdesk.services.coop_papers import padron

    return render_padron(padron(book))


def contributions_pdf(book: Book, code: str) -> bytes:
    """Return a member's certificate of contributions (unknown code: NotFound)."""
    from coopdesk.reports.coop_papers import render_contribution_certificate
    from coopdesk.services.coop_papers import contribution_certificate

    return render_contribution_certificate(contribution_certificate(book, code=code))


def contribution_receipt_pdf(book: Book, number: int) -> bytes:
    """Return the receipt of the contribution numbered *number* (a voided one says ANULADO)."""
    from coopdesk.reports.coop_papers import render_contribution_receipt
    from coopdesk.services.coop_papers import contribution_receipt

    return render_contribution_receipt(contribution_receipt(book, number=number))
