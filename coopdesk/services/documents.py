"""The plain data of each printed document, assembled from the book (one read per document)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

from coopdesk.db.queries import receipts, sales, statements
from coopdesk.db.queries.labour import workday_amounts
from coopdesk.db.queries.members import member_by_id
from coopdesk.db.queries.roster import roster
from coopdesk.db.queries.shares import capital_by_member, share_entries
from coopdesk.db.queries.summary import expenses_by_category
from coopdesk.domain.documents import (
    ContributionEntry,
    CreditEntry,
    Letterhead,
    MemberStatement,
    MonthlyReport,
    PaymentEntry,
    PaymentReceipt,
    SaleReceipt,
    WorkdayEntry,
    WorkshopEntry,
)
from coopdesk.domain.errors import NotFound
from coopdesk.domain.income_split import part_label
from coopdesk.domain.money import ZERO
from coopdesk.domain.text import month_bounds
from coopdesk.domain.trade import SaleLine, format_receipt_number
from coopdesk.domain.workshops import WORKSHOP_COUNT
from coopdesk.i18n import _
from coopdesk.services.balances import balance_of, balances
from coopdesk.services.book import Book
from coopdesk.services.corrections import correction_links, payment_receipt_number
from coopdesk.services.income_split import split_entries, split_in_force
from coopdesk.services.letterhead import letterhead, line_label
from coopdesk.services.lookups import member_by_code
from coopdesk.services.queries import sales_by_month
from coopdesk.services.settings import get_settings
from coopdesk.services.summary import summarize

if TYPE_CHECKING:
    from coopdesk.db.reader import Reader

__all__ = ["letterhead", "line_label", "member_statement", "member_statements",
           "monthly_report", "payment_by_receipt_number", "payment_receipt", "sale_receipt",
           "statement_members"]

# --- member statements -------------------------------------------------------------


def member_statement(book: Book, *, code: str, year: int, month: int,
                     issued_on: dt.date | None = None) -> MemberStatement:
    """Return one member's statement of a month (unknown code: NotFound)."""
    with book.read() as session:
        member = member_by_code(session, code)
        return _statements(session, letterhead(book, sealed=True), year, month, [member.id],
                           issued_on=issued_on)[0]


def member_statements(book: Book, *, year: int, month: int,
                      issued_on: dt.date | None = None) -> list[MemberStatement]:
    """Return the statements of the month's members (see ``statement_members``), by code."""
    head = letterhead(book, sealed=True)
    with book.read() as session:
        ids, _skipped, opening = statement_members(session, year, month)
        return _statements(session, head, year, month, ids, opening, issued_on=issued_on)


def statement_members(reader: Reader, year: int, month: int
                      ) -> tuple[list[int], int, dict[int, Decimal]]:
    """Return who gets a statement for the month, how many do not, and the opening balances.

    Every member of the book by the month's end gets one, also those who have left (her
    family may collect a final settlement), except a woman who left before the month
    began, is owed nothing and owes nothing, and has no workday, payment or credit in
    it: an all-zero page every month for every woman who ever left helps nobody.
    Women who joined after the month have no statement for it.
    """
    first, nxt = month_bounds(year, month)
    opening = balances(reader, first)  # earned + credited (surplus shares) − paid − deducted
    busy = statements.busy_members(reader, first, nxt) | {
        e.member_id for e in share_entries(reader.connection(), start=first, end=nxt)}
    ids, skipped = [], 0
    for m in roster(reader):
        moved = m.id in busy or opening.get(m.id, ZERO) != 0
        if moved or (m.joined_on < nxt and not (m.exit_on and m.exit_on < first)):
            ids.append(m.id)
        elif m.joined_on < nxt:
            skipped += 1
    return ids, skipped, opening


def _statements(
    reader: Reader,
    head: Letterhead,
    year: int,
    month: int,
    ids: list[int],
    opening: dict[int, Decimal] | None = None,
    *,
    issued_on: dt.date | None = None,
) -> list[MemberStatement]:
    """Build the statements of *ids* with a handful of queries for all of them."""
    first, nxt = month_bounds(year, month)
    if opening is None:
        opening = balances(reader, first)
    wanted = set(ids)
    names = {m.id: (m.code, m.full_name) for m in roster(reader) if m.id in wanted}
    workdays: dict[int, list[WorkdayEntry]] = defaultdict(list)
    for w in workday_amounts(reader, first, nxt):
        if w.member_id in wanted:
            workdays[w.member_id].append(WorkdayEntry(
                w.day, line_label(w.line), w.fraction, w.rate, w.amount, w.corrects_day))
    payments: dict[int, list[PaymentEntry]] = defaultdict(list)
    entries = split_entries(reader)
    split: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for p in statements.payment_lines(reader, first, nxt):
        if p.member_id in wanted:
            payments[p.member_id].append(PaymentEntry(
                p.day, p.amount, p.received_by, p.note,
                f"{p.corrects_number:06d}" if p.corrects_number else "",
            ))
            rule = split_in_force(entries, p.day)
            for key, amount in rule.split(p.amount) if rule else ():
                split[p.member_id][key] = split[p.member_id].get(key, ZERO) + amount
    credits: dict[int, list[CreditEntry]] = defaultdict(list)
    for c in statements.credit_lines(reader, first, nxt):
        if c.member_id in wanted:
            credits[c.member_id].append(CreditEntry(c.day, c.amount, c.note))
    contributions: dict[int, list[ContributionEntry]] = defaultdict(list)
    for entry in share_entries(reader.connection(), start=first, end=nxt):
        if entry.member_id in wanted:
            contributions[entry.member_id].append(ContributionEntry(
                entry.day, entry.kind.value, entry.amount, entry.agreement, entry.note))
    capital = capital_by_member(reader.connection(), None, nxt)
    workshops: dict[int, list[WorkshopEntry]] = defaultdict(list)
    done: dict[int, set[int]] = defaultdict(set)
    for a in statements.attended(reader, before=nxt):
        if a.member_id in wanted:
            done[a.member_id].add(a.number)
            if a.held_on >= first:
                workshops[a.member_id].append(WorkshopEntry(a.number, a.title, a.held_on))
    return [
        MemberStatement(
            letterhead=head,
            code=names[mid][0],
            name=names[mid][1],
            year=year,
            month=month,
            opening_balance=opening.get(mid, ZERO),
            workdays=tuple(workdays[mid]),
            payments=tuple(payments[mid]),
            workshops=tuple(workshops[mid]),
            programme_done=len(done[mid]),
            programme_size=WORKSHOP_COUNT,
            credits=tuple(credits[mid]),
            split=tuple((part_label(k), a) for k, a in split[mid].items()),
            issued_on=issued_on or dt.date.today(),
            contributions=tuple(contributions[mid]),
            capital_subscribed=capital[mid].subscribed if mid in capital else ZERO,
            capital_paid=capital[mid].paid_net if mid in capital else ZERO,
        )
        for mid in ids
    ]


# --- receipts ----------------------------------------------------------------------


def sale_receipt(book: Book, *, number: int, reprint: bool = True,
                 today: dt.date | None = None) -> SaleReceipt:
    """Return the receipt of the sale with the book's receipt *number* (unknown: NotFound).

    *reprint*: every paper but the one printed when the sale is saved is a reprint, and
    says so with the day (*today*), so a second paper cannot pass for a second original.
    """
    head = letterhead(book)
    series = get_settings(book).receipt_series
    with book.read() as session:
        sale = receipts.sale_on_receipt(session, int(number))
        if sale is None:
            raise NotFound(_("There is no sale with receipt number {n}.").format(n=number))
        buyer = statements.buyer_name(session, sale.buyer_id)
        lines = [SaleLine(line.product, line.quantity, line.unit_price)
                 for line in statements.receipt_lines(session, sale.id)]
        corrects, corrected_by = correction_links(session, "sale", sale)
        return SaleReceipt(
            letterhead=head,
            number=sale.receipt_number,
            number_text=format_receipt_number(sale.receipt_number, series),
            day=sale.day,
            buyer=buyer,
            lines=tuple(lines),
            paid=sale.paid,
            paid_on=sale.paid_on,
            reference=sale.reference,
            voided=sale.voided_at is not None,
            void_reason=sale.void_reason,
            corrects=format_receipt_number(corrects.receipt_number, series) if corrects else "",
            corrected_by=(
                format_receipt_number(corrected_by.receipt_number, series) if corrected_by else ""
            ),
            voided_on=sale.voided_at.date() if sale.voided_at else None,
            reprinted_on=(today or dt.date.today()) if reprint else None,
        )


def payment_by_receipt_number(book: Book, number: int) -> str:
    """Return the uuid of the payment whose receipt has *number* (in the payments' series)."""
    with book.read() as reader:
        found = statements.payment_uuid_by_receipt(reader, number)
    if found is None:
        raise NotFound(_("There is no payment with receipt number {n}.").format(n=number))
    return found


def payment_receipt(book: Book, *, payment_uuid: str, reprint: bool = True,
                    today: dt.date | None = None) -> PaymentReceipt:
    """Return the receipt of one payment to a member (what she was owed before and after).

    *reprint* as for ``sale_receipt``: only the paper printed when the payment is saved
    is the original.
    """
    head = letterhead(book)
    with book.read() as session:
        pay = receipts.payment_on_receipt(session, payment_uuid)
        if pay is None:
            raise NotFound(_("That payment is not in the book."))
        member = member_by_id(session, pay.member_id)
        owed_after = balance_of(session, member.id, pay.day + dt.timedelta(days=1))
        # Payments of the same day recorded after this one are not yet made on this paper.
        owed_after += statements.paid_later_that_day(session, member_id=member.id, on=pay.day,
                                                     payment_id=pay.id)
        amount = Decimal(pay.amount)
        rule = split_in_force(split_entries(session), pay.day)
        split = tuple((part_label(k), a) for k, a in rule.split(amount)) if rule else ()
        if pay.voided_at is None:
            owed_before = owed_after + amount
        else:
            owed_before = owed_after
        corrects, corrected_by = correction_links(session, "member_payment", pay)
        return PaymentReceipt(
            letterhead=head,
            number=payment_receipt_number(session, pay.id),
            code=member.code,
            name=member.full_name,
            day=pay.day,
            amount=amount,
            owed_before=owed_before,
            received_by=pay.received_by,
            note=pay.note,
            voided=pay.voided_at is not None,
            void_reason=pay.void_reason,
            split=split,
            corrects=f"{payment_receipt_number(session, corrects.id):06d}" if corrects else "",
            corrected_by=(f"{payment_receipt_number(session, corrected_by.id):06d}"
                          if corrected_by else ""),
            voided_on=pay.voided_at.date() if pay.voided_at else None,
            reprinted_on=(today or dt.date.today()) if reprint else None,
        )


# --- monthly report ----------------------------------------------------------------


def monthly_report(book: Book, *, year: int, month: int,
                   issued_on: dt.date | None = None) -> MonthlyReport:
    """Return the cooperative's report of a month."""
    head = letterhead(book, sealed=True)
    first, nxt = month_bounds(year, month)
    series = get_settings(book).receipt_series
    with book.read() as reader:
        summary = summarize(reader, year, month)
        by_product = tuple(sales.sales_by_product(reader, first, nxt))
        purchases = tuple(sales.purchases_by_item(reader, first, nxt))
        expenses = tuple(expenses_by_category(reader, first, nxt))
        pending = tuple(
            (format_receipt_number(p.receipt_number, series), p.day, p.buyer, p.total)
            for p in sales.pending_sales(reader, nxt)
        )
        chart = sales_by_month(reader, year, month)
        _ids, skipped, _opening = statement_members(reader, year, month)
    return MonthlyReport(head, summary, by_product, purchases, expenses, pending, chart,
                         issued_on=issued_on or dt.date.today(),
                         members_without_statement=skipped)

