"""Closed months: once statements are printed, nothing dated in the month may change.

Every service that adds, changes or voids a dated record calls
:func:`ensure_month_open` inside its transaction; SQL triggers refuse the same
writes from outside the program. Corrections go into an open month and name the
record they correct (see :mod:`coopdesk.services.corrections`).
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session

from coopdesk.db.queries import corrections as closed
from coopdesk.db.tables import ClosedMonth
from coopdesk.domain.changes import Kind, changes
from coopdesk.domain.errors import Conflict, InvalidInput
from coopdesk.domain.month import FIRST_YEAR, LAST_YEAR, Month
from coopdesk.domain.text import clean_text
from coopdesk.formats import date_str
from coopdesk.i18n import _
from coopdesk.services.book import Book, audit


def ensure_month_open(session: Session, day: dt.date, *, field: str | None = "day") -> None:
    """Refuse a change dated *day* when its month is closed."""
    if closed.month_closed(session, Month.of(day).key):
        _refuse(day, field)


def closed_month_keys(session: Session) -> set[str]:
    """Return the closed months as a set of ``YYYY-MM`` (for checking many rows at once)."""
    return closed.closed_month_keys(session)


def ensure_open_in(closed: set[str], day: dt.date, *, field: str | None = "day") -> None:
    """Refuse *day* when its month is in *closed* (an import checks every row this way)."""
    if Month.of(day).key in closed:
        _refuse(day, field)


def _refuse(day: dt.date, field: str | None) -> None:
    raise Conflict(
        _(
            "The month {month} is closed: nothing dated in it can be added, changed or "
            "voided. Record the correction in an open month and write the record it "
            "corrects in its Corrects field."
        ).format(month=Month.of(day).label),
        field=field,
    )


def ensure_no_closed_month_from(
    session: Session, day: dt.date, *, field: str | None = None
) -> None:
    """Refuse a change in force from *day* on (a labor rate) when a later month is closed."""
    found = closed.first_closed_from(session, Month.of(day).key)
    if found is not None:
        raise Conflict(
            _(
                "The month {month} is closed and a change from {day} on would alter it. "
                "Choose a date in an open month."
            ).format(month=_label(found), day=date_str(day)),
            field=field,
        )


def closed_months(book: Book) -> list[str]:
    """Return the closed months as ``YYYY-MM``, oldest first."""
    with book.read() as reader:
        return sorted(closed.closed_month_keys(reader))


def is_month_closed(book: Book, year: int, month: int) -> bool:
    """Return True when the month is closed."""
    with book.read() as reader:
        return Month(year, month).key in closed.closed_month_keys(reader)


@changes(Kind.MONTHS)
def close_month(book: Book, *, year: int, month: int, note: str = "") -> None:
    """Close a month after its statements were printed."""
    key = _check_month(year, month)
    note = clean_text(note, what=_("the note"), required=False, limit=500)
    with book.transaction() as session:
        if session.get(ClosedMonth, key) is not None:
            raise Conflict(_("The month {month} is already closed.").format(month=_label(key)))
        session.add(ClosedMonth(month=key, note=note))
        audit(session, "close", "month", key, before={"closed": False}, after={"closed": True},
              reason=note)


@changes(Kind.MONTHS)
def reopen_month(book: Book, *, year: int, month: int, reason: str) -> None:
    """Reopen a closed month; the reason is required and kept in the audit trail."""
    key = _check_month(year, month)
    reason = clean_text(reason, what=_("the reason"), required=True, limit=500)
    with book.transaction() as session:
        row = session.get(ClosedMonth, key)
        if row is None:
            raise Conflict(_("The month {month} is not closed.").format(month=_label(key)))
        # The audit event first: the SQL guard lets a closed month go only when this
        # operation has written its reopen event (revision 0007).
        audit(session, "reopen", "month", key, before={"closed": True}, after={"closed": False},
              reason=reason)
        session.flush()
        session.delete(row)


def _check_month(year: int, month: int) -> str:
    if not (FIRST_YEAR <= int(year) <= LAST_YEAR and 1 <= int(month) <= 12):
        raise InvalidInput(_("That month does not exist."))
    return Month(int(year), int(month)).key


def _label(key: str) -> str:
    """Return a closed month's key (``2022-10``) as a sentence names it (``10/2022``)."""
    return Month.parse(key).label
