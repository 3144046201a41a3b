"""The plain data of each printed document, assembled from the book (one read per document)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from sqlmodel import Session, select

from coopdesk.db.queries.shares import capital_by_member, share_entries
from coopdesk.db.tables import Member, MemberPayment, SaleLineRow
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
from coopdesk.domain.money import ZERO, from_cents, from_units
from coopdesk.domain.text import month_bounds
from coopdesk.domain.trade import SaleLine, format_receipt_number
from coopdesk.domain.work import ProductionLine, workday_pay
from coopdesk.domain.workshops import WORKSHOP_COUNT
from coopdesk.i18n import _
from coopdesk.services.balances import balance_of, balances
from coopdesk.services.book import Book
from coopdesk.services.check import chain_seal
from coopdesk.services.corrections import correction_links, payment_receipt_number
from coopdesk.services.income_split import split_entries, split_in_force
from coopdesk.services.lookups import member_by_code, rate_table
from coopdesk.services.queries import sales_by_month
from coopdesk.services.settings import get_settings
from coopdesk.services.summary import summarize
from coopdesk.services.trade import sale_by_number


def letterhead(book: Book, *, sealed: bool = False) -> Letterhead:
    """Return who issues the paper, from the book's settings (*sealed*: with the book's seal)."""
    s = get_settings(book)
    seal = chain_seal(book) if sealed else ""
    return Letterhead(s.display_name, s.site, s.institution, s.formalised, seal=seal,
                      ruc=s.ruc, place=s.place)


def line_label(code: str) -> str:
    """Return the printed name of a production line."""
    try:
        return ProductionLine(code).label
    except ValueError:
        return code


def iso_day(text: str) -> dt.date:
    """Return the date of a day as SQLite keeps it (ISO text)."""
    return dt.date.fromisoformat(text[:10])


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


def statement_members(session: Session, year: int, month: int
                      ) -> tuple[list[int], int, dict[int, Decimal]]:
    """Return who gets a statement for the month, how many do not, and the opening balances.

    Every member of the book by the month's end gets one, also those who have left (her
    family may collect a final settlement), except a woman who left before the month
    began, is owed nothing and owes nothing, and has no workday, payment or credit in
    it: an all-zero page every month for every woman who ever left helps nobody.
    Women who joined after the month have no statement for it.
    """
    first, nxt = month_bounds(year, month)
    conn = session.connection()
    rows = conn.exec_driver_sql("SELECT id, joined_on, exit_on FROM member ORDER BY code").all()
    opening = _openings(session, first)
    busy = {
        mid
        for (mid,) in conn.exec_driver_sql(
            "SELECT member_id FROM workday WHERE voided_at IS NULL AND day >= ? AND day < ?"
            " UNION SELECT member_id FROM member_payment"
            " WHERE voided_at IS NULL AND day >= ? AND day < ?"
            " UNION SELECT member_id FROM member_credit"
            " WHERE voided_at IS NULL AND day >= ? AND day < ?",
            (first.isoformat(), nxt.isoformat()) * 3,
        )
    } | {e.member_id for e in share_entries(conn, start=first, end=nxt)}
    ids, skipped = [], 0
    for mid, joined, left in rows:
        moved = mid in busy or opening.get(mid, ZERO) != 0
        if moved or (iso_day(joined) < nxt and not (left and iso_day(left) < first)):
            ids.append(mid)
        elif iso_day(joined) < nxt:
            skipped += 1
    return ids, skipped, opening


def _openings(session: Session, first: dt.date) -> dict[int, Decimal]:
    return balances(session, first)  # earned + credited (surplus shares) − paid − deducted


def _statements(
    session: Session,
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
    span = (first.isoformat(), nxt.isoformat())
    conn = session.connection()
    if opening is None:
        opening = _openings(session, first)
    rates = rate_table(session)
    wanted = set(ids)
    names = {
        mid: (code, name)
        for mid, code, name in conn.exec_driver_sql("SELECT id, code, full_name FROM member")
        if mid in wanted
    }
    workdays: dict[int, list[WorkdayEntry]] = defaultdict(list)
    for mid, day, line, frac, corrects in conn.exec_driver_sql(
        "SELECT w.member_id, w.day, w.line, w.fraction, c.day FROM workday w"
        " LEFT JOIN workday c ON c.uuid = w.corrects_uuid"
        " WHERE w.voided_at IS NULL AND w.day >= ? AND w.day < ? ORDER BY w.day, w.line",
        span,
    ):
        if mid in wanted:
            day = iso_day(day)
            fraction = from_units(frac, 3)
            rate = rates.rate_on(day)
            workdays[mid].append(
                WorkdayEntry(day, line_label(line), fraction, rate, workday_pay(fraction, rate),
                             iso_day(corrects) if corrects else None)
            )
    payments: dict[int, list[PaymentEntry]] = defaultdict(list)
    entries = split_entries(session)
    split: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for mid, day, cents, received_by, note, corrects in conn.exec_driver_sql(
        "SELECT p.member_id, p.day, p.amount, p.received_by, p.note, r.number"
        " FROM member_payment p"
        " LEFT JOIN member_payment c ON c.uuid = p.corrects_uuid"
        " LEFT JOIN payment_receipt r ON r.payment_id = c.id"
        " WHERE p.voided_at IS NULL AND p.day >= ? AND p.day < ? ORDER BY p.day, p.id",
        span,
    ):
        if mid in wanted:
            payments[mid].append(PaymentEntry(
                iso_day(day), from_cents(cents), received_by, note,
                f"{corrects:06d}" if corrects else "",
            ))
            rule = split_in_force(entries, iso_day(day))
            for key, amount in rule.split(from_cents(cents)) if rule else ():
                split[mid][key] = split[mid].get(key, ZERO) + amount
    credits: dict[int, list[CreditEntry]] = defaultdict(list)
    for mid, day, cents, note in conn.exec_driver_sql(
        "SELECT member_id, day, amount, note FROM member_credit"
        " WHERE voided_at IS NULL AND day >= ? AND day < ? ORDER BY day, id",
        span,
    ):
        if mid in wanted:
            credits[mid].append(CreditEntry(iso_day(day), from_cents(cents), note))
    contributions: dict[int, list[ContributionEntry]] = defaultdict(list)
    for entry in share_entries(conn, start=first, end=nxt):
        if entry.member_id in wanted:
            contributions[entry.member_id].append(ContributionEntry(
                entry.day, entry.kind.value, entry.amount, entry.agreement, entry.note))
    capital = capital_by_member(conn, None, nxt)
    workshops: dict[int, list[WorkshopEntry]] = defaultdict(list)
    done: dict[int, set[int]] = defaultdict(set)
    for mid, number, title, held_on in conn.exec_driver_sql(
        "SELECT a.member_id, w.number, w.title, s.held_on FROM attendance a"
        " JOIN workshop_session s ON s.id = a.session_id"
        " JOIN workshop w ON w.id = s.workshop_id"
        " WHERE a.status = 'present' AND s.held_on < ? ORDER BY s.held_on, w.number",
        (nxt.isoformat(),),
    ):
        if mid in wanted:
            done[mid].add(number)
            if iso_day(held_on) >= first:
                workshops[mid].append(WorkshopEntry(number, title, iso_day(held_on)))
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
        sale = sale_by_number(session, number)
        conn = session.connection()
        buyer = conn.exec_driver_sql(
            "SELECT name FROM buyer WHERE id = ?", (sale.buyer_id,)
        ).scalar()
        lines = []
        for row in session.exec(
            select(SaleLineRow).where(SaleLineRow.sale_id == sale.id).order_by(SaleLineRow.position)
        ):
            product = conn.exec_driver_sql(
                "SELECT name FROM product WHERE id = ?", (row.product_id,)
            ).scalar()
            lines.append(SaleLine(product, Decimal(row.quantity), Decimal(row.unit_price)))
        corrects, corrected_by = correction_links(session, "sale", sale)
        return SaleReceipt(
            letterhead=head,
            number=sale.receipt_number,
            number_text=format_receipt_number(sale.receipt_number, series),
            day=sale.day,
            buyer=buyer,
            lines=tuple(lines),
            paid=bool(sale.paid),
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
    with book.read() as session:
        found = session.connection().exec_driver_sql(
            "SELECT p.uuid FROM payment_receipt r JOIN member_payment p ON p.id = r.payment_id"
            " WHERE r.number = ?", (number,)).scalar()
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
        pay = session.exec(select(MemberPayment).where(MemberPayment.uuid == payment_uuid)).first()
        if pay is None:
            raise NotFound(_("That payment is not in the book."))
        member = session.get(Member, pay.member_id)
        owed_after = balance_of(session, member.id, pay.day + dt.timedelta(days=1))
        # Payments of the same day recorded after this one are not yet made on this paper.
        later = session.connection().exec_driver_sql(
            "SELECT coalesce(sum(amount), 0) FROM member_payment WHERE voided_at IS NULL"
            " AND member_id = ? AND day = ? AND id > ?",
            (member.id, pay.day.isoformat(), pay.id),
        ).scalar()
        owed_after += from_cents(later)
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
    span = (first.isoformat(), nxt.isoformat())
    with book.read() as session:
        conn = session.connection()
        summary = summarize(session, year, month)
        by_product = tuple(
            (name, from_units(qty, 3), from_cents(cents))
            for name, qty, cents in conn.exec_driver_sql(
                "SELECT p.name, sum(l.quantity), sum(l.total) AS t FROM sale_line l"
                " JOIN sale s ON s.id = l.sale_id JOIN product p ON p.id = l.product_id"
                " WHERE s.voided_at IS NULL AND s.day >= ? AND s.day < ?"
                " GROUP BY p.id ORDER BY t DESC, p.name",
                span,
            )
        )
        purchases = tuple(
            (name, from_cents(cents))
            for name, cents in conn.exec_driver_sql(
                "SELECT i.name, sum(p.total) AS t FROM purchase p"
                " JOIN input_item i ON i.id = p.item_id"
                " WHERE p.voided_at IS NULL AND p.day >= ? AND p.day < ?"
                " GROUP BY i.id ORDER BY t DESC, i.name",
                span,
            )
        )
        expenses = tuple(
            (category, from_cents(cents))
            for category, cents in conn.exec_driver_sql(
                "SELECT category, sum(amount) AS t FROM expense"
                " WHERE voided_at IS NULL AND day >= ? AND day < ?"
                " GROUP BY category ORDER BY t DESC, category",
                span,
            )
        )
        series = get_settings(book).receipt_series
        pending = tuple(
            (format_receipt_number(number, series), iso_day(day), buyer, from_cents(cents))
            for number, day, buyer, cents in conn.exec_driver_sql(
                "SELECT s.receipt_number, s.day, b.name, s.total FROM sale s"
                " JOIN buyer b ON b.id = s.buyer_id"
                " WHERE s.voided_at IS NULL AND s.day < ?"
                " AND (NOT s.paid OR s.paid_on >= ?)"
                " ORDER BY s.day, s.receipt_number",
                (nxt.isoformat(), nxt.isoformat()),
            )
        )
        chart = sales_by_month(session, year, month)
        _ids, skipped, _opening = statement_members(session, year, month)
    return MonthlyReport(head, summary, by_product, purchases, expenses, pending, chart,
                         issued_on=issued_on or dt.date.today(),
                         members_without_statement=skipped)


_MOVED = ("workday_sheet", "attendance_sheet", "programme_record", "workdays_record")


def __getattr__(name: str):
    """Keep the sheets and certificates importable from here (they live in their own module)."""
    if name in _MOVED:
        from coopdesk.services import sheets_and_certificates

        return getattr(sheets_and_certificates, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
