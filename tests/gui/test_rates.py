"""Configuración's labor rates, typed only: the dated list, a rate added, refusals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from coopdesk.formats import money
from coopdesk.gui.views.settings_view import SettingsView
from coopdesk.i18n import _
from coopdesk.services.members import MemberData, add_member
from coopdesk.services.months import close_month
from coopdesk.services.settings import get_settings
from coopdesk.services.summary import month_summary
from coopdesk.services.work import list_rates, record_workday


@pytest.fixture
def view(qtbot, empty_ctx):
    add_member(empty_ctx.book, MemberData(code="S01", full_name="Rosa Quispe",
                                          joined_on=dt.date(2023, 1, 2)))
    settings = SettingsView(empty_ctx)
    qtbot.addWidget(settings)
    settings.resize(1176, 700)
    settings.show()
    qtbot.waitExposed(settings)
    return settings


def type_rate(qtbot, view, ddmmyyyy: str, amount: str) -> None:
    """From the first field, Tab to the date, type its digits (each section moves on by
    itself), Tab to the amount, type it, Enter."""
    view.name.setFocus(Qt.FocusReason.MouseFocusReason)  # where she clicked first
    for _tab in range(40):
        if QApplication.focusWidget() is view.rates.valid_from:
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    edit = QApplication.focusWidget()
    assert edit is view.rates.valid_from, "the date of a new rate is not reachable with Tab"
    qtbot.keyClicks(edit, ddmmyyyy.replace("/", ""))
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is view.rates.rate
    qtbot.keyClicks(QApplication.focusWidget(), amount)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)


def test_a_rate_added_by_keyboard_is_listed_and_paid(qtbot, view):
    book = view.ctx.book
    assert view.rates.rows() == [(_("the book's first day"), money(Decimal("10.00")))]
    type_rate(qtbot, view, "01/03/2023", "12.50")
    assert not view.rates.error.isVisible()
    assert view.rates.rows() == [
        (_("the book's first day"), money(Decimal("10.00"))),
        ("01/03/2023", money(Decimal("12.50"))),
    ]
    assert get_settings(book).rate_confirmed
    # February at the old rate, March at the new one: 1 + 0.5 days in each.
    for day in (dt.date(2023, 2, 27), dt.date(2023, 3, 1)):
        record_workday(book, code="S01", day=day, line="chocolate")
        record_workday(book, code="S01", day=day + dt.timedelta(days=1), line="chocolate",
                       fraction=Decimal("0.5"))
    assert month_summary(book, 2023, 2).earned == Decimal("10.00") + Decimal("5.00")
    assert month_summary(book, 2023, 3).earned == Decimal("12.50") + Decimal("6.25")


def test_a_future_rate_is_accepted(qtbot, view):
    future = dt.date.today().replace(day=1) + dt.timedelta(days=62)
    type_rate(qtbot, view, future.strftime("%d/%m/%Y"), "15.00")
    assert not view.rates.error.isVisible()
    assert (future, Decimal("15.00")) in [(r.valid_from, r.rate) for r in list_rates(view.ctx.book)]


def test_a_rate_inside_a_closed_month_is_refused(qtbot, view):
    book = view.ctx.book
    record_workday(book, code="S01", day=dt.date(2023, 3, 6), line="chocolate")
    close_month(book, year=2023, month=3)
    view.refresh()
    before = [(r.valid_from, r.rate) for r in list_rates(book)]
    type_rate(qtbot, view, "15/03/2023", "12.00")
    assert view.rates.error.isVisible()
    assert view.rates.error.text() == _(
        "The month {month} is closed and a change from {day} on would alter it. "
        "Choose a date in an open month."
    ).format(month=_month_label(2023, 3), day="15/03/2023")
    assert [(r.valid_from, r.rate) for r in list_rates(book)] == before
    assert month_summary(book, 2023, 3).earned == Decimal("10.00")


def _month_label(year: int, month: int) -> str:
    from coopdesk.services.months import _label

    return _label(f"{year:04d}-{month:02d}")


def test_a_bad_amount_is_a_sentence_and_nothing_is_added(qtbot, view):
    before = list_rates(view.ctx.book)
    type_rate(qtbot, view, "01/05/2023", "12,5x")
    assert view.rates.error.isVisible() and view.rates.error.text()
    assert len(list_rates(view.ctx.book)) == len(before)
