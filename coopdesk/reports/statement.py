"""The monthly member statement: what she was owed, earned, was paid and is owed now."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Spacer

from coopdesk.domain.documents import MemberStatement
from coopdesk.i18n import _
from coopdesk.reports.base import (
    build_pdf,
    cell,
    date_str,
    days_str,
    fraction_str,
    line,
    money,
    month_title,
    para,
    starts_section,
    table,
)

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
    days = days_str(st.days_worked)
    summary = [
        [_("What the cooperative owed you when the month began"), money(st.opening_balance)],
        [_("What you earned this month ({days} days of work)").format(days=days),
         "+ " + money(st.earned)],
        [_("What you were paid this month"), "− " + money(st.paid)],
        [_("What the cooperative owes you now"), money(st.closing_balance)],
    ]
    for credit in st.credits:  # her share of an approved surplus: owed to her, not labor
        summary.insert(-2, [credit.note or "—",
                            "+ " + money(credit.amount)])
    story.append(table(summary, [135 * mm, 45 * mm], right=(1,), header=False, totals=1,
                       font_size=10.5))
    if st.closing_balance < 0:
        story.append(Spacer(1, 2 * mm))
        story.append(para(_("You received {amount} more than you had earned (an advance); it is "
                            "discounted from your next workdays.").format(
                                amount=money(-st.closing_balance)), "body"))

    story.append(line(_("Your workdays"), "heading"))
    if st.workdays:
        rows = [[_("Date"), _("Line"), _("Day"), _("Pay per day"), _("You earned")]]
        rows += [
            [date_str(w.day), _workday_line(w), fraction_str(w.fraction), money(w.rate),
             money(w.amount)]
            for w in st.workdays
        ]
        rows.append([_("Total"), "", _("{days} days").format(days=days), "", money(st.earned)])
        story.append(table(rows, [28 * mm, 38 * mm, 38 * mm, 36 * mm, 40 * mm],
                           right=(3, 4), totals=1))
    else:
        story.append(line(_("You have no workdays recorded this month.")))

    story.append(line(_("Payments you received"), "heading"))
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

    if st.split:  # the productive-prisons rule: how this month's payments were shared
        story.append(line(_("Income split"), "heading"))
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
    story.append(Spacer(1, 6 * mm))
    story.append(para(_("If something on this paper is not right, tell the coordinator: every "
                        "figure can be checked in the book."), "small"))
    return story


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
