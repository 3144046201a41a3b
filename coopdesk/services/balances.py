"""What each member earned, was paid and is owed, straight from the book.

Earnings are the sum of each workday's amount, rounded per workday at the rate of its
day (`coopdesk.db.queries.labour`); payments and credits are read in
`coopdesk.db.queries.balances`. This module puts them together into balances.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from coopdesk.db.queries import shares
from coopdesk.db.queries.balances import credits_by_member, paid_by_member
from coopdesk.db.queries.labour import FAR_FUTURE, FAR_PAST, labour_by_member, rate_table
from coopdesk.domain.money import ZERO

if TYPE_CHECKING:
    from coopdesk.db.reader import Reader

__all__ = ["FAR_FUTURE", "FAR_PAST", "balance_of", "balances", "credits_by_member",
           "deducted_by_member", "labor_by_member", "paid_by_member", "rate_table"]


def labor_by_member(
    reader: Reader, start: dt.date | None = None, end: dt.date | None = None
) -> tuple[dict[int, Decimal], dict[int, Decimal]]:
    """Return (workdays, earned) per member id for live workdays with start <= day < end."""
    totals = labour_by_member(reader, start, end)
    return ({mid: t.workdays for mid, t in totals.items()},
            {mid: t.earned for mid, t in totals.items()})


def deducted_by_member(
    reader: Reader, start: dt.date | None = None, end: dt.date | None = None
) -> dict[int, Decimal]:
    """Return what was taken from each member's pay for her share capital, start <= day < end."""
    return shares.deducted_by_member(reader.connection(), start, end)


def balance_of(reader: Reader, member_id: int, until: dt.date | None = None) -> Decimal:
    """Return what the cooperative owes a member for everything before *until* (exclusive)."""
    return balances(reader, until).get(member_id, ZERO)


def balances(reader: Reader, until: dt.date | None = None) -> dict[int, Decimal]:
    """Return every member's balance before *until* (exclusive), by member id.

    earned + credited − paid − deducted: a deduction for her share capital lowers what
    she is owed exactly as a payment does.
    """
    _days, earned = labor_by_member(reader, None, until)
    paid = paid_by_member(reader, None, until)
    credited = credits_by_member(reader, None, until)
    deducted = deducted_by_member(reader, None, until)
    ids = set(earned) | set(paid) | set(credited) | set(deducted)
    return {mid: earned.get(mid, ZERO) + credited.get(mid, ZERO) - paid.get(mid, ZERO)
            - deducted.get(mid, ZERO) for mid in ids}
