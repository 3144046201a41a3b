"""Peruvian formats for the screen through Babel: S/ 1,234.50, dd/MM/yyyy, month names."""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal

from babel.dates import get_month_names
from babel.numbers import format_currency, format_decimal

from coopdesk.domain.money import quantity_str
from coopdesk.i18n import babel_locale


def money(value: Decimal | None) -> str:
    """Return an amount as the coordinator reads it: ``S/ 1,234.50``."""
    if value is None:
        return ""
    return format_currency(Decimal(value), "PEN", locale="es_PE")


def number(value: Decimal, places: int = 0) -> str:
    """Return a count with thousands grouping (``4,000``)."""
    fmt = "#,##0" + ("." + "0" * places if places else "")
    return format_decimal(Decimal(value), format=fmt, locale="es_PE")


def quantity(value: Decimal) -> str:
    """Return a quantity with 2 or 3 decimals."""
    return quantity_str(value)


def day(value: dt.date | None) -> str:
    """Return a date as dd/MM/yyyy (empty for None)."""
    return value.strftime("%d/%m/%Y") if value else ""


def month_title(year: int, month: int) -> str:
    """Return a month's name as a header: ``octubre de 2022`` / ``October 2022``.

    Babel's "MMMM 'de' y" / "MMMM y", built from its month names (a ten-year book fills
    its month lists with 120 of these at start; the names are looked up once).
    """
    locale = babel_locale()
    name = _month_names(locale)[month]
    return f"{name} de {year}" if locale.startswith("es") else f"{name} {year}"


def month_short(year: int, month: int) -> str:
    """Return a short month label in the screen's language, e.g. ``oct. 22`` / ``Oct 22``."""
    from babel.dates import format_date

    return format_date(dt.date(year, month, 1), "MMM yy", locale=babel_locale())


@functools.cache
def _month_names(locale: str) -> dict[int, str]:
    return dict(get_month_names("wide", context="format", locale=locale))
