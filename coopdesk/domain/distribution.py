"""The year-end surplus distribution by the bylaws' rule, exact to the céntimo.

The reserve fund and the education fund take their percentages first (each rounded
half-up to the céntimo), and the rest goes to the members in proportion to their
workdays in the year. The percentages are the bylaws', kept as settings that name the
article: coopdesk makes no legal claim of its own about them. The members' part is
what is left after the two funds, so reserve + education + members is the surplus
exactly; it is split by the largest-remainder method: every member gets the whole
céntimos of her exact share, and the céntimos left over go one each to the largest
remainders.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from coopdesk.domain.errors import InvalidInput
from coopdesk.domain.money import CENT, ZERO, from_cents, parse_number, to_cents
from coopdesk.i18n import _

#: The defaults while the bylaws' percentages are not set (settings reserve_percent and
#: education_percent): sensible shares, not a legal minimum.
DEFAULT_RESERVE_PERCENT = Decimal("10")
DEFAULT_EDUCATION_PERCENT = Decimal("5")


def largest_remainder(total: Decimal, weights: dict[str, Decimal]) -> dict[str, Decimal]:
    """Split *total* (≥ 0) in proportion to *weights* (≥ 0), summing exactly to the céntimo.

    Ties between equal remainders go to the keys in sorted order, so the result does
    not depend on the order of the dictionary. Every key gets a share (maybe zero).
    """
    cents = to_cents(Decimal(total).quantize(CENT))
    if cents < 0:
        raise ValueError("a negative total cannot be split")
    if any(Decimal(w) < 0 for w in weights.values()):
        raise ValueError("weights must not be negative")
    keys = sorted(weights)
    whole = sum((Decimal(weights[k]) for k in keys), Decimal(0))
    if not keys:
        return {}
    if whole == 0:
        raise ValueError("all weights are zero")
    floors: dict[str, int] = {}
    remainders: list[tuple[Decimal, int, str]] = []
    for index, key in enumerate(keys):
        exact = Decimal(cents) * Decimal(weights[key]) / whole
        floor = int(exact)  # exact >= 0, so int() is the floor
        floors[key] = floor
        remainders.append((exact - floor, -index, key))
    left = cents - sum(floors.values())
    for _rem, _idx, key in sorted(remainders, reverse=True)[:left]:
        floors[key] += 1
    return {key: from_cents(floors[key]) for key in keys}


def parse_percent(text, *, field: str) -> Decimal:
    """Read a percentage typed in the settings (0 to 100, at most 2 decimals), or refuse it."""
    try:
        value = parse_number(str(text), places=2, what=_("the percentage"), allow_zero=True)
    except InvalidInput:
        value = None
    if value is None or value > 100:
        raise InvalidInput(_("Write a percentage from 0 to 100 with at most 2 decimals, "
                             "e.g. 10 or 7.5."), field=field)
    return value.normalize() if value == value.to_integral() else value


@dataclass(frozen=True)
class DistributionRule:
    """The bylaws' rule: the reserve and education percentages of the surplus.

    The articles are the bylaws' articles that set each percentage, as typed in the
    settings ("" while not written): the paper names them. An approved distribution
    carries the ones kept on approval; None when it was approved before they were kept.
    """

    reserve_percent: Decimal = DEFAULT_RESERVE_PERCENT
    education_percent: Decimal = DEFAULT_EDUCATION_PERCENT
    reserve_article: str | None = field(default="", compare=False)
    education_article: str | None = field(default="", compare=False)

    def check(self) -> DistributionRule:
        """Refuse percentages outside 0–100, or two that together pass 100."""
        for value, name in ((self.reserve_percent, "reserve_percent"),
                            (self.education_percent, "education_percent")):
            if not (0 <= value <= 100):
                raise InvalidInput(_("Write a percentage from 0 to 100 with at most 2 "
                                     "decimals."), field=name)
        if self.reserve_percent + self.education_percent > 100:
            raise InvalidInput(
                _("The reserve and education funds together cannot take more than 100%."),
                field="education_percent",
            )
        return self


@dataclass(frozen=True)
class MemberShare:
    """One member's part: her workdays in the year and the amount they earn her."""

    code: str
    name: str
    workdays: Decimal
    amount: Decimal


@dataclass(frozen=True)
class Distribution:
    """How a year's surplus is split."""

    year: int
    surplus: Decimal
    rule: DistributionRule
    reserve: Decimal
    education: Decimal
    shares: list[MemberShare] = field(default_factory=list)
    #: The assembly's agreement it cites once approved ("Asamblea 3, acuerdo 2 (15/02/2024)").
    agreement: str = ""

    @property
    def to_members(self) -> Decimal:
        """What goes to the members altogether."""
        return sum((s.amount for s in self.shares), ZERO)

    @property
    def total_workdays(self) -> Decimal:
        """The workdays of all members in the year."""
        return sum((s.workdays for s in self.shares), Decimal("0.000"))

    @property
    def total(self) -> Decimal:
        """Reserve + education + members: always the surplus itself."""
        return self.reserve + self.education + self.to_members


def distribute(
    year: int,
    surplus: Decimal,
    rule: DistributionRule,
    workdays: dict[str, tuple[str, Decimal]],
) -> Distribution:
    """Split *surplus* by *rule*; *workdays* maps member code → (name, workdays in the year).

    Members without workdays get no share and are left out.
    """
    rule.check()
    surplus = Decimal(surplus)
    if surplus != surplus.quantize(CENT):
        raise InvalidInput(_("The surplus has more than 2 decimals."), field="surplus")
    if surplus <= 0:
        raise InvalidInput(
            _("There is no surplus to distribute: the year closed with S/ {amount}.").format(
                amount=surplus),
            field="surplus",
        )
    reserve = (surplus * rule.reserve_percent / 100).quantize(CENT, rounding=ROUND_HALF_UP)
    education = (surplus * rule.education_percent / 100).quantize(CENT, rounding=ROUND_HALF_UP)
    # Both rounded up by half a céntimo can pass the surplus when they take 100% together.
    education = min(education, surplus - reserve)
    rest = surplus - reserve - education
    worked = {code: days for code, (_name, days) in workdays.items() if days > 0}
    if rest > 0 and not worked:
        raise InvalidInput(
            _("No member has workdays in {year}: the members' part cannot be shared.").format(
                year=year))
    amounts = largest_remainder(rest, worked) if worked else {}
    shares = [
        MemberShare(code=code, name=workdays[code][0], workdays=worked[code], amount=amounts[code])
        for code in sorted(worked)
    ]
    return Distribution(year=year, surplus=surplus, rule=rule, reserve=reserve,
                        education=education, shares=shares)
