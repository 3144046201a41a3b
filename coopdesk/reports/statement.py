"""The monthly member statement: what she was owed, earned, was paid and is owed now."""

from __future__ import annotations

import datetime as dt

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, PageBreak, Spacer

from coopdesk.domain.documents import MemberStatement
from coopdesk.domain.shares import kind_label
from coopdesk.formats import (
    date_str,
    days_phrase,
    fraction_str,
    less,
    money,
    month_title,
)
from coopdesk.i18n import _
from coopdesk.reports.base import (
    cell,
    line,
    para,
    signature_row,
    table,
)
from coopdesk.reports.page import build_pdf, starts_section

WIDTH = 180 * mm


def _join_note(payment) -> str:
    """Return a payment's note, with the receipt it corrects when it is a correction."""
    if not payment.corrects:
        return payment.note
    corrects = _("Corrects receipt {number}").format(number=payment.corrects)
    return f"{corrects}. {payment.note}" if payment.note else corrects


def _workday_line(workday):
    """Return the line of a workday, and which record it corrects when it is a correction."""
    if workday.corrects is None:
        return workday.line
    corrects = _("Corrects the record of {date}").format(date=date_str(workday.corrects))
    return cell(f"{workday.line} · {corrects}", 38 * mm)


def statement_story(st: MemberStatement) -> list:
    """Return the flowables of one member's statement (starting a numbered section)."""
    month = month_title(st.year, st.month)
    label = _("{name} ({code}) · statement for {month}").format(
        name=st.name, code=st.code, month=month
    )
    story = [
        starts_section(line(_("Statement for {month}"), "title", month=month), st.code, label),
        line(_("Member: {name} · code {code}"), "big", bold_values=("name",), name=st.name,
             code=st.code),
        Spacer(1, 3 * mm),
    ]
    story.append(table(_summary_rows(st), [135 * mm, 45 * mm], right=(1,), header=False,
                       totals=1, font_size=10.5))
    if st.closing_balance < 0:
        story.append(Spacer(1, 2 * mm))
        owed = money(-st.closing_balance)
        story.append(para(_("You received {amount} in advance: you owe {amount} to the "
                            "cooperative. It is discounted from your next workdays.").format(
                                amount=owed), "body"))

    story += _heading(_("Your workdays"))
    if st.workdays:
        rows = [[_("Date"), _("Line"), _("Day"), _("Pay per day"), _("You earned")]]
        rows += [
            [date_str(w.day), _workday_line(w), fraction_str(w.fraction), money(w.rate),
             money(w.amount)]
            for w in st.workdays
        ]
        rows.append([_("Total"), "", days_phrase(st.days_worked), "", money(st.earned)])
        story.append(table(rows, [28 * mm, 38 * mm, 38 * mm, 36 * mm, 40 * mm],
                           right=(3, 4), totals=1))
    else:
        story.append(line(_("You have no workdays recorded this month.")))

    story += _heading(_("Payments you received"))
    if st.payments:
        rows = [[_("Date"), _("Received by"), _("Note"), _("Amount")]]
        for p in st.payments:
            rows.append([
                date_str(p.day),
                cell(p.received_by or _("you"), 52 * mm),
                cell(_join_note(p), 60 * mm),
                money(p.amount),
            ])
        rows.append([_("Total"), "", "", money(st.paid)])
        story.append(table(rows, [28 * mm, 52 * mm, 60 * mm, 40 * mm], right=(3,), totals=1))
    else:
        story.append(line(_("You received no payments this month.")))

    story += _contributions(st)

    if st.split:  # the productive-prisons rule: how this month's payments were shared
        story += _heading(_("Income split"))
        rows = [[label, money(amount)] for label, amount in st.split]
        story.append(table(rows, [140 * mm, 40 * mm], right=(1,), header=False))

    workshops = [line(_("Workshops you attended"), "heading")]
    if st.workshops:
        rows = [[_("Date"), _("Workshop")]]
        rows += [
            [date_str(w.day), cell(f"{w.number}. {w.title}", 152 * mm)] for w in st.workshops
        ]
        workshops.append(table(rows, [28 * mm, 152 * mm]))
    else:
        workshops.append(line(_("You attended no workshop this month.")))
    workshops.append(Spacer(1, 2 * mm))
    workshops.append(line(_("Training programme: {done} of {size} workshops completed."),
                          bold_values=("done",), done=st.programme_done, size=st.programme_size))
    story.append(KeepTogether(workshops))
    story.append(Spacer(1, 4 * mm))
    story.append(para(_("If something on this paper is not right, tell the coordinator: every "
                        "figure can be checked in the book."), "small"))
    story.append(KeepTogether([
        Spacer(1, 3 * mm),
        line(_("Issued on {date}."), "body", date=date_str(st.issued_on or dt.date.today())),
        Spacer(1, 3 * mm),
        para(_("I have received a copy of this statement and read it (or had it read to me)."),
             "body"),
        signature_row([f"{st.name} ({st.code})"], thumb=True,
                      space=18 * mm),
    ]))
    return story


def _summary_rows(st: MemberStatement) -> list[list[str]]:
    """Return the statement's summary: who owes whom at the start and now, in plain words."""
    def balance_row(amount, owed_to_her: str, owed_by_her: str) -> list[str]:
        if amount < 0:
            return [owed_by_her, money(-amount)]
        return [owed_to_her, money(amount)]

    rows = [
        balance_row(st.opening_balance,
                    _("What the cooperative owed you when the month began"),
                    _("What you owed the cooperative when the month began (advance)")),
        [_("What you earned this month ({days} of work)").format(
            days=days_phrase(st.days_worked)), "+ " + money(st.earned)],
    ]
    rows += [[credit.note or "—", "+ " + money(credit.amount)] for credit in st.credits]
    rows.append([_("What you were paid this month"), less(st.paid)])
    if st.deducted:
        rows.append([_("Deducted for your contributions (share capital)"), less(st.deducted)])
    rows.append(balance_row(st.closing_balance, _("What the cooperative owes you now"),
                            _("What you owe the cooperative now (advance)")))
    return rows


def _contributions(st: MemberStatement) -> list:
    """Return her share capital part: the month's movements and "paid X of Y" (or nothing)."""
    if not st.contributions and not st.capital_subscribed and not st.capital_paid:
        return []  # no share capital in this book (yet): the paper stays as it was
    out = _heading(_("Your contributions (share capital)"))
    if st.contributions:
        rows = [[_("Date"), _("Movement"), _("Note"), _("Amount")]]
        rows += [
            [date_str(c.day), kind_label(c.kind),
             cell(" · ".join(x for x in (c.agreement, c.note) if x), 70 * mm), money(c.amount)]
            for c in st.contributions
        ]
        out.append(table(rows, [28 * mm, 42 * mm, 70 * mm, 40 * mm], right=(3,)))
    out.append(Spacer(1, 2 * mm))
    out.append(line(_("Your contributions: you paid {paid} of {subscribed}."), "body",
                    bold_values=("paid", "subscribed"), paid=money(st.capital_paid),
                    subscribed=money(st.capital_subscribed)))
    return out


def _heading(title: str) -> list:
    """Return a section heading that starts where the page has room for a few rows.

    A heading kept with its whole table would push a long table to the next page and
    leave this one nearly empty; instead the heading moves only when less than a few
    rows' room is left, and the table flows from there.
    """
    heading = line(title, "heading")
    heading.keepWithNext = 0
    return [CondPageBreak(30 * mm), heading]


def render_statements(statements: list[MemberStatement]) -> bytes:
    """Return one PDF with each member's statement starting on a new page."""
    if not statements:
        raise ValueError("no statements to print")
    story: list = []
    for i, st in enumerate(statements):
        if i:
            story.append(PageBreak())
        story += statement_story(st)
    first = statements[0]
    title = _("Statement for {month}").format(month=month_title(first.year, first.month))
    if len(statements) == 1:
        title += f" — {first.name}"
    return build_pdf(story, head=first.letterhead, title=title)


def render_statement(statement: MemberStatement) -> bytes:
    """Return the PDF of one member's statement."""
    return render_statements([statement])
