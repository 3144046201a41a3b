"""The plain data of the legal cooperative's papers: padrón, contributions' papers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from coopdesk.domain.documents import ContributionEntry, Letterhead

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class PadronRow:
    """One member on the register, in order of admission."""

    number: int
    code: str
    name: str
    dni: str
    joined_on: dt.date
    admission_agreement: str
    status: str
    exit_on: dt.date | None
    exit_agreement: str
    capital_paid: Decimal


@dataclass(frozen=True)
class Padron:
    """The register of members (padrón de socias) as it stands on *issued_on*."""

    letterhead: Letterhead
    rows: tuple[PadronRow, ...]
    issued_on: dt.date

    @property
    def capital_paid(self) -> Decimal:
        return sum((r.capital_paid for r in self.rows), ZERO)


@dataclass(frozen=True)
class ContributionCertificate:
    """Every live movement of one member's share capital, and her totals."""

    letterhead: Letterhead
    code: str
    name: str
    dni: str
    entries: tuple[ContributionEntry, ...]
    subscribed: Decimal
    paid: Decimal
    returned: Decimal
    issued_on: dt.date
    signers: tuple[str, ...] = ()

    @property
    def paid_net(self) -> Decimal:
        return self.paid - self.returned


@dataclass(frozen=True)
class ContributionReceipt:
    """The receipt of one movement (number = the movement's place in the book's series)."""

    letterhead: Letterhead
    number: int
    code: str
    name: str
    entry: ContributionEntry
    subscribed: Decimal
    paid_net: Decimal
    voided: bool = False
    void_reason: str = ""
    #: The movement's uuid (what voiding it names).
    uuid: str = ""
