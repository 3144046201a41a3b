"""The cooperative's funds: the reserve, which is never paid out, and the education fund.

Money comes in when the assembly approves the year's distribution (see
:mod:`coopdesk.services.distribution`) or by a manual entry with its note; the
education fund pays the training workshops' costs, each linked to its session. The
rules are checked here with a sentence for the coordinator, and held again by the
book's triggers against the sqlite3 shell (revision 0011).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from coopdesk.db.queries import funds as rows
from coopdesk.db.queries.funds import FUNDS, FundEntry, FundFlow
from coopdesk.db.tables import FundMovement, now
from coopdesk.domain.changes import Kind, changes
from coopdesk.domain.errors import Conflict, InvalidInput, NotFound
from coopdesk.domain.money import CENT, check_amount
from coopdesk.domain.text import check_plausible_date, clean_text
from coopdesk.i18n import _
from coopdesk.services.book import Book, audit
from coopdesk.services.months import ensure_month_open
from coopdesk.services.settings import read_setting


def fund_name(fund: str) -> str:
    """The fund's name for screens and paper."""
    return {"reserve": _("Reserve fund"), "education": _("Education fund")}.get(fund, fund)


def _check_fund(fund: str) -> str:
    if fund not in FUNDS:
        raise InvalidInput(_("The fund must be reserve or education."), field="fund")
    return fund


def _check_money(amount) -> Decimal:
    amount = check_amount(Decimal(amount), what=_("the amount"))
    if amount != amount.quantize(CENT):
        raise InvalidInput(_("The amount has more than 2 decimals."), field="amount")
    return amount


def reserve_refusal(session) -> str:
    """The sentence that refuses any payment out of the reserve, naming the bylaws' article."""
    article = read_setting(session, "reserve_article")
    if article:
        return _("Nothing is ever paid out of the reserve fund: the bylaws keep it for the "
                 "cooperative ({article}). Nothing was recorded.").format(article=article)
    return _("Nothing is ever paid out of the reserve fund: the bylaws keep it for the "
             "cooperative. Nothing was recorded.")


def _check_can_pay(session, fund: str, day: dt.date, amount: Decimal) -> None:
    """Refuse taking *amount* out of *fund* on *day* (the reserve never; the rest if short)."""
    if fund == "reserve":
        raise InvalidInput(reserve_refusal(session), field="fund")
    available = rows.lowest_balance_from(session, fund, day)
    if amount > available:
        raise InvalidInput(shortfall(fund, day, available, amount), field="amount")


def shortfall(fund: str, day: dt.date, available: Decimal, amount: Decimal) -> str:
    """The sentence refusing *amount* out of *fund* on *day* when only *available* can go."""
    return _("The {fund} can pay at most S/ {available} on {day}, counting what it pays "
             "later; S/ {amount} cannot be paid from it. Nothing was recorded.").format(
        fund=fund_name(fund).lower(), available=max(available, Decimal("0.00")),
        amount=amount, day=day.strftime("%d/%m/%Y"))


def workshop_note(workshop: int, held_on: dt.date) -> str:
    """The note of a workshop's cost paid without one."""
    return _("Workshop {n} on {day}").format(n=workshop, day=held_on.strftime("%d/%m/%Y"))


def _add(session, *, fund: str, day: dt.date, direction: str, amount: Decimal, source: str,
         source_uuid: str | None, note: str) -> FundMovement:
    movement = FundMovement(fund=fund, day=day, direction=direction, amount=amount,
                            source=source, source_uuid=source_uuid, note=note)
    session.add(movement)
    session.flush()
    audit(session, "create", "fund_movement", movement.uuid, fund=fund, direction=direction,
          amount=amount, source=source, source_uuid=source_uuid or "")
    return movement


def post_distribution(session, *, distribution_uuid: str, day: dt.date, year: int,
                      reserve: Decimal, education: Decimal) -> list[FundMovement]:
    """Credit the funds their parts of an approved distribution, in the caller's transaction."""
    note = _("Part of the {year} surplus").format(year=year)
    return [_add(session, fund=fund, day=day, direction="in", amount=amount,
                 source="distribution", source_uuid=distribution_uuid, note=note)
            for fund, amount in (("reserve", reserve), ("education", education)) if amount > 0]


@changes(Kind.FUNDS)
def record_fund_movement(book: Book, *, fund: str, day: dt.date, direction: str,
                         amount: Decimal, note: str) -> FundMovement:
    """Record money into or out of a fund by hand, explained by its note.

    Anything out of the reserve is refused, and out of the education fund only what it
    has on that day and every later day.
    """
    fund = _check_fund(fund)
    if direction not in ("in", "out"):
        raise InvalidInput(_("The direction must be in or out."), field="direction")
    check_plausible_date(day, what=_("the date"))
    note = clean_text(note, what=_("the note"), required=True, limit=500)
    with book.transaction() as session:
        if fund == "reserve" and direction == "out":
            raise InvalidInput(reserve_refusal(session), field="fund")
        amount = _check_money(amount)
        ensure_month_open(session, day)
        if direction == "out":
            _check_can_pay(session, fund, day, amount)
        return _add(session, fund=fund, day=day, direction=direction, amount=amount,
                    source="manual", source_uuid=None, note=note)


@changes(Kind.FUNDS)
def pay_workshop_cost(book: Book, *, workshop: int, held_on: dt.date, amount: Decimal,
                      note: str = "") -> FundMovement:
    """Pay a training workshop session's cost from the education fund, dated the session's day.

    Refused when the session is not in the book or the fund lacks the money.
    """
    check_plausible_date(held_on, what=_("the date"))
    note = clean_text(note, what=_("the note"), required=False, limit=500)
    with book.transaction() as session:
        amount = _check_money(amount)
        session_uuid = rows.workshop_session_uuid(session, workshop, held_on)
        if session_uuid is None:
            raise NotFound(_("Workshop {n} has no session on {day}; record the session "
                             "first.").format(n=workshop, day=held_on.strftime("%d/%m/%Y")),
                           field="held_on")
        ensure_month_open(session, held_on, field="held_on")
        _check_can_pay(session, "education", held_on, amount)
        return _add(session, fund="education", day=held_on, direction="out", amount=amount,
                    source="workshop", source_uuid=session_uuid,
                    note=note or workshop_note(workshop, held_on))


@changes(Kind.FUNDS)
def void_fund_movement(book: Book, *, uuid: str, reason: str) -> FundMovement:
    """Void a manual entry or a workshop's cost with a reason.

    A distribution's part stands with the approved distribution; voiding money that
    came in is refused when it was already spent.
    """
    reason = clean_text(reason, what=_("the reason"), required=True, limit=500)
    with book.transaction() as session:
        movement = rows.fund_movement_row(session, uuid)
        if movement is None:
            raise NotFound(_("That fund movement is not in the book."))
        if movement.voided_at is not None:
            raise Conflict(_("That fund movement was already voided."))
        if movement.source == "distribution":
            raise Conflict(_("A part of an approved distribution cannot be voided: it stands "
                             "with the assembly's agreement."))
        ensure_month_open(session, movement.day)
        if movement.direction == "in":
            left = rows.lowest_balance_from(session, movement.fund, movement.day)
            if movement.amount > left:
                raise Conflict(_("It cannot be voided: the {fund} already spent that money."
                                 ).format(fund=fund_name(movement.fund).lower()))
        movement.voided_at = now()
        movement.void_reason = reason
        session.add(movement)
        audit(session, "void", "fund_movement", movement.uuid, reason=reason)
        return movement


def fund_flows(book: Book, start: dt.date, end: dt.date) -> dict[str, FundFlow]:
    """Return each fund's opening, in, out and closing over start <= day < end."""
    with book.read() as reader:
        return rows.fund_flows(reader, start, end)


def fund_movements(book: Book, *, start: dt.date | None = None, end: dt.date | None = None,
                   include_voided: bool = False) -> list[FundEntry]:
    """Return the funds' movements with start <= day < end."""
    with book.read() as reader:
        return rows.fund_entries(reader, start=start, end=end, include_voided=include_voided)


def fund_balance(book: Book, fund: str, on: dt.date | None = None) -> Decimal:
    """Return a fund's balance at the end of *on* (everything when None)."""
    with book.read() as reader:
        return rows.fund_balance(reader, _check_fund(fund),
                                 None if on is None else on + dt.timedelta(days=1))


def workshop_sessions(book: Book) -> list[rows.SessionCost]:
    """Return every workshop session, newest first, with what the education fund paid for it."""
    with book.read() as reader:
        return rows.session_costs(reader)
