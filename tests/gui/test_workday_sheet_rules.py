"""The sheet obeys the workday rules of the service: a day after today is refused."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from coopdesk.i18n import current_language
from tests.gui.test_workday_sheet import (  # noqa: F401 (fixtures)
    cell,
    live_workdays,
    sheet_book,
    view,
)


def test_a_day_after_today_is_refused_with_the_services_sentence(qtbot, view, sheet_book):  # noqa: F811
    today = dt.date.today()
    first_of_next = (today.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    view.set_month(first_of_next.year, first_of_next.month)
    view.table.setCurrentIndex(cell(view, 0, 1))
    qtbot.keyClick(view.table, Qt.Key.Key_1)
    expected = {
        "es": f"Un jornal no puede tener fecha posterior a hoy ({today:%d/%m/%Y}); el"
              f" {first_of_next:%d/%m/%Y} todavía no llega.",
        "en": f"A workday cannot be dated after today ({today:%d/%m/%Y});"
              f" {first_of_next:%d/%m/%Y} has not come yet.",
    }[current_language()]
    assert view.message_label.text() == expected
    assert live_workdays(sheet_book) == {}

