# ruff: noqa: F811 (the planilla's fixtures are imported from test_workday_sheet)
"""The planilla's keyboard habits: no day after today, 1/5/0 move on, Ctrl+R repeats last week.

"Today" is fixed to Wednesday 16 March 2022 through the model's date seam, so the
sheet of March 2022 has days before and after it. Expected figures are worked out
here from the calendar, not from the code under test.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from coopdesk.gui.models.workday_sheet_model import FUTURE_BRUSH
from coopdesk.i18n import _, ngettext
from coopdesk.services import months, sheets, work
from coopdesk.services.sheet_fill import repeat_last_week, week_of
from tests.gui.test_workday_sheet import cell, live_workdays, sheet_book, view  # noqa: F401

TODAY = dt.date(2022, 3, 16)  # a Wednesday
CTRL = Qt.KeyboardModifier.ControlModifier
FULL, HALF = Decimal("1"), Decimal("0.5")


@pytest.fixture
def sheet(view):
    view.model.today_provider = lambda: TODAY
    view.refresh()
    view.table.setFocus()
    return view


def test_a_day_after_today_is_greyed_and_refused_with_a_sentence(qtbot, sheet, sheet_book):
    future = cell(sheet, 0, 17)
    assert not sheet.model.is_editable(future)
    assert sheet.model.data(future, Qt.ItemDataRole.BackgroundRole) == FUTURE_BRUSH
    assert sheet.model.is_editable(cell(sheet, 0, 16))  # today itself is open
    before = live_workdays(sheet_book)
    sheet.table.setCurrentIndex(cell(sheet, 0, 16))
    qtbot.keyClick(sheet.table, Qt.Key.Key_1)  # today: recorded, and on to tomorrow
    assert sheet.table.currentIndex() == future
    before[("A01", TODAY)] = {sheet.sheet_line(): FULL}
    for key in (Qt.Key.Key_1, Qt.Key.Key_Space, Qt.Key.Key_5):
        qtbot.keyClick(sheet.table, key)
        assert sheet.message_label.text() == _(
            "A workday cannot be dated after today ({today}); {day} has not come yet."
        ).format(today="16/03/2022", day="17/03/2022")
    assert sheet.table.currentIndex() == future  # it did not move on
    assert live_workdays(sheet_book) == before
    assert sheet.model.data(future, Qt.ItemDataRole.ToolTipRole) == sheet.message_label.text()


def test_typing_fills_a_week_day_after_day(qtbot, sheet, sheet_book):
    sheet.table.setCurrentIndex(cell(sheet, 0, 7))  # Monday 7 March
    for key in (Qt.Key.Key_1, Qt.Key.Key_1, Qt.Key.Key_5, Qt.Key.Key_1, Qt.Key.Key_0,
                Qt.Key.Key_1):
        qtbot.keyClick(sheet.table, key)
    assert sheet.table.currentIndex() == cell(sheet, 0, 13)
    days = {day.day: sum(lines.values())
            for (code, day), lines in live_workdays(sheet_book).items() if code == "A01"}
    assert days == {7: FULL, 8: FULL, 9: HALF, 10: FULL, 12: FULL}


def test_ctrl_r_repeats_last_week_up_to_today_in_one_operation(qtbot, sheet, sheet_book):
    # Ana's week of 7 March: Mon, Tue full, Wed half, Thu full, Fri full on textiles.
    pattern = {7: FULL, 8: FULL, 9: HALF, 10: FULL}
    for day, fraction in pattern.items():
        work.set_sheet_cell(sheet_book, code="A01", day=dt.date(2022, 3, day),
                            line=sheet.sheet_line(), fraction=fraction)
    from coopdesk.domain.work import ProductionLine

    work.set_sheet_cell(sheet_book, code="A01", day=dt.date(2022, 3, 11),
                        line=ProductionLine.TEXTILES, fraction=FULL)
    # Tuesday 15 already holds a half day: it is kept as it is.
    work.set_sheet_cell(sheet_book, code="A01", day=dt.date(2022, 3, 15),
                        line=sheet.sheet_line(), fraction=HALF)
    sheet.refresh()
    sheet.table.setCurrentIndex(cell(sheet, 0, 15))
    changes = []
    sheet.ctx.runner.changed.connect(changes.append)
    qtbot.keyClick(sheet.table, Qt.Key.Key_R, CTRL)

    assert len(changes) == 1  # one operation
    ana = {day.day: dict(lines) for (code, day), lines in live_workdays(sheet_book).items()
           if code == "A01"}
    # Mon 14 and Wed 16 (today) copied; Tue 15 kept; Thu 17 and Fri 18 are after today.
    assert {d: sum(v.values()) for d, v in ana.items() if d >= 14} == {14: FULL, 15: HALF,
                                                                       16: HALF}
    assert sheet.message_label.text() == ngettext(
        "{n} day of last week repeated for {name}.",
        "{n} days of last week repeated for {name}.", 2).format(n=2, name="Ana Quispe")
    # Bea joined on the 10th: her empty last week gives nothing to repeat.
    sheet.table.setCurrentIndex(cell(sheet, 1, 15))
    qtbot.keyClick(sheet.table, Qt.Key.Key_R, CTRL)
    assert sheet.message_label.text() == _(
        "Nothing to repeat for {name}: last week has no workday for an empty day of this "
        "week up to today.").format(name="Bea Mamani")


def test_repeat_never_writes_into_a_closed_month(sheet_book):
    # Week of Monday 28 March 2022 runs into April; copy from the week of 21 March.
    for day in range(21, 28):
        work.set_sheet_cell(sheet_book, code="A01", day=dt.date(2022, 3, day),
                            line=work.ProductionLine.CHOCOLATE, fraction=FULL)
    months.close_month(sheet_book, year=2022, month=4)
    filled = repeat_last_week(sheet_book, code="A01", day=dt.date(2022, 4, 1),
                              today=dt.date(2022, 12, 31))
    assert filled == [dt.date(2022, 3, 28), dt.date(2022, 3, 29), dt.date(2022, 3, 30),
                      dt.date(2022, 3, 31)]
    april = sheets.month_sheet(sheet_book, 2022, 4)
    assert not april.cells


def test_the_week_runs_monday_to_sunday():
    assert week_of(dt.date(2022, 3, 16)) == [dt.date(2022, 3, d) for d in range(14, 21)]
    assert week_of(dt.date(2022, 3, 20))[0] == dt.date(2022, 3, 14)
