"""The year-end surplus distribution: the assembly's dated rule, the computation, approval.

Approval happens once per year: it keeps the distribution and posts each member's
share as a credit to her balance (what the cooperative owes her), dated the day of
the assembly, all in one transaction with its audit record.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from coopdesk.db.queries import distribution as rows
from coopdesk.db.queries.roster import roster
from coopdesk.db.tables import DistributionRuleRow, MemberCredit, SurplusDistribution
from coopdesk.domain.changes import Kind, changes
from coopdesk.domain.distribution import Distribution, DistributionRule, MemberShare, distribute
from coopdesk.domain.errors import Conflict, InvalidInput
from coopdesk.domain.money import ZERO
from coopdesk.domain.text import check_plausible_date, clean_text
from coopdesk.i18n import _
from coopdesk.services.balances import labor_by_member
from coopdesk.services.book import Book, audit
from coopdesk.services.months import ensure_month_open

if TYPE_CHECKING:
    from coopdesk.db.reader import Reader

DEFAULT_RULE = DistributionRule(Decimal("20"), Decimal("10"))


def _percent(value, field: str) -> Decimal:
    value = Decimal(value)
    if value != value.quantize(Decimal("0.01")) or not (0 <= value <= 100):
        raise InvalidInput(_("Write a percentage from 0 to 100 with at most 2 decimals."),
                           field=field)
    return value


@changes(Kind.DISTRIBUTIONS)
def set_rule(book: Book, *, valid_from: dt.date, reserve_percent: Decimal,
             education_percent: Decimal, note: str = "") -> DistributionRuleRow:
    """Record the assembly's rule in force from *valid_from* on (one rule per date)."""
    check_plausible_date(valid_from, what=_("the date"))
    rule = DistributionRule(_percent(reserve_percent, "reserve_percent"),
                            _percent(education_percent, "education_percent")).check()
    note = clean_text(note, what=_("the note"), required=False, limit=500)
    with book.transaction() as session:
        if rows.has_rule_from(session, valid_from):
            raise Conflict(_("There is already a rule from {day}.").format(
                day=valid_from.strftime("%d/%m/%Y")), field="valid_from")
        row = DistributionRuleRow(valid_from=valid_from, reserve_percent=rule.reserve_percent,
                                  education_percent=rule.education_percent, note=note)
        session.add(row)
        session.flush()
        audit(session, "create", "distribution_rule", row.uuid, valid_from=valid_from,
              reserve=rule.reserve_percent, education=rule.education_percent)
        return row


def _rule_on(reader: Reader, day: dt.date) -> DistributionRule:
    row = rows.rule_on(reader, day)
    if row is None:
        return DEFAULT_RULE
    return DistributionRule(row.reserve_percent.normalize(), row.education_percent.normalize())


def rule_on(book: Book, day: dt.date) -> DistributionRule:
    """Return the rule in force on *day* (20% reserve and 10% education when none was set)."""
    with book.read() as reader:
        return _rule_on(reader, day)


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
    return distribute(year, amount, _rule_on(reader, dt.date(year, 12, 31)), workdays)


def compute_distribution(book: Book, *, year: int, surplus: Decimal | None = None
                         ) -> Distribution:
    """Split the year's surplus (or the amount the assembly decided) by the rule in force."""
    with book.read() as reader:
        return _compute(reader, year, surplus)


@changes(Kind.DISTRIBUTIONS, Kind.CREDITS)
def approve_distribution(book: Book, *, year: int, approved_on: dt.date,
                         surplus: Decimal | None = None, note: str = ""
                         ) -> tuple[SurplusDistribution, Distribution]:
    """Approve the year's distribution once: keep it and credit each member's share."""
    check_plausible_date(approved_on, what=_("the date"))
    note = clean_text(note, what=_("the note"), required=False, limit=500)
    if approved_on <= dt.date(year, 12, 31):
        raise InvalidInput(
            _("The surplus of {year} is approved after the year ends.").format(year=year),
            field="approved_on")
    with book.transaction() as session:
        if rows.approved(session, year) is not None:
            raise Conflict(_("The surplus of {year} was already distributed.").format(year=year))
        ensure_month_open(session, approved_on, field="approved_on")
        result = _compute(session, year, surplus)
        row = SurplusDistribution(
            year=year, approved_on=approved_on, surplus=result.surplus,
            reserve_percent=result.rule.reserve_percent,
            education_percent=result.rule.education_percent, reserve=result.reserve,
            education=result.education, to_members=result.to_members, note=note)
        session.add(row)
        session.flush()
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


def approved_distribution(book: Book, year: int) -> tuple[dt.date, Distribution] | None:
    """Return (the day it was approved, the distribution) for *year*, or None."""
    with book.read() as reader:
        row = rows.approved(reader, year)
        if row is None:
            return None
        shares = [MemberShare(s.code, s.name, s.workdays, s.amount)
                  for s in rows.shares(reader, row.id)]
    rule = DistributionRule(row.reserve_percent.normalize(), row.education_percent.normalize())
    return row.approved_on, Distribution(year, row.surplus, rule, row.reserve, row.education,
                                         shares)
