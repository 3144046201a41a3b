"""The first start, typed only: the name first, Enter starts, Esc leaves nothing, the demo apart."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from coopdesk.gui.dialogs.first_run_dialog import FirstRunDialog
from coopdesk.gui.operations import OperationRunner
from coopdesk.i18n import _
from coopdesk.paths import BOOK_FILE, demo_dir
from coopdesk.services.settings import get_settings


def answer_box(seen: list[str], *keys) -> None:
    """When the next message box opens, note its sentence and press *keys* on it."""

    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, press)
            return
        seen.append(box.text())
        for key in keys:
            QTest.keyClick(box.focusWidget() or box, key)

    QTimer.singleShot(0, press)


ENTER = (Qt.Key.Key_Return,)
#: From the default No, the arrow moves to Yes and the space bar presses it.
YES = (Qt.Key.Key_Left, Qt.Key.Key_Space)


@pytest.fixture
def dialog(qtbot, qapp, tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    first = FirstRunDialog(folder, OperationRunner())
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    yield first
    if first.book is not None:
        first.book.close()


def typed(qtbot, window, *keys) -> None:
    """Type into whatever has the keyboard focus in *window*, as a person does.

    (Offscreen, no window manager gives the window back its activation after a
    message box; the widget holding the window's focus is the one she types into.)
    """
    for key in keys:
        widget = QApplication.focusWidget() or window.focusWidget()
        assert widget is not None, "nothing has the keyboard focus"
        if isinstance(key, str):
            qtbot.keyClicks(widget, key)
        else:
            qtbot.keyClick(widget, *key) if isinstance(key, tuple) else qtbot.keyClick(widget, key)


def test_the_name_has_the_focus_and_enter_starts_her_book(qtbot, dialog):
    assert QApplication.focusWidget() is dialog.name
    folder = dialog.folder
    assert not (folder / BOOK_FILE).exists()  # nothing before she confirms
    typed(qtbot, dialog, "Dulce Esperanza", Qt.Key.Key_Tab, "EP Quillabamba", Qt.Key.Key_Tab,
          "INPE", Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.result_value == "book"
    assert (folder / BOOK_FILE).exists()
    assert not demo_dir(folder).exists()  # the space in the name pressed no button
    settings = get_settings(dialog.book)
    assert (settings.cooperative_name, settings.site, settings.institution) == (
        "Dulce Esperanza", "EP Quillabamba", "INPE")
    assert not settings.rate_confirmed  # the suggested S/ 10.00, not looked at yet


def test_a_changed_rate_pays_back_filled_days(qtbot, dialog):
    from coopdesk.services.members import MemberData, add_member
    from coopdesk.services.summary import month_summary
    from coopdesk.services.work import record_workday

    typed(qtbot, dialog, "Manos Unidas", Qt.Key.Key_Tab, Qt.Key.Key_Tab, Qt.Key.Key_Tab,
          (Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier), "12.50", Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    book = dialog.book
    assert get_settings(book).rate_confirmed
    # Last month, back-filled today: one full and one half day.
    first_of_this = dt.date.today().replace(day=1)
    day = (first_of_this - dt.timedelta(days=1)).replace(day=10)
    add_member(book, MemberData(code="S01", full_name="Rosa Quispe",
                                joined_on=day - dt.timedelta(days=30)))
    record_workday(book, code="S01", day=day, line="chocolate")
    record_workday(book, code="S01", day=day + dt.timedelta(days=1), line="chocolate",
                   fraction=Decimal("0.5"))
    expected = Decimal("12.50") + Decimal("6.25")  # 12.50 × 1 + 12.50 × 0.5
    assert month_summary(book, day.year, day.month).earned == expected


def test_esc_with_nothing_typed_leaves_no_book(qtbot, dialog):
    seen: list[str] = []
    answer_box(seen, *ENTER)  # the question's default when nothing was typed: leave
    typed(qtbot, dialog, Qt.Key.Key_Escape)
    assert seen == [_("Close coopdesk without starting the book? Nothing has been written; "
                      "coopdesk asks again the next time it starts.")]
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert not dialog.isVisible()
    assert list(dialog.folder.iterdir()) == []


def test_esc_after_typing_asks_and_enter_stays(qtbot, dialog):
    typed(qtbot, dialog, "Dulce")
    seen: list[str] = []
    answer_box(seen, *ENTER)  # default: stay, what she typed is kept on screen
    typed(qtbot, dialog, Qt.Key.Key_Escape)
    assert len(seen) == 1
    assert dialog.isVisible() and dialog.name.text() == "Dulce"
    answer_box(seen, *YES)
    typed(qtbot, dialog, Qt.Key.Key_Escape)
    assert len(seen) == 2  # one question per Esc: no second "Discard what you typed?"
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert list(dialog.folder.iterdir()) == []


def focus_demo_button(qtbot, dialog) -> None:
    for _tab in range(12):
        if QApplication.focusWidget() is dialog.demo_button:
            return
        typed(qtbot, dialog, Qt.Key.Key_Tab)
    raise AssertionError("the demo button is not reachable with Tab")


def test_the_demo_asks_and_opens_only_its_own_book(qtbot, dialog):
    focus_demo_button(qtbot, dialog)
    seen: list[str] = []
    answer_box(seen, *ENTER)  # default: No
    typed(qtbot, dialog, Qt.Key.Key_Space)
    assert len(seen) == 1 and dialog.isVisible()
    assert list(dialog.folder.iterdir()) == []
    answer_box(seen, *YES)
    typed(qtbot, dialog, Qt.Key.Key_Space)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.result_value == "demo"
    assert not (dialog.folder / BOOK_FILE).exists()  # her book: not made
    assert (demo_dir(dialog.folder) / BOOK_FILE).exists()
    assert dialog.book.path == demo_dir(dialog.folder) / BOOK_FILE
    assert get_settings(dialog.book).cooperative_name == "Dulce Esperanza"


def test_enter_with_no_name_says_what_is_missing(qtbot, dialog):
    typed(qtbot, dialog, Qt.Key.Key_Return)
    assert dialog.isVisible()
    error = dialog.error_label("cooperative_name")
    assert error.isVisible() and error.text()
    assert list(dialog.folder.iterdir()) == []
    seen: list[str] = []
    answer_box(seen, *ENTER)  # leave, as she would (else closing the dialog would ask)
    typed(qtbot, dialog, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_an_empty_book_left_by_an_older_cancel_is_kept_aside_and_her_rate_counts(qtbot, dialog):
    from coopdesk.services.book import Book
    from coopdesk.services.work import list_rates

    Book.open_folder(dialog.folder).close()  # what Cancel left behind before this version
    typed(qtbot, dialog, "Manos Unidas", Qt.Key.Key_Tab, Qt.Key.Key_Tab, Qt.Key.Key_Tab,
          (Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier), "11.00", Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert [(r.valid_from, r.rate) for r in list_rates(dialog.book)] == [
        (dt.date(2000, 1, 1), Decimal("11.00"))]
    kept = [p.name for p in dialog.folder.iterdir() if p.name.startswith(BOOK_FILE + ".vacio-")
            and not p.name.endswith(("-wal", "-shm"))]
    assert len(kept) == 1  # the old file kept beside, never deleted
