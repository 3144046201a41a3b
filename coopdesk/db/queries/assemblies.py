"""The general assembly's reads: active members on a day, sessions with what they recorded.

Plain SQL that also runs on PostgreSQL. A book opened read-only before its upgrade to
revision 0012 has no assembly tables: every read then answers as for a book without
sessions.
"""

from __future__ import annotations

import datetime as dt

from coopdesk.db.queries.checks import has_table
from coopdesk.db.scales import as_day
from coopdesk.domain.assembly import MinutesAgreement, MinutesSession

#: A member counts on a day when admitted on or before it and not yet gone: her exit
#: day is her first day away; an exit without a date counts from always.
ACTIVE_ON = ("joined_on <= ? AND (CASE WHEN exit_on IS NOT NULL THEN exit_on > ?"
             " ELSE status = 'activa' END)")


def active_member_ids(conn, day: dt.date) -> dict[str, int]:
    """Return the code → id of every member active on *day*."""
    iso = day.isoformat()
    return {code: mid for mid, code in conn.exec_driver_sql(
        f"SELECT id, code FROM member WHERE {ACTIVE_ON}", (iso, iso))}


def next_session_number(conn) -> int:
    """Return the number the next session takes (voided sessions keep theirs)."""
    if not has_table(conn, "assembly_session"):
        return 1
    return int(conn.exec_driver_sql(
        "SELECT coalesce(max(number), 0) + 1 FROM assembly_session").scalar())


def assembly_session_of(conn, number: int) -> tuple[int, str, str | None] | None:
    """Return (id, uuid, voided_at) of session *number*, or None."""
    if not has_table(conn, "assembly_session"):
        return None
    row = conn.exec_driver_sql(
        "SELECT id, uuid, voided_at FROM assembly_session WHERE number = ?", (number,)).first()
    return None if row is None else (row[0], row[1], row[2])


def agreement_uuid(conn, session_number: int, number: int) -> str | None:
    """Return the uuid of agreement *number* of live session *session_number*, or None."""
    if not has_table(conn, "assembly_session"):
        return None
    row = conn.exec_driver_sql(
        "SELECT a.uuid FROM assembly_agreement a JOIN assembly_session s ON s.id = a.session_id"
        " WHERE s.number = ? AND a.number = ? AND s.voided_at IS NULL",
        (session_number, number)).first()
    return None if row is None else row[0]


def agreement_choices(conn) -> list[tuple[str, int, dt.date, int, str]]:
    """Return (uuid, session number, day, agreement number, text) of every live agreement."""
    if not has_table(conn, "assembly_session"):
        return []
    return [(u, n, as_day(d), a, t) for u, n, d, a, t in conn.exec_driver_sql(
        "SELECT a.uuid, s.number, s.day, a.number, a.text FROM assembly_agreement a"
        " JOIN assembly_session s ON s.id = a.session_id WHERE s.voided_at IS NULL"
        " ORDER BY s.number, a.number")]


def citations_of(conn, session_id: int) -> int:
    """Return how many live records cite an agreement of session *session_id*."""
    uuids = "(SELECT uuid FROM assembly_agreement WHERE session_id = ?)"
    return int(conn.exec_driver_sql(
        f"SELECT (SELECT count(*) FROM member WHERE admission_agreement_uuid IN {uuids}"
        f" OR exit_agreement_uuid IN {uuids})"
        f" + (SELECT count(*) FROM share_movement WHERE voided_at IS NULL"
        f" AND agreement_uuid IN {uuids})"
        f" + (SELECT count(*) FROM surplus_distribution WHERE agreement_uuid IN {uuids})",
        (session_id,) * 4).scalar())


def minutes_sessions(conn) -> list[MinutesSession]:
    """Return every session in number order, with attendance, agenda and agreements."""
    if not has_table(conn, "assembly_session"):
        return []
    present: dict[int, list[tuple[str, str]]] = {}
    for sid, code, name in conn.exec_driver_sql(
        "SELECT a.session_id, m.code, m.full_name FROM assembly_attendance a"
        " JOIN member m ON m.id = a.member_id ORDER BY a.session_id, m.code"):
        present.setdefault(sid, []).append((code, name))
    agenda: dict[int, list[str]] = {}
    for sid, text in conn.exec_driver_sql(
        "SELECT session_id, text FROM assembly_agenda_item ORDER BY session_id, position"):
        agenda.setdefault(sid, []).append(text)
    agreements: dict[int, list[MinutesAgreement]] = {}
    for sid, number, text, yes, no, abstain, uuid in conn.exec_driver_sql(
        "SELECT session_id, number, text, votes_for, votes_against, abstaining, uuid"
        " FROM assembly_agreement ORDER BY session_id, number"):
        agreements.setdefault(sid, []).append(
            MinutesAgreement(number, text, yes, no, abstain, uuid))
    out = []
    for row in conn.exec_driver_sql(
        "SELECT s.id, s.number, s.kind, s.call, s.day, s.place, p.full_name, c.full_name,"
        " s.active_members, s.quorum_needed, s.quorum_rule, s.quorum_article, s.note, s.uuid,"
        " s.voided_at, s.void_reason FROM assembly_session s"
        " JOIN member p ON p.id = s.president_id JOIN member c ON c.id = s.secretary_id"
        " ORDER BY s.number"):
        (sid, number, kind, call, day, place, president, secretary, active, needed, rule,
         article, note, uuid, voided_at, reason) = row
        out.append(MinutesSession(
            number, kind, call, as_day(day), place, president, secretary, active, needed, rule,
            article, tuple(present.get(sid, ())), tuple(agenda.get(sid, ())),
            tuple(agreements.get(sid, ())), note, uuid, voided_at is not None, reason))
    return out
