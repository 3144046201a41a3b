from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coopdesk.domain.errors import InvalidInput
from coopdesk.domain.money import (
    from_cents,
    line_total,
    money_str,
    parse_amount,
    parse_quantity,
    parse_unit_price,
    quantity_str,
    round_money,
    to_cents,
)


@pytest.mark.parametrize(
    "value, expected",
    [("0.005", "0.01"), ("0.004", "0.00"), ("-0.005", "-0.01"), ("2.675", "2.68"),
     ("1.125", "1.13"), ("-1.125", "-1.13"), ("10", "10.00")],
)
def test_round_half_away_from_zero(value, expected):
    assert round_money(Decimal(value)) == Decimal(expected)


def _rounded_by_integers(q_thousandths: int, p_ten_thousandths: int) -> int:
    """Céntimos of q × p computed with integers only: half away from zero."""
    exact = Fraction(q_thousandths * p_ten_thousandths, 10**7) * 100  # in céntimos
    sign = -1 if exact < 0 else 1
    magnitude = abs(exact)
    whole, rest = divmod(magnitude.numerator, magnitude.denominator)
    if 2 * rest >= magnitude.denominator:
        whole += 1
    return sign * whole


@given(st.integers(1, 10**9), st.integers(0, 10**9))
def test_line_total_matches_integer_arithmetic(q, p):
    quantity = Decimal(q).scaleb(-3)
    price = Decimal(p).scaleb(-4)
    assert to_cents(line_total(quantity, price)) == _rounded_by_integers(q, p)


@given(st.integers(-10**12, 10**12))
def test_cents_round_trip(cents):
    assert to_cents(from_cents(cents)) == cents


@pytest.mark.parametrize(
    "text", ["", "  ", "S/ 12", "1.234,50", "12,5", "NaN", "inf", "1e3", "-5", "0", "abc",
             "12.345", "99999999999", "1 000"],
)
def test_bad_amounts_are_refused_with_a_sentence(text):
    with pytest.raises(InvalidInput) as err:
        parse_amount(text, what="the amount")
    assert len(str(err.value)) > 15 and str(err.value).endswith(".")


@pytest.mark.parametrize("text, expected", [("8.50", "8.50"), ("8.5", "8.50"), ("34", "34.00"),
                                            (" 1234.5 ", "1234.50"), ("0.01", "0.01")])
def test_good_amounts(text, expected):
    assert parse_amount(text, what="the amount") == Decimal(expected)


def test_quantity_and_price_places():
    assert parse_quantity("2.125", what="q") == Decimal("2.125")
    with pytest.raises(InvalidInput):
        parse_quantity("2.1255", what="q")
    assert parse_unit_price("0", what="p") == Decimal("0")
    assert parse_unit_price("0.1234", what="p") == Decimal("0.1234")
    with pytest.raises(InvalidInput):
        parse_unit_price("0.12345", what="p")


def test_interchange_strings():
    assert money_str(Decimal("2125")) == "2125.00"
    assert quantity_str(Decimal("212.5")) == "212.50"
    assert quantity_str(Decimal("1.125")) == "1.125"
    assert quantity_str(Decimal("3.100")) == "3.10"
