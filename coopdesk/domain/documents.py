"""The plain data of each printed document: receipts, statements, report, sheets, certificates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from coopdesk.domain.errors import InvalidInput
from coopdesk.domain.statements import MonthSummary
from coopdesk.domain.trade import SaleLine
from coopdesk.i18n import _

ZERO = Decimal("0.00")
#: SUNAT's weights for the first ten digits of a RUC; the eleventh is the check digit.
RUC_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def clean_ruc(text: str | None) -> str:
    """Return a RUC as typed (11 digits, right check digit), "" for none, or say what is wrong.

    The check digit is SUNAT's modulo 11: 11 − (Σ digit × weight mod 11), where 10 is
    written 0 and 11 is written 1. A mistyped digit is caught here rather than printed
    on every receipt.
    """
    value = (text or "").strip()
    if not value:
        return ""
    if not (value.isdigit() and len(value) == 11):
        raise InvalidInput(_("The RUC has 11 digits, e.g. 20123456789; “{text}” does not.")
                           .format(text=value[:30]), field="ruc")
    total = sum(int(d) * w for d, w in zip(value, RUC_WEIGHTS, strict=False))
    check = (11 - total % 11) % 10
    if int(value[10]) != check:
        raise InvalidInput(_("The RUC {ruc} is not valid: its last digit should be {digit}. "
                             "Check it against the SUNAT card.").format(ruc=value, digit=check),
                           field="ruc")
    return value


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
    #: Its tax number (SUNAT), "" while it has none: receipts then say they are internal.
    ruc: str = ""
    #: The town written before the date on certificates ("" = the site).
    place: str = ""


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
class ContributionEntry:
    """One movement of her share capital: date, kind (``ShareKind`` value), amount."""

    day: dt.date
    kind: str
    amount: Decimal
    agreement: str = ""
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
    #: The day the paper is printed (the month's figures are as the book held them then).
    issued_on: dt.date | None = None
    #: The month's share capital movements, and her capital at the month's end.
    contributions: tuple[ContributionEntry, ...] = ()
    capital_subscribed: Decimal = ZERO
    capital_paid: Decimal = ZERO

    @property
    def deducted(self) -> Decimal:
        """Taken from her pay for her share capital this month (lowers her balance)."""
        return sum((c.amount for c in self.contributions if c.kind == "deduction"), ZERO)

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
        return self.opening_balance + self.earned + self.credited - self.paid - self.deducted


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
    #: When the sale was voided (None while it stands).
    voided_on: dt.date | None = None
    #: A reprint (the desk's reprint, ``coopdesk receipt``) and its day; None for the original.
    reprinted_on: dt.date | None = None

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
    #: The payment split by the productive-prisons rule: (part, amount), when it is on;
    #: the member's own part first (what she and her family receive), then what is withheld.
    split: tuple[tuple[str, Decimal], ...] = ()
    #: The receipt number of the payment this one corrects, and of its correction.
    corrects: str = ""
    corrected_by: str = ""
    #: When the payment was voided (None while it stands).
    voided_on: dt.date | None = None
    #: A reprint (not the paper printed when the payment was recorded) and its day.
    reprinted_on: dt.date | None = None

    @property
    def owed_after(self) -> Decimal:
        return self.owed_before - self.amount

    @property
    def net(self) -> Decimal:
        """What she (or her family) takes home: the whole amount, or her part of the split."""
        return self.split[0][1] if self.split else self.amount

    @property
    def withheld(self) -> tuple[tuple[str, Decimal], ...]:
        """The parts of the split that do not go to her: civil reparation, institution."""
        return self.split[1:]

    @property
    def advance(self) -> Decimal:
        """How much of this payment was more than she had earned (paid in advance)."""
        return min(self.amount, max(ZERO, -self.owed_after))


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
    #: The day the report is printed.
    issued_on: dt.date | None = None
    #: Members who left before the month, owed nothing and owing nothing, with no
    #: movement in it: they get no statement this month (the report says how many).
    members_without_statement: int = 0

    @property
    def owed_to_members(self) -> Decimal:
        """What the cooperative owes the members who are owed money at the month's end."""
        return sum((max(m.closing_balance, ZERO) for m in self.summary.members), ZERO)

    @property
    def owed_by_members(self) -> Decimal:
        """What members who were paid in advance owe the cooperative at the month's end."""
        return sum((max(-m.closing_balance, ZERO) for m in self.summary.members), ZERO)

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
    #: Its number in the certificates' series (taken once when issued, never reused).
    number: int = 0
    #: Hours of each workshop, by its number.
    hours: tuple[tuple[int, int], ...] = ()
    #: Who signs, left to right (never the member herself).
    signers: tuple[str, ...] = ()

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
    #: Who signs, left to right: the cooperative, the coordinator, the prison's work area.
    signers: tuple[str, ...] = ()

    @property
    def total_days(self) -> Decimal:
        return sum((w.fraction for w in self.workdays), Decimal("0.000"))
