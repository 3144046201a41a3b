"""Paper sheets (workdays, attendance) and certificates, assembled from the book."""

from __future__ import annotations

import calendar
import datetime as dt

from coopdesk.db.queries import sheets as sheet_rows
from coopdesk.db.queries.labour import workday_amounts
from coopdesk.db.queries.roster import current_roles, roster
from coopdesk.db.queries.setting_rows import highest_certificate
from coopdesk.db.queries.statements import attended
from coopdesk.db.settings_store import stored_settings
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
from coopdesk.domain.text import month_bounds
from coopdesk.i18n import N_, _
from coopdesk.services.book import Book, audit
from coopdesk.services.letterhead import letterhead, line_label
from coopdesk.services.lookups import member_by_code
from coopdesk.services.settings import get_settings

# --- sheets ------------------------------------------------------------------------


def workday_sheet(book: Book, *, year: int, month: int, filled: bool) -> WorkdaySheet:
    """Return the month's workday sheet: active members, blank or with the recorded days."""
    head = letterhead(book)
    first, nxt = month_bounds(year, month)
    with book.read() as reader:
        marks = sheet_rows.days_by_member(reader, first, nxt) if filled else {}
        rows = tuple(
            SheetRow(m.code, m.full_name, {d.day: f for d, f in marks.get(m.id, {}).items()})
            for m in roster(reader)
            if (m.joined_on < nxt and (not m.exit_on or m.exit_on >= first)) or m.id in marks
        )
    return WorkdaySheet(head, year, month, calendar.monthrange(year, month)[1], rows, filled)


def attendance_sheet(
    book: Book, *, workshop: int, day: dt.date | None = None, session_uuid: str = ""
) -> AttendanceSheet:
    """Return a session's attendance sheet (a recorded session, or a blank one for a date)."""
    head = letterhead(book)
    with book.read() as reader:
        ws = next(((n, t) for _i, n, t in sheet_rows.workshops(reader) if n == workshop), None)
        if ws is None:
            raise NotFound(_("There is no workshop number {n}.").format(n=workshop))
        facilitator = ""
        marks: dict[int, str] = {}
        if session_uuid:
            held = sheet_rows.session_by_uuid(reader, session_uuid)
            if held is None:
                raise NotFound(_("That workshop session is not in the book."))
            day, facilitator = held.held_on, held.facilitator
            marks = sheet_rows.marks(reader, held.id)
        on = day or dt.date.today()
        members = tuple(
            (m.code, m.full_name, marks.get(m.id, ""))
            for m in roster(reader)
            if m.id in marks or m.is_member_on(on)
        )
    return AttendanceSheet(head, ws[0], ws[1], day, facilitator, members)


def session_on(book: Book, *, workshop: int, day: dt.date) -> str:
    """Return the uuid of the workshop's session held on *day*, or "" when none is recorded."""
    with book.read() as reader:
        return sheet_rows.session_uuid_on(reader, workshop, day)


# --- certificates ------------------------------------------------------------------


#: Words a member's role starts with when she is the president (Spanish or English).
_PRESIDENT = ("presid",)
_STAND_INS = (("secret", N_("Secretary of the cooperative")),
              ("tesor", N_("Treasurer of the cooperative")),
              ("treas", N_("Treasurer of the cooperative")))


def _cooperative_signer(reader, role: str) -> str:
    """Return who signs for the cooperative: the president, unless she is the member herself.

    Nobody signs her own paper: for the president, the secretary signs, or the treasurer
    when the book has no secretary.
    """
    if not role.strip().casefold().startswith(_PRESIDENT):
        return _("President of the cooperative")
    roles = [r.strip().casefold() for r in current_roles(reader)]
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
        programme = tuple((n, t) for _i, n, t in sheet_rows.workshops(session))
        first_seen: dict[int, WorkshopEntry] = {}
        for a in attended(session, member_id=member.id):
            first_seen.setdefault(a.number, WorkshopEntry(a.number, a.title, a.held_on))
        own = stored_settings(session, "workshop_hours_")
        signers = (_cooperative_signer(session, member.role), _("Programme coordinator"),
                   work_area)
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
        session.flush()
        number = max(int(last.value or 0), highest_certificate(session)) + 1
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
        entries = [
            WorkdayEntry(w.day, line_label(w.line), w.fraction, w.rate, w.amount)
            for w in workday_amounts(session, start, end + dt.timedelta(days=1),
                                     member_id=member.id)
        ]
        signers = (_cooperative_signer(session, member.role),
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
