"""Inicio's first steps on a new book, the start without a book, the demo's way back, restart."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from coopdesk.formats import number
from coopdesk.gui.context import AppContext
from coopdesk.gui.dialogs.first_run_dialog import FirstRunDialog
from coopdesk.gui.main_window import MainWindow
from coopdesk.gui.operations import OperationRunner
from coopdesk.gui.views.first_steps_box import DONE, TO_DO
from coopdesk.i18n import _
from coopdesk.paths import BOOK_FILE
from coopdesk.services.members import MemberData, add_member
from coopdesk.services.settings import get_settings, update_settings
from coopdesk.services.trade import set_product_price
from coopdesk.services.work import add_rate


def _window(qtbot, ctx) -> MainWindow:
    window = MainWindow(ctx, auto_backup=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def _marks(home) -> dict[str, str]:
    return {key: mark.text() for key, mark in home.first_steps.marks.items()}


def test_a_new_book_shows_the_first_steps_and_no_invented_goals(qtbot, empty_ctx):
    window = _window(qtbot, empty_ctx)
    home = window.screen("home")
    assert home.first_steps.isVisible()
    assert _marks(home) == dict.fromkeys(("members", "products", "rate", "goals"), TO_DO)
    assert get_settings(empty_ctx.book).break_even_units is None
    assert not home.bars.isVisible()
    assert home.bars_text.text() == _(
        "{sold} bars sold. No break-even or target set yet: see the first steps.").format(sold="0")
    assert "12" not in home.bars_text.text()  # no case-study figure pretending to be hers


def test_each_step_ticks_itself_and_the_list_goes_when_all_are_done(qtbot, empty_ctx):
    book = empty_ctx.book
    window = _window(qtbot, empty_ctx)
    home = window.screen("home")
    empty_ctx.runner.run(lambda: add_member(
        book, MemberData(code="S01", full_name="Rosa Quispe", joined_on=dt.date(2024, 1, 8))))
    assert _marks(home)["members"] == DONE and _marks(home)["products"] == TO_DO
    set_product_price(book, product="Chocolate chuncho", valid_from=dt.date(2024, 1, 1),
                      price=Decimal("8.50"))
    add_rate(book, valid_from=dt.date(2024, 2, 1), rate=Decimal("12.00"))
    home.refresh()
    assert _marks(home) == {"members": DONE, "products": DONE, "rate": DONE, "goals": TO_DO}
    update_settings(book, break_even_units=12000, target_units=20000, goals_from_case_study=True)
    home.refresh()
    assert not home.first_steps.isVisible()
    text = home.bars_text.text()
    assert number(12000) in text and number(20000) in text
    assert _("(The case study's figures, not yet the cooperative's own.)") in text


def test_a_step_link_is_reached_with_tab_and_opens_its_screen(qtbot, empty_ctx):
    window = _window(qtbot, empty_ctx)
    home = window.screen("home")
    link = home.first_steps.links["members"]
    home.month.setFocus(Qt.FocusReason.MouseFocusReason)  # where she clicked on Inicio
    for _tab in range(30):
        if QApplication.focusWidget() is link:
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is link
    qtbot.keyClick(link, Qt.Key.Key_Space)
    assert window.current_key() == "members"


def test_the_demo_window_says_demo_and_leads_to_her_book(qtbot, demo_book, monkeypatch):
    from coopdesk.gui import restarting

    restarted = []
    monkeypatch.setattr(restarting, "restart", lambda: restarted.append(True))
    ctx = AppContext(book=demo_book, runner=OperationRunner(), demo=True)
    window = _window(qtbot, ctx)
    assert window.windowTitle().startswith(_("DEMO") + " — ")
    home = window.screen("home")
    assert home.demo_banner is not None and home.demo_banner.isVisible()

    def answer() -> None:  # the question's default is Yes: Enter restarts
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(10, answer)
            return
        QTest.keyClick(box.focusWidget() or box, Qt.Key.Key_Return)

    QTimer.singleShot(0, answer)
    window.registry[app_module_action("LEAVE_DEMO")].trigger()
    assert restarted == [True]


def app_module_action(name: str):
    from coopdesk.gui.actions import Action

    return Action[name]


def test_run_on_an_empty_folder_and_esc_leaves_no_book(qapp, tmp_path, monkeypatch):
    from coopdesk.gui import app as app_module

    presses = []

    def keep_pressing() -> None:
        """Esc on the first run, then Enter on its question (nothing typed: leave)."""
        modal = QApplication.activeModalWidget()
        if len(presses) < 2:
            QTimer.singleShot(20, keep_pressing)  # before pressing: a key may open a box
        if modal is None or len(presses) >= 2:
            return
        if isinstance(modal, FirstRunDialog):
            if not presses:
                presses.append("esc")
                QTest.keyClick(modal.focusWidget() or modal, Qt.Key.Key_Escape)
            return
        presses.append("enter")
        QTest.keyClick(modal.focusWidget() or modal, Qt.Key.Key_Return)

    QTimer.singleShot(0, keep_pressing)
    monkeypatch.delenv("COOPDESK_LANG", raising=False)
    assert app_module.run(data_dir=tmp_path) == 0
    assert presses == ["esc", "enter"]
    assert list(tmp_path.iterdir()) == []
    assert not (tmp_path / BOOK_FILE).exists()


RESTART_SCRIPT = """
import sys
from PySide6.QtCore import QTimer
from coopdesk.gui import app, restarting
from coopdesk.gui.main_window import MainWindow

app.application()
book = app.open_book(sys.argv[1])
app.open_book = lambda folder: book
MainWindow.backup_on_close = lambda self: []
restarting.start_again = lambda: print("start_again, book closed:", book.closed) or True
QTimer.singleShot(3000, restarting.restart)  # after the start's background work
print("exit", app.run(data_dir=sys.argv[1]))
"""


def test_restart_starts_the_new_program_only_after_the_book_is_closed(demo_book, tmp_path):
    """In its own process: quitting a QApplication cannot be undone inside the test run."""
    import os
    import subprocess
    import sys

    folder = demo_book.path.parent
    demo_book.close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", RESTART_SCRIPT, str(folder)], env=env,
                          capture_output=True, text=True, timeout=60)
    lines = done.stdout.splitlines()
    assert lines == ["start_again, book closed: True", "exit 0"], done.stderr[-2000:]


def test_the_language_question_defaults_to_restarting(qtbot, ctx, monkeypatch):
    from coopdesk.gui import restarting
    from coopdesk.gui.views.settings_view import SettingsView

    restarted = []
    monkeypatch.setattr(restarting, "restart", lambda: restarted.append(True))
    view = SettingsView(ctx)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    other = "en" if get_settings(ctx.book).language == "es" else "es"
    view.language.setCurrentIndex(view.language.findData(other))
    seen = []

    def enter_on_the_question() -> None:
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(10, enter_on_the_question)
            return
        seen.append(box.text())
        QTest.keyClick(box.focusWidget() or box, Qt.Key.Key_Return)  # the default answer

    QTimer.singleShot(0, enter_on_the_question)
    qtbot.keyClick(view.name, Qt.Key.Key_Return)  # Enter in a field saves the settings
    assert get_settings(ctx.book).language == other
    assert seen == [_("Restart coopdesk now to use the new language? Everything is already saved.")]
    assert restarted == [True]
