"""The costing report: cost per unit, the chart of what a unit costs, break-even and what-if."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer

from coopdesk.domain.costing import CostPicture
from coopdesk.domain.documents import Letterhead
from coopdesk.domain.errors import CoopError
from coopdesk.domain.money import round_money, to_cents
from coopdesk.formats import (
    date_str,
    days_str,
    money,
    number,
)
from coopdesk.i18n import _
from coopdesk.reports.base import (
    FONT,
    FONT_BOLD,
    markup,
    para,
    register_fonts,
    table,
)
from coopdesk.reports.page import build_pdf

INPUTS_COLOUR = colors.HexColor("#C8873A")
LABOR_COLOUR = colors.HexColor("#7B4A2D")
FIXED_COLOUR = colors.HexColor("#B8B0A8")
PRICE_COLOUR = colors.HexColor("#1B7F3B")
#: The case's what-if: today's price and S/ 10; this year's volume, break-even and target.
PRICES = (Decimal("8.50"), Decimal("10.00"))
VOLUMES = (4000, 12000, 20000)


def unit_money(value: Decimal) -> str:
    """Return a per-unit amount to the céntimo: ``S/ 2.85``."""
    return money(value)


def period_label(picture: CostPicture) -> str:
    """Return the period as ``01/01/2022 – 31/12/2022``."""
    import datetime as dt

    return f"{date_str(picture.start)} – {date_str(picture.end - dt.timedelta(days=1))}"


def cost_chart(picture: CostPicture, *, width: float = 180 * mm, height: float = 70 * mm
               ) -> Drawing:
    """Return the stacked bars of what one unit of each product costs, with its price marked."""
    register_fonts()
    drawing = Drawing(width, height)
    drawing.initialFontName = FONT
    drawing.initialFontSize = 7
    # Opaque, so the screen's SVG widget does not show it on black.
    drawing.add(Rect(0, 0, width, height, fillColor=colors.white, strokeColor=None))
    products = picture.products
    chart = VerticalBarChart()
    chart.x, chart.y = 16 * mm, 9 * mm
    chart.width, chart.height = width - 20 * mm, height - 24 * mm
    # Exact integer céntimos per unit: money never passes through float, even on a chart.
    series = [
        [cents(p.inputs_per_unit) for p in products] or [0],
        [cents(p.labor_per_unit) for p in products] or [0],
        [cents(p.fixed_per_unit) for p in products] or [0],
    ]
    chart.data = series
    chart.categoryAxis.style = "stacked"
    for i, colour in enumerate((INPUTS_COLOUR, LABOR_COLOUR, FIXED_COLOUR)):
        chart.bars[i].fillColor = colour
        chart.bars[i].strokeColor = None
    top = max([cents(p.cost_per_unit) for p in products] + [cents(p.price) for p in products]
              + [100])
    ticks = max(2, int(chart.height / (5 * mm)))  # labels need about 5 mm each
    step = next((s for s in (50, 100, 200, 250, 500, 1000, 2000, 5000) if top / s <= ticks),
                10000)
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = step * (int(top // step) + 1)
    chart.valueAxis.valueStep = step
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = lambda v: f"S/ {Decimal(int(v)).scaleb(-2):,.2f}"
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#DDDDDD")
    chart.categoryAxis.categoryNames = [_short(p.product) for p in products] or [""]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 6.5
    chart.categoryAxis.labels.dy = -2
    chart.barWidth = 10
    chart.groupSpacing = 10
    drawing.add(chart)
    # The price of each product: a green mark across its bar.
    n = max(len(products), 1)
    for i, p in enumerate(products):
        y = chart.y + chart.height * cents(p.price) / chart.valueAxis.valueMax
        centre = chart.x + (i + 0.5) * chart.width / n
        half = min(chart.width / n * 0.42, 12 * mm)
        drawing.add(Line(centre - half, y, centre + half, y, strokeColor=PRICE_COLOUR,
                         strokeWidth=2))
    legend = Legend()
    legend.x, legend.y = 75 * mm, height - 3.5 * mm
    legend.fontName = FONT
    legend.fontSize = 7
    legend.columnMaximum = 1  # one row: the four keys side by side
    legend.deltax = 26 * mm
    legend.dxTextSpace = 2 * mm
    legend.boxAnchor = "nw"
    legend.alignment = "right"
    legend.colorNamePairs = [
        (INPUTS_COLOUR, _("Inputs")), (LABOR_COLOUR, _("Labor")),
        (FIXED_COLOUR, _("Fixed costs")), (PRICE_COLOUR, _("Price")),
    ]
    drawing.add(legend)
    drawing.add(String(0, height - 5 * mm, _("What one unit costs, and its price"),
                       fontName=FONT_BOLD, fontSize=9))
    return drawing


def cents(amount) -> int:
    """Return an amount as integer céntimos (rounded half away from zero) for plotting."""
    return to_cents(round_money(amount))


def _short(name: str) -> str:
    """Return a product's name for the chart's axis (without a leading "Chocolate")."""
    words = name.split()
    if len(words) > 1 and words[0].casefold() == "chocolate":
        name = " ".join(words[1:])
    return name[:20]


def printed_parts(inputs: Decimal, labor: Decimal, fixed: Decimal, price: Decimal
                  ) -> tuple[Decimal, ...]:
    """Return (inputs, labor, fixed, cost, margin) per unit as printed, to the céntimo.

    Each part is rounded, and the cost printed is the sum of the printed parts (and the
    margin the printed price less it), so a row always adds up on paper: 2.02 + 5.24 +
    0.33 is 7.59 even when the four-place cost would round to 7.58.
    """
    parts = [round_money(x) for x in (inputs, labor, fixed)]
    cost = sum(parts, Decimal("0.00"))
    return (*parts, cost, round_money(price) - cost)


def _margin_percent(margin: Decimal, price: Decimal) -> str:
    if not price:
        return ""
    return number((margin * 100 / round_money(price)).quantize(Decimal("0.1")), 1)


def _cost_table(picture: CostPicture):
    rows = [[_("Product"), _("Made"), _("Inputs"), _("Labor"), _("Fixed"), _("Cost"),
             _("Price"), _("Margin"), "%"]]
    for p in picture.products:
        parts = printed_parts(p.inputs_per_unit, p.labor_per_unit, p.fixed_per_unit, p.price)
        rows.append([para(p.product, "cell_small"), number(p.units),
                     *[unit_money(x) for x in parts[:4]], unit_money(p.price),
                     unit_money(parts[4]), _margin_percent(parts[4], p.price)])
    fixed_pu = (picture.fixed / picture.units) if picture.units else Decimal(0)
    parts = printed_parts(picture.inputs_per_unit, picture.labor_per_unit, fixed_pu,
                          picture.price)
    rows.append([_("All products"), number(picture.units), *[unit_money(x) for x in parts[:4]],
                 unit_money(picture.price), unit_money(parts[4]), ""])
    # "Mano de obra" needs its room in Spanish; the product names wrap instead.
    widths = [39 * mm, 21 * mm, 18 * mm, 22 * mm, 16 * mm, 17 * mm, 16 * mm, 18 * mm, 12 * mm]
    return table(rows, widths, right=tuple(range(1, 9)), totals=1, font_size=8)


def _break_even_rows(picture: CostPicture) -> list[list]:
    rows = [[_("Fixed costs counted"), _("A year"),
             *[_("At S/ {price}").format(price=f"{p:.2f}") for p in PRICES]]]
    for included, label in ((False, _("Without the institution's support")),
                            (True, _("With the costs the institution covers"))):
        view = dataclasses.replace(picture, support_included=included)
        cells = []
        for price in PRICES:
            try:
                cells.append(number(view.bars_for_daily_pay(price, view.todays_rate)))
            except CoopError:
                cells.append(_("never"))
        rows.append([para(label, "cell"), money(view.fixed_yearly), *cells])
    return rows


def _what_if_rows(picture: CostPicture, pay_target: Decimal) -> list[list]:
    rows = [[_("Price"), _("Bars a year"), _("Workdays"), _("Sales"), _("Surplus"),
             _("Daily pay it affords")]]
    for price in PRICES:
        for units in VOLUMES:
            plan = picture.volume_plan(price=price, units=units)
            pay = plan.affordable_daily_pay
            rows.append([money(price), number(units), days_str(plan.workdays_per_year),
                         money(plan.sales), money(plan.surplus),
                         money(pay) if pay is not None and pay > 0 else "—"])
    return rows


def pay_sentence(picture: CostPicture, price: Decimal, pay: Decimal) -> str:
    """Return how many bars a year pay *pay* a workday at *price*, or why none do."""
    try:
        units = picture.bars_for_daily_pay(price, pay)
    except CoopError:
        return _("At S/ {price} a bar does not cover its inputs and its workdays at S/ {pay} "
                 "a day: no number of bars pays that.").format(price=f"{price:.2f}",
                                                              pay=f"{pay:.2f}")
    return _("At S/ {price}, paying S/ {pay} a day takes {units} bars a year ({days} "
             "workdays).").format(price=f"{price:.2f}", pay=f"{pay:.2f}", units=number(units),
                                  days=days_str(picture.workdays_for(units)))


def render_costing_report(head: Letterhead, picture: CostPicture,
                          pay_target: Decimal = Decimal("20.00")) -> bytes:
    """Return the PDF of the costing report for the period of *picture*."""
    title = _("Costs, break-even and targets")
    story = [para(title, "title"), para(_("Period: {period}").format(
        period=period_label(picture)))]
    if picture.estimated:
        story.append(para(_("No production batches were recorded in this period: units are "
                            "the units sold and inputs are the purchases."), "small"))
    story.append(para(_("Cost per unit"), "heading"))
    if picture.products:
        story.append(_cost_table(picture))
    else:
        story.append(para(_("Nothing was made or sold in this period.")))
    expenses = ", ".join(f"{c} {money(a)}" for c, a in picture.expense_lines) or "—"
    story.append(Spacer(1, 2 * mm))
    story.append(para(_(
        "Labor: {days} workdays of the chocolate line ({per} per bar), paid at the rate in "
        "force (S/ {rate} a day today). Fixed costs of the period: {expenses}."
    ).format(days=days_str(picture.workdays), per=f"{picture.workdays_per_unit:.2f}",
             rate=f"{picture.todays_rate:.2f}", expenses=expenses), "small"))
    story.append(Spacer(1, 4 * mm))
    story.append(KeepTogether([cost_chart(picture)]))
    story.append(KeepTogether([
        para(_("Break-even: bars to sell in a year"), "heading"),
        table(_break_even_rows(picture), [78 * mm, 34 * mm, 34 * mm, 34 * mm],
              right=(1, 2, 3)),
        Spacer(1, 1.5 * mm),
        para(_("Break-even = fixed costs ÷ (price − inputs per bar − {per} workdays per bar × "
               "S/ {rate}, today's daily pay): each bar brings its inputs and its members' pay. "
               "The costs the institution covers today (per month): {items}."
               ).format(per=f"{picture.workdays_per_unit:.4f}".rstrip("0").rstrip("."),
                        rate=f"{picture.todays_rate:.2f}", items=_support_items(picture)),
             "small"),
    ]))
    sentences = [markup(f"• {pay_sentence(picture, price, pay_target)}") for price in PRICES]
    story.append(KeepTogether([
        para(_("What if: price and yearly volume"), "heading"),
        table(_what_if_rows(picture, pay_target),
              [22 * mm, 24 * mm, 24 * mm, 34 * mm, 34 * mm, 42 * mm], right=(0, 1, 2, 3, 4, 5)),
        Spacer(1, 1.5 * mm),
        para(_("The workdays grow with the bars: {per} workdays per bar, as measured in the "
               "period ({days} workdays for {units} bars). Surplus at today's daily pay of "
               "S/ {rate}, fixed costs as counted above ({fixed} a year).").format(
            per=f"{picture.workdays_per_unit:.4f}".rstrip("0").rstrip("."),
            days=days_str(picture.workdays), units=number(picture.units),
            rate=f"{picture.todays_rate:.2f}", fixed=money(picture.fixed_yearly)), "small"),
        Spacer(1, 2 * mm),
        *sentences,
    ]))
    return build_pdf(story, head=head, title=title,
                     label=f"{title}: {period_label(picture)}")


def _support_items(picture: CostPicture) -> str:
    if not picture.support:
        return _("none entered")
    monthly = picture.support / picture.months if picture.months else picture.support
    return money(monthly)
