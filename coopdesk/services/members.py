"""Members: joining, changing details and status. A member with records is never deleted."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from coopdesk.db.queries.members import (
    MemberRow,
    agreements_of,
    all_members,
    member_id_of,
    member_record_span,
)
from coopdesk.db.tables import Member
from coopdesk.domain.changes import Kind, changes
from coopdesk.domain.errors import Conflict, InvalidInput
from coopdesk.domain.members import (
    MemberStatus,
    check_member_dates,
    clean_code,
    clean_dni,
    clean_full_name,
)
from coopdesk.domain.text import check_plausible_date, clean_text
from coopdesk.i18n import _
from coopdesk.services.book import Book, audit
from coopdesk.services.lookups import member_by_code


@dataclass(frozen=True)
class MemberData:
    """A member's details as typed in the form or read from a CSV row."""

    code: str
    full_name: str
    joined_on: dt.date
    status: MemberStatus = MemberStatus.ACTIVE
    exit_on: dt.date | None = None
    dni: str = ""
    role: str = ""
    #: The agreements that admitted her and recorded her exit ("Asamblea 2, acuerdo 3");
    #: None leaves them as they are when her details are changed, "" clears them.
    admission_agreement: str | None = None
    exit_agreement: str | None = None

    def cleaned(self) -> MemberData:
        """Return the same details cleaned, or raise InvalidInput naming the field."""
        check_plausible_date(self.joined_on, what=_("the joining date"))
        if self.exit_on is not None:
            check_plausible_date(self.exit_on, what=_("the exit date"))
        status = MemberStatus(self.status)
        check_member_dates(status, self.joined_on, self.exit_on)
        return MemberData(
            code=clean_code(self.code),
            full_name=clean_full_name(self.full_name),
            joined_on=self.joined_on,
            status=status,
            exit_on=self.exit_on,
            dni=clean_dni(self.dni),
            role=clean_text(self.role, what=_("the role"), required=False),
            admission_agreement=_agreement(self.admission_agreement),
            exit_agreement=_agreement(self.exit_agreement),
        )


def _agreement(text: str | None) -> str | None:
    if text is None:
        return None
    return clean_text(text, what=_("the agreement"), required=False, limit=120)


def _link_agreements(session, member: Member) -> None:
    """Link the agreements her texts cite when the book recorded them (revision 0012)."""
    from coopdesk.services.assemblies import cited_agreement

    member.admission_agreement_uuid = cited_agreement(session, member.admission_agreement)
    member.exit_agreement_uuid = cited_agreement(session, member.exit_agreement)


def member_agreements(book: Book, code: str) -> tuple[str, str]:
    """Return the agreements that admitted her and recorded her exit ("" when none)."""
    with book.read() as reader:
        member = member_by_code(reader, code)
        return agreements_of(reader, member.id)


@changes(Kind.MEMBERS)
def add_member(book: Book, data: MemberData) -> Member:
    """Add a new member; her code must not be in use."""
    data = data.cleaned()
    with book.transaction() as session:
        if member_id_of(session, data.code) is not None:
            raise Conflict(
                _("The code {code} is already used by another member.").format(code=data.code),
                field="code",
            )
        member = Member(
            code=data.code,
            full_name=data.full_name,
            dni=data.dni,
            joined_on=data.joined_on,
            status=data.status.value,
            exit_on=data.exit_on,
            role=data.role,
            admission_agreement=data.admission_agreement or None,
            exit_agreement=data.exit_agreement or None,
        )
        _link_agreements(session, member)
        session.add(member)
        session.flush()
        audit(session, "create", "member", member.uuid, code=member.code, name=member.full_name)
        return member


@changes(Kind.MEMBERS)
def update_member(book: Book, code: str, data: MemberData) -> Member:
    """Change a member's details (not her code); her existing records must still fit."""
    data = data.cleaned()
    with book.transaction() as session:
        member = session.get(Member, member_by_code(session, code).id)
        if data.code != member.code:
            raise InvalidInput(_("A member's code cannot be changed."), field="code")
        _check_records_fit(session, member.id, data.joined_on, data.exit_on)
        before = {
            "name": member.full_name,
            "dni": member.dni,
            "joined_on": member.joined_on,
            "status": member.status,
            "exit_on": member.exit_on,
            "role": member.role,
            "admission_agreement": member.admission_agreement,
            "exit_agreement": member.exit_agreement,
        }
        member.full_name = data.full_name
        member.dni = data.dni
        member.joined_on = data.joined_on
        member.status = data.status.value
        member.exit_on = data.exit_on
        member.role = data.role
        if data.admission_agreement is not None:
            member.admission_agreement = data.admission_agreement or None
        if data.exit_agreement is not None:
            member.exit_agreement = data.exit_agreement or None
        _link_agreements(session, member)
        session.add(member)
        after = {
            "name": member.full_name,
            "dni": member.dni,
            "joined_on": member.joined_on,
            "status": member.status,
            "exit_on": member.exit_on,
            "role": member.role,
            "admission_agreement": member.admission_agreement,
            "exit_agreement": member.exit_agreement,
        }
        audit(session, "update", "member", member.uuid, before=before, after=after)
        return member


def _check_records_fit(session, member_id: int, joined: dt.date, left: dt.date | None) -> None:
    """Refuse dates that would leave her workdays or attendance outside her membership."""
    first, last = member_record_span(session, member_id)
    if first and first < joined:
        raise InvalidInput(
            _("She has records from {day}; the joining date cannot be after that.").format(
                day=first.strftime("%d/%m/%Y")
            ),
            field="joined_on",
        )
    if last and left is not None and last > left:
        raise InvalidInput(
            _("She has records up to {day}; the exit date cannot be before that.").format(
                day=last.strftime("%d/%m/%Y")
            ),
            field="exit_on",
        )


def list_members(book: Book) -> list[MemberRow]:
    """Return every member, sorted by code."""
    with book.read() as reader:
        return all_members(reader)


@changes(Kind.MEMBERS)
def record_exit(book: Book, *, code: str, status: str, exit_on: dt.date,
                agreement: str = "") -> Member:
    """Record that an active member left (her sentence ended, or she withdrew).

    The command line's way to what the member form does by hand: her other details stay
    as they are; her records must all fall before *exit_on* (her first day away), and the
    agreement text is linked when it names a recorded agreement ("Asamblea 2, acuerdo 1").
    """
    try:
        new_status = MemberStatus((status or "").strip().lower())
    except ValueError:
        new_status = MemberStatus.ACTIVE
    if new_status is MemberStatus.ACTIVE:
        raise InvalidInput(_("The status on leaving is liberada (her sentence ended) or"
                             " retirada (she withdrew)."), field="status")
    with book.read() as reader:
        member = member_by_code(reader, code)
    if member.status != MemberStatus.ACTIVE.value:
        raise Conflict(_("{name} ({code}) is no longer active; her exit is already recorded.")
                       .format(name=member.full_name, code=member.code), field="code")
    return update_member(book, member.code, MemberData(
        code=member.code, full_name=member.full_name, joined_on=member.joined_on,
        status=new_status, exit_on=exit_on, dni=member.dni, role=member.role,
        exit_agreement=agreement or ""))
