"""The year-end surplus distribution: the assembly's dated rule, the computation, approval.

Approval happens once per year: it keeps the distribution and posts each member's
share as a credit to her balance (what the cooperative owes her), dated the day of
the assembly, all in one transaction with its audit record.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlmodel import Session, select

from coopdesk.db.tables import DistributionRuleRow, MemberCredit, SurplusDistribution
from coopdesk.domain.changes import Kind, changes
from coopdesk.domain.distribution import Distribution, DistributionRule, MemberShare, distribute
from coopdesk.domain.errors import Conflict, InvalidInput
from coopdesk.domain.money import ZERO, from_cents, from_units
from coopdesk.domain.text import check_plausible_date, clean_text
from coopdesk.i18n import _
from coopdesk.services.balances import labor_by_member
from coopdesk.services.book import Book, audit
from coopdesk.services.months import ensure_month_open

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
        if session.exec(select(DistributionRuleRow).where(
                DistributionRuleRow.valid_from == valid_from)).first():
            raise Conflict(_("There is already a rule from {day}.").format(
                day=valid_from.strftime("%d/%m/%Y")), field="valid_from")
        row = DistributionRuleRow(valid_from=valid_from, reserve_percent=rule.reserve_percent,
                                  education_percent=rule.education_percent, note=note)
        session.add(row)
        session.flush()
        audit(session, "create", "distribution_rule", row.uuid, valid_from=valid_from,
              reserve=rule.reserve_percent, education=rule.education_percent)
        return row


def _rule_on(session: Session, day: dt.date) -> DistributionRule:
    row = session.exec(select(DistributionRuleRow).where(DistributionRuleRow.valid_from <= day)
                       .order_by(DistributionRuleRow.valid_from.desc())).first()
    if row is None:
        return DEFAULT_RULE
    return DistributionRule(row.reserve_percent.normalize(), row.education_percent.normalize())


def rule_on(book: Book, day: dt.date) -> DistributionRule:
    """Return the rule in force on *day* (20% reserve and 10% education when none was set)."""
    with book.read() as session:
        return _rule_on(session, day)


def _year_result(session: Session, year: int) -> Decimal:
    """Sales − purchases − expenses − labor earned over the year."""
    conn = session.connection()
    span = (f"{year:04d}-01-01", f"{year + 1:04d}-01-01")
    sums = [from_cents(conn.exec_driver_sql(
        f"SELECT coalesce(sum({col}), 0) FROM {table} WHERE voided_at IS NULL"
        " AND day >= ? AND day < ?", span).scalar())
        for table, col in (("sale", "total"), ("purchase", "total"), ("expense", "amount"))]
    _days, earned = labor_by_member(session, dt.date(year, 1, 1), dt.date(year + 1, 1, 1))
    return sums[0] - sums[1] - sums[2] - sum(earned.values(), ZERO)


def year_surplus(book: Book, year: int) -> Decimal:
    """Return the year's result from the book (negative: a loss, nothing to distribute)."""
    with book.read() as session:
        return _year_result(session, year)


def _compute(session: Session, year: int, surplus: Decimal | None) -> Distribution:
    days, _earned = labor_by_member(session, dt.date(year, 1, 1), dt.date(year + 1, 1, 1))
    workdays = {
        code: (name, days.get(mid, Decimal("0.000")))
        for mid, code, name in session.connection().exec_driver_sql(
            "SELECT id, code, full_name FROM member")
    }
    amount = _year_result(session, year) if surplus is None else Decimal(surplus)
    return distribute(year, amount, _rule_on(session, dt.date(year, 12, 31)), workdays)


def compute_distribution(book: Book, *, year: int, surplus: Decimal | None = None
                         ) -> Distribution:
    """Split the year's surplus (or the amount the assembly decided) by the rule in force."""
    with book.read() as session:
        return _compute(session, year, surplus)


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
        if session.exec(select(SurplusDistribution).where(
                SurplusDistribution.year == year)).first():
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
        ids = dict(session.connection().exec_driver_sql("SELECT code, id FROM member").all())
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
    with book.read() as session:
        row = session.exec(select(SurplusDistribution).where(
            SurplusDistribution.year == year)).first()
        if row is None:
            return None
        shares = [
            MemberShare(code, name, from_units(days, 3), from_cents(amount))
            for code, name, days, amount in session.connection().exec_driver_sql(
                "SELECT m.code, m.full_name, c.workdays, c.amount FROM member_credit c"
                " JOIN member m ON m.id=c.member_id WHERE c.distribution_id=?"
                " AND c.voided_at IS NULL ORDER BY m.code", (row.id,))
        ]
        rule = DistributionRule(row.reserve_percent.normalize(),
                                row.education_percent.normalize())
        return row.approved_on, Distribution(year, row.surplus, rule, row.reserve,
                                             row.education, shares)
