"""The split of a member's income under the productive-prisons rules (optional, dated).

When the split is on, every payment to a member is shared, to the céntimo and exactly,
between her and her family, the civil reparation she owes, and the institution;
the template is 70 / 20 / 10.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from coopdesk.domain.distribution import largest_remainder
from coopdesk.domain.errors import InvalidInput
from coopdesk.i18n import N_, _

#: The parts, in the order they are printed, with their labels.
PARTS = (
    ("member", N_("Member and family")),
    ("reparation", N_("Civil reparation")),
    ("institution", N_("Institution")),
)


@dataclass(frozen=True)
class IncomeSplit:
    """The percentages of each part (they add up to 100)."""

    member: Decimal = Decimal("70")
    reparation: Decimal = Decimal("20")
    institution: Decimal = Decimal("10")

    def check(self) -> IncomeSplit:
        """Refuse negative parts or parts that do not add up to 100%."""
        parts = (self.member, self.reparation, self.institution)
        if any(Decimal(p) < 0 for p in parts):
            raise InvalidInput(_("No part of the income split can be negative."))
        if sum(parts, Decimal(0)) != 100:
            raise InvalidInput(_("The parts of the income split must add up to 100%."))
        return self

    def split(self, amount: Decimal) -> list[tuple[str, Decimal]]:
        """Return (part, amount) for each part; the amounts add up to *amount* exactly."""
        weights = {key: Decimal(getattr(self, key)) for key, _label in PARTS}
        shares = largest_remainder(Decimal(amount), weights)
        return [(key, shares[key]) for key, _label in PARTS]


def part_label(key: str) -> str:
    """Return the translated label of a part."""
    return _(dict(PARTS)[key])
