"""The costing report shows the figures of the book, worked out here by hand."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal as D

from coopdesk.i18n import _
from coopdesk.reports.costing_report import cost_chart, render_costing_report
from coopdesk.services import costing, production
from coopdesk.services.documents import letterhead
from tests.reports.conftest import font_problems, money, pdf_text
from tests.services.costing_helpers import CHOCO, HONEY, fill_costing_book

d = dt.date


def _book(book):
    fill_costing_book(book)
    production.record_batch(book, day=d(2022, 3, 3), product=CHOCO, units=D(100),
                            inputs=[("Cacao", D(20)), ("Envolturas", D(100))], workdays=D(2))
    production.record_batch(book, day=d(2022, 3, 4), product=HONEY, units=D(40),
                            inputs=[("Cacao", D(8)), ("Envolturas", D(40))])
    return costing.cost_picture(book, d(2022, 3, 1), d(2022, 4, 1))


def test_the_report_has_the_cost_per_unit_break_even_and_what_if(book):
    picture = _book(book)
    pdf = render_costing_report(letterhead(book), picture)
    text = pdf_text(pdf)
    assert font_problems(pdf) == []
    assert CHOCO in text and HONEY in text
    assert "01/03/2022 – 31/03/2022" in text
    # Chuncho: inputs 285.00 / 100 = 2.85; labor (20 + 25) / 100 = 0.45; fixed 71.43 / 100;
    # cost 2.85 + 0.45 + 0.7143 = 4.0143 → S/ 4.01 on paper; margin 8.50 − 4.0143 → S/ 4.49.
    assert money("2.85") in text and money("0.45") in text
    assert money("4.01") in text and money("4.49") in text
    # The days grow with the bars: 5.5 workdays for 140 bars = 0.0393 workdays per bar.
    per_bar = (D("5.5") / 140).quantize(D("0.0001"))
    # Break-even without support at S/ 10.00 and today's S/ 10 a day:
    # 1,200 fixed ÷ (10 − 2.85 − 0.0393 × 10).
    expected = math.ceil(D("1200") / (D("10.00") - D("2.85") - per_bar * 10))
    assert expected == 178 and f"{expected:,}" in text
    # Paying S/ 20 a day at S/ 10: 1,200 ÷ (10 − 2.85 − 0.0393 × 20) = 188.6… → 189 bars.
    assert math.ceil(D("1200") / (D("10.00") - D("2.85") - per_bar * 20)) == 189
    assert "189" in text
    # What-if: 4,000 bars at S/ 8.50 sell S/ 34,000.00 (the case's figure) and take
    # 0.0393 × 4,000 = 157.2 workdays, not the period's 66 a year.
    assert money("34000.00") in text
    plan_surplus = D("34000.00") - 4000 * D("2.85") - per_bar * 4000 * D("10.00") - D("1200.00")
    assert plan_surplus == D("19828.00") and money(str(plan_surplus)) in text
    assert "157.2" in text
    assert _("What if: price and yearly volume") in text


def test_the_chart_draws_one_bar_per_product(book):
    picture = _book(book)
    drawing = cost_chart(picture)
    chart = drawing.contents[1]  # after the white background
    assert chart.categoryAxis.categoryNames == ["chuncho", "con miel"]
    assert chart.data[0] == [285, 285]  # S/ 2.85 of inputs per bar, in exact céntimos


def test_an_empty_period_still_prints(book):
    picture = costing.cost_picture(book, d(2022, 3, 1), d(2022, 4, 1))
    text = pdf_text(render_costing_report(letterhead(book), picture))
    assert _("Nothing was made or sold in this period.") in text


def test_each_row_adds_up_on_paper_and_the_plan_scales_with_the_bars(demo_dir, tmp_path):
    """On the demo book, inputs + labor + fixed printed = cost printed, price − cost = margin."""
    import re

    from tests.conftest import run_cli

    out_file = tmp_path / "costing.pdf"
    out = run_cli("costing", "--from", "2022-01", "--to", "2022-12", "--out", out_file,
                  data_dir=demo_dir)
    assert out.returncode == 0, out.stderr
    text = pdf_text(out_file.read_bytes())
    amount = r"S/\s?([\d,]+\.\d\d)"
    table = text.split("Labor: ")[0]  # the table, not the chart's axis
    rows = re.findall(r"\s".join([amount] * 6), table)
    assert len(rows) >= 6  # five products and the total
    for row in rows:
        inputs, labor, fixed, cost, price, margin = (D(x.replace(",", "")) for x in row)
        assert inputs + labor + fixed == cost, row
        assert price - cost == margin, row
    # Today's rate (the demo's S/ 12.00 since its rate change), not the one of 2021.
    assert "(S/ 12.00 a day today)" in text.replace("\n", " ").replace("\xa0", " ")
    # 20,000 bars take 20,000 × the workdays per bar measured, not the year's 2,090.5.
    per_bar = re.search(r"([\d.]+) workdays per bar, as measured", text.replace("\n", " "))
    assert per_bar is not None
    assert f"{(D(per_bar.group(1)) * 20000).quantize(D('0.1')):,}".rstrip("0").rstrip(".") in text
