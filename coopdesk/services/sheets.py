"""Read-side figures for the desk's two sheets: the monthly workday planilla and the workshops."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from sqlmodel import select

from coopdesk.db.tables import (
    AttendanceMark,
    ClosedMonth,
    Member,
    Workday,
    Workshop,
    WorkshopSession,
)
from coopdesk.domain.changes import Kind, changes
from coopdesk.domain.errors import Conflict, NotFound
from coopdesk.domain.money import ZERO
from coopdesk.domain.text import month_bounds
from coopdesk.domain.work import FULL_DAY, ProductionLine, RateTable, workday_pay
from coopdesk.domain.workshops import WORKSHOP_COUNT, Attendance
from coopdesk.i18n import _
from coopdesk.services.book import Book
from coopdesk.services.lookups import member_by_code, rate_table
from coopdesk.services.work import set_sheet_cell

NO_DAYS = Decimal("0.000")


@dataclass(frozen=True)
class SheetMember:
    """A member as the sheets show her: who she is and when she was a member."""

    code: str
    full_name: str
    joined_on: dt.date
    exit_on: dt.date | None

    def is_member_on(self, day: dt.date) -> bool:
        """True when *day* falls between her joining and her exit (both included)."""
        return self.joined_on <= day and (self.exit_on is None or day <= self.exit_on)


def _sheet_member(member: Member) -> SheetMember:
    return SheetMember(member.code, member.full_name, member.joined_on, member.exit_on)


@dataclass
class MonthSheet:
    """One month of the planilla: its days, its members and their live workdays by line."""

    year: int
    month: int
    days: list[dt.date]
    members: list[SheetMember]
    rates: RateTable
    #: (member code, day) → line → fraction, for live workdays only.
    cells: dict[tuple[str, dt.date], dict[ProductionLine, Decimal]] = field(default_factory=dict)
    #: True when the month is closed: its workdays can no longer change.
    closed: bool = False

    def cell(self, code: str, day: dt.date) -> dict[ProductionLine, Decimal]:
        """Return line → fraction of her live workdays on *day* (empty when none)."""
        return self.cells.get((code, day), {})

    def member_days(self, code: str) -> Decimal:
        """Return the workdays she has in the month (half days count 0.5)."""
        return sum(
            (sum(self.cell(code, d).values(), NO_DAYS) for d in self.days), NO_DAYS
        )

    def member_pay(self, code: str) -> Decimal:
        """Return what her month's workdays earn, each at the rate in force on its day."""
        total = ZERO
        for day in self.days:
            for fraction in self.cell(code, day).values():
                total += workday_pay(fraction, self.rates.rate_on(day))
        return total

    def day_total(self, day: dt.date) -> Decimal:
        """Return the workdays of all members on *day*."""
        return sum(
            (sum(self.cell(m.code, day).values(), NO_DAYS) for m in self.members), NO_DAYS
        )

    def total_days(self) -> Decimal:
        """Return the month's workdays of all members."""
        return sum((self.member_days(m.code) for m in self.members), NO_DAYS)

    def total_pay(self) -> Decimal:
        """Return the month's labor earned by all members."""
        return sum((self.member_pay(m.code) for m in self.members), ZERO)

    def rates_in_month(self) -> list[tuple[dt.date, Decimal]]:
        """Return (from day, rate) for each rate in force during the month, first day first."""
        out: list[tuple[dt.date, Decimal]] = []
        for day in self.days:
            rate = self.rates.rate_on(day)
            if not out or out[-1][1] != rate:
                out.append((day, rate))
        return out


def month_sheet(book: Book, year: int, month: int) -> MonthSheet:
    """Return the planilla of *month*: members who were members some day of it, by code."""
    first, after = month_bounds(year, month)
    days = [first + dt.timedelta(days=i) for i in range((after - first).days)]
    with book.read() as session:
        members = session.exec(
            select(Member)
            .where(Member.joined_on < after)
            .where((Member.exit_on.is_(None)) | (Member.exit_on >= first))
            .order_by(Member.code)
        ).all()
        rows = session.exec(
            select(Member.code, Workday.day, Workday.line, Workday.fraction)
            .join(Member, Member.id == Workday.member_id)
            .where(Workday.voided_at.is_(None), Workday.day >= first, Workday.day < after)
        ).all()
        rates = rate_table(session)
        closed = session.get(ClosedMonth, f"{year:04d}-{month:02d}") is not None
    sheet = MonthSheet(year, month, days, [_sheet_member(m) for m in members], rates)
    sheet.closed = closed
    for code, day, line, fraction in rows:
        sheet.cells.setdefault((code, day), {})[ProductionLine(line)] = Decimal(fraction)
    return sheet


@changes(Kind.WORKDAYS)
def move_sheet_cell(
    book: Book, *, code: str, day: dt.date, from_line: ProductionLine, to_line: ProductionLine
) -> None:
    """Move her workday of *day* from one production line to another, in one transaction.

    Two half days that meet on one line become a full day; more than a full day on
    one line is refused, so a move never loses a day silently.
    """
    from_line, to_line = ProductionLine(from_line), ProductionLine(to_line)
    if from_line == to_line:
        return
    with book.transaction() as session:
        fraction = _live_fraction(session, code, day, from_line)
        if fraction is None:
            raise NotFound(_("That workday is not in the book any more."))
        already = _live_fraction(session, code, day, to_line) or NO_DAYS
        if fraction + already > FULL_DAY:
            raise Conflict(
                _("{name} already has a {line} workday on {day}.").format(
                    name=member_by_code(session, code).full_name,
                    line=to_line.label,
                    day=day.strftime("%d/%m/%Y"),
                ),
                field="day",
            )
        set_sheet_cell(book, code=code, day=day, line=from_line, fraction=None)
        set_sheet_cell(book, code=code, day=day, line=to_line, fraction=fraction + already)


def _live_fraction(session, code: str, day: dt.date, line: ProductionLine) -> Decimal | None:
    fraction = session.exec(
        select(Workday.fraction)
        .join(Member, Member.id == Workday.member_id)
        .where(
            Member.code == code,
            Workday.day == day,
            Workday.line == line.value,
            Workday.voided_at.is_(None),
        )
    ).first()
    return None if fraction is None else Decimal(fraction)


@dataclass(frozen=True)
class WorkshopRow:
    """One of the nine workshops with how often it met and how many attended it."""

    number: int
    title: str
    sessions: int
    attended_by: int


@dataclass(frozen=True)
class SessionRow:
    """One session of a workshop with the counts of its checklist."""

    uuid: str
    workshop: int
    held_on: dt.date
    facilitator: str
    notes: str
    present: int = 0
    absent: int = 0
    excused: int = 0


@dataclass(frozen=True)
class ChecklistRow:
    """A member on a session's checklist and how she is marked (None: not yet)."""

    code: str
    full_name: str
    status: Attendance | None


@dataclass(frozen=True)
class ProgressRow:
    """A member and the workshops she attended at least once."""

    code: str
    full_name: str
    attended: frozenset[int]
    exit_on: dt.date | None = None

    @property
    def count(self) -> int:
        """Return how many of the nine workshops she attended."""
        return len(self.attended)


def workshop_rows(book: Book) -> list[WorkshopRow]:
    """Return the nine workshops with their session counts and attendance, in order."""
    with book.read() as session:
        conn = session.connection()
        sessions = dict(
            conn.exec_driver_sql(
                "SELECT workshop_id, count(*) FROM workshop_session GROUP BY workshop_id"
            ).all()
        )
        attended = dict(
            conn.exec_driver_sql(
                "SELECT s.workshop_id, count(DISTINCT a.member_id) FROM attendance a"
                " JOIN workshop_session s ON s.id = a.session_id"
                " WHERE a.status = 'present' GROUP BY s.workshop_id"
            ).all()
        )
        workshops = session.exec(select(Workshop).order_by(Workshop.number)).all()
        return [
            WorkshopRow(w.number, w.title, sessions.get(w.id, 0), attended.get(w.id, 0))
            for w in workshops
        ]


def session_rows(book: Book, workshop: int) -> list[SessionRow]:
    """Return the sessions of workshop number *workshop*, latest first, with their counts."""
    with book.read() as session:
        found = session.exec(
            select(WorkshopSession)
            .join(Workshop, Workshop.id == WorkshopSession.workshop_id)
            .where(Workshop.number == workshop)
            .order_by(WorkshopSession.held_on.desc())
        ).all()
        counts: dict[int, dict[str, int]] = {}
        for session_id, status, n in session.connection().exec_driver_sql(
            "SELECT session_id, status, count(*) FROM attendance GROUP BY session_id, status"
        ):
            counts.setdefault(session_id, {})[status] = n
        return [
            SessionRow(
                s.uuid,
                workshop,
                s.held_on,
                s.facilitator,
                s.notes,
                counts.get(s.id, {}).get(Attendance.PRESENT.value, 0),
                counts.get(s.id, {}).get(Attendance.ABSENT.value, 0),
                counts.get(s.id, {}).get(Attendance.EXCUSED.value, 0),
            )
            for s in found
        ]


def session_checklist(book: Book, session_uuid: str) -> list[ChecklistRow]:
    """Return the checklist of a session: everyone who was a member that day, by code."""
    with book.read() as session:
        ws_session = session.exec(
            select(WorkshopSession).where(WorkshopSession.uuid == session_uuid)
        ).first()
        if ws_session is None:
            raise NotFound(_("That workshop session is not in the book."))
        marks = dict(
            session.exec(
                select(AttendanceMark.member_id, AttendanceMark.status).where(
                    AttendanceMark.session_id == ws_session.id
                )
            ).all()
        )
        members = session.exec(select(Member).order_by(Member.code)).all()
        rows = []
        for member in members:
            status = marks.get(member.id)
            if status is None and not _sheet_member(member).is_member_on(ws_session.held_on):
                continue
            rows.append(
                ChecklistRow(member.code, member.full_name, Attendance(status) if status else None)
            )
        return rows


def progress_rows(book: Book, *, include_former: bool = True) -> list[ProgressRow]:
    """Return every member (or only current ones) with the workshops she attended."""
    with book.read() as session:
        members = session.exec(select(Member).order_by(Member.code)).all()
        attended: dict[int, set[int]] = {}
        for member_id, number in session.connection().exec_driver_sql(
            "SELECT DISTINCT a.member_id, w.number FROM attendance a"
            " JOIN workshop_session s ON s.id = a.session_id"
            " JOIN workshop w ON w.id = s.workshop_id WHERE a.status = 'present'"
        ):
            attended.setdefault(member_id, set()).add(number)
        return [
            ProgressRow(m.code, m.full_name, frozenset(attended.get(m.id, ())), m.exit_on)
            for m in members
            if include_former or m.exit_on is None
        ]


__all__ = [
    "WORKSHOP_COUNT",
    "ChecklistRow",
    "MonthSheet",
    "ProgressRow",
    "SessionRow",
    "SheetMember",
    "WorkshopRow",
    "month_sheet",
    "move_sheet_cell",
    "progress_rows",
    "session_checklist",
    "session_rows",
    "workshop_rows",
]
