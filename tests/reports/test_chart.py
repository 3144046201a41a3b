"""The 12-month sales chart (PDF and SVG); the speed of statements is measured by `make bench`."""

from __future__ import annotations

from decimal import Decimal as D

from coopdesk.reports.chart import sales_chart, sales_chart_svg
from coopdesk.services.queries import last_months_sales


def test_chart_svg_for_the_desk(small_book):
    svg = sales_chart_svg(last_months_sales(small_book, year=2022, month=10))
    assert svg.lstrip().startswith(b"<?xml") or b"<svg" in svg[:400]
    text = svg.decode("utf-8")
    assert "oct. 22" in text and "nov. 21" in text
    # The October bar is labelled with the month's sales (34.50 + 17.00, no decimals).
    assert f"{D('51.50'):,.0f}" in text


def test_chart_drawing_has_twelve_bars():
    months = [(2022, m, D(m * 100)) for m in range(1, 13)]
    drawing = sales_chart(months)
    chart = next(c for c in drawing.contents if hasattr(c, "data"))
    assert chart.data == [[m * 100 * 100 for m in range(1, 13)]]  # exact céntimos
    assert chart.valueAxis.valueMax >= 120000
