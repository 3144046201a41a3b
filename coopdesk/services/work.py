"""Workdays and labor rates: the days that are the members' pay and sentence reduction."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlmodel import Session

from coopdesk.db.queries.records import record_id
from coopdesk.db.queries.workdays import (
    RateRow,
    all_rates,
    live_workday_id,
    rate_from,
    worked_on,
)
from coopdesk.db.tables import LaborRate, Workday, now
from coopdesk.domain.changes import Kind, changes
from coopdesk.domain.errors import Conflict, InvalidInput, NotFound
from coopdesk.domain.members import check_within_membership
from coopdesk.domain.money import check_amount
from coopdesk.domain.text import check_plausible_date, clean_text
from coopdesk.domain.work import (
    FULL_DAY,
    HALF_DAY,
    ProductionLine,
    check_day_total,
    check_not_future,
)
from coopdesk.i18n import _
from coopdesk.services.book import Book, audit
from coopdesk.services.corrections import corrects_detail, find_corrected
from coopdesk.services.lookups import facts, member_by_code
from coopdesk.services.months import ensure_month_open, ensure_no_closed_month_from
from coopdesk.services.settings import update_settings


def check_workday(member_facts, day: dt.date, line: ProductionLine, fraction: Decimal) -> None:
    """The rules every workday obeys, whether typed, clicked on the sheet or imported."""
    check_plausible_date(day, what=_("the date"))
    check_not_future(day)
    ProductionLine(line)
    if fraction not in (FULL_DAY, HALF_DAY):
        raise InvalidInput(_("A workday is 1 (a full day) or 0.5 (half a day)."), field="fraction")
    check_within_membership(member_facts, day, what=_("a workday"))


@changes(Kind.WORKDAYS)
def record_workday(
    book: Book,
    *,
    code: str,
    day: dt.date,
    line: ProductionLine,
    fraction: Decimal = FULL_DAY,
    note: str = "",
    corrects: str = "",
) -> Workday:
    """Record one workday; the same member, date and line cannot be recorded twice.

    *corrects*: the uuid of the workday this one corrects, if any.
    """
    note = clean_text(note, what=_("the note"), required=False, limit=500)
    with book.transaction() as session:
        return _add_workday(
            session, code, day, ProductionLine(line), Decimal(fraction), note, corrects
        )


def _add_workday(
    session: Session, code, day, line, fraction, note, corrects="", inherited=False
) -> Workday:
    member = member_by_code(session, code)
    check_workday(facts(member), day, line, fraction)
    ensure_month_open(session, day)
    corrected = find_corrected(
        session, "workday", corrects, day=day, member_id=member.id, inherited=inherited
    )
    if _live_workday(session, member.id, day, line) is not None:
        raise Conflict(
            _("{name} already has a {line} workday on {day}.").format(
                name=member.full_name, line=line.label, day=day.strftime("%d/%m/%Y")
            ),
            field="day",
        )
    check_day_total(worked_on(session, member.id, day), fraction, who=member.full_name, day=day)
    workday = Workday(
        member_id=member.id, day=day, line=line.value, fraction=fraction, note=note,
        corrects_uuid=corrected.uuid if corrected else None,
    )
    session.add(workday)
    session.flush()
    audit(
        session,
        "create",
        "workday",
        workday.uuid,
        member=member.code,
        day=day,
        line=line.value,
        fraction=fraction,
        **corrects_detail(corrected),
    )
    return workday


def _live_workday(session: Session, member_id: int, day: dt.date, line: str) -> Workday | None:
    found = live_workday_id(session, member_id, day, line)
    return None if found is None else session.get(Workday, found)


@changes(Kind.WORKDAYS)
def void_workday(book: Book, *, uuid: str, reason: str) -> Workday:
    """Void a workday with a reason; it stays in the book, struck through."""
    reason = clean_text(reason, what=_("the reason"), required=True, limit=500)
    with book.transaction() as session:
        found = record_id(session, "workday", uuid)
        workday = None if found is None else session.get(Workday, found)
        if workday is None:
            raise NotFound(_("That workday is not in the book."))
        _void(session, workday, reason)
        return workday


def _void(session: Session, workday: Workday, reason: str) -> None:
    if workday.voided_at is not None:
        raise Conflict(_("That workday was already voided."))
    ensure_month_open(session, workday.day)
    workday.voided_at = now()
    workday.void_reason = reason
    session.add(workday)
    audit(session, "void", "workday", workday.uuid, reason=reason)


@changes(Kind.WORKDAYS)
def set_sheet_cell(
    book: Book,
    *,
    code: str,
    day: dt.date,
    line: ProductionLine,
    fraction: Decimal | None,
    corrects: str = "",
) -> Workday | None:
    """Make the monthly sheet's cell say *fraction* (None = no workday), in one transaction.

    Changing a cell voids the workday it held (reason: changed on the sheet) and
    records the new one, so the history of every click stays in the book. *corrects*:
    the uuid of the workday (usually in a closed month) that the new one corrects; a
    cell that held a correction keeps saying what it corrects when changed.
    """
    line = ProductionLine(line)
    with book.transaction() as session:
        member = member_by_code(session, code)
        current = _live_workday(session, member.id, day, line.value)
        if current is not None and fraction is not None and current.fraction == fraction:
            return current
        if fraction is not None:
            check_workday(facts(member), day, line, Decimal(fraction))
        if current is not None:
            _void(session, current, _("changed on the monthly sheet"))
        if fraction is None:
            return None
        inherited = False
        if current is not None and not corrects and current.corrects_uuid:
            # A changed correction still corrects: the link was checked when first made,
            # and the record it names may since be live in a reopened month.
            corrects, inherited = current.corrects_uuid, True
        return _add_workday(
            session, member.code, day, line, Decimal(fraction), current.note if current else "",
            corrects, inherited,
        )


@changes(Kind.RATES, Kind.SETTINGS)
def add_rate(book: Book, *, valid_from: dt.date, rate: Decimal) -> LaborRate:
    """Set the labor rate per full workday from *valid_from* on."""
    check_plausible_date(valid_from, what=_("the date"))
    check_amount(Decimal(rate), what=_("the rate"))
    with book.transaction() as session:
        ensure_no_closed_month_from(session, valid_from, field="valid_from")
        if rate_from(session, valid_from) is not None:
            raise Conflict(
                _("There is already a rate from {day}.").format(
                    day=valid_from.strftime("%d/%m/%Y")
                ),
                field="valid_from",
            )
        row = LaborRate(valid_from=valid_from, rate=Decimal(rate))
        session.add(row)
        session.flush()
        audit(session, "create", "labor_rate", row.uuid, valid_from=valid_from, rate=rate)
        _confirm_rate(book)
        return row


@changes(Kind.SETTINGS)
def confirm_rate(book: Book) -> None:
    """Record that she looked at the labor rate and it is right (a first step on Inicio)."""
    with book.transaction():
        _confirm_rate(book)


def _confirm_rate(book: Book) -> None:
    update_settings(book, rate_confirmed=True)


def list_rates(book: Book) -> list[RateRow]:
    """Return the labor rates, oldest first."""
    with book.read() as reader:
        return all_rates(reader)
