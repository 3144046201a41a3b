"""What each member was paid and credited (surplus shares), by member, from the live records."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from coopdesk.db.queries.checks import has_table
from coopdesk.db.queries.labour import FAR_FUTURE, FAR_PAST
from coopdesk.db.queries.values import money
from coopdesk.db.reader import Reader, flush_pending


def _span(start: dt.date | None, end: dt.date | None) -> tuple[str, str]:
    return (start or FAR_PAST).isoformat(), (end or FAR_FUTURE).isoformat()


def paid_by_member(reader: Reader, start: dt.date | None = None,
                   end: dt.date | None = None) -> dict[int, Decimal]:
    """Return member id → her live payments with start <= day < end (None: no bound)."""
    flush_pending(reader)
    rows = reader.connection().exec_driver_sql(
        "SELECT member_id, sum(amount) FROM live_member_payment"
        " WHERE day >= ? AND day < ? GROUP BY member_id",
        _span(start, end),
    )
    return {mid: money(cents) for mid, cents in rows}


def credits_by_member(reader: Reader, start: dt.date | None = None,
                      end: dt.date | None = None) -> dict[int, Decimal]:
    """Return member id → her live credits (surplus shares) with start <= day < end."""
    if not has_table(reader.connection(), "member_credit"):  # a book before its upgrade
        return {}
    flush_pending(reader)
    rows = reader.connection().exec_driver_sql(
        "SELECT member_id, sum(amount) FROM live_member_credit"
        " WHERE day >= ? AND day < ? GROUP BY member_id",
        _span(start, end),
    )
    return {mid: money(cents) for mid, cents in rows}
