"""The legal cooperative's papers from the book: padrón, certificate and receipt of contributions.

A contribution receipt's number is the movement's id: share movements are never deleted
and SQLite gives each new row the next id, so the ids are the series 1, 2, 3…
"""

from __future__ import annotations

import datetime as dt

from coopdesk.db.queries.padron import register_rows
from coopdesk.db.queries.shares import capital_by_member, share_entries, share_entry_by_number
from coopdesk.domain.coop_papers import (
    ContributionCertificate,
    ContributionReceipt,
    Padron,
    PadronRow,
)
from coopdesk.domain.documents import ContributionEntry
from coopdesk.domain.errors import NotFound
from coopdesk.domain.members import MemberStatus
from coopdesk.domain.shares import CapitalTotals
from coopdesk.i18n import _
from coopdesk.services.book import Book
from coopdesk.services.documents import letterhead
from coopdesk.services.lookups import member_by_code
from coopdesk.services.sheets_and_certificates import _cooperative_signer


def _entry(e) -> ContributionEntry:
    return ContributionEntry(e.day, e.kind.value, e.amount, e.agreement, e.note)


def padron(book: Book, *, issued_on: dt.date | None = None) -> Padron:
    """Return the register of members, numbered in order of admission (then by code)."""
    head = letterhead(book)
    with book.read() as session:
        conn = session.connection()
        capital = capital_by_member(conn)
        rows = register_rows(conn)
    out = [
        PadronRow(n, r.code, r.name, r.dni, r.joined_on, r.admission_agreement,
                  MemberStatus(r.status).label, r.exit_on, r.exit_agreement,
                  capital.get(r.id, CapitalTotals()).paid_net)
        for n, r in enumerate(rows, start=1)
    ]
    return Padron(head, tuple(out), issued_on or dt.date.today())


def contribution_certificate(book: Book, *, code: str,
                             issued_on: dt.date | None = None) -> ContributionCertificate:
    """Return the certificate of one member's contributions (unknown code: NotFound)."""
    head = letterhead(book)
    with book.read() as session:
        member = member_by_code(session, code)
        conn = session.connection()
        entries = share_entries(conn, member_id=member.id)
        totals = capital_by_member(conn).get(member.id, CapitalTotals())
        signers = (_cooperative_signer(session, member.role), _("Treasurer"))
    return ContributionCertificate(
        head, member.code, member.full_name, member.dni or "", tuple(map(_entry, entries)),
        totals.subscribed, totals.paid, totals.returned, issued_on or dt.date.today(), signers)


def contribution_receipt(book: Book, *, number: int) -> ContributionReceipt:
    """Return the receipt of the movement numbered *number* (unknown: NotFound)."""
    head = letterhead(book)
    with book.read() as session:
        conn = session.connection()
        entry = share_entry_by_number(conn, number)
        if entry is None:
            raise NotFound(_("There is no contribution with receipt number {n}.").format(
                n=number))
        member = register_rows(conn, entry.member_id)[0]
        after = capital_by_member(conn, None, entry.day + dt.timedelta(days=1)).get(
            entry.member_id, CapitalTotals())
    return ContributionReceipt(head, number, member.code, member.name, _entry(entry),
                               after.subscribed, after.paid_net, entry.voided,
                               entry.void_reason, entry.uuid)
