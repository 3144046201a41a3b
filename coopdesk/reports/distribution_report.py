"""The year-end surplus distribution, as a table for the assembly with signature lines."""

from __future__ import annotations

import datetime as dt

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Spacer

from coopdesk.domain.distribution import Distribution
from coopdesk.domain.documents import Letterhead
from coopdesk.formats import (
    date_str,
    days_str,
    money,
    percent,
)
from coopdesk.i18n import _
from coopdesk.reports.base import (
    SIGNING_ROW,
    para,
    signature_row,
    table,
    table_then,
)
from coopdesk.reports.page import build_pdf


def _article(article: str | None) -> str:
    """The bylaws' article after a fund's name, or why the paper cannot name one.

    None: approved before coopdesk kept the articles with the distribution (revision
    0013); the article then in force is not guessed from today's settings.
    """
    if article is None:
        return " " + _("(article of the bylaws not recorded when it was approved)")
    if article:
        return " " + _("(bylaws, {article})").format(article=article)
    return " " + _("(article of the bylaws not written in Settings)")


def render_distribution(head: Letterhead, distribution: Distribution,
                        approved_on: dt.date | None = None) -> bytes:
    """Return the PDF of the distribution of a year's surplus (a draft until approved)."""
    dist = distribution
    title = _("Distribution of the {year} surplus").format(year=dist.year)
    story = [para(title, "title")]
    if approved_on is None:
        story.append(para(_("DRAFT: to be approved by the assembly"), "stamp"))
    elif dist.agreement:  # "Asamblea 5, acuerdo 2 (17/02/2024)": its session's day
        story.append(para(_("Approved by the assembly: {agreement}.").format(
            agreement=dist.agreement)))
        if f"({date_str(approved_on)})" not in dist.agreement:  # approved another day
            story.append(para(_("Approved by the assembly on {day}.").format(
                day=date_str(approved_on))))
    else:
        story.append(para(_("Approved by the assembly on {day}.").format(
            day=date_str(approved_on))))
    rule = [
        [_("Surplus of the year to distribute"), "", money(dist.surplus)],
        [para(_("Reserve fund") + _article(dist.rule.reserve_article), "cell"),
         percent(dist.rule.reserve_percent, 2, trim=True), money(dist.reserve)],
        [para(_("Education fund") + _article(dist.rule.education_article), "cell"),
         percent(dist.rule.education_percent, 2, trim=True), money(dist.education)],
        [_("To the members, by their workdays in the year (the rest)"), "",
         money(dist.to_members)],
        [_("Total"), "", money(dist.total)],
    ]
    story.append(para(_("The bylaws' rule"), "heading"))
    story.append(table(rule, [110 * mm, 25 * mm, 45 * mm], right=(1, 2), header=False,
                       totals=1, font_size=10))
    story.append(para(_(
        "Each fund's part is its percentage of the surplus rounded to the céntimo (half up); "
        "the members get the rest, so reserve + education + members = the surplus exactly. "
        "Nothing is ever paid out of the reserve fund."), "small"))
    rows = [[_("Code"), _("Member"), _("Workdays"), _("Share"), _("Signature")]]
    for share in dist.shares:
        rows.append([share.code, para(share.name, "cell"), days_str(share.workdays),
                     money(share.amount), ""])
    rows.append([_("Total"), "", days_str(dist.total_workdays), money(dist.to_members), ""])
    # The heading may not pull a 40-row table to page 2: it only needs room for a few rows.
    heading = para(_("Each member's share"), "heading")
    heading.keepWithNext = 0
    story += [CondPageBreak(4 * SIGNING_ROW), heading]
    after = [
        Spacer(1, 2 * mm),
        para(_(
            "Each share is the members' part × her workdays ÷ {days} workdays, to the céntimo; "
            "the céntimos left by rounding go to the largest remainders, so the shares add up "
            "exactly. Once approved, each share is credited to the member's balance."
        ).format(days=days_str(dist.total_workdays)), "small"),
        Spacer(1, 10 * mm),
        signature_row([_("President"), _("Treasurer")]),
        Spacer(1, 4 * mm),
        signature_row([_("Secretary"), _("For the institution")]),
    ]
    if dist.shares:
        # The signatures travel with the table's last rows and total, never alone.
        story += table_then(rows, [19 * mm, 67 * mm, 24 * mm, 30 * mm, 40 * mm], after,
                            right=(2, 3), min_height=SIGNING_ROW)
    else:
        story += [para(_("No member worked in the year.")), KeepTogether(after)]
    return build_pdf(story, head=head, title=title, label=title)
