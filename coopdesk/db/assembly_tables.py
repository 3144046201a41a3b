"""The general assembly's tables (revision 0012): sessions, attendance, agenda, agreements.

A session is written whole in one operation (its attendance, agenda and agreements with
it) and then marked ``complete``: from then on nothing is added to it and nothing in it
changes; a session recorded by mistake is voided once with a reason, never deleted, and
its number is not used again. The book's triggers hold these rules, the quorum and one
member one vote against the sqlite3 shell (see the migration 0012).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import UniqueConstraint
from sqlmodel import Field

from coopdesk.db.tables import Record, Voidable


class AssemblySession(Voidable, table=True):
    """One session of the general assembly, as its minutes record it.

    ``active_members`` and ``quorum_needed`` are frozen when it is recorded (the members
    admitted and not exited that day, and the rule of its call then in the settings):
    the minutes state them as they were.
    """

    __tablename__ = "assembly_session"
    number: int = Field(unique=True)
    kind: str = Field(max_length=13)
    call: str = Field(max_length=6)
    day: dt.date = Field(index=True)
    place: str = Field(default="", max_length=200)
    president_id: int = Field(foreign_key="member.id")
    secretary_id: int = Field(foreign_key="member.id")
    active_members: int
    quorum_needed: int
    quorum_rule: str = Field(max_length=20)
    quorum_article: str = Field(default="", max_length=120)
    note: str = Field(default="", max_length=500)
    complete: int = Field(default=0)


class AssemblyAttendance(Record, table=True):
    """A member present at a session (one row per member and session)."""

    __tablename__ = "assembly_attendance"
    __table_args__ = (UniqueConstraint("session_id", "member_id",
                                       name="uq_assembly_attendance_session_member"),)
    session_id: int = Field(foreign_key="assembly_session.id")
    member_id: int = Field(foreign_key="member.id")


class AssemblyAgendaItem(Record, table=True):
    """One point of a session's agenda, in order."""

    __tablename__ = "assembly_agenda_item"
    __table_args__ = (UniqueConstraint("session_id", "position",
                                       name="uq_assembly_agenda_item_session_position"),)
    session_id: int = Field(foreign_key="assembly_session.id")
    position: int
    text: str = Field(max_length=500)


class AssemblyAgreement(Record, table=True):
    """An agreement of a session, numbered within it, with its votes (one member, one vote)."""

    __tablename__ = "assembly_agreement"
    __table_args__ = (UniqueConstraint("session_id", "number",
                                       name="uq_assembly_agreement_session_number"),)
    session_id: int = Field(foreign_key="assembly_session.id")
    number: int
    text: str = Field(max_length=2000)
    votes_for: int
    votes_against: int
    abstaining: int
