"""The assembly's rules through the services: quorum of each call, who may attend, voiding, citing.

Quorums are worked out here by counting, not with the code under test's formula.
"""

from __future__ import annotations

import datetime as dt

import pytest

from coopdesk.domain.assembly import Agreement, QuorumRule, parse_citation, quorum_needed
from coopdesk.domain.errors import Conflict, InvalidInput
from coopdesk.services.assemblies import (
    SessionData,
    agreement_labels,
    list_sessions,
    record_session,
    set_assembly_rules,
    void_session,
)
from coopdesk.services.members import MemberData, add_member, update_member

CODES = [f"S{n:02d}" for n in range(1, 13)]
DAY = dt.date(2022, 3, 5)


@pytest.fixture(autouse=True)
def english():
    from coopdesk.i18n import current_language, set_language

    previous = current_language()
    set_language("en")
    yield
    set_language(previous)


@pytest.fixture
def coop(book):
    for n, code in enumerate(CODES):
        add_member(book, MemberData(code=code, full_name=f"Socia {code}",
                                    joined_on=dt.date(2022, 1, 3) + dt.timedelta(days=30 * n)))
    return book


def _session(present, call="primera", agreements=None, day=DAY, **kw) -> SessionData:
    return SessionData("ordinaria", call, day, "Taller", present[0], present[-1], present,
                       ["Punto"], agreements or [Agreement("Acuerdo", len(present), 0, 0)], **kw)


@pytest.mark.parametrize("active", range(0, 61))
def test_each_rule_counts_as_the_bylaws_say(active):
    # More than half: the smallest count k with 2k > active.
    assert quorum_needed(QuorumRule.HALF_PLUS_ONE, active) == next(
        k for k in range(0, 100) if 2 * k > active)
    # One third: the smallest k >= 1 with 3k >= active.
    assert quorum_needed(QuorumRule.THIRD, active) == next(
        k for k in range(1, 100) if 3 * k >= active)
    assert quorum_needed(QuorumRule.PRESENT, active) == 1


def test_active_members_are_those_admitted_by_the_day(coop):
    # Joined every 30 days from 03/01/2022: on 05/03/2022 the first three are members.
    active = [c for n, c in enumerate(CODES)
              if dt.date(2022, 1, 3) + dt.timedelta(days=30 * n) <= DAY]
    assert active == ["S01", "S02", "S03"]
    with pytest.raises(InvalidInput) as caught:
        record_session(coop, _session([*active, "S04"]))
    assert str(caught.value) == ("S04 was not an active member on 05/03/2022; only active members"
                                 " attend and vote.")
    with pytest.raises(InvalidInput) as caught:
        record_session(coop, _session(active[:1]))  # 3 active: 2 needed
    assert "1 members are present, and on first call 2 of the 3 active members" in str(
        caught.value)
    assert list_sessions(coop) == []
    record_session(coop, _session(active[:2]))
    assert [(s.number, s.active_members, s.quorum_needed) for s in list_sessions(coop)] == [
        (1, 3, 2)]


def test_second_call_follows_its_own_setting(coop):
    day = dt.date(2022, 12, 10)  # all twelve are members: 7 on first call
    set_assembly_rules(coop, second_call="tercio", article="Art. 25")
    with pytest.raises(InvalidInput) as caught:
        record_session(coop, _session(CODES[:3], call="segunda", day=day))
    assert str(caught.value) == (
        "There is no quorum: 3 members are present, and on second call 4 of the 12 active"
        " members are needed (as the bylaws, Art. 25 says). Without quorum the assembly takes"
        " no agreement; nothing was written.")
    record_session(coop, _session(CODES[:4], call="segunda", day=day))
    with pytest.raises(InvalidInput):
        set_assembly_rules(coop, first_call="casi todas")


def test_an_exited_member_counts_no_more(coop):
    update_member(coop, "S01", MemberData(code="S01", full_name="Socia S01",
                                          joined_on=dt.date(2022, 1, 3), status="liberada",
                                          exit_on=dt.date(2022, 3, 1)))
    with pytest.raises(InvalidInput) as caught:
        record_session(coop, _session(["S01", "S02", "S03"]))
    assert str(caught.value).startswith("S01 was not an active member on 05/03/2022")
    record_session(coop, _session(["S02", "S03"]))
    assert list_sessions(coop)[0].active_members == 2


def test_admissions_cite_the_agreement_and_a_cited_session_cannot_be_voided(coop):
    day = dt.date(2022, 12, 10)
    record_session(coop, _session(CODES[:8], day=day, agreements=[
        Agreement("Informe", 8, 0, 0), Agreement("Admitir", 7, 0, 1, admits=("S09", "S10"))]))
    from coopdesk.services.members import member_agreements

    assert member_agreements(coop, "S09") == ("Asamblea 1, acuerdo 2", "")
    assert agreement_labels(coop)[1][0] == "Asamblea 1, acuerdo 2"
    with pytest.raises(Conflict) as caught:
        void_session(coop, number=1, reason="error")
    assert str(caught.value) == "Session 1 cannot be voided: 2 records cite its agreements."
    with pytest.raises(Conflict):
        record_session(coop, _session(CODES[:8], day=day, agreements=[
            Agreement("Otra vez", 8, 0, 0, admits=("S09",))]))


def test_a_session_without_citations_is_voided_once(coop):
    record_session(coop, _session(CODES[:2]))
    void_session(coop, number=1, reason="registrada dos veces")
    assert [(s.voided, s.void_reason) for s in list_sessions(coop)] == [
        (True, "registrada dos veces")]
    with pytest.raises(Conflict):
        void_session(coop, number=1, reason="otra")
    assert agreement_labels(coop) == []
    record_session(coop, _session(CODES[:2]))
    assert [s.number for s in list_sessions(coop)] == [1, 2]  # its number is not used again


@pytest.mark.parametrize(("text", "numbers"), [
    ("Asamblea 2, acuerdo 3", (2, 3)), ("asamblea 12 acuerdo 1", (12, 1)),
    ("Sesión N.º 4, acuerdo N.º 2", (4, 2)), ("Assembly 1, agreement 5", (1, 5)),
    ("Acta del 3 de mayo", None), ("", None),
])
def test_citations_are_read_from_the_text(text, numbers):
    assert parse_citation(text) == numbers
