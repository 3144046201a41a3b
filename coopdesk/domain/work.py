"""Workdays and the labor rate: what a member earns for her days in the workshop."""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from decimal import Decimal
from enum import StrEnum

from coopdesk.domain.errors import InvalidInput
from coopdesk.domain.money import round_money
from coopdesk.i18n import N_, _

FULL_DAY = Decimal("1.000")
HALF_DAY = Decimal("0.500")
#: The rate the book starts with, and the date it is in force from.
STARTING_RATE = Decimal("10.00")
STARTING_RATE_FROM = dt.date(2000, 1, 1)


class ProductionLine(StrEnum):
    """The workshop's three production lines."""

    CHOCOLATE = "chocolate"
    TEXTILES = "textil"
    CARPENTRY = "carpinteria"

    @property
    def label(self) -> str:
        return _(LINE_LABELS[self])


LINE_LABELS = {
    ProductionLine.CHOCOLATE: N_("chocolate"),
    ProductionLine.TEXTILES: N_("textiles"),
    ProductionLine.CARPENTRY: N_("carpentry"),
}


@functools.lru_cache(maxsize=64)
def parse_line(text: str) -> ProductionLine:
    """Read chocolate / textil / carpinteria (carpintería with its accent too)."""
    raw = (text or "").strip().lower().replace("í", "i")
    try:
        return ProductionLine(raw)
    except ValueError:
        raise InvalidInput(
            _("The line “{text}” is not known; use chocolate, textil or carpinteria.").format(
                text=(text or "").strip()[:30]
            ),
            field="line",
        ) from None


@functools.lru_cache(maxsize=64)
def parse_fraction(text: str) -> Decimal:
    """Read 1 (a full day) or 0.5 (half a day)."""
    raw = (text or "").strip().replace(",", ".")
    try:
        value = Decimal(raw)
    except Exception:
        value = None
    if value is not None and value.is_finite() and value in (FULL_DAY, HALF_DAY):
        return FULL_DAY if value == FULL_DAY else HALF_DAY
    raise InvalidInput(
        _("The fraction “{text}” must be 1 (a full day) or 0.5 (half a day).").format(
            text=raw[:20]
        ),
        field="fraction",
    )


def check_not_future(day: dt.date, *, today: dt.date | None = None) -> dt.date:
    """Refuse a workday dated after today: it is a record of work done, not planned."""
    today = today or dt.date.today()
    if day > today:
        raise InvalidInput(
            _("A workday cannot be dated after today ({today}); {day} has not come yet.").format(
                today=today.strftime("%d/%m/%Y"), day=day.strftime("%d/%m/%Y")
            ),
            field="day",
        )
    return day


def check_day_total(worked: Decimal, fraction: Decimal, *, who: str, day: dt.date) -> None:
    """Refuse a workday that would make a member's fractions on one date exceed one full day.

    *worked* is what she already has on that date, across the three lines; a full day
    on one line and half a day on another would pay and count a day and a half.
    """
    if worked + fraction > FULL_DAY:
        raise InvalidInput(
            _("{who} already has {worked} of a workday on {day} (all lines together); {fraction}"
              " more would be more than one full day on one date.").format(
                who=who, worked=_days(worked), day=day.strftime("%d/%m/%Y"),
                fraction=_days(fraction),
            ),
            field="fraction",
        )


def _days(value: Decimal) -> str:
    text = f"{Decimal(value):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


class RateTable:
    """The dated labor rates; answers which rate was in force on a day."""

    def __init__(self, rates: list[tuple[dt.date, Decimal]]) -> None:
        ordered = sorted(rates)
        self._dates = [d for d, _r in ordered]
        self._rates = [r for _d, r in ordered]

    def rate_on(self, day: dt.date) -> Decimal:
        """Return the rate per full workday in force on *day*."""
        i = bisect.bisect_right(self._dates, day) - 1
        if i < 0:
            return STARTING_RATE
        return self._rates[i]

    def periods(self) -> list[tuple[dt.date, dt.date | None, Decimal]]:
        """Return (from, until-exclusive or None, rate) for each rate in force."""
        out = []
        for i, (d, r) in enumerate(zip(self._dates, self._rates)):
            until = self._dates[i + 1] if i + 1 < len(self._dates) else None
            out.append((d, until, r))
        return out


def workday_pay(fraction: Decimal, rate: Decimal) -> Decimal:
    """What one workday earns: fraction × rate, rounded to the céntimo."""
    return round_money(Decimal(fraction) * Decimal(rate))
