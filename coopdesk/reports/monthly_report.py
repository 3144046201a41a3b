"""The cooperative's monthly report: sales, purchases, expenses, labor, result and the chart."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer

from coopdesk.domain.documents import MonthlyReport
from coopdesk.domain.money import ZERO
from coopdesk.formats import (
    date_str,
    days_str,
    less,
    money,
    month_title,
    percent,
)
from coopdesk.i18n import _, ngettext
from coopdesk.reports.base import (
    bold,
    markup,
    para,
    signature_row,
    table,
)
from coopdesk.reports.chart import sales_chart
from coopdesk.reports.funds_section import capital_and_funds
from coopdesk.reports.page import build_pdf


def _share(part: Decimal, whole: Decimal) -> str:
    return percent((part * 100 / whole).quantize(Decimal("0.1"))) if whole else "—"


def _section(title: str, body: list) -> KeepTogether:
    """Keep a short section's heading with its table (long tables still flow)."""
    return KeepTogether([para(title, "heading"), *body])


def render_monthly_report(report: MonthlyReport) -> bytes:
    """Return the PDF of the cooperative's monthly report."""
    s = report.summary
    month = month_title(s.year, s.month)
    story = [para(_("Monthly report: {month}").format(month=month), "title")]

    rows = [
        [ngettext("Sales ({count} receipt)", "Sales ({count} receipts)", s.sales_count)
         .format(count=s.sales_count), money(s.sales_total)],
        [_("Purchases of inputs"), less(s.purchases_total)],
        [_("Other expenses"), less(s.expenses_total)],
        [_("Labor earned by the members"), less(s.earned)],
        [_("Result of the month"), money(s.result)],
    ]
    story.append(_section(_("Result"), [
        table(rows, [130 * mm, 50 * mm], right=(1,), header=False, totals=1, font_size=10)
    ]))

    labor = [
        [_("Workdays worked"), days_str(s.workdays)],
        [_("Labor earned"), money(s.earned)],
        [_("Labor paid to members"), money(s.paid)],
        [_("What the cooperative owes members at the end of the month"),
         money(report.owed_to_members)],
        [_("What members owe the cooperative at the end of the month (advances)"),
         money(report.owed_by_members)],
    ]
    story.append(_section(_("Labor of the members"), [
        table(labor, [130 * mm, 50 * mm], right=(1,), header=False)
    ]))
    if report.members_without_statement:
        story.append(Spacer(1, 1.5 * mm))
        count = report.members_without_statement
        story.append(para(ngettext(
            "{count} member who left before this month, with nothing owed either way and "
            "no movement, has no statement this month.",
            "{count} members who left before this month, with nothing owed either way and "
            "no movement, have no statement this month.", count).format(count=count)))
    present = [(n, c) for n, c in sorted(s.attendance.items()) if c]
    if present:
        text = ", ".join(_("workshop {n}: {count}").format(n=n, count=c) for n, c in present)
        story.append(Spacer(1, 1.5 * mm))
        story.append(para(_("Members present at workshop sessions: {list}.").format(list=text)))

    body = []
    if s.by_buyer:
        rows = [[_("Buyer"), _("Share"), _("Amount")]]
        rows += [[para(name, "cell"), _share(total, s.sales_total), money(total)]
                 for name, total in s.by_buyer]
        rows.append([_("Total"), "", money(s.sales_total)])
        body.append(table(rows, [110 * mm, 30 * mm, 40 * mm], right=(1, 2), totals=1))
        name, total = report.main_buyer
        body.append(Spacer(1, 1.5 * mm))
        body.append(markup(_("The main buyer, {name}, bought {share} of the month's sales.").format(
            name=bold(name), share=bold(percent(report.main_buyer_share)))))
        story.append(_section(_("Sales by buyer"), body))
    else:
        story.append(_nothing(_("Sales by buyer"), _("There were no sales this month.")))

    if report.by_product:
        rows = [[_("Product"), _("Units"), _("Amount")]]
        rows += [[para(name, "cell"), days_str(qty), money(total)]
                 for name, qty, total in report.by_product]
        rows.append([_("Total"), days_str(s.sales_units), money(s.sales_total)])
        story.append(_section(_("Sales by product"), [
            table(rows, [110 * mm, 30 * mm, 40 * mm], right=(1, 2), totals=1)
        ]))

    story.append(_amounts(_("Purchases of inputs"), report.purchases, _("Input"),
                          s.purchases_total, _("There were no purchases this month.")))
    story.append(_amounts(_("Other expenses"), report.expenses, _("Category"),
                          s.expenses_total, _("There were no other expenses.")))

    title = _("Sales not paid at the end of the month")
    if report.pending_sales:
        rows = [[_("Receipt"), _("Date"), _("Buyer"), _("Amount")]]
        rows += [[number, date_str(day), para(buyer, "cell"), money(amount)]
                 for number, day, buyer, amount in report.pending_sales]
        rows.append([_("Total"), "", "", money(report.pending_total)])
        story.append(para(title, "heading"))
        story.append(table(rows, [30 * mm, 26 * mm, 84 * mm, 40 * mm], right=(3,), totals=1))
    else:
        story.append(_nothing(title, _("Every sale up to the end of the month has been paid.")))

    story += capital_and_funds(s)  # the share capital and the funds (issue #17)
    story.append(Spacer(1, 5 * mm))
    # The signatures never stand alone on a page: they travel with the chart.
    story.append(KeepTogether([
        sales_chart(report.sales_by_month),
        Spacer(1, 6 * mm),
        para(_("Issued on {date}.").format(
            date=date_str(report.issued_on or dt.date.today()))),
        signature_row([_("President"), _("Treasurer"), _("Coordinator")], space=16 * mm),
    ]))
    return build_pdf(story, head=report.letterhead,
                     title=_("Monthly report: {month}").format(month=month),
                     label=_("Monthly report: {month}").format(month=month))


def _amounts(title: str, items, what: str, total: Decimal, empty: str):
    if not items:
        return _nothing(title, empty)
    rows = [[what, _("Amount")]]
    rows += [[para(name, "cell"), money(amount)] for name, amount in items]
    rows.append([_("Total"), money(sum((a for _n, a in items), ZERO) if total is None else total)])
    return _section(title, [table(rows, [140 * mm, 40 * mm], right=(1,), totals=1)])


def _nothing(title: str, sentence: str):
    """Return an empty section as one line, so an empty month keeps its chart on page 1."""
    line = markup(_("{section}: {sentence}").format(section=bold(title),
                                                    sentence=escape(sentence)))
    line.spaceBefore = 2 * mm
    return line
