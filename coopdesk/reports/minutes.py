"""The minutes book (libro de actas): every session of the assembly, folios numbered throughout.

A session where fewer came than its call needed prints as an "acta de no quórum": who
came, how many were needed by which rule and article, and that the assembly was not
installed. Each session starts on a new page; within it the list of the members present
follows the agreements on the same page (a heading needs only room for a few rows), each
row whole, and the signatures go over with the last names. The folio ("Folio 12") runs
on across sessions from the first folio in the settings, so a printed book continues a
paper one. The members
present sign or put their thumbprint beside their name; the president and the secretary
sign each session's minutes, with their thumbprint boxes, as on the other papers.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, PageBreak, Spacer

from coopdesk.domain.assembly import (
    MinutesBook,
    MinutesSession,
    call_text,
    kind_text,
    rule_text,
)
from coopdesk.formats import date_str, date_words
from coopdesk.i18n import _
from coopdesk.reports.base import (
    FONT_BOLD,
    MARGIN,
    bold,
    markup,
    para,
    signature_row,
    table_then,
)
from coopdesk.reports.page import build_pdf
from coopdesk.reports.receipts import _void_block


def folio_text(n: int) -> str:
    return _("Folio {n}").format(n=n)


#: A member's row on the minutes: room for a signature or a thumbprint.
SIGNING_ROW = 9 * mm


def _session(s: MinutesSession, coop: str) -> list:
    kind = kind_text(s.kind).upper()
    story = [para(_("MINUTES No. {n} — {kind} SESSION OF THE GENERAL ASSEMBLY").format(
        n=s.number, kind=kind), "title")]
    if s.no_quorum:
        story.append(para(_("Acta de no quórum"), "heading"))
    if s.voided:
        story += _void_block(s.void_reason)
    if s.no_quorum:
        return story + _no_quorum(s, coop)
    story.append(markup(_(
        "In {place}, on {date}, on {call}, the General Assembly of {coop} met, presided over"
        " by {president}, with {secretary} as secretary.").format(
        place=bold(s.place), date=bold(date_words(s.day)), call=call_text(s.call),
        coop=bold(coop), president=bold(s.president), secretary=bold(s.secretary)), "body"))
    source = _source(s)
    story += [Spacer(1, 2 * mm), markup(_(
        "<b>Quorum:</b> {present} of the {active} active members on {date} are present; on"
        " {call} {needed} were needed ({rule}, as {source} says). There is quorum.").format(
        present=len(s.present), active=s.active_members, date=date_str(s.day),
        call=call_text(s.call), needed=s.quorum_needed, rule=rule_text(s.quorum_rule),
        source=source), "body")]
    story.append(para(_("Agenda"), "heading"))
    story += [para(f"{n}. {text}", "body") for n, text in enumerate(s.agenda, start=1)]
    story.append(para(_("Agreements"), "heading"))
    if not s.agreements:
        story.append(para(_("The assembly took no agreement."), "body"))
    for a in s.agreements:
        outcome = _("approved") if a.approved else _("not approved")
        story.append(KeepTogether([
            markup(_("<b>Agreement No. {n}.</b> {text}").format(
                n=a.number, text=_escape(a.text)), "body"),
            para(_("Votes: for {yes}, against {no}, abstaining {abstain} — {outcome}.").format(
                yes=a.votes_for, no=a.votes_against, abstain=a.abstaining, outcome=outcome),
                "small"),
            Spacer(1, 1.5 * mm),
        ]))
    if s.note:
        story += [Spacer(1, 1 * mm), para(_("Note: {text}").format(text=s.note), "body")]
    return story + _attendance(s, _(
        "There being no other business, the session was closed; the president and the"
        " secretary sign these minutes."))


def _source(s: MinutesSession) -> str:
    return (_("the bylaws, {article}").format(article=s.quorum_article) if s.quorum_article
            else _("the bylaws"))


def _no_quorum(s: MinutesSession, coop: str) -> list:
    """The acta de no quórum: who came, the count the call needed, no assembly installed."""
    story = [markup(_(
        "In {place}, on {date}, on {call}, the members of {coop} called to the General"
        " Assembly met, with {president} presiding and {secretary} as secretary.").format(
        place=bold(s.place), date=bold(date_words(s.day)), call=call_text(s.call),
        coop=bold(coop), president=bold(s.president), secretary=bold(s.secretary)), "body"),
        Spacer(1, 2 * mm), markup(_(
            "<b>Quorum:</b> {present} of the {active} active members on {date} are present;"
            " on {call} {needed} were needed ({rule}, as {source} says). There is no quorum:"
            " the assembly was not installed and took no agreement.").format(
            present=len(s.present), active=s.active_members, date=date_str(s.day),
            call=call_text(s.call), needed=s.quorum_needed, rule=rule_text(s.quorum_rule),
            source=_source(s)), "body")]
    if s.agenda:
        story.append(para(_("Agenda of the call"), "heading"))
        story += [para(f"{n}. {text}", "body") for n, text in enumerate(s.agenda, start=1)]
    if s.note:
        story += [Spacer(1, 1 * mm), para(_("Note: {text}").format(text=s.note), "body")]
    return story + _attendance(s, _(
        "The assembly not having been installed for lack of quorum, this record was drawn"
        " up; the president and the secretary sign it."))


def _attendance(s: MinutesSession, closing_text: str) -> list:
    """The members present, each row whole, then the closing and the two signatures."""
    # The heading needs room for the header and two rows only: it does not pull the
    # whole list to the next page and leave the agreements' page half white.
    heading = para(_("Members present ({n})").format(n=len(s.present)), "heading")
    heading.keepWithNext = 0
    rows = [["N.º", _("Code"), _("Name"), _("Signature or thumbprint")]]
    rows += [[str(n), code, name, ""] for n, (code, name) in enumerate(s.present, start=1)]
    closing = [
        Spacer(1, 4 * mm),
        para(closing_text, "body"),
        signature_row([_("President: {name}").format(name=s.president)], thumb=True,
                      space=18 * mm),
        Spacer(1, 3 * mm),
        signature_row([_("Secretary: {name}").format(name=s.secretary)], thumb=True,
                      space=18 * mm),
    ]
    # The signatures never stand alone on a page: the last names go over with them.
    return [CondPageBreak(12 * mm + 3 * SIGNING_ROW), heading,
            *table_then(rows, [11 * mm, 20 * mm, 89 * mm, 60 * mm], closing, keep=3,
                        totals=0, min_height=SIGNING_ROW)]


def _escape(text: str) -> str:
    from xml.sax.saxutils import escape

    return escape(text)


def render_minutes(book: MinutesBook) -> bytes:
    """Return the minutes book as PDF: every session, folios numbered from the first folio."""
    head = book.letterhead
    story: list = []
    for i, s in enumerate(book.sessions):
        if i:
            story.append(PageBreak())
        story += _session(s, head.cooperative_name)

    def folio(canv, doc) -> None:
        width, height = canv._pagesize
        canv.saveState()
        canv.setFont(FONT_BOLD, 10)
        canv.drawRightString(width - MARGIN, height - 10 * mm,
                             folio_text(book.first_folio + doc.page - 1))
        canv.restoreState()

    title = _("MINUTES BOOK OF THE GENERAL ASSEMBLY")
    return build_pdf(story, head=head, title=title, label=f"{title} · {head.cooperative_name}",
                     on_page=folio, numbered=False)


def minutes_pdf(book) -> bytes:
    """Return the book's minutes as PDF (the desk and ``coopdesk actas`` both call this)."""
    from coopdesk.services.assemblies import minutes_data

    return render_minutes(minutes_data(book))
