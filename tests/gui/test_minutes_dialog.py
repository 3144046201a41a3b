"""The minutes book's list (Socias › Libro de actas…), by keyboard: sessions, void, print.

The demo book holds sessions 1 and 2, whose agreements admitted members (cited: their
void is refused with the command line's sentence, the count of citing records read
here with the test's own SQL). The test records session 3 (13 of the 20 active on
05/12/2022; a first call needs 20 // 2 + 1 = 11) and an acta de no quórum (10 present).
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from coopdesk.domain.assembly import Agreement
from coopdesk.gui.dialogs.minutes_dialog import MinutesDialog
from coopdesk.gui.dialogs.void_dialog import VoidDialog
from coopdesk.gui.models.assembly_sessions_model import (
    COL_AGREEMENTS,
    COL_NUMBER,
    COL_PRESENT,
    COL_STATE,
)
from coopdesk.i18n import _, ngettext
from coopdesk.services.assemblies import SessionData, record_session
from tests.gui.test_assembly_dialog import ACTIVE, DAY, _book_rows

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def dialog(qtbot, ctx):
    record_session(ctx.book, SessionData(
        "ordinaria", "primera", DAY, "Taller", ACTIVE[0], ACTIVE[1], ACTIVE[:13], ["Balance"],
        [Agreement("Aprobar el balance", 13, 0, 0)]))
    record_session(ctx.book, SessionData(
        "ordinaria", "primera", DAY + dt.timedelta(days=2), "Taller", ACTIVE[0], ACTIVE[1],
        ACTIVE[:10], ["Balance"], [], no_quorum=True))
    from coopdesk.gui.views.members_view import MembersView

    members = MembersView(ctx)
    qtbot.addWidget(members)
    d = members.minutes_dialog()  # what Socias' "Minutes book…" opens
    assert isinstance(d, MinutesDialog)
    d.show()
    qtbot.waitExposed(d)
    d.activateWindow()
    return d


def _column(dialog, column) -> list[str]:
    return [dialog.model.index(r, column).data() for r in range(dialog.model.rowCount())]


def _void_keys(qtbot, dialog, reason: str) -> dict:
    """Ctrl+Del on the list; type *reason* and Enter as soon as the void dialog opens."""
    seen: dict = {}

    def typing() -> None:
        void = QApplication.activeModalWidget()
        if not isinstance(void, VoidDialog) or not void.isVisible():
            QTimer.singleShot(10, typing)
            return
        seen["focus_is_reason"] = void.focusWidget() is void.reason
        QTest.keyClicks(void.reason, reason)
        QTest.keyClick(void.reason, Qt.Key.Key_Return)
        seen["open"], seen["refusal"] = void.isVisible(), void.general_error.text()
        if void.isVisible():
            def discard() -> None:
                box = QApplication.activeModalWidget()
                if box is void or box is None:
                    QTimer.singleShot(10, discard)
                    return
                QTest.keyClick(box, Qt.Key.Key_D)

            QTimer.singleShot(0, discard)
            QTest.keyClick(void.reason, Qt.Key.Key_Escape)

    QTimer.singleShot(0, typing)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Delete, CTRL)
    return seen


def test_the_sessions_listed_with_the_newest_selected(dialog):
    numbers = _column(dialog, COL_NUMBER)  # the book's own sessions, then the two above
    last = len(numbers)
    assert last >= 4 and numbers == [str(n) for n in range(1, last + 1)]
    assert _column(dialog, COL_PRESENT)[-2:] == ["13 / 11", "10 / 11"]
    assert _column(dialog, COL_AGREEMENTS)[-2:] == ["1", "0"]
    assert _column(dialog, COL_STATE)[-2:] == [_("Recorded"), _("Acta de no quórum")]
    assert dialog.selected().number == last and dialog.focusWidget() is dialog.table


def test_a_session_whose_agreements_are_cited_is_not_voided(qtbot, dialog, ctx):
    before = _book_rows(ctx.book)
    with ctx.book.read() as reader:
        cited = reader.connection().exec_driver_sql(
            "SELECT count(*) FROM member WHERE admission_agreement_uuid IN (SELECT a.uuid FROM"
            " assembly_agreement a JOIN assembly_session s ON s.id = a.session_id"
            " WHERE s.number = 1)").scalar()
        cited += reader.connection().exec_driver_sql(
            "SELECT count(*) FROM share_movement WHERE agreement_uuid IN (SELECT a.uuid FROM"
            " assembly_agreement a JOIN assembly_session s ON s.id = a.session_id"
            " WHERE s.number = 1)").scalar()
    assert cited > 0
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Home, CTRL)
    assert dialog.selected().number == 1
    seen = _void_keys(qtbot, dialog, "registrada por error")
    assert seen["focus_is_reason"] and seen["open"]
    assert seen["refusal"] == ngettext(
        "Session {n} cannot be voided: {count} record cites its agreements.",
        "Session {n} cannot be voided: {count} records cite its agreements.",
        cited).format(n=1, count=cited)
    assert _book_rows(ctx.book) == before


def test_voiding_a_session_and_printing_the_book(qtbot, dialog, ctx, monkeypatch):
    from tests.reports.conftest import pdf_text

    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Up)
    number = dialog.model.rowCount() - 1  # the session with quorum recorded above
    assert dialog.selected().number == number
    seen = _void_keys(qtbot, dialog, "fecha equivocada")
    assert seen["open"] is False
    qtbot.waitUntil(lambda: _column(dialog, COL_STATE)[-2] == _("Voided: {reason}").format(
        reason="fecha equivocada"))
    assert dialog.selected().number == number and not dialog.void_button.isEnabled()
    with ctx.book.read() as reader:
        assert reader.connection().exec_driver_sql(
            "SELECT number, void_reason FROM assembly_session WHERE voided_at IS NOT NULL"
        ).all() == [(number, "fecha equivocada")]
    shown: list[tuple[str, bytes]] = []
    monkeypatch.setattr("coopdesk.gui.views.receipts.show_document",
                        lambda _parent, title, pdf: shown.append((title, pdf)))
    dialog.activateWindow()  # the void dialog closed: the list's window is active again
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClick(dialog.table, Qt.Key.Key_P, CTRL)
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=20000)
    assert shown[0][0] == _("Minutes book")
    text = " ".join(pdf_text(shown[0][1]).split())
    assert "fecha equivocada" in text and "Acta de no quórum" in text
