"""Cost per unit, break-even and the what-if, against figures worked out by hand."""

from __future__ import annotations

import dataclasses
import math
from decimal import Decimal

import pytest

from coopdesk.domain.costing import (
    StockMove,
    UnitCost,
    WhatIf,
    break_even_units,
    moving_average_uses,
    share_fixed_costs,
    weighted_average_cost,
)
from coopdesk.domain.errors import InvalidInput

D = Decimal


def test_the_case_sales_4000_bars_at_8_50():
    plan = WhatIf(units=D(4000), price=D("8.50"), inputs_per_unit=D(0), workdays_per_year=D(0),
                  daily_pay=D(10), fixed_yearly=D(0))
    assert plan.sales == D("34000.00")


def test_weighted_average_cost_of_two_purchases():
    # 30 kg at 12.00 (360.00) and 10 kg at 14.00 (140.00): 500.00 / 40 kg = 12.50.
    assert weighted_average_cost([(D(30), D("360.00")), (D(10), D("140.00"))]) == D("12.5000")


def test_uses_are_valued_at_the_running_average():
    moves = [StockMove(D(30), D("360.00")), StockMove(D(10)),  # 10 kg at 12.00 = 120.00
             StockMove(D(20), D("300.00")),  # stock 20 kg worth 240 + 300 = 540 → 13.50
             StockMove(D(40))]  # 40 × 13.50 = 540.00
    assert moving_average_uses(moves) == [D("120.00"), D("540.00")]


def test_a_use_beyond_the_stock_takes_the_last_price_not_zero():
    moves = [StockMove(D(5), D("20.00")), StockMove(D(8))]
    assert moving_average_uses(moves) == [D("32.00")]


def test_cost_per_unit_and_margin():
    # 300 bars: inputs 655.40, labor 150 workdays × 10 = 1,500.00, fixed 41 + 70 = 111.00.
    cost = UnitCost("Chuncho", D(300), D("655.40"), D("1500.00"), D("111.00"), D("8.50"))
    inputs = D("655.40") / 300
    labor = D("1500.00") / 300
    fixed = D("111.00") / 300
    assert cost.inputs_per_unit == inputs.quantize(D("0.0001"))
    assert cost.labor_per_unit == labor.quantize(D("0.0001")) == D("5.0000")
    assert cost.cost_per_unit == (inputs.quantize(D("0.0001")) + 5 + fixed.quantize(D("0.0001")))
    assert cost.margin_per_unit == D("8.50") - cost.cost_per_unit
    assert cost.margin_percent == (cost.margin_per_unit * 100 / D("8.50")).quantize(D("0.1"))


def test_fixed_costs_are_shared_by_units_and_sum_exactly():
    shares = share_fixed_costs(D("100.00"), {"a": D(1), "b": D(1), "c": D(1)})
    assert sum(shares.values()) == D("100.00")
    assert sorted(shares.values()) == [D("33.33"), D("33.33"), D("33.34")]


def test_break_even_from_given_costs():
    # Fixed costs: the institution's S/ 41 a month and S/ 70 of transport: 1,332.00 a year.
    # Variable: 2.18 of inputs and 0.5 workday at S/ 10 = 5.00 → 7.18. At S/ 8.50 each bar
    # contributes 1.32, so 1,332 / 1.32 = 1,009.09… → 1,010 bars.
    fixed = D(41 * 12 + 70 * 12)
    expected = math.ceil(fixed / (D("8.50") - D("7.18")))
    assert break_even_units(fixed, D("8.50"), D("7.18")) == expected
    assert break_even_units(fixed, D("8.50"), D("7.18")) == 1010


@pytest.mark.parametrize("price", [D("7.18"), D("6.00")])
def test_no_break_even_when_the_price_does_not_cover_the_variable_cost(price):
    with pytest.raises(InvalidInput) as refused:
        break_even_units(D("1332"), price, D("7.18"))
    assert refused.value.field == "price"
    assert "7.18" in refused.value.message


def test_what_if_surplus_and_the_daily_pay_it_affords():
    plan = WhatIf(units=D(12000), price=D("10.00"), inputs_per_unit=D("2.18"),
                  workdays_per_year=D(3000), daily_pay=D("10.00"), fixed_yearly=D("9000.00"))
    # Sales 120,000; inputs 26,160; labor 3,000 workdays × 10 = 30,000; fixed 9,000.
    assert plan.sales == D("120000.00")
    assert plan.surplus == D("120000.00") - D("26160.00") - D("30000.00") - D("9000.00")
    # Everything but labor: 120,000 − 26,160 − 9,000 = 84,840 over 3,000 workdays = 28.28.
    assert plan.affordable_daily_pay == D("28.28")
    # Bars to pay S/ 20 a day: (9,000 + 3,000 × 20) / (10 − 2.18) = 69,000 / 7.82 = 8,823.5…
    assert plan.units_for_daily_pay(D("20")) == 8824
    at = dataclasses.replace(plan, units=D(8824), daily_pay=D(20))
    assert at.surplus >= 0
    assert dataclasses.replace(at, units=D(8823)).surplus < 0


def test_no_volume_pays_when_the_price_does_not_cover_the_inputs():
    plan = WhatIf(D(4000), D("2.00"), D("2.18"), D(2000), D("10"), D("1332"))
    with pytest.raises(InvalidInput):
        plan.units_for_daily_pay(D("20"))
