"""Cost per unit, break-even and what-if from a small book worked out by hand."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from decimal import ROUND_FLOOR, ROUND_HALF_UP
from decimal import Decimal as D

import pytest

from coopdesk.domain.errors import InvalidInput
from coopdesk.services import costing, production
from tests.services.costing_helpers import CHOCO, HONEY, fill_costing_book

d = dt.date
MARCH = (d(2022, 3, 1), d(2022, 4, 1))
Q = D("0.0001")


@pytest.fixture
def costing_book(book):
    fill_costing_book(book)
    production.record_batch(book, day=d(2022, 3, 3), product=CHOCO, units=D(100),
                            inputs=[("Cacao", D(20)), ("Envolturas", D(100))], workdays=D(2))
    production.record_batch(book, day=d(2022, 3, 4), product=HONEY, units=D(40),
                            inputs=[("Cacao", D(8)), ("Envolturas", D(40))])
    return book


def test_cost_per_unit_of_each_product(costing_book):
    picture = costing.cost_picture(costing_book, *MARCH)
    choco, honey = picture.products
    assert (choco.product, honey.product) == (CHOCO, HONEY)
    assert (choco.units, honey.units) == (D(100), D(40))
    # Inputs: 20 kg × 12.50 + 100 × 0.35 = 285.00; 8 kg × 12.50 + 40 × 0.35 = 114.00.
    assert (choco.inputs, honey.inputs) == (D("285.00"), D("114.00"))
    # Labor: 5.5 chocolate-line workdays × 10 = 55.00 (the textile day is not bar labor).
    # 2 workdays (20.00) were assigned to the chuncho batch; the other 35.00 go 100 : 40.
    assert (choco.labor, honey.labor) == (D("20.00") + D("25.00"), D("10.00"))
    # Fixed: 41 + 59 = 100.00 shared 100 : 40 → 71.43 and 28.57 (to the céntimo, exactly).
    assert (choco.fixed, honey.fixed) == (D("71.43"), D("28.57"))
    expected = (D("2.85") + D("0.45") + (D("71.43") / 100).quantize(Q))
    assert choco.cost_per_unit == expected
    assert choco.margin_per_unit == D("8.50") - expected
    fixed = (D("28.57") / 40).quantize(Q, ROUND_HALF_UP)
    assert honey.cost_per_unit == D("2.85") + D("0.25") + fixed
    assert picture.workdays == D("5.5")
    assert picture.fixed_yearly == D("1200.00")


def test_break_even_with_and_without_the_institutions_support(costing_book):
    picture = costing.cost_picture(costing_book, *MARCH)
    price = ((D("8.50") * 100 + D("10.00") * 40) / 140).quantize(Q)
    variable = (D("3.30") * 100 + D("3.10") * 40) / 140  # inputs + labor per unit
    assert picture.price == price
    assert abs(picture.variable_per_unit - variable) < D("0.0002")
    # March's 5.5 workdays are 66 a year; at S/ 10 that is 660.00 on top of 1,200.00 fixed.
    assert picture.workdays_per_year == D("66.0")
    assert picture.break_even() == math.ceil((D("1200") + D("660")) / (price - D("2.85")))
    costing.set_support(costing_book, amounts={
        "support_space": D("500"), "support_equipment": D("250"),
        "support_electricity": D("120"), "support_water": D("30")}, included=True)
    with_support = costing.cost_picture(costing_book, *MARCH)
    assert with_support.support_included
    # 900.00 a month more: 100 + 900 = 1,000 a month, 12,000 a year.
    assert with_support.fixed_yearly == D("12000.00")
    assert with_support.break_even() == math.ceil((D("12000") + D("660")) / (price - D("2.85")))
    assert with_support.break_even() > picture.break_even()
    without = dataclasses.replace(with_support, support_included=False)
    assert without.break_even() == picture.break_even()
    assert costing.get_support(costing_book).monthly == D("900.00")


def test_no_break_even_below_the_cost_of_the_inputs(costing_book):
    picture = costing.cost_picture(costing_book, *MARCH)
    units, why = picture.break_even_text(D("2.85"))
    assert units is None and "2.85" in why
    with pytest.raises(InvalidInput):
        picture.break_even(D("2.00"))


def test_what_if_answers_how_many_bars_pay_twenty_a_day(costing_book):
    picture = costing.cost_picture(costing_book, *MARCH)
    plan = picture.what_if(price=D("10.00"), units=D(12000))
    assert plan.workdays_per_year == D("66.0")
    assert plan.sales == D("120000.00")
    assert plan.daily_pay == D("10.00")
    assert plan.surplus == D("120000.00") - 12000 * D("2.85") - 66 * D("10") - D("1200.00")
    assert plan.affordable_daily_pay == (
        (D("120000") - 12000 * D("2.85") - D("1200")) / 66).quantize(D("0.01"), ROUND_FLOOR)
    needed = plan.units_for_daily_pay(D("20"))
    assert needed == math.ceil((D("1200") + 66 * D("20")) / (D("10.00") - D("2.85")))
    assert picture.what_if(price=D("10"), units=needed, daily_pay=D(20)).surplus >= 0
    assert picture.what_if(price=D("10"), units=needed - 1, daily_pay=D(20)).surplus < 0


def test_support_costs_refuse_bad_amounts(book):
    with pytest.raises(InvalidInput):
        costing.set_support(book, amounts={"support_space": D("-1")})
    with pytest.raises(InvalidInput):
        costing.set_support(book, amounts={"support_rent": D("1")})


def test_without_batches_the_picture_is_estimated_from_sales_and_purchases(book):
    fill_costing_book(book)
    picture = costing.cost_picture(book, *MARCH)
    assert picture.estimated
    assert picture.units == D(70)
    assert sum(p.inputs for p in picture.products) == D("570.00")
