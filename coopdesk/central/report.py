"""The programme's month as PDF: each site's work, pay, sales and result, and bars sold.

Figures come from :func:`coopdesk.central.summary.site_summaries` (the sites' own rules);
a site's break-even and goal are its own settings as delivered. ReportLab only.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm

from coopdesk.central.summary import site_summaries, units_sold
from coopdesk.domain.documents import Letterhead
from coopdesk.domain.money import ZERO, from_units
from coopdesk.domain.text import month_bounds
from coopdesk.formats import money, month_title, quantity
from coopdesk.i18n import _, ngettext
from coopdesk.reports.base import FONT, para, register_fonts, table
from coopdesk.reports.page import build_pdf

SOLD = colors.HexColor("#7B4A2D")
BREAK_EVEN = colors.HexColor("#C8873A")
GOAL = colors.HexColor("#4A7B5A")


def goals(conn) -> dict[str, tuple[int | None, int | None]]:
    """Return each site's (break-even, goal) in bars a month, from its delivered settings."""
    out: dict[str, list] = {}
    for site, key, value in conn.execute(
            "SELECT site_id, data->>'key', data->>'value' FROM record WHERE entity = 'setting'"
            " AND data->>'key' IN ('break_even_units', 'target_units')"):
        pair = out.setdefault(site, [None, None])
        if value and value.strip().isdigit():
            pair[0 if key == "break_even_units" else 1] = int(value)
    return {site: (p[0], p[1]) for site, p in out.items()}


def bars_chart(rows: list[tuple[str, Decimal, int | None, int | None]]) -> Drawing:
    """Return the chart: per site, bars sold beside its break-even and goal."""
    register_fonts()
    drawing = Drawing(250 * mm, 70 * mm)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 14 * mm, 14 * mm, 230 * mm, 48 * mm
    # Bar counts, drawn to the whole bar (no money passes here).
    chart.data = [[int(r[1].to_integral_value()) for r in rows], [r[2] or 0 for r in rows],
                  [r[3] or 0 for r in rows]]
    chart.categoryAxis.categoryNames = [r[0][:14] for r in rows]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    for i, colour in enumerate((SOLD, BREAK_EVEN, GOAL)):
        chart.bars[i].fillColor = colour
    drawing.add(chart)
    legend = ((_("Bars sold this year"), SOLD), (_("Break-even (a year)"), BREAK_EVEN),
              (_("Goal (a year)"), GOAL))
    for i, (label, colour) in enumerate(legend):
        drawing.add(String(14 * mm + i * 60 * mm, 66 * mm, "■ " + label, fontName=FONT,
                           fontSize=8, fillColor=colour))
    return drawing


def render_programme_report(conn, year: int, month: int) -> bytes:
    """Return the PDF of the programme's month."""
    sites = site_summaries(conn, year, month)
    targets = goals(conn)
    # Break-even and goal are bars a year: compared with the bars sold this year so far.
    year_units = units_sold(conn, dt.date(year, 1, 1), month_bounds(year, month)[1])
    title = _("Productive prisons programme: {month}").format(month=month_title(year, month))
    rows = [[_("Cooperative"), _("Site"), _("Workdays"), _("Labor earned"), _("Paid"),
             _("Sales"), _("Result")]]
    sums = [Decimal("0.000"), ZERO, ZERO, ZERO, ZERO]
    bars = []
    for (site_id, cooperative, site_name), f, _members in sites:
        rows.append([cooperative, site_name, quantity(f.workdays), money(f.earned),
                     money(f.paid), money(f.sales_total), money(f.result)])
        for i, v in enumerate((f.workdays, f.earned, f.paid, f.sales_total, f.result)):
            sums[i] += v
        be, goal = targets.get(site_id, (None, None))
        bars.append((cooperative or site_name,
                     from_units(year_units.get(site_id) or 0, 3), be, goal))
    rows.append([_("Total"), "", quantity(sums[0]), *(money(v) for v in sums[1:])])
    units = [[_("Cooperative"), _("Bars sold this year"), _("Break-even (a year)"),
              _("Goal (a year)")]] + [
        [name, quantity(sold), str(be) if be is not None else "—",
         str(goal) if goal is not None else "—"] for name, sold, be, goal in bars]
    w = [50 * mm, 62 * mm, 24 * mm, 30 * mm, 30 * mm, 30 * mm, 30 * mm]
    story = [para(title, "title"),
             para(ngettext("{n} site; its figures by its own book's rules.",
                           "{n} sites; each site's figures by its own book's rules.",
                           len(sites)).format(n=len(sites))),
             table(rows, w, right=(2, 3, 4, 5, 6), totals=1),
             para(_("Bars sold this year against each site's break-even and goal"),
                  "heading"),
             table(units, [70 * mm, 45 * mm, 45 * mm, 45 * mm], right=(1, 2, 3))]
    if bars:
        story.append(bars_chart(bars))
    head = Letterhead(cooperative_name=_("Productive prisons programme"))
    return build_pdf(story, head=head, title=title, label=title, wide=True)
