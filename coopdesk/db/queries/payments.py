"""Reads about payments to members."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from coopdesk.db.reader import Reader
from coopdesk.db.scales import MONEY, as_day


@dataclass(frozen=True)
class PaymentAmount:
    """A live payment's day and amount."""

    day: dt.date
    amount: Decimal


def live_payments_of(reader: Reader, member_id: int, before: dt.date) -> list[PaymentAmount]:
    """Her live payments dated before *before*, oldest first."""
    rows = reader.connection().exec_driver_sql(
        "SELECT day, amount FROM live_member_payment WHERE member_id = ? AND day < ?"
        " ORDER BY day", (member_id, before.isoformat()))
    return [PaymentAmount(as_day(day), MONEY.decode(cents)) for day, cents in rows]
