"""Corrections: a record that corrects another of its kind says which one (``corrects_uuid``).

A closed month cannot change, so its mistakes are corrected by a record dated in an
open month that names the record it corrects: the receipt number printed on the
paper for a sale or a payment, or the record's uuid (the screens pick it from a list).
The corrected record is voided, or lies in a closed month; the link is written once,
with the correction, and SQL triggers refuse to change it afterwards.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlmodel import Session, select

from coopdesk.db.tables import Correctable, Expense, MemberPayment, Purchase, Sale, Workday
from coopdesk.domain.errors import Conflict, NotFound
from coopdesk.domain.trade import format_receipt_number
from coopdesk.i18n import N_, _
from coopdesk.services.book import Book
from coopdesk.services.months import month_key

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
_NUMBER = re.compile(r"^(?:\d{1,4}-)?(\d{1,9})$")


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


def label_of(session: Session, entity: str, row) -> str:
    """Return how the coordinator knows a record: its receipt number, or its date."""
    if entity == "sale":
        return _("receipt {number}").format(
            number=format_receipt_number(row.receipt_number, _series(session))
        )
    if entity == "member_payment":
        return _("receipt {number}").format(number=f"{row.id:06d}")
    return _("the record of {date}").format(date=row.day.strftime("%d/%m/%Y"))


def _find(session: Session, entity: str, text: str):
    model = ENTITIES[entity]
    if _UUID.match(text):
        return session.exec(select(model).where(model.uuid == text)).first()
    number = _NUMBER.match(text)
    if number and entity == "sale":
        return session.exec(select(Sale).where(Sale.receipt_number == int(number[1]))).first()
    if number and entity == "member_payment":
        return session.get(MemberPayment, int(number[1]))
    return None


def _other_kind(session: Session, entity: str, text: str) -> str | None:
    """Return the entity that holds the uuid *text*, when it is not *entity*."""
    if not _UUID.match(text):
        return None
    for other, model in ENTITIES.items():
        if other != entity and session.exec(select(model.id).where(model.uuid == text)).first():
            return other
    return None


def find_corrected(session: Session, entity: str, corrects: str | None) -> Corrected | None:
    """Return the record of kind *entity* that *corrects* names, or refuse with a sentence.

    Empty *corrects*: None (the new record corrects nothing). The record must exist,
    be of the same kind, and be voided or dated in a closed month.
    """
    text = (corrects or "").strip().lower()
    if not text:
        return None
    row = _find(session, entity, text)
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
        "SELECT 1 FROM closed_month WHERE month = ?", (month_key(row.day),)
    ).first()
    if row.voided_at is None and closed is None:
        raise Conflict(
            _(
                "The record it corrects ({what}) is still valid and its month is open: "
                "void it first, then record the correction."
            ).format(what=label),
            field="corrects",
        )
    return Corrected(row.uuid, label)


def corrects_detail(corrected: Corrected | None) -> dict:
    """Return what the audit event of a correction says about the record it corrects."""
    if corrected is None:
        return {}
    return {"corrects": corrected.uuid, "corrects_label": corrected.label}


def correction_links(session: Session, entity: str, row) -> tuple:
    """Return (the record *row* corrects, the first record that corrects *row*); None if none."""
    model = ENTITIES[entity]
    target = None
    if row.corrects_uuid:
        target = session.exec(select(model).where(model.uuid == row.corrects_uuid)).first()
    by = session.exec(
        select(model).where(model.corrects_uuid == row.uuid).order_by(model.id)
    ).first()
    return target, by


@dataclass(frozen=True)
class Candidate:
    """A record a correction may point at, as a list shows it."""

    uuid: str
    label: str
    day: dt.date
    voided: bool


def correction_candidates(book: Book, *, entity: str, limit: int = 30) -> list[Candidate]:
    """Return the latest voided records of a kind (newest first): what is usually corrected."""
    model = ENTITIES[entity]
    with book.read() as session:
        rows = session.exec(
            select(model).where(model.voided_at.is_not(None)).order_by(model.id.desc()).limit(limit)
        ).all()
        return [Candidate(r.uuid, label_of(session, entity, r), r.day, True) for r in rows]
