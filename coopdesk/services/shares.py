"""Members' share capital from the desk: record a movement, void one, read her capital.

The rules are the domain's (:mod:`coopdesk.domain.shares`), checked against her whole
history in date order; the book's triggers hold the totals again against the sqlite3
shell. A deduction is taken from what the cooperative owes her for her work, so it
cannot exceed what she is owed on that day.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from coopdesk.db.queries.shares import (
    capital_by_member,
    deducted_by_member,
    moves_of_members,
    share_entries,
    share_movement_row,
)
from coopdesk.db.tables import ShareMovement, now
from coopdesk.domain.changes import Kind, changes
from coopdesk.domain.errors import Conflict, InvalidInput, NotFound
from coopdesk.domain.money import check_amount
from coopdesk.domain.shares import CapitalTotals, ShareKind, ShareMove, history_problem
from coopdesk.domain.text import check_plausible_date, clean_text
from coopdesk.i18n import _
from coopdesk.services.balances import balance_of
from coopdesk.services.book import Book, audit
from coopdesk.services.lookups import member_by_code
from coopdesk.services.months import ensure_month_open


def _sentence(problem: str) -> str:
    return problem[:1].upper() + problem[1:] + "."


@changes(Kind.SHARES, Kind.PAYMENTS)
def record_share_movement(
    book: Book, *, code: str, day: dt.date, kind: ShareKind | str, amount: Decimal,
    agreement: str = "", note: str = "",
) -> ShareMovement:
    """Record one movement of a member's share capital (refused with a sentence if wrong).

    *agreement*: the assembly agreement that decided it, as typed ("Asamblea 2, acuerdo 3").
    """
    kind = ShareKind(kind)
    check_plausible_date(day, what=_("the date"))
    amount = check_amount(Decimal(amount), what=_("the amount"))
    agreement = clean_text(agreement, what=_("the agreement"), required=False, limit=120)
    note = clean_text(note, what=_("the note"), required=False, limit=500)
    with book.transaction() as session:
        ensure_month_open(session, day)
        member = member_by_code(session, code)
        if day < member.joined_on:
            raise InvalidInput(
                _("{name} joined on {joined}; a contribution before that is not possible.")
                .format(name=member.full_name, joined=member.joined_on.strftime("%d/%m/%Y")),
                field="day")
        history = moves_of_members(session.connection(), [member.id]).get(member.id, [])
        problem = history_problem([*history, ShareMove(day, kind, amount)])
        if problem:
            raise InvalidInput(_sentence(problem), field="amount")
        if kind is ShareKind.DEDUCTION:
            owed = balance_of(session, member.id, day + dt.timedelta(days=1))
            if amount > owed:
                raise InvalidInput(
                    _("{name} is owed S/ {owed} on {day}; S/ {amount} cannot be deducted from"
                      " her pay. Record a payment in cash instead, or a smaller deduction.")
                    .format(name=member.full_name, owed=owed, amount=amount,
                            day=day.strftime("%d/%m/%Y")),
                    field="amount")
        from coopdesk.services.assemblies import cited_agreement

        movement = ShareMovement(member_id=member.id, day=day, kind=kind.value, amount=amount,
                                 agreement=agreement, note=note,
                                 agreement_uuid=cited_agreement(session, agreement))
        session.add(movement)
        session.flush()
        audit(session, "create", "share_movement", movement.uuid, member=member.code,
              kind=kind.value, amount=amount)
        return movement


@changes(Kind.SHARES, Kind.PAYMENTS)
def void_share_movement(book: Book, *, uuid: str, reason: str) -> ShareMovement:
    """Void a movement with a reason (refused when her history would break a rule)."""
    reason = clean_text(reason, what=_("the reason"), required=True, limit=500)
    with book.transaction() as session:
        movement = share_movement_row(session, uuid)
        if movement is None:
            raise NotFound(_("That contribution is not in the book."))
        if movement.voided_at is not None:
            raise Conflict(_("That contribution was already voided."))
        ensure_month_open(session, movement.day)
        rest = [ShareMove(e.day, e.kind, e.amount)
                for e in share_entries(session.connection(), member_id=movement.member_id)
                if e.uuid != uuid]
        problem = history_problem(rest)
        if problem:
            raise Conflict(_("It cannot be voided: {problem}.").format(problem=problem))
        movement.voided_at = now()
        movement.void_reason = reason
        session.add(movement)
        audit(session, "void", "share_movement", movement.uuid, reason=reason)
        return movement


def member_capital(book: Book, *, code: str, until: dt.date | None = None) -> CapitalTotals:
    """Return her share capital before *until* (exclusive; everything when None)."""
    with book.read() as session:
        member = member_by_code(session, code)
        return capital_by_member(session.connection(), None, until).get(member.id,
                                                                       CapitalTotals())


def member_deducted(book: Book, *, code: str) -> Decimal:
    """Return what was deducted from her pay for her contributions (live movements)."""
    with book.read() as session:
        member = member_by_code(session, code)
        return deducted_by_member(session.connection()).get(member.id, Decimal("0.00"))
