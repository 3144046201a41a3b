"""Paying members (and their families) and recording other expenses."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from coopdesk.db.queries.records import record_id
from coopdesk.db.tables import Expense, MemberPayment, now
from coopdesk.domain.changes import Kind, changes
from coopdesk.domain.errors import Conflict, InvalidInput, NotFound
from coopdesk.domain.money import check_amount
from coopdesk.domain.text import check_plausible_date, clean_text
from coopdesk.i18n import _
from coopdesk.services.balances import balance_of
from coopdesk.services.book import Book, audit
from coopdesk.services.corrections import corrects_detail, find_corrected
from coopdesk.services.lookups import member_by_code
from coopdesk.services.months import ensure_month_open


class AdvanceNeedsConfirmation(Conflict):
    """The payment is more than she is owed; the person must confirm it as an advance."""

    def __init__(self, message: str, owed: Decimal) -> None:
        super().__init__(message, field="amount")
        self.owed = owed


def owed_to(book: Book, *, code: str, on: dt.date | None = None) -> Decimal:
    """Return what the cooperative owes the member up to and including *on* (or everything)."""
    with book.read() as session:
        member = member_by_code(session, code)
        until = on + dt.timedelta(days=1) if on else None
        return balance_of(session, member.id, until)


@changes(Kind.PAYMENTS)
def pay_member(
    book: Book,
    *,
    code: str,
    day: dt.date,
    amount: Decimal,
    note: str = "",
    received_by: str = "",
    confirm_advance: bool = False,
    corrects: str = "",
) -> MemberPayment:
    """Pay a member; paying more than she is owed needs ``confirm_advance=True``.

    *corrects*: the receipt number (or uuid) of the payment this one corrects, if any.
    """
    check_plausible_date(day, what=_("the date"))
    check_amount(Decimal(amount), what=_("the amount"))
    note = clean_text(note, what=_("the note"), required=False, limit=500)
    received_by = clean_text(received_by, what=_("the name of who receives it"), required=False)
    with book.transaction() as session:
        ensure_month_open(session, day)
        member = member_by_code(session, code)
        corrected = find_corrected(
            session, "member_payment", corrects, day=day, member_id=member.id
        )
        if day < member.joined_on:
            raise InvalidInput(
                _("{name} joined on {joined}; a payment before that is not possible.").format(
                    name=member.full_name, joined=member.joined_on.strftime("%d/%m/%Y")
                ),
                field="day",
            )
        owed = balance_of(session, member.id, day + dt.timedelta(days=1))
        if Decimal(amount) > owed and not confirm_advance:
            raise AdvanceNeedsConfirmation(
                _(
                    "{name} is owed S/ {owed}; paying S/ {amount} is an advance. "
                    "Confirm it as an advance to record it."
                ).format(name=member.full_name, owed=owed, amount=amount),
                owed,
            )
        payment = MemberPayment(
            member_id=member.id, day=day, amount=Decimal(amount), note=note,
            received_by=received_by, corrects_uuid=corrected.uuid if corrected else None,
        )
        session.add(payment)
        session.flush()
        audit(
            session,
            "create",
            "member_payment",
            payment.uuid,
            member=member.code,
            amount=amount,
            advance=Decimal(amount) > owed,
            **corrects_detail(corrected),
        )
        return payment


@changes(Kind.PAYMENTS)
def void_payment(book: Book, *, uuid: str, reason: str) -> MemberPayment:
    """Void a payment with a reason."""
    reason = clean_text(reason, what=_("the reason"), required=True, limit=500)
    with book.transaction() as session:
        found = record_id(session, "member_payment", uuid)
        payment = None if found is None else session.get(MemberPayment, found)
        if payment is None:
            raise NotFound(_("That payment is not in the book."))
        if payment.voided_at is not None:
            raise Conflict(_("That payment was already voided."))
        ensure_month_open(session, payment.day)
        payment.voided_at = now()
        payment.void_reason = reason
        session.add(payment)
        audit(session, "void", "member_payment", payment.uuid, reason=reason)
        return payment


@changes(Kind.EXPENSES)
def record_expense(
    book: Book,
    *,
    day: dt.date,
    category: str,
    amount: Decimal,
    note: str = "",
    corrects: str = "",
) -> Expense:
    """Record another expense (the institution's contribution, transport...).

    *corrects*: the uuid of the expense this one corrects, if any.
    """
    check_plausible_date(day, what=_("the date"))
    check_amount(Decimal(amount), what=_("the amount"))
    category = clean_text(category, what=_("the category"), required=True, limit=60)
    note = clean_text(note, what=_("the note"), required=False, limit=500)
    with book.transaction() as session:
        ensure_month_open(session, day)
        corrected = find_corrected(session, "expense", corrects, day=day)
        expense = Expense(
            day=day, category=category, amount=Decimal(amount), note=note,
            corrects_uuid=corrected.uuid if corrected else None,
        )
        session.add(expense)
        session.flush()
        audit(session, "create", "expense", expense.uuid, category=category, amount=amount,
              **corrects_detail(corrected))
        return expense


@changes(Kind.EXPENSES)
def void_expense(book: Book, *, uuid: str, reason: str) -> Expense:
    """Void an expense with a reason."""
    reason = clean_text(reason, what=_("the reason"), required=True, limit=500)
    with book.transaction() as session:
        found = record_id(session, "expense", uuid)
        expense = None if found is None else session.get(Expense, found)
        if expense is None:
            raise NotFound(_("That expense is not in the book."))
        if expense.voided_at is not None:
            raise Conflict(_("That expense was already voided."))
        ensure_month_open(session, expense.day)
        expense.voided_at = now()
        expense.void_reason = reason
        session.add(expense)
        audit(session, "void", "expense", expense.uuid, reason=reason)
        return expense
