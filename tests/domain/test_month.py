"""The Month value: parsing, keys and stepping checked against Python's own date arithmetic."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coopdesk.domain.errors import InvalidInput
from coopdesk.domain.month import Month
from coopdesk.i18n import current_language, set_language

DAYS = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31))


def months_later(day: dt.date, n: int) -> dt.date:
    """The first day *n* months after *day*'s month, counted one day at a time (no Month)."""
    first = day.replace(day=1)
    step = dt.timedelta(days=1 if n >= 0 else -1)
    for _i in range(abs(n)):
        # Walk to the first day of the next (or previous) month by days alone.
        first += step
        while first.day != 1:
            first += step
    return first


@given(DAYS, st.integers(min_value=-60, max_value=60))
def test_stepping_agrees_with_walking_the_calendar(day, n):
    expected = months_later(day, n)
    month = Month.of(day).step(n)
    assert (month.year, month.month) == (expected.year, expected.month)
    assert month.first_day == expected
    assert Month.of(day).step(n).step(-n) == Month.of(day)


@given(DAYS)
def test_a_month_holds_its_days_and_next_and_previous_touch_it(day):
    month = Month.of(day)
    assert month.first_day <= day <= month.last_day
    assert month.last_day + dt.timedelta(days=1) == month.next().first_day
    assert month.first_day - dt.timedelta(days=1) == month.previous().last_day
    assert month.days() == (month.last_day - month.first_day).days + 1
    assert month.span() == (month.first_day, month.next().first_day)
    assert Month.parse(month.key) == month
    assert month.key == day.strftime("%Y-%m")
    assert month.label == day.strftime("%m/%Y")


@given(DAYS, DAYS)
def test_months_are_ordered_as_their_days(a, b):
    ma, mb = Month.of(a), Month.of(b)
    assert (ma < mb) == ((a.year, a.month) < (b.year, b.month))
    assert (ma == mb) == (a.strftime("%Y-%m") == b.strftime("%Y-%m"))
    span = ma.until(mb)
    assert len(span) == max((mb.year - ma.year) * 12 + mb.month - ma.month + 1, 0)
    assert all(x.next() == y for x, y in zip(span, span[1:]))


def test_a_month_unpacks_as_year_and_month():
    year, month = Month(2022, 10)
    assert (year, month) == (2022, 10)
    assert Month(2022, 12).next() == Month(2023, 1)
    assert Month(2022, 1).previous() == Month(2021, 12)
    assert Month(2024, 2).days() == 29 and Month(2023, 2).days() == 28


@pytest.mark.parametrize(
    ("text", "spanish"),
    [
        ("2022-13", "El mes “2022-13” no es válido; escríbalo como AAAA-MM, por ejemplo 2022-10."),
        ("2022-00", "El mes “2022-00” no es válido; escríbalo como AAAA-MM, por ejemplo 2022-10."),
        ("22-10", "El mes “22-10” no es válido; escríbalo como AAAA-MM, por ejemplo 2022-10."),
        ("2022-1", "El mes “2022-1” no es válido; escríbalo como AAAA-MM, por ejemplo 2022-10."),
        ("octubre", "El mes “octubre” no es válido; escríbalo como AAAA-MM, por ejemplo 2022-10."),
        ("", "El mes “” no es válido; escríbalo como AAAA-MM, por ejemplo 2022-10."),
        ("0000-10", "El mes 0000-10 está fuera de los años que maneja coopdesk (2000 a 2099)."),
        ("9999-12", "El mes 9999-12 está fuera de los años que maneja coopdesk (2000 a 2099)."),
        ("2202-10", "El mes 2202-10 está fuera de los años que maneja coopdesk (2000 a 2099)."),
    ],
)
def test_a_bad_month_is_refused_with_a_spanish_sentence(text, spanish):
    before = current_language()
    set_language("es")
    try:
        with pytest.raises(InvalidInput) as refused:
            Month.parse(text)
    finally:
        set_language(before)
    assert refused.value.message == spanish


def test_a_month_that_does_not_exist_cannot_be_made():
    with pytest.raises(ValueError):
        Month(2022, 13)
