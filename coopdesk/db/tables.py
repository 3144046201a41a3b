"""The book's tables (SQLModel, table=True). Amounts are never floats: see db.types.

Every record carries a UUID so the books of several prisons can later be put
together; the book itself has a site id in its settings, and since revision 0009 every
row with a uuid carries it too (``site_id``: the column's default in this book, so the
program never writes it). Stamps are the laptop's wall clock in Quillabamba; each has
a UTC twin (``created_utc``…: ISO 8601 with ``Z``) that SQLite computes from it.
Financial records are never deleted: they carry ``voided_at`` and ``void_reason`` instead.
"""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal

from sqlalchemy import (
    Computed,
    DateTime,
    FetchedValue,
    Index,
    MetaData,
    String,
    UniqueConstraint,
    text,
)
from sqlmodel import Field, SQLModel

from coopdesk.db.types import MoneyCents, Qty, UnitPrice

SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata: MetaData = SQLModel.metadata


def new_uuid() -> str:
    """Return a fresh random (version 4) record UUID as text.

    Formatted by hand from os.urandom: uuid.UUID() costs more than the rest of an
    imported row, and a 10-year import makes a hundred thousand of them.
    """
    raw = bytearray(os.urandom(16))
    raw[6] = (raw[6] & 0x0F) | 0x40
    raw[8] = (raw[8] & 0x3F) | 0x80
    h = raw.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def now() -> dt.datetime:
    """Return the local time, to the second, for created/voided stamps."""
    return dt.datetime.now().replace(microsecond=0)


#: The book's time zone as an SQLite modifier: America/Lima is UTC−5 all year.
TO_UTC = "'+5 hours'"


def utc_twin(stamp: str):
    """Return the field of a stamp's UTC twin: ISO 8601 with ``Z``, computed by SQLite.

    The stamp stays as it was written (the wall clock the coordinator saw); its twin
    says the same instant in UTC for the central book (revision 0009).
    """
    return Field(
        default=None, sa_type=String,
        sa_column_args=[Computed(f"strftime('%Y-%m-%dT%H:%M:%SZ', {stamp}, {TO_UTC})",
                                 persisted=False)],
    )


def site_field():
    """Return the ``site_id`` field: filled by the book's own default, never by the program."""
    return Field(default=None, max_length=36,
                 sa_column_kwargs={"server_default": FetchedValue(), "nullable": False})


def later_uuid_field():
    """Return the ``uuid`` field of a table that got its uuid in revision 0009."""
    return Field(default_factory=new_uuid, max_length=36, unique=True, index=True,
                 sa_column_kwargs={"nullable": True})


class Sited(SQLModel):
    """The site that made a row (revision 0009)."""

    site_id: str | None = site_field()


class Record(Sited):
    """Columns every record has."""

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = Field(default_factory=new_uuid, unique=True, max_length=36)
    created_at: dt.datetime = Field(default_factory=now, sa_type=DateTime)
    created_utc: str | None = utc_twin("created_at")


class Voidable(Record):
    """A financial record: corrected by voiding with a reason, never deleted."""

    voided_at: dt.datetime | None = Field(default=None, sa_type=DateTime)
    voided_utc: str | None = utc_twin("voided_at")
    void_reason: str = Field(default="", max_length=500)


class Correctable(Voidable):
    """A financial record that may correct another of its kind (revision 0005).

    ``corrects_uuid`` is the uuid of the record it corrects (usually voided, or dated
    in a closed month); written once with the record, never changed (a trigger refuses it).
    """

    corrects_uuid: str | None = Field(default=None, max_length=36)


class Setting(Sited, table=True):
    """One setting of the cooperative kept in the book (name, site, institution...)."""

    __tablename__ = "setting"
    key: str = Field(primary_key=True, max_length=60)
    value: str = Field(default="", max_length=2000)
    uuid: str | None = later_uuid_field()


class Member(Record, table=True):
    """A woman in the cooperative."""

    __tablename__ = "member"
    code: str = Field(unique=True, max_length=20)
    full_name: str = Field(max_length=120)
    dni: str = Field(default="", max_length=8)
    joined_on: dt.date
    status: str = Field(default="activa", max_length=10)
    exit_on: dt.date | None = None
    role: str = Field(default="", max_length=120)
    #: Revision 0010: the agreement that admitted her / recorded her exit, as typed
    #: ("Asamblea 3, acuerdo 2"); NULL while none is cited (a uuid link to the minutes later).
    admission_agreement: str | None = Field(default=None, max_length=120)
    exit_agreement: str | None = Field(default=None, max_length=120)
    #: Revision 0012: the recorded agreements those texts cite (NULL: none recorded).
    admission_agreement_uuid: str | None = Field(default=None, max_length=36)
    exit_agreement_uuid: str | None = Field(default=None, max_length=36)


class LaborRate(Record, table=True):
    """The labor contribution per full workday, in force from a date on."""

    __tablename__ = "labor_rate"
    valid_from: dt.date = Field(unique=True)
    rate: Decimal = Field(sa_type=MoneyCents)


class Workday(Correctable, table=True):
    """A day (or half day) a member worked on one production line."""

    __tablename__ = "workday"
    __table_args__ = (
        Index(
            "uq_workday_member_day_line",
            "member_id",
            "day",
            "line",
            unique=True,
            sqlite_where=text("voided_at IS NULL"),
        ),
        Index("ix_workday_day_member", "day", "member_id"),
        # Covers the balance queries (day range → member, fraction) without table reads.
        Index(
            "ix_workday_live_day_member_fraction",
            "day",
            "member_id",
            "fraction",
            "voided_at",
            sqlite_where=text("voided_at IS NULL"),
        ),
        # Whole histories (balances before a month) already grouped by member, fraction.
        Index(
            "ix_workday_live_member_fraction_day",
            "member_id",
            "fraction",
            "day",
            "voided_at",
            sqlite_where=text("voided_at IS NULL"),
        ),
    )
    member_id: int = Field(foreign_key="member.id")
    day: dt.date
    line: str = Field(max_length=12)
    fraction: Decimal = Field(sa_type=Qty)
    note: str = Field(default="", max_length=500)


class Workshop(Sited, table=True):
    """One of the nine training workshops of the programme."""

    __tablename__ = "workshop"
    id: int | None = Field(default=None, primary_key=True)
    number: int = Field(unique=True)
    title: str = Field(max_length=200)
    uuid: str | None = later_uuid_field()


class WorkshopSession(Record, table=True):
    """A session of a workshop on a date."""

    __tablename__ = "workshop_session"
    __table_args__ = (UniqueConstraint("workshop_id", "held_on", name="uq_session_workshop_day"),)
    workshop_id: int = Field(foreign_key="workshop.id")
    held_on: dt.date = Field(index=True)
    facilitator: str = Field(default="", max_length=120)
    notes: str = Field(default="", max_length=500)


class AttendanceMark(Record, table=True):
    """Whether a member was present, absent or excused at a session."""

    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("session_id", "member_id", name="uq_attendance_session"),)
    session_id: int = Field(foreign_key="workshop_session.id")
    member_id: int = Field(foreign_key="member.id", index=True)
    status: str = Field(max_length=10)


class Buyer(Record, table=True):
    """Someone the cooperative sells to: a store chain, a shop, a relative."""

    __tablename__ = "buyer"
    name: str = Field(max_length=120)
    name_key: str = Field(unique=True, max_length=120)
    #: Revision 0010: her tax document for the accountant's registers: "RUC" or "DNI"
    #: and its number (checked), NULL while the book has none.
    doc_type: str | None = Field(default=None, max_length=3)
    doc_number: str | None = Field(default=None, max_length=11)


class Supplier(Record, table=True):
    """Someone the cooperative buys inputs from."""

    __tablename__ = "supplier"
    name: str = Field(max_length=120)
    name_key: str = Field(unique=True, max_length=120)
    #: Revision 0010: her tax document for the accountant's registers: "RUC" or "DNI"
    #: and its number (checked), NULL while the book has none.
    doc_type: str | None = Field(default=None, max_length=3)
    doc_number: str | None = Field(default=None, max_length=11)


class Product(Record, table=True):
    """Something the cooperative sells (a chocolate bar of some kind)."""

    __tablename__ = "product"
    name: str = Field(max_length=120)
    name_key: str = Field(unique=True, max_length=120)


class ProductPrice(Record, table=True):
    """A product's price from a date on."""

    __tablename__ = "product_price"
    __table_args__ = (UniqueConstraint("product_id", "valid_from", name="uq_price_product_day"),)
    product_id: int = Field(foreign_key="product.id")
    valid_from: dt.date
    unit_price: Decimal = Field(sa_type=UnitPrice)


class InputItem(Record, table=True):
    """An input the cooperative buys: cacao, sugar, wrappers..."""

    __tablename__ = "input_item"
    name: str = Field(max_length=120)
    name_key: str = Field(unique=True, max_length=120)


class Purchase(Correctable, table=True):
    """A purchase of one input from a supplier."""

    __tablename__ = "purchase"
    __table_args__ = (
        Index(
            "uq_purchase_supplier_reference",
            "supplier_id",
            "reference",
            unique=True,
            sqlite_where=text("reference <> '' AND voided_at IS NULL"),
        ),
    )
    day: dt.date = Field(index=True)
    supplier_id: int = Field(foreign_key="supplier.id")
    item_id: int = Field(foreign_key="input_item.id")
    quantity: Decimal = Field(sa_type=Qty)
    unit: str = Field(max_length=20)
    unit_price: Decimal = Field(sa_type=UnitPrice)
    total: Decimal = Field(sa_type=MoneyCents)
    reference: str = Field(default="", max_length=60)
    #: Revision 0010: the paper receipt's type (SUNAT table 10 code, e.g. "03" boleta)
    #: and series-number ("B001-123"), NULL when there is none.
    receipt_type: str | None = Field(default=None, max_length=2)
    receipt_series: str | None = Field(default=None, max_length=20)


class Sale(Correctable, table=True):
    """A sale to a buyer, with the book's receipt number."""

    __tablename__ = "sale"
    __table_args__ = (
        Index(
            "uq_sale_reference",
            "reference",
            unique=True,
            sqlite_where=text("reference <> '' AND voided_at IS NULL"),
        ),
    )
    receipt_number: int = Field(unique=True)
    day: dt.date = Field(index=True)
    buyer_id: int = Field(foreign_key="buyer.id", index=True)
    paid: bool = False
    paid_on: dt.date | None = None
    reference: str = Field(default="", max_length=60)
    total: Decimal = Field(sa_type=MoneyCents)
    #: Revision 0010: the paper receipt's type (SUNAT table 10 code, e.g. "03" boleta)
    #: and series-number ("B001-123"), NULL when there is none.
    receipt_type: str | None = Field(default=None, max_length=2)
    receipt_series: str | None = Field(default=None, max_length=20)


class SaleLineRow(Sited, table=True):
    """One product on a sale."""

    __tablename__ = "sale_line"
    id: int | None = Field(default=None, primary_key=True)
    sale_id: int = Field(foreign_key="sale.id", index=True)
    position: int
    product_id: int = Field(foreign_key="product.id")
    quantity: Decimal = Field(sa_type=Qty)
    unit_price: Decimal = Field(sa_type=UnitPrice)
    total: Decimal = Field(sa_type=MoneyCents)
    uuid: str | None = later_uuid_field()


class MemberPayment(Correctable, table=True):
    """Money paid to a member, or to her family on her behalf."""

    __tablename__ = "member_payment"
    __table_args__ = (Index("ix_member_payment_member_day", "member_id", "day"),)
    member_id: int = Field(foreign_key="member.id")
    day: dt.date = Field(index=True)
    amount: Decimal = Field(sa_type=MoneyCents)
    received_by: str = Field(default="", max_length=120)
    note: str = Field(default="", max_length=500)


class PaymentReceiptNumber(Sited, table=True):
    """A payment's receipt number in its own series (a trigger gives it; never changed)."""

    __tablename__ = "payment_receipt"
    payment_id: int = Field(primary_key=True, foreign_key="member_payment.id")
    number: int = Field(unique=True)
    uuid: str | None = later_uuid_field()


class Expense(Correctable, table=True):
    """Another expense: the monthly contribution to the institution, transport..."""

    __tablename__ = "expense"
    day: dt.date = Field(index=True)
    category: str = Field(max_length=60)
    amount: Decimal = Field(sa_type=MoneyCents)
    note: str = Field(default="", max_length=500)


class AuditEvent(Sited, table=True):
    """What was done to the book, when, to which record, and why."""

    __tablename__ = "audit_event"
    id: int | None = Field(default=None, primary_key=True)
    at: dt.datetime = Field(default_factory=now, sa_type=DateTime)
    action: str = Field(max_length=30)
    entity: str = Field(max_length=30)
    entity_uuid: str = Field(default="", max_length=36)
    detail: str = Field(default="")
    before: str = Field(default="")
    after: str = Field(default="")
    reason: str = Field(default="", max_length=500)
    uuid: str | None = later_uuid_field()
    at_utc: str | None = utc_twin("at")


class ClosedMonth(Sited, table=True):
    """A month whose statements were printed: nothing dated in it may change."""

    __tablename__ = "closed_month"
    month: str = Field(primary_key=True, max_length=7)
    closed_at: dt.datetime = Field(default_factory=now, sa_type=DateTime)
    note: str = Field(default="", max_length=500)
    uuid: str | None = later_uuid_field()
    closed_utc: str | None = utc_twin("closed_at")


class Seal(Sited, table=True):
    """One link of the hash chain: the fingerprint of a record as the program left it.

    ``record_uuid`` names the record in the seals written since revision 0009 (NULL in
    the older ones, which name it by ``record_id`` only).
    """

    __tablename__ = "seal"
    id: int | None = Field(default=None, primary_key=True)
    entity: str = Field(max_length=30)
    record_id: int
    content_hash: str = Field(max_length=64)
    chain_hash: str = Field(max_length=64)
    uuid: str | None = later_uuid_field()
    record_uuid: str | None = Field(default=None, max_length=36)


class PendingSeal(SQLModel, table=True):
    """A record written since the last seal (filled by SQL triggers; a deleted one's uuid)."""

    __tablename__ = "seal_pending"
    id: int | None = Field(default=None, primary_key=True)
    entity: str = Field(max_length=30)
    record_id: int
    record_uuid: str | None = Field(default=None, max_length=36)


# --- production, costing and the surplus distribution (revision 0003) ---------------


class ProductionBatch(Voidable, table=True):
    """A batch of a product made on a day: units, inputs used (valued) and workdays."""

    __tablename__ = "production_batch"
    day: dt.date = Field(index=True)
    product_id: int = Field(foreign_key="product.id", index=True)
    units: Decimal = Field(sa_type=Qty)
    workdays: Decimal = Field(default=Decimal("0.000"), sa_type=Qty)
    inputs_cost: Decimal = Field(default=Decimal("0.00"), sa_type=MoneyCents)
    note: str = Field(default="", max_length=500)


class BatchInput(Sited, table=True):
    """A quantity of a purchased input used in a batch, at its weighted-average cost."""

    __tablename__ = "batch_input"
    id: int | None = Field(default=None, primary_key=True)
    batch_id: int = Field(foreign_key="production_batch.id", index=True)
    position: int
    item_id: int = Field(foreign_key="input_item.id", index=True)
    quantity: Decimal = Field(sa_type=Qty)
    cost: Decimal = Field(sa_type=MoneyCents)
    uuid: str | None = later_uuid_field()


class StockAdjustment(Voidable, table=True):
    """A stock count that differs from the book: the difference, logged with its reason."""

    __tablename__ = "stock_adjustment"
    day: dt.date = Field(index=True)
    item_id: int | None = Field(default=None, foreign_key="input_item.id")
    product_id: int | None = Field(default=None, foreign_key="product.id")
    expected: Decimal = Field(sa_type=Qty)
    counted: Decimal = Field(sa_type=Qty)
    difference: Decimal = Field(sa_type=Qty)
    reason: str = Field(max_length=500)


class DistributionRuleRow(Record, table=True):
    """The assembly's rule for the year-end surplus, in force from a date on."""

    __tablename__ = "distribution_rule"
    valid_from: dt.date = Field(unique=True)
    reserve_percent: Decimal = Field(sa_type=Qty)
    education_percent: Decimal = Field(sa_type=Qty)
    note: str = Field(default="", max_length=500)


class SurplusDistribution(Record, table=True):
    """A year's surplus distribution as the assembly approved it (once per year)."""

    __tablename__ = "surplus_distribution"
    year: int = Field(unique=True)
    approved_on: dt.date
    surplus: Decimal = Field(sa_type=MoneyCents)
    reserve_percent: Decimal = Field(sa_type=Qty)
    education_percent: Decimal = Field(sa_type=Qty)
    reserve: Decimal = Field(sa_type=MoneyCents)
    education: Decimal = Field(sa_type=MoneyCents)
    to_members: Decimal = Field(sa_type=MoneyCents)
    note: str = Field(default="", max_length=500)
    #: Revision 0012: the assembly agreement that approved it (NULL: none recorded).
    agreement_uuid: str | None = Field(default=None, max_length=36)
    #: Revision 0013: the bylaws' articles in force on approval ("" when none was written
    #: in the settings; NULL on rows approved before 0013, which did not record them).
    reserve_article: str | None = Field(default=None, max_length=60)
    education_article: str | None = Field(default=None, max_length=60)


class MemberCredit(Correctable, table=True):
    """Money credited to a member's balance that is not labor (her share of the surplus)."""

    __tablename__ = "member_credit"
    __table_args__ = (Index("ix_member_credit_member_day", "member_id", "day"),)
    member_id: int = Field(foreign_key="member.id")
    day: dt.date = Field(index=True)
    amount: Decimal = Field(sa_type=MoneyCents)
    kind: str = Field(default="surplus", max_length=20)
    distribution_id: int | None = Field(default=None, foreign_key="surplus_distribution.id")
    workdays: Decimal = Field(default=Decimal("0.000"), sa_type=Qty)
    note: str = Field(default="", max_length=500)


# --- share capital (revision 0010) ---------------------------------------------------


class ShareMovement(Correctable, table=True):
    """A movement of a member's share capital (aportaciones).

    ``kind`` is ``subscription`` (she commits to an amount), ``payment`` (paid in cash),
    ``deduction`` (taken from what the cooperative owes her for her work, with her
    consent: it lowers her balance like a payment) or ``return`` (paid back on exit).
    ``agreement`` cites the assembly agreement that decided it, as text for now.
    """

    __tablename__ = "share_movement"
    __table_args__ = (Index("ix_share_movement_member_day", "member_id", "day"),)
    member_id: int = Field(foreign_key="member.id")
    day: dt.date = Field(index=True)
    kind: str = Field(max_length=12)
    amount: Decimal = Field(sa_type=MoneyCents)
    agreement: str = Field(default="", max_length=120)
    note: str = Field(default="", max_length=500)
    #: Revision 0012: the recorded agreement ``agreement`` cites (never changed).
    agreement_uuid: str | None = Field(default=None, max_length=36)



# --- the general assembly (revision 0012) ----------------------------------------------
#
# A session is written whole in one operation (its attendance, agenda and agreements with
# it) and then marked ``complete``: from then on nothing is added to it and nothing in it
# changes; a session recorded by mistake is voided once with a reason, never deleted, and
# its number is not used again. The triggers of migration 0012 hold these rules, the
# quorum and one member one vote against the sqlite3 shell.


class AssemblySession(Voidable, table=True):
    """One session of the general assembly, as its minutes record it.

    ``active_members`` and ``quorum_needed`` are frozen when it is recorded (the members
    admitted and not exited that day, and the rule of its call then in the settings):
    the minutes state them as they were.
    """

    __tablename__ = "assembly_session"
    number: int = Field(unique=True)
    kind: str = Field(max_length=13)
    call: str = Field(max_length=6)
    day: dt.date = Field(index=True)
    place: str = Field(default="", max_length=200)
    president_id: int = Field(foreign_key="member.id")
    secretary_id: int = Field(foreign_key="member.id")
    active_members: int
    quorum_needed: int
    quorum_rule: str = Field(max_length=20)
    quorum_article: str = Field(default="", max_length=120)
    note: str = Field(default="", max_length=500)
    complete: int = Field(default=0)


class AssemblyAttendance(Record, table=True):
    """A member present at a session (one row per member and session)."""

    __tablename__ = "assembly_attendance"
    __table_args__ = (UniqueConstraint("session_id", "member_id",
                                       name="uq_assembly_attendance_session_member"),)
    session_id: int = Field(foreign_key="assembly_session.id")
    member_id: int = Field(foreign_key="member.id")


class AssemblyAgendaItem(Record, table=True):
    """One point of a session's agenda, in order."""

    __tablename__ = "assembly_agenda_item"
    __table_args__ = (UniqueConstraint("session_id", "position",
                                       name="uq_assembly_agenda_item_session_position"),)
    session_id: int = Field(foreign_key="assembly_session.id")
    position: int
    text: str = Field(max_length=500)


class AssemblyAgreement(Record, table=True):
    """An agreement of a session, numbered within it, with its votes (one member, one vote)."""

    __tablename__ = "assembly_agreement"
    __table_args__ = (UniqueConstraint("session_id", "number",
                                       name="uq_assembly_agreement_session_number"),)
    session_id: int = Field(foreign_key="assembly_session.id")
    number: int
    text: str = Field(max_length=2000)
    votes_for: int
    votes_against: int
    abstaining: int


# --- the cooperative's funds (revision 0011) -----------------------------------------


class FundMovement(Voidable, table=True):
    """Money into or out of one of the cooperative's funds (reserve or education).

    ``source`` names what caused it: ``distribution`` (the year's surplus, its uuid in
    ``source_uuid``), ``workshop`` (a training session whose cost the education fund
    paid, the session's uuid) or ``manual`` (an entry explained by its note). Nothing
    ever leaves the reserve and no fund is ever below zero: triggers refuse both.
    """

    __tablename__ = "fund_movement"
    __table_args__ = (Index("ix_fund_movement_fund_day", "fund", "day"),)
    fund: str = Field(max_length=12)
    day: dt.date
    direction: str = Field(max_length=3)
    amount: Decimal = Field(sa_type=MoneyCents)
    source: str = Field(max_length=12)
    source_uuid: str | None = Field(default=None, max_length=36)
    note: str = Field(default="", max_length=500)
