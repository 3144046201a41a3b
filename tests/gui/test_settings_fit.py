"""Configuración in Spanish at 1366×768: the new rate's and new price's fields show what is typed.

Found by a coordinator's review in a real X session: on a new book, with "Esta tarifa es
correcta" beside the new rate, the layout squeezed the date to "2026" and the amount to
"0..."; the product row squeezed its date to "2/2026". Each field here is checked against
the width its own text needs, measured with the field's font, not against our hint.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from coopdesk.gui.views.settings_view import SettingsView

#: The sidebar's width: a page gets the screen's width less this (no frame around it).
SIDEBAR = 190


@pytest.fixture
def spanish():
    from coopdesk import i18n

    before = i18n.current_language()
    i18n.set_language("es")
    yield
    i18n.set_language(before)


@pytest.fixture(params=[1366, 1280], ids=["1366x768", "1280x720"])
def view(request, qtbot, spanish, empty_ctx):
    settings = SettingsView(empty_ctx)
    qtbot.addWidget(settings)
    page_width = request.param - SIDEBAR
    # The page scrolls sideways when it needs more than the screen gives it.
    assert settings.minimumSizeHint().width() <= page_width
    settings.resize(page_width, 650)
    settings.show()
    qtbot.waitExposed(settings)
    return settings


def shows_whole(edit, text: str) -> bool:
    """True when *text* fits in *edit* beside its trailing calendar button, if any."""
    needed = edit.fontMetrics().horizontalAdvance(text)
    button = edit.height() if edit.actions() else 0
    return edit.width() - button - 8 >= needed


def tab_to(qtbot, view, target) -> None:
    view.name.setFocus(Qt.FocusReason.MouseFocusReason)
    for _tab in range(40):
        if QApplication.focusWidget() is target:
            return
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    raise AssertionError("not reachable with Tab")


def test_a_new_books_rate_row_shows_the_whole_date_and_amount(qtbot, view):
    rates = view.rates
    assert rates.confirm_button.isVisible()  # a new book: the button that crowded the row
    tab_to(qtbot, view, rates.valid_from)
    qtbot.keyClicks(rates.valid_from, "15122026")
    qtbot.keyClick(rates.valid_from, Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "1234,50")
    assert rates.valid_from.text() == "15/12/2026"
    assert shows_whole(rates.valid_from, "15/12/2026")
    assert shows_whole(rates.rate, "1234,50")


def test_the_price_row_shows_the_whole_date_and_price(qtbot, view):
    products = view.products
    tab_to(qtbot, view, products.product)
    qtbot.keyClicks(products.product, "Chocolate chuncho 70%")
    qtbot.keyClick(products.product, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is products.price  # reading order kept
    qtbot.keyClicks(products.price, "13,40")
    qtbot.keyClick(products.price, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is products.valid_from
    qtbot.keyClicks(products.valid_from, "01122026")
    assert shows_whole(products.price, "13,40")
    assert shows_whole(products.valid_from, "01/12/2026")
