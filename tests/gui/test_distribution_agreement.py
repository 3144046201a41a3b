"""The year-end surplus dialog on the demo book: the agreement typed or chosen, by keys only.

From the moment the dialog opens: Tab to the agreement, type or drop the book's
agreements down with ↓, Enter to choose, Tab to the approve button, Space, Yes; a
citation the book has not recorded is refused with its sentence and nothing written.
"""

from __future__ import annotations

import hashlib

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from coopdesk.services import distribution
from tests import demo_undistributed

undistributed_file = demo_undistributed.undistributed_file  # the fixtures this module uses
book_dir = demo_undistributed.book_dir


@pytest.fixture
def dialog(qtbot, book_dir):
    from coopdesk.gui.context import AppContext
    from coopdesk.gui.dialogs.distribution_dialog import DistributionDialog
    from coopdesk.gui.operations import OperationRunner
    from coopdesk.services.book import Book

    book = Book.open_folder(book_dir)
    widget = DistributionDialog(AppContext(book, OperationRunner()))
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget.year)
    yield widget
    book.close()


def focused():
    return QApplication.focusWidget()


def tab_to(qtbot, widget):
    assert focused() is not None
    for _ in range(20):
        if focused() is widget:
            return
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {widget!r}")


def approve_with_keys(qtbot, dialog):
    """Tab to the approve button, Space, and say Yes with the keyboard."""
    asked = []

    def answer_yes():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer_yes)
            return
        asked.append(box.text())
        qtbot.keyClick(box.button(QMessageBox.StandardButton.Yes), Qt.Key.Key_Space)

    tab_to(qtbot, dialog.approve_button)
    QTimer.singleShot(0, answer_yes)
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    return asked


def book_digest(book) -> str:
    """The book's file and its write-ahead log, byte for byte."""
    wal = book.path.with_name(book.path.name + "-wal")
    return "".join(hashlib.sha1(p.read_bytes()).hexdigest() for p in (book.path, wal)
                   if p.exists())


def test_it_opens_on_the_year_over_with_its_surplus(dialog):
    from coopdesk.formats import money

    assert dialog.selected_year() == 2023  # the book's last record is the February 2024 one
    surplus = distribution.year_surplus(dialog.ctx.book, 2023)
    assert surplus > 0 and dialog.result_label.text() == money(surplus)
    assert dialog.surplus.value() == surplus and dialog.approve_button.isEnabled()


def test_an_agreement_not_recorded_is_refused_then_the_right_one_chosen(qtbot, dialog):
    from coopdesk.i18n import _

    book = dialog.ctx.book
    before = book_digest(book)
    tab_to(qtbot, dialog.assembly_day)
    qtbot.keyClicks(focused(), "17/02/2024")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is dialog.agreement
    qtbot.keyClicks(focused(), "Asamblea 5, acuerdo 9")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)  # Enter only recomputes the draft
    assert dialog.isVisible()
    assert approve_with_keys(qtbot, dialog)
    assert dialog.message.text() == _(
        "The agreement \"{text}\" is not recorded in the book: write it as \"Asamblea N, "
        "acuerdo M\" of a session recorded in the book, or leave it empty.").format(
        text="Asamblea 5, acuerdo 9")
    dialog.activateWindow()  # the question box has closed (a window manager does this)
    qtbot.waitUntil(lambda: focused() is dialog.agreement)  # back on the field to fix
    assert distribution.approved_distribution(book, 2023) is None
    assert book_digest(book) == before
    # Choose it from the book's agreements: type the session, ↓ to the second, Enter.
    qtbot.keyClick(focused(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(focused(), "Asamblea 5")
    popup = dialog.agreement.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert dialog.agreement.text() == "Asamblea 5, acuerdo 2"
    assert dialog.isVisible()
    assert approve_with_keys(qtbot, dialog)
    day, stored = distribution.approved_distribution(book, 2023)
    assert stored.agreement == "Asamblea 5, acuerdo 2 (17/02/2024)"
    assert dialog.agreement.text() == stored.agreement and not dialog.agreement.isEnabled()
    assert dialog.assembly_day.day() == day  # the day approved is shown, not a default
    dialog.activateWindow()
    qtbot.keyClick(focused() or dialog, Qt.Key.Key_Escape)  # approved: Esc closes, no question
    assert not dialog.isVisible()


def test_reportes_opens_on_the_distribution_month_listing_each_share(qtbot, demo_book):
    """The demo's last record is the shares credited on 17/02/2024: Reportes opens there and
    lists every member credited (before, a month with only credits showed no one)."""
    from coopdesk.gui.context import AppContext
    from coopdesk.gui.operations import OperationRunner
    from coopdesk.gui.views.reports_view import ReportsView

    view = ReportsView(AppContext(demo_book, OperationRunner()))
    qtbot.addWidget(view)
    view.show()
    view.refresh()
    assert view.month.currentData() == "2024-02"
    _day, dist = distribution.approved_distribution(demo_book, 2023)
    model = view.table.model()
    # the 22 who worked in 2023 (the two who left in 2022 have no share)
    assert model.rowCount() == len([s for s in dist.shares if s.amount > 0]) == 22
