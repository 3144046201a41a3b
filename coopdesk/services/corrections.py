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

from coopdesk.db.queries import corrections as q
from coopdesk.db.queries.corrections import CorrectableRow, payment_receipt_number
from coopdesk.db.queries.members import member_by_id as member_named
from coopdesk.db.queries.members import member_id_of
from coopdesk.db.queries.records import record_id
from coopdesk.db.reader import Reader
from coopdesk.db.settings_store import stored_setting
from coopdesk.domain.errors import Conflict, CoopError, NotFound
from coopdesk.domain.month import Month
from coopdesk.domain.trade import format_receipt_number
from coopdesk.i18n import N_, _
from coopdesk.services.book import Book

__all__ = ["Candidate", "Corrected", "correction_candidates", "correction_links",
           "correction_marks", "corrects_detail", "corrects_problem", "find_corrected",
           "label_of", "payment_receipt_number"]

#: The kinds of record a correction can point at, by entity name.
ENTITIES = q.CORRECTABLE

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


def _series(reader: Reader) -> str:
    return stored_setting(reader, "receipt_series") or "001"


def label_of(session: Reader, entity: str, row: CorrectableRow) -> str:
    """Return how the coordinator knows a record: its receipt number, or its date."""
    if entity == "sale":
        return _("receipt {number}").format(
            number=format_receipt_number(row.receipt_number, _series(session))
        )
    if entity == "member_payment":
        return _("receipt {number}").format(
            number=f"{payment_receipt_number(session, row.id):06d}")
    return _("the record of {date}").format(date=row.day.strftime("%d/%m/%Y"))


def _find(session: Reader, entity: str, text: str, typed: str) -> CorrectableRow | None:
    if _UUID.match(text):
        return q.correctable(session, entity, text)
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
        return q.sale_numbered(session, int(number[2]))
    return q.payment_numbered(session, int(number[2]))


def _other_kind(session: Reader, entity: str, text: str) -> str | None:
    """Return the entity that holds the uuid *text*, when it is not *entity*."""
    if not _UUID.match(text):
        return None
    for other in ENTITIES:
        if other != entity and record_id(session, other, text) is not None:
            return other
    return None


def find_corrected(
    session: Reader,
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
        row = q.correctable(session, entity, text)
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
    if row.voided_at is None and not q.month_closed(session, Month.of(row.day).key):
        raise Conflict(
            _(
                "The record it corrects ({what}) is still valid and its month is open: "
                "void it first, then record the correction."
            ).format(what=label),
            field="corrects",
        )
    if member_id is not None and entity in _OF_A_MEMBER and row.member_id != member_id:
        owner, member = member_named(session, row.member_id), member_named(session, member_id)
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


def correction_links(session: Reader, entity: str, row) -> tuple:
    """Return (the record *row* corrects, the first live record that corrects *row*).

    Either is None when there is none; a voided correction no longer corrects.
    """
    target = q.correctable(session, entity, row.corrects_uuid) if row.corrects_uuid else None
    return target, q.live_correction_of(session, entity, row.uuid)


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


#: Kinds without a receipt number to type: their list also offers live records of
#: closed months, which can only be named by picking them.
_PICKED_ONLY = ("purchase", "expense")


def correction_candidates(book: Book, *, entity: str, limit: int = 30) -> list[Candidate]:
    """Return the records a correction of *entity* usually names, newest first.

    The latest *limit* voided records; for purchases and expenses also the latest
    *limit* live records dated in a closed month.
    """
    with book.read() as reader:
        series = _series(reader)
        closed = q.closed_month_keys(reader)
        rows = q.latest_voided(reader, entity, limit)
        if entity in _PICKED_ONLY:
            rows += q.latest_live_in_closed_months(reader, entity, limit)
            rows.sort(key=lambda r: (r.day, r.id), reverse=True)
        corrected = q.live_corrected_among(reader, entity, [r.uuid for r in rows])
    out = []
    for row in rows:
        if row.number is None:
            text = ""
        elif entity == "sale":
            text = format_receipt_number(row.number, series)
        else:
            text = f"{row.number:06d}"
        out.append(Candidate(row.uuid, text, row.day, row.detail, row.amount,
                             row.uuid in corrected, row.voided, Month.of(row.day).key in closed))
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
        member_id = member_id_of(session, code) if code else None
        try:
            find_corrected(session, entity, corrects, day=day, member_id=member_id)
        except CoopError as exc:
            return exc.message
    return ""


def correction_marks(book: Book, *, entity: str, uuids: list[str]) -> dict[str, str]:
    """Return, for those of *uuids* that are corrections, how the record they correct is known."""
    if not uuids:
        return {}
    with book.read() as reader:
        pairs = q.correction_pairs(reader, entity, uuids)
        if not pairs:
            return {}
        targets = {
            t.uuid: label_of(reader, entity, t)
            for t in q.correctables(reader, entity, [c for _u, c in pairs])
        }
    return {uuid: targets[corrects] for uuid, corrects in pairs if corrects in targets}
