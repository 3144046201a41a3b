"""Repeating last week on the planilla: the common pattern typed once, as one operation.

Most members work the same days every week. Filling a week cell by cell is 7 key
presses per member; this copies her previous week into the empty days of the week
shown, and never writes where a click could not: not after today (workdays reduce a
sentence; they record work done), not in a closed month, not outside her membership,
and never over a day that already holds a workday. Every copied day is an ordinary
sheet cell, so each can be changed back on the sheet (the change is kept, voided).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from coopdesk.db.queries.workdays import live_workdays_of
from coopdesk.domain.changes import Kind, changes
from coopdesk.domain.month import Month
from coopdesk.domain.work import ProductionLine
from coopdesk.services.book import Book
from coopdesk.services.lookups import member_by_code
from coopdesk.services.months import closed_month_keys
from coopdesk.services.work import set_sheet_cell

WEEK = dt.timedelta(days=7)


def week_of(day: dt.date) -> list[dt.date]:
    """Return the Monday-to-Sunday week that holds *day*."""
    monday = day - dt.timedelta(days=day.weekday())
    return [monday + dt.timedelta(days=n) for n in range(7)]


@changes(Kind.WORKDAYS)
def repeat_last_week(
    book: Book, *, code: str, day: dt.date, today: dt.date | None = None
) -> list[dt.date]:
    """Copy member *code*'s workdays of the week before into the empty days of *day*'s week.

    One transaction: all the copied days are recorded together or none is. Days after
    *today* (the computer's date by default), in a closed month, outside her membership
    or already holding a workday are left as they are.

    Returns:
        The days that received a workday, in order (empty when there was nothing to copy).
    """
    today = today or dt.date.today()
    with book.transaction() as session:
        member = member_by_code(session, code)
        closed = closed_month_keys(session)
        week = week_of(day)
        held: dict[dt.date, list[tuple[str, Decimal]]] = {}
        for row in live_workdays_of(session, member.id, week[0] - WEEK, week[-1]):
            held.setdefault(row.day, []).append((row.line, row.fraction))
        filled = []
        for target in week:
            source = held.get(target - WEEK)
            if (not source or target in held or target > today
                    or Month.of(target).key in closed or target < member.joined_on
                    or (member.exit_on is not None and target > member.exit_on)):
                continue
            for line, fraction in sorted(source):
                set_sheet_cell(book, code=code, day=target, line=ProductionLine(line),
                               fraction=fraction)
            filled.append(target)
    return filled
