"""The month's figures, assembled from the book for `summary`, statements and the desk."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from coopdesk.db.queries.shares import capital_by_member
from coopdesk.domain.money import ZERO, from_cents, from_units
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
    from sqlmodel import Session

    from coopdesk.services.book import SqlReader


def month_summary(book: Book, year: int, month: int) -> MonthSummary:
    """Return the figures of one month (voided records never count)."""
    with book.read_sql() as reader:
        return summarize(reader, year, month)


def summarize(session: Session | SqlReader, year: int, month: int) -> MonthSummary:
    """Build the month's figures inside an open session."""
    first, nxt = month_bounds(year, month)
    conn = session.connection()
    span = (first.isoformat(), nxt.isoformat())

    days_in, earned_in = labor_by_member(session, first, nxt)
    paid_in = paid_by_member(session, first, nxt)
    _days_before, earned_before = labor_by_member(session, None, first)
    paid_before = paid_by_member(session, None, first)
    credited_in = credits_by_member(session, first, nxt)
    credited_before = credits_by_member(session, None, first)
    deducted_in = deducted_by_member(session, first, nxt)
    deducted_before = deducted_by_member(session, None, first)
    capital_at_end = capital_by_member(conn, None, nxt)
    capital_in = capital_by_member(conn, first, nxt)
    month_capital = _sum_capital(capital_in.values())

    members = []
    for mid, code, name in conn.exec_driver_sql(
        "SELECT id, code, full_name FROM member ORDER BY code"
    ):
        members.append(
            MemberMonth(
                code=code,
                name=name,
                workdays=days_in.get(mid, Decimal("0.000")),
                earned=earned_in.get(mid, ZERO),
                paid=paid_in.get(mid, ZERO),
                opening_balance=earned_before.get(mid, ZERO)
                + credited_before.get(mid, ZERO)
                - paid_before.get(mid, ZERO)
                - deducted_before.get(mid, ZERO),
                credited=credited_in.get(mid, ZERO),
                deducted=deducted_in.get(mid, ZERO),
                capital_subscribed=capital_at_end.get(mid, CapitalTotals()).subscribed,
                capital_paid=capital_at_end.get(mid, CapitalTotals()).paid_net,
            )
        )

    count, total, unpaid = conn.exec_driver_sql(
        "SELECT count(*), coalesce(sum(total), 0),"
        " coalesce(sum(CASE WHEN paid THEN 0 ELSE total END), 0)"
        " FROM sale WHERE voided_at IS NULL AND day >= ? AND day < ?",
        span,
    ).one()
    units = conn.exec_driver_sql(
        "SELECT coalesce(sum(l.quantity), 0) FROM sale_line l JOIN sale s ON s.id = l.sale_id"
        " WHERE s.voided_at IS NULL AND s.day >= ? AND s.day < ?",
        span,
    ).scalar()
    by_buyer = [
        (name, from_cents(cents))
        for name, cents in conn.exec_driver_sql(
            "SELECT b.name, sum(s.total) AS t FROM sale s JOIN buyer b ON b.id = s.buyer_id"
            " WHERE s.voided_at IS NULL AND s.day >= ? AND s.day < ?"
            " GROUP BY b.id ORDER BY t DESC, b.name",
            span,
        )
    ]
    purchases = conn.exec_driver_sql(
        "SELECT coalesce(sum(total), 0) FROM purchase"
        " WHERE voided_at IS NULL AND day >= ? AND day < ?",
        span,
    ).scalar()
    expenses = conn.exec_driver_sql(
        "SELECT coalesce(sum(amount), 0) FROM expense"
        " WHERE voided_at IS NULL AND day >= ? AND day < ?",
        span,
    ).scalar()
    attendance = dict(
        conn.exec_driver_sql(
            "SELECT w.number, count(*) FROM attendance a"
            " JOIN workshop_session s ON s.id = a.session_id"
            " JOIN workshop w ON w.id = s.workshop_id"
            " WHERE a.status = 'present' AND s.held_on >= ? AND s.held_on < ?"
            " GROUP BY w.number",
            span,
        ).all()
    )
    return MonthSummary(
        year=year,
        month=month,
        workdays=sum(days_in.values(), Decimal("0.000")),
        earned=sum(earned_in.values(), ZERO),
        paid=sum(paid_in.values(), ZERO),
        sales_count=count,
        sales_units=from_units(units, 3),
        sales_total=from_cents(total),
        sales_unpaid=from_cents(unpaid),
        by_buyer=by_buyer,
        purchases_total=from_cents(purchases),
        expenses_total=from_cents(expenses),
        attendance=attendance,
        members=members,
        capital_subscribed=month_capital.subscribed,
        capital_paid=month_capital.paid,
        capital_returned=month_capital.returned,
    )


def _sum_capital(parts) -> CapitalTotals:
    subscribed = paid = returned = ZERO
    for part in parts:
        subscribed += part.subscribed
        paid += part.paid
        returned += part.returned
    return CapitalTotals(subscribed, paid, returned)
