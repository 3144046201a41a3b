"""Training workshops: sessions, attendance and each member's progress "x de 9"."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session

from coopdesk.db.queries.roster import roster
from coopdesk.db.queries.workshops import (
    WorkshopRow,
    all_workshops,
    attendance_mark_id,
    session_id_of,
    session_on,
    workshop_numbered,
    workshops_attended,
)
from coopdesk.db.tables import AttendanceMark, WorkshopSession
from coopdesk.domain.changes import Kind, changes
from coopdesk.domain.errors import Conflict, NotFound
from coopdesk.domain.members import check_within_membership
from coopdesk.domain.text import check_plausible_date, clean_text
from coopdesk.domain.workshops import WORKSHOP_COUNT, Attendance
from coopdesk.i18n import _
from coopdesk.services.book import Book, audit
from coopdesk.services.lookups import facts, member_by_code
from coopdesk.services.months import ensure_month_open


def list_workshops(book: Book) -> list[WorkshopRow]:
    """Return the nine workshops in the programme's order."""
    with book.read() as reader:
        return all_workshops(reader)


@changes(Kind.WORKSHOPS)
def add_session(
    book: Book, *, workshop: int, held_on: dt.date, facilitator: str = "", notes: str = ""
) -> WorkshopSession:
    """Record that a workshop met on a date."""
    check_plausible_date(held_on, what=_("the date"))
    facilitator = clean_text(facilitator, what=_("the facilitator"), required=False)
    notes = clean_text(notes, what=_("the notes"), required=False, limit=500)
    with book.transaction() as session:
        ensure_month_open(session, held_on, field="held_on")
        ws = _workshop(session, workshop)
        if session_on(session, ws.id, held_on) is not None:
            raise Conflict(
                _("Workshop {n} already has a session on {day}.").format(
                    n=workshop, day=held_on.strftime("%d/%m/%Y")
                ),
                field="held_on",
            )
        row = WorkshopSession(
            workshop_id=ws.id, held_on=held_on, facilitator=facilitator, notes=notes
        )
        session.add(row)
        session.flush()
        audit(session, "create", "workshop_session", row.uuid, workshop=workshop, day=held_on)
        return row


def _workshop(session: Session, number: int) -> WorkshopRow:
    ws = workshop_numbered(session, number)
    if ws is None:
        raise NotFound(_("There is no workshop number {n}.").format(n=number))
    return ws


@changes(Kind.ATTENDANCE)
def mark_attendance(
    book: Book, *, session_uuid: str, marks: dict[str, Attendance]
) -> None:
    """Save a session's checklist: member code → present / absent / excused, in one go."""
    with book.transaction() as session:
        found = session_id_of(session, session_uuid)
        ws_session = None if found is None else session.get(WorkshopSession, found)
        if ws_session is None:
            raise NotFound(_("That workshop session is not in the book."))
        ensure_month_open(session, ws_session.held_on, field=None)
        for code, status in marks.items():
            member = member_by_code(session, code)
            status = Attendance(status)
            check_within_membership(facts(member), ws_session.held_on, what=_("attendance"))
            mark_id = attendance_mark_id(session, ws_session.id, member.id)
            mark = None if mark_id is None else session.get(AttendanceMark, mark_id)
            if mark is None:
                mark = AttendanceMark(
                    session_id=ws_session.id, member_id=member.id, status=status.value
                )
            elif mark.status == status.value:
                continue
            before = mark.status
            mark.status = status.value
            session.add(mark)
            session.flush()
            audit(
                session,
                "attendance",
                "attendance",
                mark.uuid,
                member=member.code,
                before=before,
                after=status.value,
            )


def progress(book: Book) -> dict[str, set[int]]:
    """Return member code → the workshop numbers she attended (present at least once)."""
    with book.read() as reader:
        attended = workshops_attended(reader)
        return {m.code: attended[m.id] for m in roster(reader) if m.id in attended}


def completed_programme(workshops_attended: set[int]) -> bool:
    """True when a member attended all nine workshops."""
    return len(workshops_attended) == WORKSHOP_COUNT
