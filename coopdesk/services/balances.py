"""What each member earned, was paid and is owed, straight from the book.

Earnings are computed per rate period: within one period every full day earns the
rate and every half day earns half of it rounded to the céntimo, so grouping by
period and fraction gives the exact sum of rounded per-workday amounts.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

from coopdesk.db.queries import shares
from coopdesk.domain.money import ZERO, from_cents, from_units
from coopdesk.domain.work import RateTable, workday_pay

if TYPE_CHECKING:
    from sqlmodel import Session

FAR_PAST = dt.date(1900, 1, 1)
FAR_FUTURE = dt.date(9999, 12, 31)


def rate_table(session: Session) -> RateTable:
    """Return the labor rates of the book (a Session, or `Book.read_sql()`'s reader)."""
    if hasattr(session, "flush"):
        session.flush()  # an operation's new rate counts, as an ORM query would see it
    rows = session.connection().exec_driver_sql("SELECT valid_from, rate FROM labor_rate")
    return RateTable([(dt.date.fromisoformat(day[:10]), from_cents(cents)) for day, cents in rows])


def labor_by_member(
    session: Session, start: dt.date | None = None, end: dt.date | None = None
) -> tuple[dict[int, Decimal], dict[int, Decimal]]:
    """Return (workdays, earned) per member id for live workdays with start <= day < end."""
    start = start or FAR_PAST
    end = end or FAR_FUTURE
    conn = session.connection()
    days: dict[int, Decimal] = defaultdict(lambda: Decimal("0.000"))
    earned: dict[int, Decimal] = defaultdict(lambda: ZERO)
    periods = rate_table(session).periods()
    # Days before the first rate earn the starting rate: rate_table covers that.
    if not periods or periods[0][0] > FAR_PAST:
        first_rate = rate_table(session).rate_on(FAR_PAST)
        periods.insert(0, (FAR_PAST, periods[0][0] if periods else None, first_rate))
    for since, until, rate in periods:
        lo = max(start, since)
        hi = min(end, until or FAR_FUTURE)
        if lo >= hi:
            continue
        # Years of history read the member-first index, already grouped (the unary + keeps
        # SQLite off the day index, which would sort all those rows); a month, the day one.
        day = "+day" if (hi - lo).days > 92 else "day"
        rows = conn.exec_driver_sql(
            "SELECT member_id, fraction, count(*) FROM workday"
            f" WHERE voided_at IS NULL AND {day} >= ? AND {day} < ?"
            " GROUP BY member_id, fraction",
            (lo.isoformat(), hi.isoformat()),
        )
        for member_id, fraction_units, count in rows:
            fraction = from_units(fraction_units, 3)
            days[member_id] += fraction * count
            earned[member_id] += workday_pay(fraction, rate) * count
    return dict(days), dict(earned)


def paid_by_member(
    session: Session, start: dt.date | None = None, end: dt.date | None = None
) -> dict[int, Decimal]:
    """Return the live payments per member id with start <= day < end."""
    rows = session.connection().exec_driver_sql(
        "SELECT member_id, sum(amount) FROM member_payment"
        " WHERE voided_at IS NULL AND day >= ? AND day < ? GROUP BY member_id",
        ((start or FAR_PAST).isoformat(), (end or FAR_FUTURE).isoformat()),
    )
    return {member_id: from_cents(total) for member_id, total in rows}


def credits_by_member(
    session: Session, start: dt.date | None = None, end: dt.date | None = None
) -> dict[int, Decimal]:
    """Return the live credits (surplus shares, not labor) per member id, start <= day < end."""
    conn = session.connection()
    if not conn.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='member_credit'"
    ).first():
        return {}  # a book opened read-only before its upgrade
    rows = conn.exec_driver_sql(
        "SELECT member_id, sum(amount) FROM member_credit"
        " WHERE voided_at IS NULL AND day >= ? AND day < ? GROUP BY member_id",
        ((start or FAR_PAST).isoformat(), (end or FAR_FUTURE).isoformat()),
    )
    return {member_id: from_cents(total) for member_id, total in rows}


def deducted_by_member(
    session: Session, start: dt.date | None = None, end: dt.date | None = None
) -> dict[int, Decimal]:
    """Return what was taken from each member's pay for her share capital, start <= day < end."""
    return shares.deducted_by_member(session.connection(), start, end)


def balance_of(session: Session, member_id: int, until: dt.date | None = None) -> Decimal:
    """Return what the cooperative owes a member for everything before *until* (exclusive)."""
    return balances(session, until).get(member_id, ZERO)


def balances(session: Session, until: dt.date | None = None) -> dict[int, Decimal]:
    """Return every member's balance before *until* (exclusive), by member id.

    earned + credited − paid − deducted: a deduction for her share capital lowers what
    she is owed exactly as a payment does.
    """
    _days, earned = labor_by_member(session, None, until)
    paid = paid_by_member(session, None, until)
    credited = credits_by_member(session, None, until)
    deducted = deducted_by_member(session, None, until)
    ids = set(earned) | set(paid) | set(credited) | set(deducted)
    return {mid: earned.get(mid, ZERO) + credited.get(mid, ZERO) - paid.get(mid, ZERO)
            - deducted.get(mid, ZERO) for mid in ids}
