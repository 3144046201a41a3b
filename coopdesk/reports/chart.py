"""The bar chart of the last 12 months' sales: one Drawing for the PDF and the desk's screen."""

from __future__ import annotations

from decimal import Decimal

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm

from coopdesk.domain.money import round_money, to_cents
from coopdesk.formats import (
    month_short,
)
from coopdesk.i18n import _
from coopdesk.reports.base import (
    FONT,
    FONT_BOLD,
    register_fonts,
)

BAR = colors.HexColor("#7B4A2D")  # the colour of the cooperative's chocolate
HIGHLIGHT = colors.HexColor("#C8873A")


def _axis_step(top: int) -> int:
    """Return a round step for the value axis (1, 2 or 5 times a power of ten)."""
    if top <= 0:
        return 100
    raw = top // 5 or 1
    power = 10 ** (len(str(raw)) - 1)
    for factor in (1, 2, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def soles(cents) -> str:
    """Format integer céntimos plotted on a chart as whole soles with grouping ('2,125')."""
    return f"{Decimal(int(cents)).scaleb(-2):,.0f}"


def sales_chart(
    months: list[tuple[int, int, Decimal]] | tuple,
    *,
    width: float = 180 * mm,
    height: float = 62 * mm,
    title: str | None = None,
    labels: list[str] | None = None,
) -> Drawing:
    """Return the bar chart of monthly sales (oldest first; the last bar is the month reported).

    Args:
        months: (year, month, total) for each month, oldest first.
        width: the drawing's width in points.
        height: the drawing's height in points.
        title: the text above the bars (default: "Sales of the last 12 months").
        labels: the month labels under the bars (default: paper's Spanish ``oct. 22``);
            the screen passes its own language's.
    """
    register_fonts()
    drawing = Drawing(width, height)
    # Otherwise the renderer starts in Helvetica, which the PDF would name without embedding.
    drawing.initialFontName = FONT
    drawing.initialFontSize = 7
    # An opaque background, so the SVG reads the same on a dark desktop theme.
    drawing.add(Rect(0, 0, width, height, fillColor=colors.white, strokeColor=None))
    # Bars are exact integer céntimos: money never passes through float, even on a chart.
    values = [to_cents(round_money(total)) for _y, _m, total in months] or [0]
    top = max(values) if max(values) > 0 else 10000
    step = _axis_step(top)
    chart = VerticalBarChart()
    chart.x, chart.y = 14 * mm, 9 * mm
    chart.width, chart.height = width - 18 * mm, height - 18 * mm
    chart.data = [values]
    chart.bars[0].fillColor = BAR
    chart.bars[0].strokeColor = None
    if len(values) > 1:
        chart.bars[(0, len(values) - 1)].fillColor = HIGHLIGHT
    chart.barSpacing = 2
    chart.groupSpacing = 6
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = step * (int(top // step) + 1)
    chart.valueAxis.valueStep = step
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = lambda v: f"S/ {soles(v)}"
    chart.valueAxis.gridStrokeColor = colors.HexColor("#DDDDDD")
    chart.valueAxis.visibleGrid = True
    chart.categoryAxis.categoryNames = (
        list(labels) if labels is not None else [month_short(y, m) for y, m, _t in months]
    )
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.dy = -2
    chart.barLabelFormat = lambda v: soles(v) if v else ""
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = 6
    chart.barLabels.nudge = 5
    drawing.add(chart)
    drawing.add(String(0, height - 5 * mm, title or _("Sales of the last 12 months"),
                       fontName=FONT_BOLD, fontSize=9))
    return drawing


def sales_chart_svg(months) -> bytes:
    """Return the chart of *months* as SVG bytes (for QSvgWidget).

    *months* are (year, month, sales total), as `services.queries.last_months_sales`
    gives them: the chart draws values, it does not read the book.
    """
    from reportlab.graphics import renderSVG

    text = renderSVG.drawToString(sales_chart(months))
    return text.encode("utf-8") if isinstance(text, str) else text
