"""Ajustes: the town and the work area's signer of certificates are typed, checked and printed."""

from __future__ import annotations

import datetime as dt
import io

from PySide6.QtCore import Qt

from coopdesk.domain.errors import InvalidInput
from coopdesk.domain.text import clean_text
from coopdesk.gui.views.settings_view import SettingsView
from coopdesk.i18n import _
from coopdesk.services.members import MemberData, add_member
from coopdesk.services.settings import get_settings


def _text(pdf: bytes) -> str:
    from pypdf import PdfReader

    return " ".join((p.extract_text() or "") for p in PdfReader(io.BytesIO(pdf)).pages).replace(
        "\n", " ")


def test_town_and_work_area_are_typed_and_printed(qtbot, ctx):
    from coopdesk.reports.documents import workdays_record_pdf

    add_member(ctx.book, MemberData("P01", "Ana Quispe", dt.date(2022, 1, 3)))
    view = SettingsView(ctx)
    qtbot.addWidget(view)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.place.setFocus()
    qtbot.keyClick(view.place, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(view.place, "Quillabamba")
    qtbot.keyClick(view.place, Qt.Key.Key_Tab)
    assert view.work_area.hasFocus()
    qtbot.keyClicks(view.work_area, "Jefa del Área de Trabajo del E.P. Quillabamba")
    qtbot.keyClick(view.work_area, Qt.Key.Key_Return)
    saved = get_settings(ctx.book)
    assert (saved.place, saved.work_area_title) == (
        "Quillabamba", "Jefa del Área de Trabajo del E.P. Quillabamba")
    text = _text(workdays_record_pdf(ctx.book, "P01", dt.date(2022, 1, 1),
                                     dt.date(2022, 1, 31)))
    assert "Quillabamba, " in text and "Jefa del Área de Trabajo del E.P. Quillabamba" in text
    assert _("Head of the work area of the prison (INPE)") not in text


def test_a_town_too_long_is_refused_beside_the_field(qtbot, ctx):
    view = SettingsView(ctx)
    qtbot.addWidget(view)
    view.show()
    before = get_settings(ctx.book)
    view.place.setFocus()
    qtbot.keyClick(view.place, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    typed = "Quillabamba " * 17  # 204 letters: the paper's limit is 200
    qtbot.keyClicks(view.place, typed)
    try:
        clean_text(typed, what=_("the name"), required=False, limit=200)
    except InvalidInput as exc:
        sentence = exc.message
    assert view.errors["place"].isVisible() and view.errors["place"].text() == sentence
    assert not view.save_button.isEnabled()
    qtbot.keyClick(view.place, Qt.Key.Key_Return)
    assert get_settings(ctx.book) == before
