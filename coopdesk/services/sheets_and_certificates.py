"""Paper sheets (workdays, attendance) and certificates, assembled from the book."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from decimal import Decimal

from sqlmodel import select

from coopdesk.db.tables import Workshop, WorkshopSession
from coopdesk.domain.changes import Kind, changes
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
from coopdesk.i18n import N_, _
from coopdesk.services.book import Book, audit
from coopdesk.services.documents import iso_day, letterhead, line_label
from coopdesk.services.lookups import member_by_code, rate_table
from coopdesk.services.settings import get_settings

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


def session_on(book: Book, *, workshop: int, day: dt.date) -> str:
    """Return the uuid of the workshop's session held on *day*, or "" when none is recorded."""
    with book.read() as session:
        found = session.connection().exec_driver_sql(
            "SELECT s.uuid FROM workshop_session s JOIN workshop w ON w.id = s.workshop_id"
            " WHERE w.number = ? AND s.held_on = ? ORDER BY s.id LIMIT 1",
            (workshop, day.isoformat())).scalar()
    return found or ""


# --- certificates ------------------------------------------------------------------


#: Words a member's role starts with when she is the president (Spanish or English).
_PRESIDENT = ("presid",)
_STAND_INS = (("secret", N_("Secretary of the cooperative")),
              ("tesor", N_("Treasurer of the cooperative")),
              ("treas", N_("Treasurer of the cooperative")))


def _cooperative_signer(conn, role: str) -> str:
    """Return who signs for the cooperative: the president, unless she is the member herself.

    Nobody signs her own paper: for the president, the secretary signs, or the treasurer
    when the book has no secretary.
    """
    if not role.strip().casefold().startswith(_PRESIDENT):
        return _("President of the cooperative")
    roles = [r.strip().casefold() for (r,) in conn.exec_driver_sql(
        "SELECT role FROM member WHERE exit_on IS NULL OR exit_on = ''")]
    for start, label in _STAND_INS:
        if any(r.startswith(start) for r in roles):
            return _(label)
    return _("Secretary of the cooperative")


def _work_area(book: Book) -> str:
    """Return the title of who signs for the prison's work area (a setting, or the usual one)."""
    title = get_settings(book).work_area_title
    return title or _("Head of the work area of the prison (INPE)")


def programme_record(book: Book, *, code: str, issued_on: dt.date | None = None) -> ProgrammeRecord:
    """Return a member's workshop record (a numbered certificate when all nine are done).

    A member who attended no session has nothing to certify and is refused. The full
    certificate takes the next number of the series the first time it is printed; later
    prints carry the same number, and no number is ever given twice.
    """
    head = letterhead(book)
    settings = get_settings(book)
    work_area = _work_area(book)
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
        own = dict(conn.exec_driver_sql(
            "SELECT key, value FROM setting WHERE key LIKE 'workshop_hours_%'").all())
        signers = (_cooperative_signer(conn, member.role), _("Programme coordinator"), work_area)
    if not first_seen:
        raise InvalidInput(_("{name} ({code}) has not attended any workshop session yet: there "
                             "is nothing to certify.").format(name=member.full_name,
                                                              code=member.code))
    hours = tuple((int(n), int(own.get(f"workshop_hours_{int(n)}", settings.workshop_hours)))
                  for n, _t in programme)
    complete = len(first_seen) == len(programme)
    return ProgrammeRecord(
        letterhead=head,
        code=member.code,
        name=member.full_name,
        dni=member.dni,
        attended=tuple(first_seen[n] for n in sorted(first_seen)),
        programme=tuple((int(n), t) for n, t in programme),
        issued_on=issued_on or dt.date.today(),
        number=certificate_number(book, member.uuid) if complete else 0,
        hours=hours,
        signers=signers,
    )


@changes(Kind.DOCUMENTS)
def certificate_number(book: Book, member_uuid: str) -> int:
    """Return the member's certificate number, taking the series' next one the first time."""
    from coopdesk.db.tables import Setting

    key = f"certificate_{member_uuid}"
    with book.transaction() as session:
        mine = session.get(Setting, key)
        if mine is not None:
            return int(mine.value)
        last = session.get(Setting, "certificate_last") or Setting(key="certificate_last",
                                                                    value="0")
        # The highest number given counts too: a counter put back by hand reuses nothing.
        given = session.connection().exec_driver_sql(
            "SELECT max(CAST(value AS INTEGER)) FROM setting WHERE key LIKE 'certificate_%'"
            " AND key != 'certificate_last'").scalar() or 0
        number = max(int(last.value or 0), int(given)) + 1
        last.value = str(number)
        session.add(last)
        session.add(Setting(key=key, value=str(number)))
        audit(session, "issue", "certificate", member_uuid, number=number)
    return number


def workdays_record(
    book: Book, *, code: str, start: dt.date, end: dt.date, issued_on: dt.date | None = None
) -> WorkdaysRecord:
    """Return a member's workdays from *start* to *end* (both included), with the total."""
    if end < start:
        raise InvalidInput(_("The period ends before it starts."), field="end")
    head = letterhead(book)
    work_area = _work_area(book)
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
        signers = (_cooperative_signer(session.connection(), member.role),
                   _("Workshop coordinator"), work_area)
    return WorkdaysRecord(
        letterhead=head,
        code=member.code,
        name=member.full_name,
        dni=member.dni,
        start=start,
        end=end,
        workdays=tuple(entries),
        issued_on=issued_on or dt.date.today(),
        signers=signers,
    )
