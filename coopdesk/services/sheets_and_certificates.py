"""Paper sheets (workdays, attendance) and certificates, assembled from the book."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from decimal import Decimal

from sqlmodel import select

from coopdesk.db.tables import Workshop, WorkshopSession
from coopdesk.domain.documents import (
    AttendanceSheet,
    ProgrammeRecord,
    SheetRow,
    WorkdayEntry,
    WorkdaySheet,
    WorkdaysRecord,
    WorkshopEntry,
)
from coopdesk.domain.errors import InvalidInput, NotFound
from coopdesk.domain.money import from_units
from coopdesk.domain.text import month_bounds
from coopdesk.domain.work import workday_pay
from coopdesk.i18n import _
from coopdesk.services.book import Book
from coopdesk.services.documents import iso_day, letterhead, line_label
from coopdesk.services.lookups import member_by_code, rate_table

# --- sheets ------------------------------------------------------------------------


def workday_sheet(book: Book, *, year: int, month: int, filled: bool) -> WorkdaySheet:
    """Return the month's workday sheet: active members, blank or with the recorded days."""
    head = letterhead(book)
    first, nxt = month_bounds(year, month)
    with book.read() as session:
        conn = session.connection()
        marks: dict[int, dict[int, Decimal]] = defaultdict(dict)
        if filled:
            for mid, day, frac in conn.exec_driver_sql(
                "SELECT member_id, day, sum(fraction) FROM workday WHERE voided_at IS NULL"
                " AND day >= ? AND day < ? GROUP BY member_id, day",
                (first.isoformat(), nxt.isoformat()),
            ):
                marks[mid][iso_day(day).day] = from_units(frac, 3)
        rows = tuple(
            SheetRow(code, name, marks.get(mid, {}))
            for mid, code, name, joined, left in conn.exec_driver_sql(
                "SELECT id, code, full_name, joined_on, exit_on FROM member ORDER BY code"
            )
            if (iso_day(joined) < nxt and (not left or iso_day(left) >= first)) or mid in marks
        )
    return WorkdaySheet(head, year, month, calendar.monthrange(year, month)[1], rows, filled)


def attendance_sheet(
    book: Book, *, workshop: int, day: dt.date | None = None, session_uuid: str = ""
) -> AttendanceSheet:
    """Return a session's attendance sheet (a recorded session, or a blank one for a date)."""
    head = letterhead(book)
    with book.read() as session:
        ws = session.exec(select(Workshop).where(Workshop.number == workshop)).first()
        if ws is None:
            raise NotFound(_("There is no workshop number {n}.").format(n=workshop))
        facilitator = ""
        marks: dict[int, str] = {}
        if session_uuid:
            held = session.exec(
                select(WorkshopSession).where(WorkshopSession.uuid == session_uuid)
            ).first()
            if held is None:
                raise NotFound(_("That workshop session is not in the book."))
            day, facilitator = held.held_on, held.facilitator
            marks = dict(
                session.connection().exec_driver_sql(
                    "SELECT member_id, status FROM attendance WHERE session_id = ?", (held.id,)
                ).all()
            )
        on = day or dt.date.today()
        members = tuple(
            (code, name, marks.get(mid, ""))
            for mid, code, name, joined, left in session.connection().exec_driver_sql(
                "SELECT id, code, full_name, joined_on, exit_on FROM member ORDER BY code"
            )
            if mid in marks or (iso_day(joined) <= on and (not left or iso_day(left) >= on))
        )
    return AttendanceSheet(head, ws.number, ws.title, day, facilitator, members)


# --- certificates ------------------------------------------------------------------


def programme_record(book: Book, *, code: str, issued_on: dt.date | None = None) -> ProgrammeRecord:
    """Return a member's workshop record (a programme certificate when all nine are done)."""
    head = letterhead(book)
    with book.read() as session:
        member = member_by_code(session, code)
        conn = session.connection()
        programme = tuple(
            conn.exec_driver_sql("SELECT number, title FROM workshop ORDER BY number")
        )
        first_seen: dict[int, WorkshopEntry] = {}
        for number, title, held_on in conn.exec_driver_sql(
            "SELECT w.number, w.title, s.held_on FROM attendance a"
            " JOIN workshop_session s ON s.id = a.session_id"
            " JOIN workshop w ON w.id = s.workshop_id"
            " WHERE a.status = 'present' AND a.member_id = ? ORDER BY s.held_on",
            (member.id,),
        ):
            first_seen.setdefault(number, WorkshopEntry(number, title, iso_day(held_on)))
    return ProgrammeRecord(
        letterhead=head,
        code=member.code,
        name=member.full_name,
        dni=member.dni,
        attended=tuple(first_seen[n] for n in sorted(first_seen)),
        programme=tuple((int(n), t) for n, t in programme),
        issued_on=issued_on or dt.date.today(),
    )


def workdays_record(
    book: Book, *, code: str, start: dt.date, end: dt.date, issued_on: dt.date | None = None
) -> WorkdaysRecord:
    """Return a member's workdays from *start* to *end* (both included), with the total."""
    if end < start:
        raise InvalidInput(_("The period ends before it starts."), field="end")
    head = letterhead(book)
    with book.read() as session:
        member = member_by_code(session, code)
        rates = rate_table(session)
        entries = []
        for day, line, frac in session.connection().exec_driver_sql(
            "SELECT day, line, fraction FROM workday WHERE voided_at IS NULL AND member_id = ?"
            " AND day >= ? AND day <= ? ORDER BY day, line",
            (member.id, start.isoformat(), end.isoformat()),
        ):
            day = iso_day(day)
            fraction = from_units(frac, 3)
            rate = rates.rate_on(day)
            entries.append(
                WorkdayEntry(day, line_label(line), fraction, rate, workday_pay(fraction, rate))
            )
    return WorkdaysRecord(
        letterhead=head,
        code=member.code,
        name=member.full_name,
        dni=member.dni,
        start=start,
        end=end,
        workdays=tuple(entries),
        issued_on=issued_on or dt.date.today(),
    )
