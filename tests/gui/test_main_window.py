
import pytest
from PySide6.QtCore import Qt

from coopdesk.gui.actions import SCREENS, SPECS, Action
from coopdesk.gui.main_window import MainWindow
from coopdesk.gui.views.settings_view import SettingsView
from coopdesk.i18n import _
from coopdesk.services.settings import get_settings


@pytest.fixture
def window(qtbot, ctx):
    win = MainWindow(ctx, auto_backup=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_title_shows_the_cooperative(window):
    assert "Dulce Esperanza" in window.windowTitle()


KEYS = {
    "Ctrl+1": "home", "Ctrl+2": "members", "Ctrl+3": "workdays", "Ctrl+4": "workshops",
    "Ctrl+5": "purchases", "Ctrl+6": "sales", "Ctrl+7": "payments", "Ctrl+8": "expenses",
    "Ctrl+9": "reports", "Ctrl+0": "backup", "Ctrl+,": "settings",
    "Ctrl+.": "production", "Ctrl+;": "business", "Ctrl+'": "shares",
    "Ctrl+-": "funds",
}


def test_every_screen_has_a_shortcut(window, qtbot):
    assert {SPECS[a].shortcut: k for a, k in SCREENS} == KEYS
    for shortcut, key in KEYS.items():
        char = shortcut.split("+")[1]
        qtbot.keyClick(window, char, Qt.KeyboardModifier.ControlModifier)
        assert window.current_key() == key, shortcut
        assert window.sidebar.currentRow() == [k for _a, k in SCREENS].index(key)


def test_sidebar_click_switches_screen(window, qtbot):
    item = window.sidebar.item(5)
    rect = window.sidebar.visualItemRect(item)
    qtbot.mouseClick(window.sidebar.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_key() == "sales"
    assert window.sidebar.item(5).text() == _("Sales")


def test_new_sale_shortcut_opens_the_sale_form(window, qtbot, monkeypatch):
    from coopdesk.gui.dialogs.sale_dialog import SaleDialog

    opened = []
    monkeypatch.setattr(SaleDialog, "exec", lambda self: opened.append(self) or 0)
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window, "V", ctrl_shift)
    assert window.current_key() == "sales"
    assert len(opened) == 1


def test_find_puts_the_cursor_in_the_search_box(window, qtbot):
    window.show_screen("payments")
    window.registry[Action.FIND].trigger()
    assert window.screen("payments").search.hasFocus()


def test_settings_change_the_title_and_refuse_bad_series(qtbot, window):
    view: SettingsView = window.show_screen("settings")
    assert str(window.ctx.book.path) in view.path.text()
    view.name.clear()
    qtbot.keyClicks(view.name, "Cooperativa Nueva Aurora")
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    assert get_settings(window.ctx.book).cooperative_name == "Cooperativa Nueva Aurora"
    assert "Cooperativa Nueva Aurora" in window.windowTitle()
    view.series.clear()
    qtbot.keyClicks(view.series, "A1")
    assert view.errors["receipt_series"].isVisible()
    assert not view.save_button.isEnabled()
    qtbot.keyClick(view.series, Qt.Key.Key_Return)
    assert get_settings(window.ctx.book).receipt_series == "001"


def test_language_change_says_a_restart_is_needed(qtbot, window, no_modal):
    view = window.show_screen("settings")
    other = "en" if get_settings(window.ctx.book).language == "es" else "es"
    view.language.setCurrentIndex(view.language.findData(other))
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    assert get_settings(window.ctx.book).language == other
    assert _("The new language is used after coopdesk is restarted.") in view.note.text()
    assert [kind for kind, _text in no_modal] == ["question"]  # restart offered, declined


def test_a_book_that_cannot_be_opened_is_a_sentence(qapp, monkeypatch, no_modal, tmp_path):
    from coopdesk.domain.errors import BookError
    from coopdesk.gui import app as app_module
    from coopdesk.services import book as book_module

    def refuse(folder):
        raise BookError("This book was made by a newer coopdesk.")

    monkeypatch.setattr(book_module.Book, "open_folder", staticmethod(refuse))
    (tmp_path / "coopdesk.sqlite3").write_bytes(b"")  # a book is there (else: the first run)
    assert app_module.run(data_dir=tmp_path) == 2
    assert no_modal == [("critical", "This book was made by a newer coopdesk.")]


def test_void_by_keyboard_on_the_selected_row(window, qtbot, monkeypatch):
    from coopdesk.gui.dialogs.void_dialog import VoidDialog

    opened = []
    monkeypatch.setattr(VoidDialog, "exec", lambda self: opened.append(self) or 0)
    qtbot.keyClick(window, "8", Qt.KeyboardModifier.ControlModifier)
    view = window.screen("expenses")
    view.table.setFocus()
    view.table.selectRow(0)
    qtbot.keyClick(view.table, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert len(opened) == 1


def test_every_screen_can_be_previewed_alone():
    from coopdesk.gui.main_window import SCREEN_CLASSES
    from coopdesk.gui.preview import find_class

    for module_name, class_name in SCREEN_CLASSES.values():
        cls = find_class(class_name)
        assert cls.__name__ == class_name
        assert cls.__module__ == module_name
    assert find_class("SaleDialog").__name__ == "SaleDialog"


def test_closing_the_window_makes_a_verified_copy_next_to_the_book(qtbot, ctx):
    from coopdesk.backup.backup import local_folder
    from coopdesk.backup.copies import backup_files
    from coopdesk.backup.fileformat import read_backup

    assert backup_files(local_folder(ctx.book)) == []
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.close()
    copies = backup_files(local_folder(ctx.book))
    assert len(copies) == 1
    assert read_backup(copies[0]).manifest  # a whole, readable backup file
    win.close()  # a second close makes no second copy
    assert len(backup_files(local_folder(ctx.book))) == 1


def test_about_shows_name_version_and_licence(window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from coopdesk import __version__

    shown = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.append(text))
    window.registry[Action.ABOUT].trigger()
    assert shown and f"coopdesk {__version__}" in shown[0]
    assert "MIT" in shown[0] and "DejaVu" in shown[0]
