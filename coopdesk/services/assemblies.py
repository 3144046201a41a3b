"""The general assembly from the desk and the command line: record a session whole, void one.

A session is recorded in one operation with its attendance, agenda and agreements, and
is complete from then on (the minutes are a book of record, as the paper one). The
quorum is counted against the members active on its day with the rule of its call
from the settings (:mod:`coopdesk.domain.assembly`); an agreement can admit members,
whose admission then cites it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from coopdesk.db.queries.assemblies import (
    active_member_ids,
    agreement_choices,
    agreement_uuid,
    assembly_session_of,
    citations_of,
    minutes_sessions,
    next_session_number,
)
from coopdesk.db.tables import (
    AssemblyAgendaItem,
    AssemblyAgreement,
    AssemblyAttendance,
    AssemblySession,
    Member,
    now,
)
from coopdesk.domain.assembly import (
    ASSEMBLY_DEFAULTS,
    CALL_WORDS,
    KIND_WORDS,
    RULE_WORDS,
    Agreement,
    Call,
    MinutesBook,
    MinutesSession,
    SessionKind,
    call_text,
    citation_text,
    parse_citation,
    parse_word,
    quorum_needed,
    quorum_problem,
    votes_problem,
)
from coopdesk.domain.changes import Kind, changes
from coopdesk.domain.errors import Conflict, InvalidInput, NotFound
from coopdesk.domain.text import check_plausible_date, clean_text
from coopdesk.i18n import _, ngettext
from coopdesk.services.book import Book, audit
from coopdesk.services.lookups import member_by_code
from coopdesk.services.settings import read_settings, write_settings

MAX_AGREEMENTS = 99
MAX_AGENDA = 30


@dataclass(frozen=True)
class SessionData:
    """A session as typed in the desk or read from a session file."""

    kind: SessionKind | str
    call: Call | str
    day: dt.date
    place: str
    president: str  # member code
    secretary: str  # member code
    present: Sequence[str]  # member codes
    agenda: Sequence[str]
    agreements: Sequence[Agreement]
    note: str = ""
    number: int | None = None  # None: the next number
    #: Said on purpose (the file's ``sin_quorum``, the desk's question): fewer came than
    #: the call needs, and the session is kept as an acta de no quórum, with no agreement.
    no_quorum: bool = False


@dataclass(frozen=True)
class AssemblyRules:
    """The quorum of each call and the bylaws' article, and the minutes' first folio."""

    first_call: str
    second_call: str
    article: str
    first_folio: int


def assembly_rules(book: Book) -> AssemblyRules:
    """Return the assembly's settings (the defaults while the book holds none)."""
    with book.read() as reader:
        values = read_settings(reader, "")
    return AssemblyRules(values["quorum_first_call"], values["quorum_second_call"],
                         values["quorum_article"], int(values["minutes_first_folio"]))


@changes(Kind.SETTINGS)
def set_assembly_rules(book: Book, *, first_call: str | None = None,
                       second_call: str | None = None, article: str | None = None,
                       first_folio: int | str | None = None) -> AssemblyRules:
    """Change the quorum rules, the bylaws' article or the first folio (None: unchanged)."""
    words = _("mitad_mas_uno, tercio or presentes")
    cleaned: dict[str, str] = {}
    for key, value in (("quorum_first_call", first_call), ("quorum_second_call", second_call)):
        if value is not None:
            cleaned[key] = parse_word(value, RULE_WORDS, what=_("The quorum rule"),
                                      choices=words).value
    if article is not None:
        cleaned["quorum_article"] = clean_text(article, what=_("the bylaws' article"),
                                               required=False, limit=120)
    if first_folio is not None:
        text = str(first_folio).strip()
        if not (text.isdigit() and 1 <= int(text) <= 99999):
            raise InvalidInput(_("Write the first folio as a whole number from 1 to 99999."),
                               field="first_folio")
        cleaned["minutes_first_folio"] = str(int(text))
    with book.transaction() as session:
        write_settings(session, cleaned)
    return assembly_rules(book)


def _clean(data: SessionData) -> SessionData:
    """Return *data* with its words read and its texts cleaned, or refuse with a sentence."""
    check_plausible_date(data.day, what=_("the date"))
    if data.day > dt.date.today():
        raise InvalidInput(_("An assembly cannot be dated after today; {day} has not come"
                             " yet.").format(day=data.day.strftime("%d/%m/%Y")), field="day")
    kind = parse_word(data.kind, KIND_WORDS, what=_("The kind of session"),
                      choices=_("ordinaria or extraordinaria"))
    call = parse_word(data.call, CALL_WORDS, what=_("The call"),
                      choices=_("primera or segunda"))
    agenda = [clean_text(t, what=_("the agenda item"), required=True, limit=500)
              for t in data.agenda]
    if not agenda and not data.no_quorum:
        raise InvalidInput(_("Write the agenda: at least one item."), field="agenda")
    if data.no_quorum and data.agreements:
        raise InvalidInput(_("An acta de no quórum records no agreement: without quorum the"
                             " assembly was not installed. Remove the agreements, or record"
                             " the session with its quorum; nothing was written."),
                           field="agreements")
    if len(agenda) > MAX_AGENDA or len(data.agreements) > MAX_AGREEMENTS:
        raise InvalidInput(_("A session has at most {a} agenda items and {b} agreements.")
                           .format(a=MAX_AGENDA, b=MAX_AGREEMENTS), field="agenda")
    agreements = [Agreement(clean_text(a.text, what=_("the agreement"), required=True,
                                       limit=2000),
                            int(a.votes_for), int(a.votes_against), int(a.abstaining),
                            tuple(c.strip().upper() for c in a.admits if c.strip()))
                  for a in data.agreements]
    present = [c.strip().upper() for c in data.present if c.strip()]
    if len(set(present)) != len(present):
        raise InvalidInput(_("A member is listed twice among those present."), field="present")
    return SessionData(kind, call, data.day,
                       clean_text(data.place, what=_("the place"), required=True, limit=200),
                       data.president.strip().upper(), data.secretary.strip().upper(),
                       present, agenda, agreements,
                       clean_text(data.note, what=_("the note"), required=False, limit=500),
                       data.number, bool(data.no_quorum))


@changes(Kind.ASSEMBLIES, Kind.MEMBERS)
def record_session(book: Book, data: SessionData) -> AssemblySession:
    """Record one session whole, or refuse with a sentence and write nothing.

    Refused: a member present who is not active that day, a president or secretary not
    present, no quorum for its call (unless ``no_quorum`` says so: then it is kept as an
    acta de no quórum, refused when there was quorum after all or with an agreement), an
    agreement whose votes exceed the members present (one member, one vote), a member
    admitted twice or admitted after she left.
    """
    data = _clean(data)
    with book.transaction() as session:
        conn = session.connection()
        number = data.number or next_session_number(conn)
        if assembly_session_of(conn, number) is not None:
            raise Conflict(_("There is already a session number {n}; the next one is {next}.")
                           .format(n=number, next=next_session_number(conn)), field="number")
        active = active_member_ids(conn, data.day)
        day = data.day.strftime("%d/%m/%Y")
        for code in data.present:
            if code not in active:
                member_by_code(session, code)  # an unknown code: NotFound with its sentence
                raise InvalidInput(_("{code} was not an active member on {day}; only active"
                                     " members attend and vote.").format(code=code, day=day),
                                   field="present")
        for who, code in ((_("The president"), data.president),
                          (_("The secretary"), data.secretary)):
            if code not in data.present:
                raise InvalidInput(_("{who} ({code}) must be among the members present.")
                                   .format(who=who, code=code or "—"), field="present")
        settings = read_settings(session, "")
        rule = settings["quorum_first_call" if data.call is Call.FIRST else "quorum_second_call"]
        needed = quorum_needed(rule, len(active))
        problem = quorum_problem(present=len(data.present), needed=needed, active=len(active),
                                 call=data.call, article=settings["quorum_article"])
        if problem and not data.no_quorum:
            raise InvalidInput(problem, field="present")
        if data.no_quorum and not problem:
            raise InvalidInput(_("There is quorum: {present} members are present and on {call}"
                                 " {needed} are needed. An acta de no quórum is only for a"
                                 " session where fewer came; record it as a session with"
                                 " quorum. Nothing was written.").format(
                present=len(data.present), call=call_text(data.call), needed=needed),
                field="present")
        for n, agreement in enumerate(data.agreements, start=1):
            problem = votes_problem(agreement, n, len(data.present))
            if problem:
                raise InvalidInput(problem, field="agreements")
        row = AssemblySession(
            number=number, kind=data.kind.value, call=data.call.value, day=data.day,
            place=data.place, president_id=active[data.president],
            secretary_id=active[data.secretary], active_members=len(active),
            quorum_needed=needed, quorum_rule=rule, quorum_article=settings["quorum_article"],
            note=data.note, complete=0)
        session.add(row)
        session.flush()
        session.add_all(AssemblyAttendance(session_id=row.id, member_id=active[code])
                        for code in data.present)
        session.add_all(AssemblyAgendaItem(session_id=row.id, position=n, text=text)
                        for n, text in enumerate(data.agenda, start=1))
        session.flush()
        made = []
        for n, agreement in enumerate(data.agreements, start=1):
            made.append(AssemblyAgreement(
                session_id=row.id, number=n, text=agreement.text,
                votes_for=agreement.votes_for, votes_against=agreement.votes_against,
                abstaining=agreement.abstaining))
        session.add_all(made)
        session.flush()
        for n, (agreement, made_row) in enumerate(zip(data.agreements, made), start=1):
            for code in agreement.admits:
                _admit(session, code, data.day, number, n, made_row.uuid)
        row.complete = 1
        session.add(row)
        session.flush()
        audit(session, "create", "assembly_session", row.uuid, number=number,
              day=data.day, present=len(data.present), agreements=len(made))
        return row


def _admit(session, code: str, day: dt.date, number: int, agreement: int, uuid: str) -> None:
    """Make *code*'s admission cite the agreement.

    She may have worked in the workshop before (the assembly admits her to the
    cooperative) or join later; she may not have left before the session.
    """
    member = session.get(Member, member_by_code(session, code).id)  # the row it changes
    if member.admission_agreement_uuid:
        raise Conflict(_("{name} ({code}) was already admitted by another agreement.").format(
            name=member.full_name, code=member.code), field="agreements")
    if member.exit_on is not None and member.exit_on <= day:
        raise InvalidInput(_("{name} ({code}) left on {left}, before this session; an"
                             " agreement cannot admit her.").format(
            name=member.full_name, code=member.code,
            left=member.exit_on.strftime("%d/%m/%Y")), field="agreements")
    before = member.admission_agreement
    member.admission_agreement = citation_text(number, agreement)
    member.admission_agreement_uuid = uuid
    session.add(member)
    audit(session, "update", "member", member.uuid, before={"admission_agreement": before},
          after={"admission_agreement": member.admission_agreement})


@changes(Kind.ASSEMBLIES)
def void_session(book: Book, *, number: int, reason: str) -> None:
    """Void a session recorded by mistake (its number is not used again)."""
    reason = clean_text(reason, what=_("the reason"), required=True, limit=500)
    with book.transaction() as session:
        conn = session.connection()
        found = assembly_session_of(conn, number)
        if found is None:
            raise NotFound(_("There is no assembly session number {n}.").format(n=number))
        if found[2] is not None:
            raise Conflict(_("Session {n} is already voided.").format(n=number))
        cited = citations_of(conn, found[0])
        if cited:
            raise Conflict(ngettext("Session {n} cannot be voided: {count} record cites its"
                                    " agreements.",
                                    "Session {n} cannot be voided: {count} records cite its"
                                    " agreements.", cited).format(n=number, count=cited))
        row = session.get(AssemblySession, found[0])
        row.voided_at = now()
        row.void_reason = reason
        session.add(row)
        session.flush()
        audit(session, "void", "assembly_session", row.uuid, reason=reason)


def cited_agreement(session, text: str | None) -> str | None:
    """Return the uuid of the recorded agreement *text* cites ("Asamblea 2, acuerdo 3").

    None when the text cites none, or an agreement the book has not recorded (a paper
    book's agreement typed before its session was): the text is kept as typed.
    """
    numbers = parse_citation(text or "")
    return agreement_uuid(session.connection(), *numbers) if numbers else None


def citations_resolver(session):
    """Return text → uuid of the recorded agreement it cites (None), asking once per text."""
    known: dict[str, str | None] = {}

    def cited(text: str | None) -> str | None:
        if not text:
            return None
        if text not in known:
            known[text] = cited_agreement(session, text)
        return known[text]

    return cited


def agreement_labels(book: Book) -> list[tuple[str, str]]:
    """Return (citation text, label) of every live agreement, for the desk's combos."""
    with book.read() as reader:
        rows = agreement_choices(reader.connection())
    return [(citation_text(n, a), f"{citation_text(n, a)} ({d.strftime('%d/%m/%Y')}): "
             + (t if len(t) <= 60 else t[:59] + "…")) for _u, n, d, a, t in rows]


def list_sessions(book: Book) -> list[MinutesSession]:
    """Return every session, voided ones included, in number order."""
    with book.read() as reader:
        return minutes_sessions(reader.connection())


def next_number(book: Book) -> int:
    with book.read() as reader:
        return next_session_number(reader.connection())


def active_codes(book: Book, day: dt.date) -> list[tuple[str, str]]:
    """Return (code, full name) of the members active on *day*, by code (the desk's list)."""
    from coopdesk.db.queries.members import all_members

    with book.read() as reader:
        active = active_member_ids(reader.connection(), day)
        return [(m.code, m.full_name) for m in all_members(reader) if m.code in active]


__all__ = ["ASSEMBLY_DEFAULTS", "AssemblyRules", "SessionData", "active_codes",
           "agreement_labels", "assembly_rules", "cited_agreement", "list_sessions",
           "next_number", "record_session", "set_assembly_rules", "void_session"]


def minutes_data(book: Book):
    """Return what the minutes book prints; refused while no session is recorded."""
    from coopdesk.services.letterhead import letterhead

    sessions = list_sessions(book)
    if not sessions:
        raise NotFound(_("No assembly session is recorded yet: there are no minutes to"
                         " print."))
    return MinutesBook(letterhead(book), assembly_rules(book).first_folio, tuple(sessions))
