"""The funds from the desk, typed with keys: the bylaws' percentages in Configuración, and a
workshop's cost paid from the education fund in Talleres (refused when the fund is short)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from coopdesk.gui.views.settings_view import SettingsView
from coopdesk.i18n import _
from coopdesk.services import distribution, funds


def _retype(qtbot, edit, text):
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(edit, text)


def _stored(book) -> list:
    with book.read() as reader:
        return reader.connection().exec_driver_sql(
            "SELECT key, value FROM setting ORDER BY key").all()


@pytest.mark.parametrize(("field", "typed", "sentence"), [
    ("reserve", "101", _("Write a percentage from 0 to 100 with at most 2 decimals, e.g. 10 "
                         "or 7.5.")),
    ("reserve", "diez", _("Write a percentage from 0 to 100 with at most 2 decimals, e.g. 10 "
                          "or 7.5.")),
    ("education", "7.125", _("Write a percentage from 0 to 100 with at most 2 decimals, e.g. "
                             "10 or 7.5.")),
    ("education", "95", _("The reserve and education funds together cannot take more than "
                          "100%.")),
])
def test_a_bad_percentage_is_refused_beside_it_and_nothing_is_saved(qtbot, empty_ctx, field,
                                                                     typed, sentence):
    view = SettingsView(empty_ctx)
    qtbot.addWidget(view)
    view.show()
    before = _stored(empty_ctx.book)
    edit = getattr(view, field)
    _retype(qtbot, edit, typed)
    key = f"{field}_percent"
    assert view.errors[key].isVisible() and view.errors[key].text() == sentence
    assert not view.save_button.isEnabled()
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert _stored(empty_ctx.book) == before


def test_the_bylaws_percentages_and_articles_are_typed_and_saved(qtbot, empty_ctx):
    view = SettingsView(empty_ctx)
    qtbot.addWidget(view)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    assert (view.reserve.text(), view.education.text()) == ("10", "5")  # the defaults
    _retype(qtbot, view.reserve, "12.5")
    qtbot.keyClick(view.reserve, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is view.reserve_article
    qtbot.keyClicks(view.reserve_article, "art. 45 del estatuto")
    _retype(qtbot, view.education, "7")
    qtbot.keyClick(view.education, Qt.Key.Key_Return)
    rule = distribution.current_rule(empty_ctx.book)
    assert (rule.reserve_percent, rule.education_percent, rule.reserve_article) == (
        D("12.5"), D("7"), "art. 45 del estatuto")
    assert view.note.text() == _("The settings were saved.")


@pytest.fixture
def funded_ctx(ctx):
    """The demo book: the education fund has S/ 500.00 less 13 sessions × 35.00 = 45.00, and
    the 2023 distribution's 5 % (S/ 208.66) since 17/02/2024: S/ 253.66 today."""
    return ctx


def test_a_workshops_cost_is_paid_from_the_education_fund_by_keys(qtbot, funded_ctx):
    from coopdesk.gui.views.workshops_view import WorkshopsView

    book = funded_ctx.book
    view = WorkshopsView(funded_ctx)
    qtbot.addWidget(view)
    view.show()
    view.select_workshop(8)
    session = view.current_session()
    assert session is not None
    before = funds.fund_balance(book, "education")
    assert before == D("253.66")
    known = {m.uuid for m in funds.fund_movements(book)}
    dialog = view.open_cost_dialog()
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.session.currentData() == session.uuid  # the session shown on the screen
    assert dialog.balance.text() == _("The education fund has {amount} today.").format(
        amount="S/\xa0253.66")
    # Too much: the service's sentence under the amount, nothing written, still open.
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.session)
    qtbot.keyClick(dialog.session, Qt.Key.Key_Tab)
    # on the session's day it has 45.00 at most, counting the sessions it pays later
    qtbot.keyClicks(QApplication.focusWidget(), "45.01")
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    error = dialog.findChild(type(dialog.balance), "error_amount")
    assert error.text() == _(
        "The {fund} can pay at most S/ {available} on {day}, counting what it pays later; "
        "S/ {amount} cannot be paid from it. Nothing was recorded.").format(
        fund=_("Education fund").lower(), available="45.00", amount="45.01",
        day=session.held_on.strftime("%d/%m/%Y"))
    assert dialog.isVisible() and funds.fund_balance(book, "education") == before
    # A cost it can pay: Enter saves, the fund has less, linked to the session.
    _retype(qtbot, dialog.amount, "40")
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "Cacao para la cata")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert funds.fund_balance(book, "education") == D("213.66")
    # the one movement written (listed by day, so before the distribution's of 2024)
    [last] = [m for m in funds.fund_movements(book) if m.uuid not in known]
    assert (last.source, last.source_uuid, last.note, last.amount) == (
        "workshop", session.uuid, "Cacao para la cata", D("40.00"))
    assert last.day == session.held_on
