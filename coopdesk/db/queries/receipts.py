"""The sale and the payment a receipt prints, read as values (no table object, no write lock).

A receipt is printed again and again; reading it must not take the book's write lock
nor run the sealing an operation's transaction runs. These rows carry what the paper
and the correction links need (``uuid``, ``corrects_uuid``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from coopdesk.db.queries.values import day, money
from coopdesk.db.reader import Reader
from coopdesk.db.scales import as_moment


@dataclass(frozen=True)
class SaleRow:
    """A sale as its receipt shows it."""

    id: int  # noqa: A003 (the row's id)
    uuid: str
    receipt_number: int
    day: dt.date
    buyer_id: int
    paid: bool
    paid_on: dt.date | None
    reference: str | None
    voided_at: dt.datetime | None
    void_reason: str | None
    corrects_uuid: str | None


@dataclass(frozen=True)
class PaymentRow:
    """A payment to a member as its receipt shows it."""

    id: int  # noqa: A003 (the row's id)
    uuid: str
    member_id: int
    day: dt.date
    amount: Decimal
    received_by: str | None
    note: str | None
    voided_at: dt.datetime | None
    void_reason: str | None
    corrects_uuid: str | None


def sale_on_receipt(reader: Reader, number: int) -> SaleRow | None:
    """The sale with receipt *number*, or None."""
    row = reader.connection().exec_driver_sql(
        "SELECT id, uuid, receipt_number, day, buyer_id, paid, paid_on, reference, voided_at,"
        " void_reason, corrects_uuid FROM sale WHERE receipt_number = ?", (number,)).first()
    if row is None:
        return None
    id_, uuid, number, on, buyer, paid, paid_on, reference, voided, reason, corrects = row
    return SaleRow(id_, uuid, number, day(on), buyer, bool(paid), day(paid_on), reference,
                   as_moment(voided), reason, corrects)


def payment_on_receipt(reader: Reader, uuid: str) -> PaymentRow | None:
    """The payment with *uuid*, or None."""
    row = reader.connection().exec_driver_sql(
        "SELECT id, uuid, member_id, day, amount, received_by, note, voided_at, void_reason,"
        " corrects_uuid FROM member_payment WHERE uuid = ?", (uuid,)).first()
    if row is None:
        return None
    id_, uuid, member, on, amount, received_by, note, voided, reason, corrects = row
    return PaymentRow(id_, uuid, member, day(on), money(amount), received_by, note,
                      as_moment(voided), reason, corrects)
