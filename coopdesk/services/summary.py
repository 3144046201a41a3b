"""The month's figures, assembled from the book for `summary`, statements and the desk."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from coopdesk.db.queries import summary as figures
from coopdesk.db.queries.funds import fund_entries, fund_flows
from coopdesk.db.queries.roster import roster
from coopdesk.db.queries.shares import capital_by_member
from coopdesk.domain.funds import FundMove
from coopdesk.domain.money import ZERO
from coopdesk.domain.shares import CapitalTotals
from coopdesk.domain.statements import MemberMonth, MonthSummary
from coopdesk.domain.text import month_bounds
from coopdesk.services.balances import (
    credits_by_member,
    deducted_by_member,
    labor_by_member,
    paid_by_member,
)
from coopdesk.services.book import Book

if TYPE_CHECKING:
    from coopdesk.db.reader import Reader

NO_DAYS = Decimal("0.000")


def month_summary(book: Book, year: int, month: int) -> MonthSummary:
    """Return the figures of one month (voided records never count)."""
    with book.read() as reader:
        return summarize(reader, year, month)


def summarize(reader: Reader, year: int, month: int) -> MonthSummary:
    """Build the month's figures with an open reader (a Session or `Book.read()`'s)."""
    first, nxt = month_bounds(year, month)
    days_in, earned_in = labor_by_member(reader, first, nxt)
    paid_in = paid_by_member(reader, first, nxt)
    _days_before, earned_before = labor_by_member(reader, None, first)
    paid_before = paid_by_member(reader, None, first)
    credited_in = credits_by_member(reader, first, nxt)
    credited_before = credits_by_member(reader, None, first)

    deducted_in = deducted_by_member(reader, first, nxt)
    deducted_before = deducted_by_member(reader, None, first)
    capital_at_end = capital_by_member(reader.connection(), None, nxt)
    capital_in = capital_by_member(reader.connection(), first, nxt)
    month_capital = _sum_capital(capital_in.values())

    members = [
        MemberMonth(
            code=m.code,
            name=m.full_name,
            workdays=days_in.get(m.id, NO_DAYS),
            earned=earned_in.get(m.id, ZERO),
            paid=paid_in.get(m.id, ZERO),
            opening_balance=earned_before.get(m.id, ZERO)
            + credited_before.get(m.id, ZERO)
            - paid_before.get(m.id, ZERO)
            - deducted_before.get(m.id, ZERO),
            credited=credited_in.get(m.id, ZERO),
            deducted=deducted_in.get(m.id, ZERO),
            capital_subscribed=capital_at_end.get(m.id, CapitalTotals()).subscribed,
            capital_paid=capital_at_end.get(m.id, CapitalTotals()).paid_net,
        )
        for m in roster(reader)
    ]
    sales = figures.sales_totals(reader, first, nxt)
    return MonthSummary(
        year=year,
        month=month,
        workdays=sum(days_in.values(), NO_DAYS),
        earned=sum(earned_in.values(), ZERO),
        paid=sum(paid_in.values(), ZERO),
        sales_count=sales.count,
        sales_units=sales.units,
        sales_total=sales.total,
        sales_unpaid=sales.unpaid,
        by_buyer=figures.sales_by_buyer(reader, first, nxt),
        purchases_total=figures.purchases_total(reader, first, nxt),
        expenses_total=figures.expenses_total(reader, first, nxt),
        attendance=figures.attendance_by_workshop(reader, first, nxt),
        members=members,
        capital_subscribed=month_capital.subscribed,
        capital_paid=month_capital.paid,
        capital_returned=month_capital.returned,
        funds=fund_flows(reader, first, nxt),
        fund_moves=tuple(FundMove(e.day, e.fund, e.direction, e.amount, e.source, e.note)
                         for e in fund_entries(reader, start=first, end=nxt)),
    )


def _sum_capital(parts) -> CapitalTotals:
    subscribed = paid = returned = ZERO
    for part in parts:
        subscribed += part.subscribed
        paid += part.paid
        returned += part.returned
    return CapitalTotals(subscribed, paid, returned)
