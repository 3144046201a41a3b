"""The monthly report's section on the cooperative's capital and funds (issue #17).

The month's share capital (subscribed, paid in cash and by deductions, returned) and
the totals at the month's end; each fund's opening, in, out and closing, and the
month's movements of the funds. Plain data from the month's summary, nothing computed
here but sums of what it holds.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer

from coopdesk.domain.funds import FUNDS, NO_FLOW
from coopdesk.domain.money import ZERO
from coopdesk.domain.statements import MonthSummary
from coopdesk.formats import date_str, money
from coopdesk.i18n import _
from coopdesk.reports.base import bold, markup, para, table


def _fund_name(fund: str) -> str:
    return {"reserve": _("Reserve fund"), "education": _("Education fund")}[fund]


def capital_and_funds(s: MonthSummary) -> list:
    """Return the flowables of the capital and funds section."""
    subscribed = sum((m.capital_subscribed for m in s.members), ZERO)
    paid = sum((m.capital_paid for m in s.members), ZERO)
    flows = [s.funds.get(fund, NO_FLOW) for fund in FUNDS]
    if not (subscribed or s.capital_subscribed or s.capital_paid or s.capital_returned
            or s.fund_moves or any(f.opening for f in flows)):
        # Before the cooperative is formal: one line, so a quiet month stays on one page.
        line = markup(_("{section}: {sentence}").format(
            section=bold(_("Share capital and funds")),
            sentence=escape(_("no contributions and no fund movements so far."))))
        line.spaceBefore = 2 * mm
        return [line]
    capital = [
        ["", _("This month"), _("At the end of the month")],
        [_("Subscribed"), money(s.capital_subscribed), money(subscribed)],
        [_("Paid (cash and deductions from pay)"), money(s.capital_paid), ""],
        [_("Returned to members who left"), money(s.capital_returned), ""],
        [_("Paid in, less returned"), money(s.capital_paid - s.capital_returned), money(paid)],
    ]
    story = [KeepTogether([
        para(_("Members' share capital"), "heading"),
        table(capital, [100 * mm, 40 * mm, 40 * mm], right=(1, 2), totals=1),
    ])]
    funds = [[_("Fund"), _("Opening"), _("In"), _("Out"), _("Closing")]]
    for fund in FUNDS:
        flow = s.funds.get(fund, NO_FLOW)
        funds.append([_fund_name(fund), money(flow.opening), money(flow.came_in),
                      money(flow.went_out), money(flow.closing)])
    body = [para(_("Reserve and education funds"), "heading"),
            table(funds, [60 * mm, 30 * mm, 30 * mm, 30 * mm, 30 * mm], right=(1, 2, 3, 4)),
            Spacer(1, 1.5 * mm),
            para(_("Nothing is ever paid out of the reserve fund; the education fund pays "
                   "the training workshops."), "small")]
    story.append(KeepTogether(body))
    if s.fund_moves:
        rows = [[_("Date"), _("Fund"), _("Movement"), _("In"), _("Out")]]
        for move in s.fund_moves:
            came_in = money(move.amount) if move.direction == "in" else ""
            went_out = money(move.amount) if move.direction == "out" else ""
            rows.append([date_str(move.day), _fund_name(move.fund), para(move.note, "cell"),
                         came_in, went_out])
        story.append(Spacer(1, 2 * mm))
        story.append(table(rows, [25 * mm, 35 * mm, 70 * mm, 25 * mm, 25 * mm], right=(3, 4)))
    return story
