"""Negocio: type a price and a volume, see the surplus, the daily pay and the bars it takes."""

from __future__ import annotations

import datetime as dt
import math
from decimal import ROUND_FLOOR
from decimal import Decimal as D

import pytest
from PySide6.QtCore import Qt

from coopdesk.formats import money, number
from coopdesk.services import costing, production
from tests.services.costing_helpers import CHOCO, HONEY, fill_costing_book

d = dt.date


@pytest.fixture
def view(qtbot, book):
    from coopdesk.gui.context import AppContext
    from coopdesk.gui.operations import OperationRunner
    from coopdesk.gui.views.business_view import BusinessView

    fill_costing_book(book)
    production.record_batch(book, day=d(2022, 3, 3), product=CHOCO, units=D(100),
                            inputs=[("Cacao", D(20)), ("Envolturas", D(100))], workdays=D(2))
    production.record_batch(book, day=d(2022, 3, 4), product=HONEY, units=D(40),
                            inputs=[("Cacao", D(8)), ("Envolturas", D(40))])
    widget = BusinessView(AppContext(book, OperationRunner()))
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _type(qtbot, edit, text):
    edit.clear()
    qtbot.keyClicks(edit, text)


def test_the_period_and_the_cost_per_unit(view):
    # The book's only month with records is March 2022: the period is that month.
    assert view.period() == (d(2022, 3, 1), d(2022, 4, 1))
    assert view.table.rowCount() == 2
    assert view.table.item(0, 0).text() == CHOCO
    # Inputs of the chuncho batch: 285.00 for 100 bars.
    assert view.table.item(0, 2).text() == money(D("2.85"))
    assert view.per_year.value() == D("66.0")  # 5.5 workdays in March, 66 a year


def test_typing_a_price_and_a_volume_shows_the_figures(qtbot, view):
    _type(qtbot, view.price, "10")
    qtbot.mouseClick(view.preset_buttons[1], Qt.MouseButton.LeftButton)
    assert view.volume.value() == 12000
    # Sales 12,000 × 10 = 120,000; inputs 12,000 × 2.85 = 34,200; labor 66 × 10 = 660;
    # fixed 100 a month = 1,200 a year.
    assert view.sales_value.text() == money(D("120000.00"))
    assert view.surplus_value.text() == money(D("120000") - D("34200") - D("660") - D("1200"))
    affords = ((D("120000") - D("34200") - D("1200")) / 66).quantize(D("0.01"), ROUND_FLOOR)
    assert view.affords_value.text() == money(affords)
    # How many bars pay S/ 20 a day? (1,200 + 66 × 20) ÷ (10 − 2.85) = 352.4… → 353.
    bars = math.ceil((D("1200") + 66 * D("20")) / (D("10") - D("2.85")))
    assert number(D(bars)) in view.answer.text()
    # Break-even at today's S/ 10 a day: (1,200 + 660) ÷ 7.15 = 260.1… → 261 bars.
    assert view.without_value.text().startswith(number(D(261)))


def test_a_lower_pay_target_and_fewer_workdays(qtbot, view):
    _type(qtbot, view.price, "8.50")
    _type(qtbot, view.pay_target, "15")
    _type(qtbot, view.per_year, "40")
    bars = math.ceil((D("1200") + 40 * D("15")) / (D("8.50") - D("2.85")))
    assert number(D(bars)) in view.answer.text()


@pytest.mark.parametrize("text", ["abc", "-3", "8.12345"])
def test_a_bad_price_says_what_is_wrong(qtbot, view, text):
    _type(qtbot, view.price, text)
    assert view.plan() is None
    assert view.answer.text() == view.price.error() != ""
    assert view.sales_value.text() == "—"


def test_a_price_below_the_inputs_never_breaks_even(qtbot, view):
    _type(qtbot, view.price, "2.50")
    assert "2.85" in view.answer.text()
    assert view.without_value.text() == view.with_value.text()


def test_the_institutions_costs_are_saved_and_switch_the_picture(qtbot, view):
    _type(qtbot, view.price, "10")
    before = view.with_value.text()
    _type(qtbot, view.support_edits["support_space"], "500")
    _type(qtbot, view.support_edits["support_water"], "30")
    qtbot.mouseClick(view.save_support, Qt.MouseButton.LeftButton)
    support = costing.get_support(view.ctx.book)
    assert support.amounts["support_space"] == D("500.00")
    assert support.monthly == D("530.00")
    # With 530 a month more: (1,200 + 6,360 + 660) ÷ 7.15 = 1,149.6… → 1,150 bars.
    assert view.with_value.text().startswith(number(D(1150)))
    assert view.with_value.text() != before
    view.support_switch.setChecked(True)
    assert costing.get_support(view.ctx.book).included
    assert view.picture.support_included


def test_a_bad_support_amount_is_refused_next_to_the_field(qtbot, view):
    _type(qtbot, view.support_edits["support_space"], "-5")
    qtbot.mouseClick(view.save_support, Qt.MouseButton.LeftButton)
    assert view.support_error.text()
    assert costing.get_support(view.ctx.book).monthly == D("0.00")


def test_the_break_even_shown_can_be_used_on_inicio(qtbot, view):
    from coopdesk.services.settings import get_settings

    _type(qtbot, view.price, "10")
    qtbot.mouseClick(view.use_on_home, Qt.MouseButton.LeftButton)
    # (1,200 fixed + 66 workdays × 10) ÷ (10 − 2.85) = 260.1… → 261 bars.
    assert get_settings(view.ctx.book).break_even_units == 261
    _type(qtbot, view.price, "2.50")
    assert not view.use_on_home.isEnabled()


def test_the_labor_sentence_says_each_rate_the_days_were_paid_at(qtbot, demo_book_file,
                                                                  demo_book):
    """Demo 2022: the rate rose on 01/11; the year's days were paid at both, not the new one."""
    import sqlite3

    from coopdesk.gui.context import AppContext
    from coopdesk.gui.operations import OperationRunner
    from coopdesk.gui.views.business_view import BusinessView

    # Read with sqlite3 from the demo's pristine file (the copy open in the desk is locked).
    conn = sqlite3.connect(f"file:{demo_book_file}?mode=ro", uri=True)
    try:
        rates = conn.execute("SELECT valid_from, rate FROM labor_rate").fetchall()
        days = conn.execute(
            "SELECT day, fraction FROM workday WHERE voided_at IS NULL AND line = 'chocolate'"
            " AND day >= '2022-01-01' AND day < '2023-01-01'").fetchall()
    finally:
        conn.close()
    paid: dict[int, D] = {}
    for day, fraction in days:
        rate = max((r for r in rates if r[0] <= day), key=lambda r: r[0])[1]
        paid[rate] = paid.get(rate, D(0)) + D(fraction) / 1000
    assert sorted(paid) == [1000, 1200]  # céntimos: S/ 10.00 until October, S/ 12.00 after

    widget = BusinessView(AppContext(demo_book, OperationRunner()))
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    # The demo's book goes on into 2023 (its last twelve months are shown first): choose 2022.
    widget.to_month.setCurrentIndex(widget.to_month.findData("2022-12"))
    widget.from_month.setCurrentIndex(widget.from_month.findData("2022-01"))
    assert widget.period() == (d(2022, 1, 1), d(2023, 1, 1))
    total = sum(paid.values())
    assert widget.basis.text().startswith(
        f"Mano de obra: {total:,.1f} jornales de la línea chocolate (")
    assert (f"), pagados {paid[1000].normalize():,f} a S/ 10.00 el jornal y "
            f"{paid[1200].normalize():,f} a S/ 12.00 el jornal. Costos fijos: ") \
        in widget.basis.text()
