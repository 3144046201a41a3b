"""What the year-end surplus distribution reads: the year's totals, the rules, approved shares."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from coopdesk.db.queries.values import day, money, quantity
from coopdesk.db.reader import Reader, flush_pending


@dataclass(frozen=True)
class YearTotals:
    """The live sales, purchases and expenses of a period."""

    sales: Decimal
    purchases: Decimal
    expenses: Decimal


@dataclass(frozen=True)
class RuleRow:
    """The assembly's rule in force from a day: percentages to the reserve and to education."""

    valid_from: dt.date
    reserve_percent: Decimal
    education_percent: Decimal


@dataclass(frozen=True)
class ApprovedDistribution:
    """A year's approved distribution as it was kept."""

    id: int  # noqa: A003 (the row's id)
    year: int
    approved_on: dt.date
    surplus: Decimal
    reserve_percent: Decimal
    education_percent: Decimal
    reserve: Decimal
    education: Decimal
    #: The bylaws' articles kept on approval (revision 0013); None: not recorded then.
    reserve_article: str | None = None
    education_article: str | None = None


@dataclass(frozen=True)
class ShareRow:
    """A member's live credit from an approved distribution."""

    code: str
    name: str
    workdays: Decimal
    amount: Decimal


def year_totals(reader: Reader, start: dt.date, end: dt.date) -> YearTotals:
    """Return the live sales, purchases and expenses with start <= day < end."""
    conn = reader.connection()
    span = (start.isoformat(), end.isoformat())
    sales, purchases, expenses = (
        money(conn.exec_driver_sql(
            f"SELECT sum({col}) FROM {view} WHERE day >= ? AND day < ?", span).scalar())  # noqa: S608
        for view, col in (("live_sale", "total"), ("live_purchase", "total"),
                          ("live_expense", "amount")))
    return YearTotals(sales, purchases, expenses)


def rule_on(reader: Reader, on: dt.date) -> RuleRow | None:
    """Return the rule in force on *on* (the latest from that day or before), or None."""
    flush_pending(reader)
    row = reader.connection().exec_driver_sql(
        "SELECT valid_from, reserve_percent, education_percent FROM distribution_rule"
        " WHERE valid_from <= ? ORDER BY valid_from DESC LIMIT 1", (on.isoformat(),)).first()
    return None if row is None else RuleRow(day(row[0]), quantity(row[1]), quantity(row[2]))


def has_rule_from(reader: Reader, valid_from: dt.date) -> bool:
    """True when a rule starts on *valid_from*."""
    return reader.connection().exec_driver_sql(
        "SELECT 1 FROM distribution_rule WHERE valid_from = ?",
        (valid_from.isoformat(),)).first() is not None


def approved(reader: Reader, year: int) -> ApprovedDistribution | None:
    """Return the distribution approved for *year*, or None."""
    flush_pending(reader)
    row = reader.connection().exec_driver_sql(
        "SELECT id, year, approved_on, surplus, reserve_percent, education_percent, reserve,"
        " education, reserve_article, education_article FROM surplus_distribution"
        " WHERE year = ?", (year,)).first()
    if row is None:
        return None
    did, y, on, surplus, reserve_p, education_p, reserve, education, *articles = row
    return ApprovedDistribution(did, y, day(on), money(surplus), quantity(reserve_p),
                                quantity(education_p), money(reserve), money(education),
                                *articles)


def shares(reader: Reader, distribution_id: int) -> list[ShareRow]:
    """Return the live credits of a distribution, by member code."""
    return [ShareRow(code, name, quantity(days), money(amount))
            for code, name, days, amount in reader.connection().exec_driver_sql(
                "SELECT m.code, m.full_name, c.workdays, c.amount FROM live_member_credit c"
                " JOIN member m ON m.id=c.member_id WHERE c.distribution_id=?"
                " ORDER BY m.code", (distribution_id,))]


def member_ids(reader: Reader) -> dict[str, int]:
    """Return member code → id."""
    return dict(reader.connection().exec_driver_sql("SELECT code, id FROM member").all())


def cited_agreement_of(reader: Reader, year: int) -> tuple[int, int, dt.date] | None:
    """Return (session number, agreement number, session day) *year*'s distribution cites.

    None when it cites none, or in a book older than the assemblies (revision 0012).
    """
    from coopdesk.db.queries.checks import has_table

    if not has_table(reader, "assembly_agreement"):
        return None
    row = reader.connection().exec_driver_sql(
        "SELECT s.number, a.number, s.day FROM surplus_distribution d"
        " JOIN assembly_agreement a ON a.uuid = d.agreement_uuid"
        " JOIN assembly_session s ON s.id = a.session_id WHERE d.year = ?", (year,)).first()
    return None if row is None else (int(row[0]), int(row[1]), day(row[2]))
