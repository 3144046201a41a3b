"""The RUC is typed in Ajustes: a wrong check digit is refused beside the field, untouched book."""

from __future__ import annotations

from PySide6.QtCore import Qt

from coopdesk.domain.documents import clean_ruc
from coopdesk.domain.errors import InvalidInput
from coopdesk.gui.views.settings_view import SettingsView
from coopdesk.services.settings import get_settings


def _sentence(typed: str) -> str:
    try:
        clean_ruc(typed)
    except InvalidInput as exc:
        return exc.message
    raise AssertionError(f"{typed} was accepted")


def test_a_ruc_is_typed_checked_and_saved(qtbot, ctx):
    view = SettingsView(ctx)
    qtbot.addWidget(view)
    view.show()
    view.ruc.setFocus()
    before = get_settings(ctx.book)
    # One digit wrong (SUNAT's own RUC ends in 5): the sentence shows, Enter saves nothing.
    qtbot.keyClicks(view.ruc, "20131312954")
    assert view.errors["ruc"].isVisible()
    assert view.errors["ruc"].text() == _sentence("20131312954")
    assert "5" in view.errors["ruc"].text()
    assert not view.save_button.isEnabled()
    qtbot.keyClick(view.ruc, Qt.Key.Key_Return)
    assert get_settings(ctx.book) == before
    # Too short.
    qtbot.keyClick(view.ruc, Qt.Key.Key_Backspace)
    assert view.errors["ruc"].text() == _sentence("2013131295")
    # Right: the error goes and Enter saves it.
    qtbot.keyClicks(view.ruc, "5")
    assert not view.errors["ruc"].isVisible() and view.save_button.isEnabled()
    qtbot.keyClick(view.ruc, Qt.Key.Key_Return)
    assert get_settings(ctx.book).ruc == "20131312955"
    # Emptied: the cooperative has no RUC again (its receipts say they are internal).
    for _i in range(11):
        qtbot.keyClick(view.ruc, Qt.Key.Key_Backspace)
    qtbot.keyClick(view.ruc, Qt.Key.Key_Return)
    assert get_settings(ctx.book).ruc == ""
