"""Peruvian formats for paper, through Babel: money, dates, months, days and amounts in words."""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

from coopdesk.domain.money import round_money
from coopdesk.i18n import _

LOCALE = "es_PE"


def money(value: Decimal) -> str:
    """Return an amount the Peruvian way: ``S/ 1,234.50`` (no-break space)."""
    return _money(round_money(value))


@functools.lru_cache(maxsize=4096)
def _money(value: Decimal) -> str:
    # Babel is slow next to ReportLab; the same few amounts recur on every statement.
    return format_currency(value, "PEN", locale=LOCALE)


def date_str(day: dt.date | None) -> str:
    """Return a date as dd/mm/yyyy (empty for None)."""
    return day.strftime("%d/%m/%Y") if day else ""


def month_title(year: int, month: int) -> str:
    """Return a month header such as ``octubre de 2022``."""
    return format_date(dt.date(year, month, 1), "MMMM 'de' y", locale=LOCALE)


def month_short(year: int, month: int) -> str:
    """Return a short month label for a chart axis, e.g. ``oct. 22``."""
    return format_date(dt.date(year, month, 1), "MMM yy", locale=LOCALE)


def days_str(value: Decimal) -> str:
    """Return a count of workdays without needless decimals: 10, 10.5."""
    return format_decimal(Decimal(value), "#,##0.#", locale=LOCALE)


def fraction_str(fraction: Decimal) -> str:
    """Return a workday's fraction in words: a full day or half a day."""
    return _("full day") if Decimal(fraction) >= 1 else _("half day")


def amount_in_words(value: Decimal) -> str:
    """Return an amount in words as on Peruvian paper: ``SON: TREINTA CON 50/100 SOLES``."""
    from num2words import num2words

    value = round_money(value)
    sign = "MENOS " if value < 0 else ""
    value = abs(value)
    whole = int(value)
    cents = int((value - whole) * 100)
    words = num2words(whole, lang="es").upper()
    return f"SON: {sign}{words} CON {cents:02d}/100 SOLES"
