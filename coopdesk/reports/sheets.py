"""Sheets for paper: the monthly workday sheet and a workshop session's attendance sheet."""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import Decimal

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from coopdesk.domain.documents import AttendanceSheet, WorkdaySheet
from coopdesk.domain.workshops import Attendance
from coopdesk.formats import (
    date_str,
    days_str,
    month_title,
)
from coopdesk.i18n import _
from coopdesk.reports.base import (
    FONT_BOLD,
    LIGHT,
    SIGNING_ROW,
    line,
    para,
    signature_row,
    table,
)
from coopdesk.reports.page import build_pdf

DAY_COL = 5.1 * mm
#: Empty numbered rows at the end of a signed sheet, for women not yet in the book.
BLANK_ROWS = 3
WEEKEND = colors.HexColor("#F1F1F1")


def _mark(fraction: Decimal | None) -> str:
    if not fraction:
        return ""
    return "1" if fraction >= 1 else "½" if fraction == Decimal("0.5") else days_str(fraction)


def render_workday_sheet(sheet: WorkdaySheet) -> bytes:
    """Return the month's workday sheet (landscape): a row per member, a column per day."""
    month = month_title(sheet.year, sheet.month)
    title = _("Workday sheet: {month}").format(month=month)
    days = range(1, sheet.days_in_month + 1)
    header = ["#", _("Member")] + [str(d) for d in days] + [_("Days"), _("Signature")]
    fixed = 8 * mm + 12 * mm + 30 * mm
    name_width = 267 * mm - fixed - DAY_COL * len(days)
    widths = [8 * mm, name_width] + [DAY_COL] * len(days) + [12 * mm, 30 * mm]
    rows = [header]
    for i, row in enumerate(sheet.rows, start=1):
        total = days_str(row.total) if sheet.filled and row.marks else ""
        rows.append([str(i), para(f"{row.name} ({row.code})", "cell_small")]
                    + [_mark(row.marks.get(d)) for d in days] + [total, ""])
    for i in range(len(sheet.rows) + 1, len(sheet.rows) + 1 + BLANK_ROWS):
        rows.append([str(i), ""] + [""] * len(days) + ["", ""])
    last_day_col = 1 + len(days)
    extra = [
        ("FONT", (0, 0), (-1, 0), FONT_BOLD, 6.5),
        ("ALIGN", (2, 0), (last_day_col + 1, -1), "CENTER"),
        ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#888888")),
        ("LEFTPADDING", (2, 0), (last_day_col, -1), 0),
        ("RIGHTPADDING", (2, 0), (last_day_col, -1), 0),
        ("ROWBACKGROUNDS", (0, 1), (1, -1), [colors.white, colors.HexColor("#FAFAFA")]),
    ]
    for d in days:
        if dt.date(sheet.year, sheet.month, d).weekday() == calendar.SUNDAY:
            extra.append(("BACKGROUND", (1 + d, 1), (1 + d, -1), WEEKEND))
            extra.append(("BACKGROUND", (1 + d, 0), (1 + d, 0), LIGHT))
    # Rows tall enough to sign with a thumbprint; a long name makes its row taller.
    grid = table(rows, widths, font_size=7, extra=extra, min_height=SIGNING_ROW,
                 unpadded=tuple(range(2, last_day_col + 1)))
    story = [
        line(title, "title"),
        para(_("Write 1 for a full day and ½ for half a day. Sundays are shaded."), "small"),
        Spacer(1, 2 * mm),
        grid,
        Spacer(1, 2 * mm),
        signature_row([_("Coordinator"), _("Treasurer")], space=10 * mm),
    ]
    return build_pdf(story, head=sheet.letterhead, title=title, label=title, wide=True)


def render_attendance_sheet(sheet: AttendanceSheet) -> bytes:
    """Return a workshop session's attendance sheet with a signature column."""
    title = _("Attendance sheet: workshop {n}").format(n=sheet.number)
    story = [
        line(title, "title"),
        para(sheet.title, "heading"),
        para(_("Date: {date}").format(date=date_str(sheet.day) or "____/____/________")),
        para(_("Facilitator: {name}").format(name=sheet.facilitator or "_" * 40)),
        Spacer(1, 3 * mm),
    ]
    labels = {a.value: a.label for a in Attendance}
    rows = [["#", _("Code"), _("Member"), _("Attendance"), _("Signature or thumbprint")]]
    for i, (code, name, status) in enumerate(sheet.members, start=1):
        rows.append([str(i), code, para(name, "cell"), labels.get(status, ""), ""])
    for i in range(len(sheet.members) + 1, len(sheet.members) + 1 + BLANK_ROWS):
        rows.append([str(i), "", "", "", ""])
    grid = table(rows, [8 * mm, 22 * mm, 70 * mm, 24 * mm, 56 * mm], font_size=8.5,
                 extra=[("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#888888"))],
                 min_height=SIGNING_ROW)
    signatures = signature_row([_("Facilitator"), _("Coordinator")], space=14 * mm)
    story += [grid, Spacer(1, 6 * mm), signatures]
    return build_pdf(story, head=sheet.letterhead, title=title, label=title)
