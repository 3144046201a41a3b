"""Changes not saved: Ctrl+S saves them; leaving the screen or closing the window asks first.

Everything is typed: the attendance is ticked with the arrows and Enter, the window
is closed with Ctrl+Q, and the question is answered with Enter (Guardar, the
default), D (Descartar) or Esc (Cancelar). The book is read afterwards.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from coopdesk.domain.workshops import Attendance
from coopdesk.gui.context import AppContext
from coopdesk.gui.main_window import MainWindow
from coopdesk.gui.models import workshop_attendance_model as att
from coopdesk.gui.operations import OperationRunner
from coopdesk.i18n import _
from coopdesk.services import sheets
from coopdesk.services.book import Book
from coopdesk.services.members import MemberData, add_member
from coopdesk.services.workshops import add_session
from tests.gui.keys import ENTER, ESC, KEY_D, answer_question

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def book(tmp_path):
    book = Book.open_folder(tmp_path / "book")
    add_member(book, MemberData("W01", "Ana Quispe", dt.date(2022, 1, 3)))
    add_member(book, MemberData("W02", "Bea Mamani", dt.date(2022, 1, 3)))
    add_session(book, workshop=1, held_on=dt.date(2022, 3, 15), facilitator="Equipo")
    yield book
    book.close()


@pytest.fixture
def window(qtbot, qapp, book):
    win = MainWindow(AppContext(book, OperationRunner()), auto_backup=False)
    win.resize(1280, 680)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    yield win
    for screen in win.screens.values():  # nothing left to ask when it is closed now
        if hasattr(screen, "discard_changes"):
            screen.discard_changes()
    win.close()
    win.deleteLater()


def saved_marks(book) -> dict[str, Attendance]:
    session = sheets.session_rows(book, 1)[0]
    return {r.code: r.status for r in sheets.session_checklist(book, session.uuid) if r.status}


def tick_absent_by_keyboard(qtbot, window) -> None:
    """Go to Talleres (Ctrl+4), move to Ana's "absent" cell, press Enter."""
    qtbot.keyClick(window, Qt.Key.Key_4, CTRL)
    view = window.screens["workshops"]
    assert window.current_key() == "workshops"
    table = view.attendance_table
    table.setFocus()
    model = view.attendance_model
    table.setCurrentIndex(model.index(model.row_of("W01"), att.COL_CODE))
    for _step in range(att.COL_ABSENT - att.COL_CODE):
        qtbot.keyClick(table, Qt.Key.Key_Right)
    assert table.currentIndex().column() == att.COL_ABSENT
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert view.attendance_model.is_dirty()


def test_ctrl_s_saves_the_attendance_ticked(qtbot, window, book):
    tick_absent_by_keyboard(qtbot, window)
    assert saved_marks(book) == {}
    qtbot.keyClick(window.screens["workshops"].attendance_table, Qt.Key.Key_S, CTRL)
    assert saved_marks(book) == {"W01": Attendance.ABSENT}
    assert window.screens["workshops"].message_label.text() == _("Attendance saved.")


def test_ctrl_s_where_nothing_is_pending_changes_nothing(qtbot, window, book):
    qtbot.keyClick(window, Qt.Key.Key_4, CTRL)
    qtbot.keyClick(window, Qt.Key.Key_S, CTRL)
    assert saved_marks(book) == {}


@pytest.mark.parametrize(("keys", "closed", "saved"), [
    (ENTER, True, {"W01": Attendance.ABSENT}),  # Guardar is the default
    (KEY_D, True, {}),
    (ESC, False, {}),
])
def test_ctrl_q_with_attendance_not_saved_asks(qtbot, window, book, keys, closed, saved):
    tick_absent_by_keyboard(qtbot, window)
    asked = answer_question(keys)
    qtbot.keyClick(window.screens["workshops"].attendance_table, Qt.Key.Key_Q, CTRL)
    qtbot.waitUntil(lambda: bool(asked))
    assert asked[0]["title"] == _("Attendance not saved")
    assert asked[0]["text"] == _("The attendance you marked is not saved yet. Save it now?")
    assert asked[0]["default"] == _("&Save")
    assert set(asked[0]["buttons"]) == {_("&Save"), _("&Discard"), _("Cancel")}
    assert window.isVisible() == (not closed)
    assert saved_marks(book) == saved
    if not closed:  # the ticks are still there, not saved
        assert window.screens["workshops"].attendance_model.is_dirty()
        assert window.current_key() == "workshops"


def test_the_close_button_asks_too(qtbot, window, book):
    tick_absent_by_keyboard(qtbot, window)
    asked = answer_question(ESC)
    window.close()  # what the window manager's close button does
    assert asked and window.isVisible()
    assert saved_marks(book) == {}


@pytest.mark.parametrize(("keys", "where", "saved"), [
    (ENTER, "home", {"W01": Attendance.ABSENT}),
    (KEY_D, "home", {}),
    (ESC, "workshops", {}),
])
def test_leaving_the_screen_asks(qtbot, window, book, keys, where, saved):
    tick_absent_by_keyboard(qtbot, window)
    asked = answer_question(keys)
    qtbot.keyClick(window.screens["workshops"].attendance_table, Qt.Key.Key_1, CTRL)
    assert len(asked) == 1
    assert window.current_key() == where
    assert window.sidebar.currentRow() == window._keys.index(where)
    assert saved_marks(book) == saved
    if where == "home":  # coming back shows the book: nothing is pending any more
        qtbot.keyClick(window, Qt.Key.Key_4, CTRL)
        assert not window.screens["workshops"].attendance_model.is_dirty()


def test_without_changes_nothing_is_asked(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_4, CTRL)
    window.close()
    assert not window.isVisible()


def test_a_screen_shortcut_puts_the_keyboard_in_the_screen(qtbot, window):
    window.sidebar.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_3, CTRL)  # Jornales: 1, 5, 0 go to the sheet at once
    assert window.current_key() == "workdays"
    assert window.screens["workdays"].table.hasFocus()
    window.sidebar.setFocus()
    qtbot.keyClick(window.sidebar, Qt.Key.Key_Down)  # arrows in the sidebar stay there
    assert window.current_key() == "workshops"
    assert window.sidebar.hasFocus()
