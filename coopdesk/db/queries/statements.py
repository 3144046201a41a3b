"""What a member's paper shows besides her pay: payments, credits, workshops, receipts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from coopdesk.db.queries.values import day, money, price, quantity
from coopdesk.db.reader import Reader, flush_pending


@dataclass(frozen=True)
class PaymentLine:
    """A live payment to a member, with the receipt number of the payment it corrects."""

    member_id: int
    day: dt.date
    amount: Decimal
    received_by: str
    note: str
    corrects_number: int | None


@dataclass(frozen=True)
class CreditLine:
    """A live credit to a member (a share of a year's surplus)."""

    member_id: int
    day: dt.date
    amount: Decimal
    note: str


@dataclass(frozen=True)
class Attended:
    """A workshop session a member was present at."""

    member_id: int
    number: int
    title: str
    held_on: dt.date


@dataclass(frozen=True)
class ReceiptLine:
    """One line of a sale as its receipt prints it."""

    product: str
    quantity: Decimal
    unit_price: Decimal


def _span(start: dt.date, end: dt.date) -> tuple[str, str]:
    return start.isoformat(), end.isoformat()


def busy_members(reader: Reader, start: dt.date, end: dt.date) -> set[int]:
    """Return the ids of members with a live workday, payment or credit, start <= day < end."""
    return {mid for (mid,) in reader.connection().exec_driver_sql(
        "SELECT member_id FROM live_workday WHERE day >= ? AND day < ?"
        " UNION SELECT member_id FROM live_member_payment WHERE day >= ? AND day < ?"
        " UNION SELECT member_id FROM live_member_credit WHERE day >= ? AND day < ?",
        _span(start, end) * 3)}


def payment_lines(reader: Reader, start: dt.date, end: dt.date) -> list[PaymentLine]:
    """Return the live payments with start <= day < end, by day and the order they were made."""
    return [PaymentLine(mid, day(d), money(cents), received_by, note, fixes)
            for mid, d, cents, received_by, note, fixes in reader.connection().exec_driver_sql(
                "SELECT p.member_id, p.day, p.amount, p.received_by, p.note, r.number"
                " FROM live_member_payment p"
                " LEFT JOIN member_payment c ON c.uuid = p.corrects_uuid"
                " LEFT JOIN payment_receipt r ON r.payment_id = c.id"
                " WHERE p.day >= ? AND p.day < ? ORDER BY p.day, p.id",
                _span(start, end))]


def credit_lines(reader: Reader, start: dt.date, end: dt.date) -> list[CreditLine]:
    """Return the live credits with start <= day < end, by day and the order they were made."""
    return [CreditLine(mid, day(d), money(cents), note)
            for mid, d, cents, note in reader.connection().exec_driver_sql(
                "SELECT member_id, day, amount, note FROM live_member_credit"
                " WHERE day >= ? AND day < ? ORDER BY day, id",
                _span(start, end))]


def attended(reader: Reader, *, before: dt.date | None = None,
             member_id: int | None = None) -> list[Attended]:
    """Return the sessions members were present at (before a day; one member's), by day."""
    sql = ("SELECT a.member_id, w.number, w.title, s.held_on FROM attendance a"
           " JOIN workshop_session s ON s.id = a.session_id"
           " JOIN workshop w ON w.id = s.workshop_id WHERE a.status = 'present'")
    params: tuple = ()
    if before is not None:
        sql += " AND s.held_on < ?"
        params += (before.isoformat(),)
    if member_id is not None:
        sql += " AND a.member_id = ?"
        params += (member_id,)
    return [Attended(mid, number, title, day(held_on))
            for mid, number, title, held_on in reader.connection().exec_driver_sql(
                sql + " ORDER BY s.held_on, w.number", params)]


def payment_uuid_by_receipt(reader: Reader, number: int) -> str | None:
    """Return the uuid of the payment whose receipt has *number*, or None."""
    return reader.connection().exec_driver_sql(
        "SELECT p.uuid FROM payment_receipt r JOIN member_payment p ON p.id = r.payment_id"
        " WHERE r.number = ?", (number,)).scalar()


def paid_later_that_day(reader: Reader, *, member_id: int, on: dt.date, payment_id: int
                        ) -> Decimal:
    """Return the live payments to the member on *on* recorded after *payment_id*."""
    flush_pending(reader)
    return money(reader.connection().exec_driver_sql(
        "SELECT sum(amount) FROM live_member_payment WHERE member_id = ? AND day = ? AND id > ?",
        (member_id, on.isoformat(), payment_id)).scalar())


def receipt_lines(reader: Reader, sale_id: int) -> list[ReceiptLine]:
    """Return the lines of sale *sale_id* in their order, with the products' names."""
    return [ReceiptLine(name, quantity(qty), price(unit_price))
            for name, qty, unit_price in reader.connection().exec_driver_sql(
                "SELECT p.name, l.quantity, l.unit_price FROM sale_line l"
                " JOIN product p ON p.id = l.product_id WHERE l.sale_id = ? ORDER BY l.position",
                (sale_id,))]


def buyer_name(reader: Reader, buyer_id: int) -> str | None:
    """Return the name of buyer *buyer_id*."""
    return reader.connection().exec_driver_sql(
        "SELECT name FROM buyer WHERE id = ?", (buyer_id,)).scalar()
