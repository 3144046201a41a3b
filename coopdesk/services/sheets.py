"""Read-side figures for the desk's two sheets: the monthly workday planilla and the workshops."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from coopdesk.db.queries import corrections
from coopdesk.db.queries import sheets as sheet_rows
from coopdesk.db.queries.labour import labour_by_member, rate_table
from coopdesk.db.queries.roster import RosterMember, roster
from coopdesk.db.queries.workshops import workshops_attended
from coopdesk.domain.changes import Kind, changes
from coopdesk.domain.errors import Conflict, NotFound
from coopdesk.domain.money import ZERO
from coopdesk.domain.month import Month
from coopdesk.domain.text import month_bounds
from coopdesk.domain.work import FULL_DAY, ProductionLine, RateTable
from coopdesk.domain.workshops import WORKSHOP_COUNT, Attendance
from coopdesk.i18n import _
from coopdesk.services.book import Book
from coopdesk.services.lookups import member_by_code
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


def _sheet_member(member: RosterMember) -> SheetMember:
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
    #: member code → what her month's workdays earn (`coopdesk.db.queries.labour`).
    pay: dict[str, Decimal] = field(default_factory=dict)

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
        return self.pay.get(code, ZERO)

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
    with book.read() as reader:
        members = [m for m in roster(reader)
                   if m.joined_on < after and (m.exit_on is None or m.exit_on >= first)]
        rows = sheet_rows.workday_cells(reader, first, after)
        rates = rate_table(reader)
        closed = corrections.month_closed(reader, Month(year, month).key)
        earned = labour_by_member(reader, first, after)
    sheet = MonthSheet(year, month, days, [_sheet_member(m) for m in members], rates)
    sheet.closed = closed
    sheet.pay = {m.code: earned[m.id].earned for m in members if m.id in earned}
    for cell in rows:
        sheet.cells.setdefault((cell.code, cell.day), {})[ProductionLine(cell.line)] = cell.fraction
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
    return sheet_rows.live_fraction(session, code=code, on=day, line=line.value)


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
    with book.read() as reader:
        sessions, attended = sheet_rows.workshop_counts(reader)
        return [
            WorkshopRow(number, title, sessions.get(wid, 0), attended.get(wid, 0))
            for wid, number, title in sheet_rows.workshops(reader)
        ]


def session_rows(book: Book, workshop: int) -> list[SessionRow]:
    """Return the sessions of workshop number *workshop*, latest first, with their counts."""
    with book.read() as reader:
        found = sheet_rows.sessions_of(reader, workshop)
        counts = sheet_rows.status_counts(reader)
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
    with book.read() as reader:
        held = sheet_rows.session_by_uuid(reader, session_uuid)
        if held is None:
            raise NotFound(_("That workshop session is not in the book."))
        marks = sheet_rows.marks(reader, held.id)
        members = roster(reader)
    return [
        ChecklistRow(m.code, m.full_name, Attendance(marks[m.id]) if marks.get(m.id) else None)
        for m in members
        if marks.get(m.id) is not None or m.is_member_on(held.held_on)
    ]


def progress_rows(book: Book, *, include_former: bool = True) -> list[ProgressRow]:
    """Return every member (or only current ones) with the workshops she attended."""
    with book.read() as reader:
        members = roster(reader)
        attended = workshops_attended(reader)
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
