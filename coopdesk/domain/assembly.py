"""The general assembly's rules: who counts for the quorum, how many are needed, one vote each.

The numbers come from the cooperative's bylaws, not from coopdesk: the quorum of each
call is a setting that names the bylaws' article (``quorum_article``), with a default
that a cooperative can change (first call: half of the active members plus one; second
call: the members present, as many bylaws say). coopdesk states the rule it applied on
the minutes; it claims nothing about the law (D.S. 001-2026-PRODUCE) it cannot back.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from coopdesk.domain.errors import InvalidInput
from coopdesk.i18n import _

if TYPE_CHECKING:  # the settings read this module at start; the paper's module is not needed
    from coopdesk.domain.documents import Letterhead


class SessionKind(StrEnum):
    ORDINARY = "ordinary"
    EXTRAORDINARY = "extraordinary"


class Call(StrEnum):
    FIRST = "first"
    SECOND = "second"


class QuorumRule(StrEnum):
    """How many of the active members must be present."""

    HALF_PLUS_ONE = "half_plus_one"  # more than half: floor(n / 2) + 1
    THIRD = "third"  # at least one third, rounded up
    PRESENT = "present"  # the members present, however many (at least one)


#: The settings of the assembly and their defaults (read while the book holds none).
ASSEMBLY_DEFAULTS = {
    "quorum_first_call": QuorumRule.HALF_PLUS_ONE.value,
    "quorum_second_call": QuorumRule.PRESENT.value,
    # The bylaws' article the quorum comes from ("" while she has not written it).
    "quorum_article": "",
    # The folio the printed minutes book starts at (a paper book continued).
    "minutes_first_folio": "1",
}

#: The words of the session file and the desk for kinds, calls and rules.
KIND_WORDS = {"ordinaria": SessionKind.ORDINARY, "extraordinaria": SessionKind.EXTRAORDINARY,
              "ordinary": SessionKind.ORDINARY, "extraordinary": SessionKind.EXTRAORDINARY}
CALL_WORDS = {"primera": Call.FIRST, "segunda": Call.SECOND, "first": Call.FIRST,
              "second": Call.SECOND, "1": Call.FIRST, "2": Call.SECOND}
RULE_WORDS = {"mitad_mas_uno": QuorumRule.HALF_PLUS_ONE, "tercio": QuorumRule.THIRD,
              "presentes": QuorumRule.PRESENT, **{r.value: r for r in QuorumRule}}


def quorum_needed(rule: QuorumRule | str, active: int) -> int:
    """Return how many members must be present for *rule* with *active* active members."""
    rule = QuorumRule(rule)
    if rule is QuorumRule.HALF_PLUS_ONE:
        return active // 2 + 1
    if rule is QuorumRule.THIRD:
        return max(1, -(-active // 3))
    return 1


def rule_text(rule: QuorumRule | str) -> str:
    """The rule in words, for the minutes and the desk."""
    return {
        QuorumRule.HALF_PLUS_ONE: _("half of the active members plus one"),
        QuorumRule.THIRD: _("one third of the active members"),
        QuorumRule.PRESENT: _("the members present"),
    }[QuorumRule(rule)]


def kind_text(kind: SessionKind | str) -> str:
    return {SessionKind.ORDINARY: _("ordinary"),
            SessionKind.EXTRAORDINARY: _("extraordinary")}[SessionKind(kind)]


def call_text(call: Call | str) -> str:
    return {Call.FIRST: _("first call"), Call.SECOND: _("second call")}[Call(call)]


def parse_word(text: str, words: dict, *, what: str, choices: str):
    """Read one of *words* (case and accents ignored) or refuse naming the *choices*."""
    key = (text or "").strip().lower().translate(str.maketrans("áéíóú", "aeiou"))
    if key not in words:
        raise InvalidInput(_("{what} “{text}” is not known; use {choices}.").format(
            what=what, text=str(text)[:30], choices=choices))
    return words[key]


def quorum_problem(*, present: int, needed: int, active: int, call: Call | str,
                   article: str) -> str:
    """Return the sentence refusing a session without quorum, or '' when there is one."""
    if present >= needed:
        return ""
    source = (_("the bylaws, {article}").format(article=article) if article
              else _("the bylaws"))
    return _("There is no quorum: {present} members are present, and on {call} {needed} of the"
             " {active} active members are needed (as {source} says). Without quorum the assembly"
             " takes no agreement; nothing was written.").format(
        present=present, call=call_text(call), needed=needed, active=active, source=source)


@dataclass(frozen=True)
class Agreement:
    """One agreement as typed: its text and the votes (one member, one vote)."""

    text: str
    votes_for: int
    votes_against: int
    abstaining: int
    #: The codes of the members this agreement admits (their admission cites it).
    admits: tuple[str, ...] = ()


def votes_problem(agreement: Agreement, number: int, present: int) -> str:
    """Return why the votes of agreement *number* are impossible, or ''."""
    votes = (agreement.votes_for, agreement.votes_against, agreement.abstaining)
    if any(v < 0 for v in votes):
        return _("Agreement {n}: votes cannot be negative.").format(n=number)
    total = sum(votes)
    if total > present:
        return _("Agreement {n}: {total} votes (for, against and abstaining) but only {present}"
                 " members are present; one member, one vote.").format(
            n=number, total=total, present=present)
    if total == 0:
        return _("Agreement {n}: write its votes; nobody voted.").format(n=number)
    return ""


def active_on(day: dt.date, members: Iterable[tuple[dt.date, dt.date | None]]) -> int:
    """Count members admitted on or before *day* and not exited before it.

    *members* gives (admission day, exit day or None) per member.
    """
    return sum(1 for joined, left in members if joined <= day and (left is None or left > day))


_CITATION = re.compile(r"^\s*(?:asamblea|assembly|sesi[oó]n|session)\s*(?:n\.?[ºo°]\s*)?(\d{1,6})"
                       r"\s*[,;:/-]?\s*(?:acuerdo|agreement)\s*(?:n\.?[ºo°]\s*)?(\d{1,4})\s*$",
                       re.IGNORECASE)


def parse_citation(text: str) -> tuple[int, int] | None:
    """Read "Asamblea 2, acuerdo 3" as (2, 3); None when the text is not such a citation."""
    match = _CITATION.match(text or "")
    return (int(match.group(1)), int(match.group(2))) if match else None


def citation_text(session_number: int, agreement_number: int) -> str:
    """The citation kept in the book and printed on the padrón ("Asamblea 2, acuerdo 3").

    Kept in Spanish whatever the language of the desk: it is written into the record
    (the book's language, like the import's ``acuerdo`` column), not shown from it.
    """
    return f"Asamblea {session_number}, acuerdo {agreement_number}"


# --- the minutes as plain data (assembled by services.assemblies, printed by reports) ---


@dataclass(frozen=True)
class MinutesAgreement:
    number: int
    text: str
    votes_for: int
    votes_against: int
    abstaining: int
    uuid: str = ""

    @property
    def approved(self) -> bool:
        return self.votes_for > self.votes_against


@dataclass(frozen=True)
class MinutesSession:
    """One session as its minutes state it (names as the book holds them)."""

    number: int
    kind: str
    call: str
    day: dt.date
    place: str
    president: str
    secretary: str
    active_members: int
    quorum_needed: int
    quorum_rule: str
    quorum_article: str
    present: tuple[tuple[str, str], ...]  # (code, full name), by code
    agenda: tuple[str, ...]
    agreements: tuple[MinutesAgreement, ...]
    note: str = ""
    uuid: str = ""
    voided: bool = False
    void_reason: str = ""

    @property
    def no_quorum(self) -> bool:
        """Whether the session is an acta de no quórum: fewer came than its call needed.

        Read from the counts the book froze when it was recorded, so no column says it.
        """
        return len(self.present) < self.quorum_needed


@dataclass(frozen=True)
class MinutesBook:
    """What the minutes book prints: who keeps it, its first folio, the sessions."""

    letterhead: Letterhead
    first_folio: int
    sessions: tuple[MinutesSession, ...]
