"""The year-end surplus distribution: the bylaws' rule, the computation, approval.

The rule is the reserve and education percentages kept as settings, each with the
bylaws' article (revision 0011); a book whose assembly saved a dated rule before then
keeps using its latest one until the settings are written. Approval happens once per
year: it keeps the distribution, credits the reserve and the education fund their
parts, and posts each member's share as a credit to her balance (what the cooperative
owes her), dated the day of the assembly, all in one transaction with its audit record.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from coopdesk.db.queries import distribution as rows
from coopdesk.db.queries.roster import roster
from coopdesk.db.tables import MemberCredit, SurplusDistribution
from coopdesk.domain.assembly import citation_text
from coopdesk.domain.changes import Kind, changes
from coopdesk.domain.distribution import (
    Distribution,
    DistributionRule,
    MemberShare,
    distribute,
    parse_percent,
)
from coopdesk.domain.errors import Conflict, InvalidInput
from coopdesk.domain.money import ZERO
from coopdesk.domain.text import check_plausible_date, clean_text
from coopdesk.formats import date_str
from coopdesk.i18n import _
from coopdesk.services.balances import labor_by_member
from coopdesk.services.book import Book, audit
from coopdesk.services.funds import post_distribution
from coopdesk.services.months import ensure_month_open
from coopdesk.services.settings import read_setting, write_settings

if TYPE_CHECKING:
    from coopdesk.db.reader import Reader

DEFAULT_RULE = DistributionRule()


@changes(Kind.DISTRIBUTIONS, Kind.SETTINGS)
def set_rule(book: Book, *, reserve_percent, education_percent,
             reserve_article: str | None = None, education_article: str | None = None
             ) -> DistributionRule:
    """Keep the bylaws' percentages (and their articles) as the settings the next approval uses.

    Each percentage 0 to 100 with at most 2 decimals, the two together at most 100.
    """
    rule = DistributionRule(parse_percent(reserve_percent, field="reserve_percent"),
                            parse_percent(education_percent, field="education_percent")).check()
    values = {"reserve_percent": f"{rule.reserve_percent:f}",
              "education_percent": f"{rule.education_percent:f}"}
    for key, text in (("reserve_article", reserve_article),
                      ("education_article", education_article)):
        if text is not None:
            values[key] = clean_text(text, what=_("the article"), required=False, limit=60)
    with book.transaction() as session:
        write_settings(session, values)
        return _rule(session)


def _rule(reader: Reader) -> DistributionRule:
    """The settings' rule; before they are written, the latest dated rule of an older book."""
    from coopdesk.db.settings_store import stored_setting

    articles = (read_setting(reader, "reserve_article"),
                read_setting(reader, "education_article"))
    if all(stored_setting(reader, key) is None
           for key in ("reserve_percent", "education_percent")):
        row = rows.rule_on(reader, dt.date.max)
        if row is not None:
            return DistributionRule(row.reserve_percent.normalize(),
                                    row.education_percent.normalize(), *articles)
    return DistributionRule(Decimal(read_setting(reader, "reserve_percent")).normalize(),
                            Decimal(read_setting(reader, "education_percent")).normalize(),
                            *articles)


def current_rule(book: Book) -> DistributionRule:
    """Return the rule the next approval uses (10% reserve and 5% education until set)."""
    with book.read() as reader:
        return _rule(reader)


def _year_result(reader: Reader, year: int) -> Decimal:
    """Sales − purchases − expenses − labor earned over the year."""
    start, end = dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
    totals = rows.year_totals(reader, start, end)
    _days, earned = labor_by_member(reader, start, end)
    return totals.sales - totals.purchases - totals.expenses - sum(earned.values(), ZERO)


def year_surplus(book: Book, year: int) -> Decimal:
    """Return the year's result from the book (negative: a loss, nothing to distribute)."""
    with book.read() as reader:
        return _year_result(reader, year)


def _compute(reader: Reader, year: int, surplus: Decimal | None) -> Distribution:
    days, _earned = labor_by_member(reader, dt.date(year, 1, 1), dt.date(year + 1, 1, 1))
    workdays = {m.code: (m.full_name, days.get(m.id, Decimal("0.000"))) for m in roster(reader)}
    amount = _year_result(reader, year) if surplus is None else Decimal(surplus)
    return distribute(year, amount, _rule(reader), workdays)


def compute_distribution(book: Book, *, year: int, surplus: Decimal | None = None
                         ) -> Distribution:
    """Split the year's surplus (or the amount the assembly decided) by the rule in force."""
    with book.read() as reader:
        return _compute(reader, year, surplus)


@changes(Kind.DISTRIBUTIONS, Kind.CREDITS, Kind.FUNDS)
def approve_distribution(book: Book, *, year: int, approved_on: dt.date,
                         surplus: Decimal | None = None, note: str = "", agreement: str = ""
                         ) -> tuple[SurplusDistribution, Distribution]:
    """Approve the year's distribution once: keep it, credit the funds and each member's share.

    *agreement* cites the assembly's agreement that approved it ("Asamblea 3, acuerdo 2"),
    resolved like the padrón's citations; the book keeps only the link (no text column),
    so a citation of an agreement the book has not recorded is refused. Empty: none cited.
    """
    check_plausible_date(approved_on, what=_("the date"))
    note = clean_text(note, what=_("the note"), required=False, limit=500)
    agreement = clean_text(agreement, what=_("the agreement"), required=False, limit=120)
    if approved_on <= dt.date(year, 12, 31):
        raise InvalidInput(
            _("The surplus of {year} is approved after the year ends.").format(year=year),
            field="approved_on")
    if approved_on > dt.date.today():
        raise InvalidInput(
            _("The distribution cannot be dated after today; {day} has not come yet.").format(
                day=date_str(approved_on)), field="approved_on")
    with book.transaction() as session:
        if rows.approved(session, year) is not None:
            raise Conflict(_("The surplus of {year} was already distributed.").format(year=year))
        ensure_month_open(session, approved_on, field="approved_on")
        agreement_uuid = _agreement_uuid(session, agreement)
        result = _compute(session, year, surplus)
        row = SurplusDistribution(
            year=year, approved_on=approved_on, surplus=result.surplus,
            reserve_percent=result.rule.reserve_percent,
            education_percent=result.rule.education_percent, reserve=result.reserve,
            education=result.education, to_members=result.to_members, note=note,
            agreement_uuid=agreement_uuid, reserve_article=result.rule.reserve_article,
            education_article=result.rule.education_article)
        session.add(row)
        session.flush()
        post_distribution(session, distribution_uuid=row.uuid, day=approved_on, year=year,
                          reserve=result.reserve, education=result.education)
        ids = rows.member_ids(session)
        for share in result.shares:
            if share.amount <= 0:
                continue
            session.add(MemberCredit(
                member_id=ids[share.code], day=approved_on, amount=share.amount,
                kind="surplus", distribution_id=row.id, workdays=share.workdays,
                note=_("Share of the {year} surplus").format(year=year)))
        audit(session, "approve", "surplus_distribution", row.uuid, year=year,
              surplus=result.surplus, reserve=result.reserve, education=result.education,
              to_members=result.to_members, members=len(result.shares))
        session.flush()
        return row, result


def _agreement_uuid(session, agreement: str) -> str | None:
    """The uuid of the recorded agreement *agreement* cites; refused when it cites none."""
    from coopdesk.services.assemblies import cited_agreement

    if not agreement:
        return None
    uuid = cited_agreement(session, agreement)
    if uuid is None:
        raise InvalidInput(
            _("The agreement \"{text}\" is not recorded in the book: write it as "
              "\"Asamblea N, acuerdo M\" of a session recorded in the book, or leave it "
              "empty.").format(text=agreement), field="agreement")
    return uuid


def approved_distribution(book: Book, year: int) -> tuple[dt.date, Distribution] | None:
    """Return (the day it was approved, the distribution) for *year*, or None."""
    with book.read() as reader:
        row = rows.approved(reader, year)
        if row is None:
            return None
        shares = [MemberShare(s.code, s.name, s.workdays, s.amount)
                  for s in rows.shares(reader, row.id)]
        cited = rows.cited_agreement_of(reader, year)
    # The articles kept on approval, never today's settings: the filed paper must not
    # change (None on a distribution approved before revision 0013 recorded them).
    rule = DistributionRule(row.reserve_percent.normalize(), row.education_percent.normalize(),
                            row.reserve_article, row.education_article)
    agreement = "" if cited is None else (
        f"{citation_text(cited[0], cited[1])} ({date_str(cited[2])})")
    return row.approved_on, Distribution(year, row.surplus, rule, row.reserve, row.education,
                                         shares, agreement)
