"""The surplus distribution: the assembly's rule, exact to the céntimo, never negative."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coopdesk.domain.distribution import DistributionRule, distribute, largest_remainder
from coopdesk.domain.errors import InvalidInput

D = Decimal


def test_a_worked_example():
    # S/ 1,000.00: reserve 20% = 200.00, education 10% = 100.00, 700.00 for 3 members
    # with 10, 20 and 40 workdays: 100.00, 200.00, 400.00.
    result = distribute(2022, D("1000.00"), DistributionRule(D("20"), D("10")), {
        "S01": ("Ana", D("10")), "S02": ("Bea", D("20")), "S03": ("Cira", D("40")),
        "S04": ("Dora", D("0")),
    })
    assert result.reserve == D("200.00")
    assert result.education == D("100.00")
    assert [(s.code, s.amount) for s in result.shares] == [
        ("S01", D("100.00")), ("S02", D("200.00")), ("S03", D("400.00"))]
    assert result.total == D("1000.00")


def test_largest_remainder_gives_the_left_over_centimos_to_the_largest_remainders():
    # 1.00 in three equal parts: 0.33 each and one céntimo left, to the first key by order.
    assert largest_remainder(D("1.00"), {"b": D(1), "a": D(1), "c": D(1)}) == {
        "a": D("0.34"), "b": D("0.33"), "c": D("0.33")}
    # 0.10 split 1 : 2 → exact 0.0333… and 0.0666…: 3 and 6 céntimos, one left to the 0.666.
    assert largest_remainder(D("0.10"), {"x": D(1), "y": D(2)}) == {"x": D("0.03"), "y": D("0.07")}


def test_each_fund_rounds_half_up_and_the_members_get_the_rest():
    # S/ 0.10 at 25% and 5%: 0.025 → 0.03 and 0.005 → 0.01 (half up), the members 0.06.
    result = distribute(2022, D("0.10"), DistributionRule(D("25"), D("5")), {"S01": ("A", D(1))})
    assert (result.reserve, result.education, result.to_members) == (
        D("0.03"), D("0.01"), D("0.06"))
    # 50% + 50% of one céntimo: both would round up to 0.01; education gets what is left.
    result = distribute(2022, D("0.01"), DistributionRule(D("50"), D("50")), {"S01": ("A", D(1))})
    assert (result.reserve, result.education, result.to_members) == (D("0.01"), D("0"), D("0"))


def test_any_percentage_the_bylaws_set_is_taken_without_a_legal_minimum():
    result = distribute(2022, D("100.00"), DistributionRule(D("0"), D("0")), {"S01": ("A", D(1))})
    assert result.to_members == D("100.00")
    result = distribute(2022, D("100.00"), DistributionRule(D("7.5"), D("2.25")),
                        {"S01": ("A", D(1))})
    assert (result.reserve, result.education) == (D("7.50"), D("2.25"))


@pytest.mark.parametrize("surplus", [D("0.00"), D("-500.00")])
def test_no_surplus_nothing_to_distribute(surplus):
    with pytest.raises(InvalidInput) as refused:
        distribute(2022, surplus, DistributionRule(), {"S01": ("A", D(1))})
    assert refused.value.field == "surplus"


def _independent(surplus: Decimal, reserve: int | str, education: int | str
                 ) -> tuple[Decimal, Decimal, Decimal]:
    """The three parts worked out again, by hand, from the bylaws' wording."""
    half_up = lambda x: (x * 100 + Decimal("0.5")).to_integral_value("ROUND_FLOOR") / 100  # noqa: E731
    r = half_up(surplus * Decimal(reserve) / 100)
    e = min(half_up(surplus * Decimal(education) / 100), surplus - r)
    return r, e, surplus - r - e


@settings(max_examples=150, deadline=None)
@given(
    cents=st.integers(min_value=1, max_value=10_000_000),
    reserve=st.integers(min_value=0, max_value=10_000),
    education=st.integers(min_value=0, max_value=10_000),
    days=st.lists(st.integers(min_value=0, max_value=600), min_size=1, max_size=25),
)
def test_the_parts_always_sum_exactly_and_no_share_is_negative(cents, reserve, education, days):
    # Percentages with 2 decimals (0.00 to 100.00), together at most 100.
    education = min(education, 10_000 - reserve)
    reserve_p, education_p = Decimal(reserve) / 100, Decimal(education) / 100
    surplus = Decimal(cents) / 100
    if not any(days):
        days[0] = 1
    workdays = {f"S{i:02d}": (f"M{i}", Decimal(d) / 2) for i, d in enumerate(days)}
    result = distribute(2022, surplus, DistributionRule(reserve_p, education_p), workdays)
    assert (result.reserve, result.education, result.to_members) == _independent(
        surplus, reserve_p, education_p)
    assert result.reserve + result.education + sum(s.amount for s in result.shares) == surplus
    assert all(s.amount >= 0 for s in result.shares)
    # Each share is within one céntimo of its exact proportional part.
    rest = surplus - result.reserve - result.education
    whole = sum(Decimal(d) / 2 for d in days)
    for s in result.shares:
        assert abs(s.amount - rest * s.workdays / whole) < D("0.01")
