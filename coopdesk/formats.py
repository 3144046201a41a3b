"""How coopdesk writes money, quantities, dates and months, the same on screen and paper.

Qt-free, through Babel. Numbers keep the Peruvian form in both languages
(``S/ 1,234.50``, grouped thousands: the grouping is the same in en_US); words follow
the current language, so a screen or a page is wholly Spanish or wholly English:
month names, the count of days, the date and the amount in words.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from decimal import Decimal

from babel.dates import format_date, get_month_names
from babel.numbers import format_currency, format_decimal

from coopdesk.domain.money import price_str, quantity_str, round_money
from coopdesk.i18n import _, babel_locale, current_language, ngettext

#: Numbers are always written the Peruvian way (the grouping is the same in en_US).
LOCALE = "es_PE"
#: The typographic minus: a hyphen is easy to miss, and to add, by hand on paper.
MINUS = "\u2212"


def money(value: Decimal | None) -> str:
    """Return an amount the Peruvian way: ``S/ 1,234.50`` (no-break space); ``−S/ 5.00``.

    None (no amount yet) is an empty text, so a table cell stays blank.
    """
    if value is None:
        return ""
    value = round_money(value)
    if value < 0:
        return MINUS + _money(-value)
    return _money(value)


def less(value: Decimal) -> str:
    """Return an amount taken away on a summary line: ``− S/ 15.00`` (typographic minus)."""
    return MINUS + " " + money(value)


@functools.lru_cache(maxsize=4096)
def _money(value: Decimal) -> str:
    # Babel is slow next to ReportLab; the same few amounts recur on every statement.
    return format_currency(value, "PEN", locale=LOCALE)


def grouped(text: str) -> str:
    """Return a plain decimal string (``1234.500``) with its thousands grouped (``1,234.500``)."""
    whole, dot, decimals = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = whole.lstrip("-")
    return sign + f"{int(whole):,}" + dot + decimals


def number(value: Decimal | int, places: int = 0) -> str:
    """Return a count with its thousands grouped and *places* decimals: ``4,000``, ``12.5``."""
    fmt = "#,##0" + ("." + "0" * places if places else "")
    return format_decimal(Decimal(value), format=fmt, locale=LOCALE)


def percent(value: Decimal, places: int = 1, *, trim: bool = False) -> str:
    """Return a percentage: ``64.7 %``; with *trim*, no needless decimals (``20 %``)."""
    fmt = "#,##0" + ("." + ("#" if trim else "0") * places if places else "")
    return format_decimal(Decimal(value), fmt, locale=LOCALE) + " %"


def quantity(value: Decimal) -> str:
    """Return a quantity: ``1,250`` or ``2.5`` (no needless zeros, grouped)."""
    text = quantity_str(value)
    text = text.rstrip("0").rstrip(".") if "." in text else text
    return grouped(text)


def unit_price(value: Decimal) -> str:
    """Return a unit price: ``S/ 1,250.00``, ``S/ 0.1234``."""
    return "S/\xa0" + grouped(price_str(value))


def date_str(day: dt.date | None) -> str:
    """Return a date as dd/mm/yyyy (empty for None)."""
    return day.strftime("%d/%m/%Y") if day else ""


def date_time_str(moment: dt.datetime | None) -> str:
    """Return a moment as dd/mm/yyyy hh:mm (empty for None)."""
    return moment.strftime("%d/%m/%Y %H:%M") if moment else ""


def date_words(day: dt.date) -> str:
    """Return a date written out for a place-and-date line: ``7 de diciembre de 2026``."""
    locale = babel_locale()
    pattern = "d 'de' MMMM 'de' y" if locale.startswith("es") else "d MMMM y"
    return format_date(day, pattern, locale=locale)


def date_full(day: dt.date) -> str:
    """Return a date with its weekday, in the current language: ``lunes, 3 de octubre de 2022``."""
    return format_date(day, "full", locale=babel_locale())


def weekday_initial(day: dt.date) -> str:
    """Return the weekday's initial for a calendar column: ``L``, ``M`` / ``M``, ``T``."""
    return format_date(day, "EEEEE", locale=babel_locale())


def month_name(month: int) -> str:
    """Return a month's name in the current language: ``octubre`` / ``October``."""
    return _month_names(babel_locale())[month]


def month_title(year: int, month: int) -> str:
    """Return a month header in the current language: ``octubre de 2022`` / ``October 2022``.

    Babel's "MMMM 'de' y" / "MMMM y", built from its month names (a ten-year book fills
    its month lists with 120 of these at start; the names are looked up once).
    """
    locale = babel_locale()
    name = _month_names(locale)[month]
    return f"{name} de {year}" if locale.startswith("es") else f"{name} {year}"


def month_short(year: int, month: int) -> str:
    """Return a short month label for a chart axis, e.g. ``oct. 22`` / ``Oct 22``."""
    return format_date(dt.date(year, month, 1), "MMM yy", locale=babel_locale())


@functools.cache
def _month_names(locale: str) -> dict[int, str]:
    return dict(get_month_names("wide", context="format", locale=locale))


def word_list(items: list[str]) -> str:
    """Join items as a sentence does in the current language: ``a, b y c`` / ``a, b, and c``."""
    from babel.lists import format_list

    return format_list(list(items), locale=babel_locale())


def days_str(value: Decimal) -> str:
    """Return a count of workdays without needless decimals: 10, 10.5."""
    return _days_text(Decimal(value))


@functools.lru_cache(maxsize=512)
def _days_text(value: Decimal) -> str:
    # Babel parses the pattern on every call (half a millisecond); a month's statements
    # and sheets ask for the same few counts hundreds of times.
    return format_decimal(value, "#,##0.#", locale=LOCALE)


def days_phrase(value: Decimal) -> str:
    """Return a count of workdays with its noun: ``1 día``, ``2 días``, ``1.5 días``."""
    value = Decimal(value)
    count = 1 if value == 1 else 2  # 0.5 and 1.5 days are plural in both languages
    return ngettext("{days} day", "{days} days", count).format(days=days_str(value))


def fraction_str(fraction: Decimal) -> str:
    """Return a workday's fraction in words: a full day or half a day."""
    return _("full day") if Decimal(fraction) >= 1 else _("half day")


# num2words (0.5.14) writes "uno"/"veintiuno" before "mil" and "millones", where the
# Real Academia asks for the short form: "un mil" is never said, so "veintiuno mil"
# becomes "veintiún mil", "ciento uno mil" becomes "ciento un mil", and "treinta y
# uno millones" becomes "treinta y un millones". Only the words right before a
# multiplier change; a number's last word stays as it is read alone ("mil uno").
_APOCOPE = re.compile(r"\b(veinti)?uno (?=mil\b|millón\b|millones\b)")


def spanish_number(whole: int) -> str:
    """Return a whole number in Spanish words as the Real Academia writes it (lower case)."""
    from num2words import num2words

    words = num2words(whole, lang="es")
    return _APOCOPE.sub(lambda m: "veintiún " if m.group(1) else "un ", words)


def amount_in_words(value: Decimal) -> str:
    """Return an amount in words as on Peruvian paper: ``SON: TREINTA CON 50/100 SOLES``.

    In English the same line reads ``SAY: THIRTY AND 50/100 SOLES``. A negative amount
    is never written in words: paper says who owes whom instead.
    """
    value = abs(round_money(value))
    whole = int(value)
    cents = int((value - whole) * 100)
    if current_language() == "en":
        from num2words import num2words

        return f"SAY: {num2words(whole, lang='en').upper()} AND {cents:02d}/100 SOLES"
    return f"SON: {spanish_number(whole).upper()} CON {cents:02d}/100 SOLES"
