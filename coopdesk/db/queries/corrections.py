"""Reads behind corrections: the records a correction may name, and the links between them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from coopdesk.db.reader import Reader
from coopdesk.db.scales import MONEY, as_day, as_moment

#: The kinds of record a correction can point at.
CORRECTABLE = ("sale", "purchase", "member_payment", "expense", "workday")

_OWNER = {"member_payment": "member_id", "workday": "member_id"}
_NUMBER = {"sale": "receipt_number"}


@dataclass(frozen=True)
class CorrectableRow:
    """What the correction rules look at in a record of any correctable kind."""

    id: int
    uuid: str
    day: dt.date
    voided_at: dt.datetime | None
    member_id: int | None  # payments and workdays belong to a member
    receipt_number: int | None  # sales only
    corrects_uuid: str | None


def _select(entity: str) -> str:
    if entity not in CORRECTABLE:
        raise ValueError(f"{entity} is not a correctable kind")
    return (f"SELECT id, uuid, day, voided_at, {_OWNER.get(entity, 'NULL')},"
            f" {_NUMBER.get(entity, 'NULL')}, corrects_uuid FROM {entity}")


def _row(row) -> CorrectableRow:
    id_, uuid, day, voided_at, member_id, number, corrects = row
    return CorrectableRow(id_, uuid, as_day(day), as_moment(voided_at), member_id, number,
                          corrects)


def correctable(reader: Reader, entity: str, uuid: str) -> CorrectableRow | None:
    """The record of kind *entity* with *uuid*, or None."""
    row = reader.connection().exec_driver_sql(
        f"{_select(entity)} WHERE uuid = ?", (uuid,)).first()
    return None if row is None else _row(row)


def correctables(reader: Reader, entity: str, uuids: list[str]) -> list[CorrectableRow]:
    """The records of kind *entity* among *uuids*."""
    if not uuids:
        return []
    marks = ", ".join("?" * len(uuids))
    rows = reader.connection().exec_driver_sql(
        f"{_select(entity)} WHERE uuid IN ({marks})", tuple(uuids)).all()
    return [_row(row) for row in rows]


def sale_numbered(reader: Reader, receipt_number: int) -> CorrectableRow | None:
    """The sale with *receipt_number*, or None."""
    row = reader.connection().exec_driver_sql(
        f"{_select('sale')} WHERE receipt_number = ?", (receipt_number,)).first()
    return None if row is None else _row(row)


def payment_numbered(reader: Reader, number: int) -> CorrectableRow | None:
    """The payment whose receipt (the payments' own series) has *number*, or None."""
    row = reader.connection().exec_driver_sql(
        f"{_select('member_payment')} WHERE id IN"
        " (SELECT payment_id FROM payment_receipt WHERE number = ?)", (number,)).first()
    return None if row is None else _row(row)


def payment_receipt_number(reader: Reader, payment_id: int) -> int:
    """The number of a payment's receipt in the payments' own series."""
    return int(reader.connection().exec_driver_sql(
        "SELECT number FROM payment_receipt WHERE payment_id = ?", (payment_id,)).scalar())


def live_correction_of(reader: Reader, entity: str, uuid: str) -> CorrectableRow | None:
    """The first live record of kind *entity* that corrects *uuid*, or None."""
    row = reader.connection().exec_driver_sql(
        f"{_select(entity)} WHERE corrects_uuid = ? AND voided_at IS NULL ORDER BY id LIMIT 1",
        (uuid,)).first()
    return None if row is None else _row(row)


def live_corrected_among(reader: Reader, entity: str, uuids: list[str]) -> set[str]:
    """Those of *uuids* that a live record of kind *entity* corrects."""
    if not uuids:
        return set()
    marks = ", ".join("?" * len(uuids))
    rows = reader.connection().exec_driver_sql(
        f"SELECT corrects_uuid FROM live_{_checked(entity)} WHERE corrects_uuid IN ({marks})",
        tuple(uuids))
    return {uuid for (uuid,) in rows}


def correction_pairs(reader: Reader, entity: str, uuids: list[str]) -> list[tuple[str, str]]:
    """(uuid, the uuid it corrects) for those of *uuids* that are corrections."""
    if not uuids:
        return []
    marks = ", ".join("?" * len(uuids))
    return [tuple(row) for row in reader.connection().exec_driver_sql(
        f"SELECT uuid, corrects_uuid FROM {_checked(entity)}"
        f" WHERE uuid IN ({marks}) AND corrects_uuid IS NOT NULL", tuple(uuids))]


def month_closed(reader: Reader, key: str) -> bool:
    """True when the month *key* (``YYYY-MM``) is closed."""
    return reader.connection().exec_driver_sql(
        "SELECT 1 FROM closed_month WHERE month = ?", (key,)).first() is not None


def first_closed_from(reader: Reader, key: str) -> str | None:
    """The first closed month (``YYYY-MM``) from *key* on, or None."""
    return reader.connection().exec_driver_sql(
        "SELECT month FROM closed_month WHERE month >= ? ORDER BY month LIMIT 1",
        (key,)).scalar()


def closed_month_keys(reader: Reader) -> set[str]:
    """The keys (``YYYY-MM``) of the closed months."""
    return {key for (key,) in reader.connection().exec_driver_sql(
        "SELECT month FROM closed_month")}


@dataclass(frozen=True)
class CandidateRow:
    """A record a correction may name, as the list of candidates shows it."""

    id: int
    uuid: str
    number: int | None  # the receipt number of a sale or a payment
    day: dt.date
    detail: str  # the buyer, input, category or member
    amount: Decimal | None
    voided: bool


_CANDIDATES = {
    "sale": ("s", "SELECT s.uuid, s.receipt_number, s.day, b.name, s.total, s.voided_at, s.id"
             " FROM sale s JOIN buyer b ON b.id = s.buyer_id"),
    "member_payment": ("p", "SELECT p.uuid, r.number, p.day, m.code || ' ' || m.full_name,"
                       " p.amount, p.voided_at, p.id FROM member_payment p"
                       " JOIN member m ON m.id = p.member_id"
                       " JOIN payment_receipt r ON r.payment_id = p.id"),
    "purchase": ("p", "SELECT p.uuid, NULL, p.day, i.name, p.total, p.voided_at, p.id"
                 " FROM purchase p JOIN input_item i ON i.id = p.item_id"),
    "expense": ("e", "SELECT e.uuid, NULL, e.day, e.category, e.amount, e.voided_at, e.id"
                " FROM expense e"),
    "workday": ("w", "SELECT w.uuid, NULL, w.day,"
                " m.code || ' ' || m.full_name || ' · ' || w.line,"
                " NULL, w.voided_at, w.id FROM workday w JOIN member m ON m.id = w.member_id"),
}


def _candidates(rows) -> list[CandidateRow]:
    return [CandidateRow(id_, uuid, number, as_day(day), detail, MONEY.decode(cents),
                         voided_at is not None)
            for uuid, number, day, detail, cents, voided_at, id_ in rows]


def latest_voided(reader: Reader, entity: str, limit: int) -> list[CandidateRow]:
    """The latest *limit* voided records of kind *entity*, newest first."""
    alias, select = _CANDIDATES[entity]
    return _candidates(reader.connection().exec_driver_sql(
        f"{select} WHERE {alias}.voided_at IS NOT NULL ORDER BY {alias}.id DESC LIMIT ?",
        (int(limit),)).all())


def latest_live_in_closed_months(reader: Reader, entity: str, limit: int) -> list[CandidateRow]:
    """The latest *limit* live records of kind *entity* dated in a closed month."""
    alias, select = _CANDIDATES[entity]
    return _candidates(reader.connection().exec_driver_sql(
        f"{select} WHERE {alias}.voided_at IS NULL"
        f" AND substr({alias}.day, 1, 7) IN (SELECT month FROM closed_month)"
        f" ORDER BY {alias}.day DESC, {alias}.id DESC LIMIT ?", (int(limit),)).all())


def _checked(entity: str) -> str:
    if entity not in CORRECTABLE:
        raise ValueError(f"{entity} is not a correctable kind")
    return entity
