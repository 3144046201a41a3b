"""Corrections: a record that corrects another of its kind says which one (``corrects_uuid``).

A closed month cannot change, so its mistakes are corrected by a record dated in an
open month that names the record it corrects: the receipt number printed on the
paper for a sale or a payment, or the record's uuid (the screens pick it from a list).
The corrected record is voided, or lies in a closed month; it is not dated after its
correction, and a payment or a workday corrects one of the same member. The link is
written once, with the correction, and SQL triggers refuse to change it afterwards.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from sqlmodel import Session, select

from coopdesk.db.tables import (
    Correctable,
    Expense,
    Member,
    MemberPayment,
    Purchase,
    Sale,
    Workday,
)
from coopdesk.domain.errors import Conflict, CoopError, NotFound
from coopdesk.domain.money import from_cents
from coopdesk.domain.month import Month
from coopdesk.domain.trade import format_receipt_number
from coopdesk.i18n import N_, _
from coopdesk.services.book import Book

#: The kinds of record a correction can point at, by entity name.
ENTITIES: dict[str, type[Correctable]] = {
    "sale": Sale,
    "purchase": Purchase,
    "member_payment": MemberPayment,
    "expense": Expense,
    "workday": Workday,
}

KIND_LABELS = {
    "sale": N_("a sale"),
    "purchase": N_("a purchase"),
    "member_payment": N_("a payment to a member"),
    "expense": N_("an expense"),
    "workday": N_("a workday"),
    "member_credit": N_("a credit to a member"),
}

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
#: A receipt number as printed (``001-000123``) or typed short (``123``).
_NUMBER = re.compile(r"^(?:(\d{1,4})-)?(\d{1,9})$")
#: The kinds whose records belong to one member: a correction names one of hers.
_OF_A_MEMBER = ("member_payment", "workday")


@dataclass(frozen=True)
class Corrected:
    """A record that a new record corrects: its uuid and how the paper names it."""

    uuid: str
    label: str


def _series(session: Session) -> str:
    row = session.connection().exec_driver_sql(
        "SELECT value FROM setting WHERE key = 'receipt_series'"
    ).first()
    return row[0] if row and row[0] else "001"


def payment_receipt_number(session: Session, payment_id: int) -> int:
    """Return the number of a payment's receipt in the payments' own series."""
    return int(session.connection().exec_driver_sql(
        "SELECT number FROM payment_receipt WHERE payment_id = ?", (payment_id,)
    ).scalar())


def label_of(session: Session, entity: str, row) -> str:
    """Return how the coordinator knows a record: its receipt number, or its date."""
    if entity == "sale":
        return _("receipt {number}").format(
            number=format_receipt_number(row.receipt_number, _series(session))
        )
    if entity == "member_payment":
        return _("receipt {number}").format(
            number=f"{payment_receipt_number(session, row.id):06d}")
    return _("the record of {date}").format(date=row.day.strftime("%d/%m/%Y"))


def _find(session: Session, entity: str, text: str, typed: str):
    model = ENTITIES[entity]
    if _UUID.match(text):
        return session.exec(select(model).where(model.uuid == text)).first()
    number = _NUMBER.match(text) if entity in ("sale", "member_payment") else None
    if number is None:
        return None
    series = _series(session)
    if number[1] is not None and int(number[1]) != int(series):
        # The series is part of the number on the paper: another book's receipt is not ours.
        raise NotFound(
            _(
                "Receipt {ref} is of series {typed}, but this book's receipts are of series "
                "{series}: write the number as printed, e.g. {example}."
            ).format(ref=typed, typed=number[1], series=series,
                     example=format_receipt_number(123, series)),
            field="corrects",
        )
    if entity == "sale":
        return session.exec(select(Sale).where(Sale.receipt_number == int(number[2]))).first()
    found = session.connection().exec_driver_sql(
        "SELECT payment_id FROM payment_receipt WHERE number = ?", (int(number[2]),)
    ).scalar()
    return session.get(MemberPayment, found) if found is not None else None


def _other_kind(session: Session, entity: str, text: str) -> str | None:
    """Return the entity that holds the uuid *text*, when it is not *entity*."""
    if not _UUID.match(text):
        return None
    for other, model in ENTITIES.items():
        if other != entity and session.exec(select(model.id).where(model.uuid == text)).first():
            return other
    return None


def find_corrected(
    session: Session,
    entity: str,
    corrects: str | None,
    *,
    day: dt.date | None = None,
    member_id: int | None = None,
    inherited: bool = False,
) -> Corrected | None:
    """Return the record of kind *entity* that *corrects* names, or refuse with a sentence.

    Empty *corrects*: None (the new record corrects nothing). The record must exist,
    be of the same kind, be voided or dated in a closed month, not be dated after the
    correction's *day*, and, for a payment or a workday, be of the same member
    (*member_id*). *inherited*: the link is carried over from a record that already
    held it (a sheet cell changed), so only its existence is checked again.
    """
    text = (corrects or "").strip().lower()
    if not text:
        return None
    if inherited:
        model = ENTITIES[entity]
        row = session.exec(select(model).where(model.uuid == text)).first()
        if row is None:
            raise NotFound(
                _("The record {ref} to correct is not in the book. Choose it from the list, "
                  "or leave the field empty.").format(ref=corrects.strip()),
                field="corrects",
            )
        return Corrected(row.uuid, label_of(session, entity, row))
    row = _find(session, entity, text, corrects.strip())
    if row is None:
        other = _other_kind(session, entity, text)
        if other is not None:
            raise Conflict(
                _(
                    "The record {ref} is {kind}, not {this}: a correction corrects a record "
                    "of its own kind."
                ).format(ref=corrects.strip(), kind=_(KIND_LABELS[other]),
                         this=_(KIND_LABELS[entity])),
                field="corrects",
            )
        if entity in ("sale", "member_payment"):
            message = _(
                "There is no receipt {ref} to correct. Write the receipt number as printed, "
                "e.g. 001-000123, or leave the field empty."
            )
        else:
            message = _(
                "The record {ref} to correct is not in the book. Choose it from the list, "
                "or leave the field empty."
            )
        raise NotFound(message.format(ref=corrects.strip()), field="corrects")
    label = label_of(session, entity, row)
    closed = session.connection().exec_driver_sql(
        "SELECT 1 FROM closed_month WHERE month = ?", (Month.of(row.day).key,)
    ).first()
    if row.voided_at is None and closed is None:
        raise Conflict(
            _(
                "The record it corrects ({what}) is still valid and its month is open: "
                "void it first, then record the correction."
            ).format(what=label),
            field="corrects",
        )
    if member_id is not None and entity in _OF_A_MEMBER and row.member_id != member_id:
        owner, member = session.get(Member, row.member_id), session.get(Member, member_id)
        raise Conflict(
            _(
                "The record it corrects ({what}) belongs to {other}, not to {name}: a "
                "correction can only correct a record of the same member."
            ).format(what=label, other=f"{owner.full_name} ({owner.code})",
                     name=f"{member.full_name} ({member.code})"),
            field="corrects",
        )
    if day is not None and day < row.day:
        raise Conflict(
            _(
                "A correction cannot be dated before the record it corrects: {what} is "
                "dated {old} and the correction {new}."
            ).format(what=label, old=row.day.strftime("%d/%m/%Y"),
                     new=day.strftime("%d/%m/%Y")),
            field="day",
        )
    return Corrected(row.uuid, label)


def corrects_detail(corrected: Corrected | None) -> dict:
    """Return what the audit event of a correction says about the record it corrects."""
    if corrected is None:
        return {}
    return {"corrects": corrected.uuid, "corrects_label": corrected.label}


def correction_links(session: Session, entity: str, row) -> tuple:
    """Return (the record *row* corrects, the first live record that corrects *row*).

    Either is None when there is none; a voided correction no longer corrects.
    """
    model = ENTITIES[entity]
    target = None
    if row.corrects_uuid:
        target = session.exec(select(model).where(model.uuid == row.corrects_uuid)).first()
    by = session.exec(
        select(model)
        .where(model.corrects_uuid == row.uuid, model.voided_at.is_(None))
        .order_by(model.id)
    ).first()
    return target, by


@dataclass(frozen=True)
class Candidate:
    """A record a correction may point at, as a list shows it."""

    uuid: str
    number: str  # the receipt number as printed ('' for records without one)
    day: dt.date
    detail: str  # the buyer, input, category or member
    amount: Decimal | None
    corrected: bool = False  # a live correction of it is already in the book
    voided: bool = True
    closed_month: bool = False  # dated in a closed month


_CANDIDATES = {
    "sale": "SELECT s.uuid, s.receipt_number, s.day, b.name, s.total, s.voided_at, s.id"
    " FROM sale s JOIN buyer b ON b.id = s.buyer_id",
    "member_payment": "SELECT p.uuid, r.number, p.day, m.code || ' ' || m.full_name, p.amount,"
    " p.voided_at, p.id FROM member_payment p JOIN member m ON m.id = p.member_id"
    " JOIN payment_receipt r ON r.payment_id = p.id",
    "purchase": "SELECT p.uuid, NULL, p.day, i.name, p.total, p.voided_at, p.id FROM purchase p"
    " JOIN input_item i ON i.id = p.item_id",
    "expense": "SELECT e.uuid, NULL, e.day, e.category, e.amount, e.voided_at, e.id"
    " FROM expense e",
    "workday": "SELECT w.uuid, NULL, w.day, m.code || ' ' || m.full_name || ' · ' || w.line,"
    " NULL, w.voided_at, w.id FROM workday w JOIN member m ON m.id = w.member_id",
}
#: Kinds without a receipt number to type: their list also offers live records of
#: closed months, which can only be named by picking them.
_PICKED_ONLY = ("purchase", "expense")


def correction_candidates(book: Book, *, entity: str, limit: int = 30) -> list[Candidate]:
    """Return the records a correction of *entity* usually names, newest first.

    The latest *limit* voided records; for purchases and expenses also the latest
    *limit* live records dated in a closed month.
    """
    alias = _CANDIDATES[entity].split(" FROM ")[1].split()[1]
    in_closed = f"substr({alias}.day, 1, 7) IN (SELECT month FROM closed_month)"
    with book.read() as session:
        conn = session.connection()
        series = _series(session)
        closed = {m for (m,) in conn.exec_driver_sql("SELECT month FROM closed_month")}
        rows = conn.exec_driver_sql(
            f"{_CANDIDATES[entity]} WHERE {alias}.voided_at IS NOT NULL"
            f" ORDER BY {alias}.id DESC LIMIT ?",
            (int(limit),),
        ).all()
        if entity in _PICKED_ONLY:
            rows += conn.exec_driver_sql(
                f"{_CANDIDATES[entity]} WHERE {alias}.voided_at IS NULL AND {in_closed}"
                f" ORDER BY {alias}.day DESC, {alias}.id DESC LIMIT ?",
                (int(limit),),
            ).all()
            rows.sort(key=lambda r: (r[2][:10], r[6]), reverse=True)
        corrected = {
            u for (u,) in conn.exec_driver_sql(
                f"SELECT corrects_uuid FROM {entity} WHERE voided_at IS NULL"
                f" AND corrects_uuid IN ({', '.join('?' * len(rows))})",
                tuple(r[0] for r in rows),
            )
        } if rows else set()
    out = []
    for uuid, number, day, detail, cents, voided_at, _id in rows:
        if number is None:
            text = ""
        elif entity == "sale":
            text = format_receipt_number(number, series)
        else:
            text = f"{number:06d}"
        amount = from_cents(cents) if cents is not None else None
        out.append(Candidate(uuid, text, dt.date.fromisoformat(day[:10]), detail, amount,
                             uuid in corrected, voided_at is not None, day[:7] in closed))
    return out


def corrects_problem(
    book: Book,
    *,
    entity: str,
    corrects: str,
    day: dt.date | None = None,
    code: str | None = None,
) -> str:
    """Return the sentence refusing *corrects* for a new record of *entity*, or ''.

    *day* and *code* (the member's), when known, are checked as the service will.
    """
    if not (corrects or "").strip():
        return ""
    with book.read() as session:
        member_id = None
        if code:
            member_id = session.exec(select(Member.id).where(Member.code == code)).first()
        try:
            find_corrected(session, entity, corrects, day=day, member_id=member_id)
        except CoopError as exc:
            return exc.message
    return ""


def correction_marks(book: Book, *, entity: str, uuids: list[str]) -> dict[str, str]:
    """Return, for those of *uuids* that are corrections, how the record they correct is known."""
    model = ENTITIES[entity]
    if not uuids:
        return {}
    with book.read() as session:
        rows = session.exec(
            select(model.uuid, model.corrects_uuid).where(
                model.uuid.in_(uuids), model.corrects_uuid.is_not(None)
            )
        ).all()
        if not rows:
            return {}
        targets = {
            t.uuid: label_of(session, entity, t)
            for t in session.exec(
                select(model).where(model.uuid.in_([c for _u, c in rows]))
            ).all()
        }
    return {uuid: targets[corrects] for uuid, corrects in rows if corrects in targets}
