"""The plain data of each printed document: receipts, statements, report, sheets, certificates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from coopdesk.domain.statements import MonthSummary
from coopdesk.domain.trade import SaleLine

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Letterhead:
    """Who issues the paper: the cooperative, where it works, and whether it is formalised."""

    cooperative_name: str
    site: str = ""
    institution: str = ""
    formalised: bool = False
    #: The book's seal when printed (``Sello 3f9a1c0b7e21·4812``), in the footer of the
    #: monthly report and the statements: a copy of the chain's head kept outside the file.
    seal: str = ""


@dataclass(frozen=True)
class WorkdayEntry:
    """One workday on a statement or record: date, line, fraction, rate in force, amount."""

    day: dt.date
    line: str
    fraction: Decimal
    rate: Decimal
    amount: Decimal
    #: The date of the workday this one corrects (None when it corrects none).
    corrects: dt.date | None = None


@dataclass(frozen=True)
class PaymentEntry:
    """One payment to a member: date, amount, who received it, note."""

    day: dt.date
    amount: Decimal
    received_by: str = ""
    note: str = ""
    #: The receipt number of the payment this one corrects ("" when it corrects none).
    corrects: str = ""


@dataclass(frozen=True)
class CreditEntry:
    """Money credited to her that is not labor: her share of an approved surplus."""

    day: dt.date
    amount: Decimal
    note: str = ""


@dataclass(frozen=True)
class WorkshopEntry:
    """A workshop session a member attended: number, title, date."""

    number: int
    title: str
    day: dt.date


@dataclass(frozen=True)
class MemberStatement:
    """One member's month as she reads it on paper."""

    letterhead: Letterhead
    code: str
    name: str
    year: int
    month: int
    opening_balance: Decimal
    workdays: tuple[WorkdayEntry, ...] = ()
    payments: tuple[PaymentEntry, ...] = ()
    workshops: tuple[WorkshopEntry, ...] = ()
    programme_done: int = 0
    programme_size: int = 9
    credits: tuple[CreditEntry, ...] = ()
    #: The month's payments split by the productive-prisons rule: (part, amount), when on.
    split: tuple[tuple[str, Decimal], ...] = ()

    @property
    def days_worked(self) -> Decimal:
        return sum((w.fraction for w in self.workdays), Decimal("0.000"))

    @property
    def earned(self) -> Decimal:
        return sum((w.amount for w in self.workdays), ZERO)

    @property
    def paid(self) -> Decimal:
        return sum((p.amount for p in self.payments), ZERO)

    @property
    def credited(self) -> Decimal:
        return sum((c.amount for c in self.credits), ZERO)

    @property
    def closing_balance(self) -> Decimal:
        return self.opening_balance + self.earned + self.credited - self.paid


@dataclass(frozen=True)
class SaleReceipt:
    """A sale receipt (reprint), with its lines and whether it was paid or voided."""

    letterhead: Letterhead
    number: int
    number_text: str
    day: dt.date
    buyer: str
    lines: tuple[SaleLine, ...]
    paid: bool
    paid_on: dt.date | None = None
    reference: str = ""
    voided: bool = False
    void_reason: str = ""
    #: The receipt number (as printed) of the sale this one corrects, and of its correction.
    corrects: str = ""
    corrected_by: str = ""

    @property
    def total(self) -> Decimal:
        return sum((line.total for line in self.lines), ZERO)


@dataclass(frozen=True)
class PaymentReceipt:
    """A receipt for money paid to a member (or a relative on her behalf)."""

    letterhead: Letterhead
    number: int
    code: str
    name: str
    day: dt.date
    amount: Decimal
    owed_before: Decimal
    received_by: str = ""
    note: str = ""
    voided: bool = False
    void_reason: str = ""
    #: The payment split by the productive-prisons rule: (part, amount), when it is on.
    split: tuple[tuple[str, Decimal], ...] = ()
    #: The receipt number of the payment this one corrects, and of its correction.
    corrects: str = ""
    corrected_by: str = ""

    @property
    def owed_after(self) -> Decimal:
        return self.owed_before - self.amount


@dataclass(frozen=True)
class MonthlyReport:
    """The cooperative's monthly report: the summary plus its breakdowns and 12 months of sales."""

    letterhead: Letterhead
    summary: MonthSummary
    by_product: tuple[tuple[str, Decimal, Decimal], ...] = ()
    purchases: tuple[tuple[str, Decimal], ...] = ()
    expenses: tuple[tuple[str, Decimal], ...] = ()
    pending_sales: tuple[tuple[str, dt.date, str, Decimal], ...] = ()
    sales_by_month: tuple[tuple[int, int, Decimal], ...] = ()

    @property
    def main_buyer(self) -> tuple[str, Decimal] | None:
        return self.summary.by_buyer[0] if self.summary.by_buyer else None

    @property
    def main_buyer_share(self) -> Decimal:
        """The main buyer's share of the month's sales, in percent (one decimal)."""
        if not self.main_buyer or not self.summary.sales_total:
            return Decimal("0.0")
        share = self.main_buyer[1] * 100 / self.summary.sales_total
        return share.quantize(Decimal("0.1"))

    @property
    def pending_total(self) -> Decimal:
        return sum((p[3] for p in self.pending_sales), ZERO)


@dataclass(frozen=True)
class SheetRow:
    """One member's row on a paper sheet; marks are day of month → fraction (filled sheets)."""

    code: str
    name: str
    marks: dict[int, Decimal] = field(default_factory=dict)

    @property
    def total(self) -> Decimal:
        return sum(self.marks.values(), Decimal("0.000"))


@dataclass(frozen=True)
class WorkdaySheet:
    """The monthly workday sheet for paper: one row per member, one column per day."""

    letterhead: Letterhead
    year: int
    month: int
    days_in_month: int
    rows: tuple[SheetRow, ...]
    filled: bool


@dataclass(frozen=True)
class AttendanceSheet:
    """A workshop session's attendance sheet: names and a signature column."""

    letterhead: Letterhead
    number: int
    title: str
    day: dt.date | None
    facilitator: str
    members: tuple[tuple[str, str, str], ...]


@dataclass(frozen=True)
class ProgrammeRecord:
    """A member's progress in the nine workshops (a certificate when she has all nine)."""

    letterhead: Letterhead
    code: str
    name: str
    dni: str
    attended: tuple[WorkshopEntry, ...]
    programme: tuple[tuple[int, str], ...]
    issued_on: dt.date

    @property
    def done(self) -> int:
        return len({w.number for w in self.attended})

    @property
    def complete(self) -> bool:
        return self.done == len(self.programme)


@dataclass(frozen=True)
class WorkdaysRecord:
    """A "constancia de días trabajados": her workdays over a period, with the total."""

    letterhead: Letterhead
    code: str
    name: str
    dni: str
    start: dt.date
    end: dt.date
    workdays: tuple[WorkdayEntry, ...]
    issued_on: dt.date

    @property
    def total_days(self) -> Decimal:
        return sum((w.fraction for w in self.workdays), Decimal("0.000"))
