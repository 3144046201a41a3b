"""The year-end surplus dialog: a draft as typed, the rule saved, approved once."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from PySide6.QtWidgets import QMessageBox

from coopdesk.formats import money
from coopdesk.services import distribution
from tests.services.costing_helpers import fill_costing_book


@pytest.fixture
def dialog(qtbot, book):
    from coopdesk.gui.context import AppContext
    from coopdesk.gui.dialogs.distribution_dialog import DistributionDialog
    from coopdesk.gui.operations import OperationRunner

    fill_costing_book(book)
    widget = DistributionDialog(AppContext(book, OperationRunner()))
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _type(qtbot, edit, text):
    edit.clear()
    qtbot.keyClicks(edit, text)


def test_a_loss_has_nothing_to_distribute_until_an_amount_is_typed(qtbot, dialog):
    assert dialog.result_label.text() == money(D("-110.00"))
    assert dialog.surplus.text() == ""
    assert not dialog.approve_button.isEnabled()
    _type(qtbot, dialog.surplus, "650")
    # 650: reserve 10% 65, education 5% 32.50, members 552.50 → A (3 days) 255.00,
    # B (3.5 days) 297.50.
    assert dialog.table.rowCount() == 2
    assert dialog.table.item(0, 3).text() == money(D("255.00"))
    assert dialog.table.item(1, 3).text() == money(D("297.50"))
    assert dialog.approve_button.isEnabled()


def test_funds_taking_more_than_the_whole_surplus_are_refused(qtbot, dialog):
    from coopdesk.i18n import _

    _type(qtbot, dialog.surplus, "650")
    _type(qtbot, dialog.reserve, "96")
    assert dialog.message.text() == _(
        "The reserve and education funds together cannot take more than 100%.")
    assert dialog.table.rowCount() == 0
    assert not dialog.approve_button.isEnabled()


def test_approval_needs_the_rule_saved_and_happens_once(qtbot, dialog, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    _type(qtbot, dialog.surplus, "650")
    _type(qtbot, dialog.education, "7.5")
    dialog.approve()
    assert distribution.approved_distribution(dialog.ctx.book, 2022) is None
    assert dialog.message.text()
    dialog.store_rule()
    dialog.approve()
    day, stored = distribution.approved_distribution(dialog.ctx.book, 2022)
    # 650: reserve 10% 65.00, education 7.5% 48.75, members the rest 536.25.
    assert (stored.reserve, stored.education, stored.to_members) == (
        D("65.00"), D("48.75"), D("536.25"))
    from coopdesk.services.funds import fund_balance

    assert fund_balance(dialog.ctx.book, "reserve") == D("65.00")
    assert fund_balance(dialog.ctx.book, "education") == D("48.75")
    assert not dialog.approve_button.isEnabled()


def test_the_income_split_is_turned_on_from_a_date(qtbot, book):
    import datetime as dt

    from PySide6.QtCore import QDate

    from coopdesk.gui.context import AppContext
    from coopdesk.gui.dialogs.income_split_dialog import IncomeSplitDialog
    from coopdesk.gui.operations import OperationRunner
    from coopdesk.services.income_split import income_split_on

    widget = IncomeSplitDialog(AppContext(book, OperationRunner()))
    qtbot.addWidget(widget)
    widget.show()
    assert not widget.on.isChecked()
    widget.day.setDate(QDate(2023, 1, 1))
    widget.on.setChecked(True)
    _type(qtbot, widget.parts["reparation"], "25")
    assert not widget.is_valid()  # 70 + 25 + 10 is not 100
    _type(qtbot, widget.parts["member"], "65")
    assert widget.is_valid()
    widget.accept()
    split = income_split_on(book, dt.date(2023, 1, 1))
    assert (split.member, split.reparation, split.institution) == (D("65"), D("25"), D("10"))


def test_the_distribution_typed_and_approved_with_the_keyboard(qtbot, dialog):
    """Year → surplus → percentages → save the rule → … → approve, by keys; Enter never approves."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication

    def focused():
        return QApplication.focusWidget()

    def press(key):
        qtbot.keyClick(focused(), key)

    from coopdesk.domain.changes import Kind

    heard = []
    dialog.ctx.runner.changed.connect(lambda changes: heard.append(changes.kinds))
    dialog.activateWindow()
    qtbot.waitUntil(lambda: focused() is dialog.year)
    press(Qt.Key.Key_Tab)
    assert focused() is dialog.surplus
    qtbot.keyClicks(focused(), "650")
    press(Qt.Key.Key_Return)  # Enter only recomputes: nothing approved, still open
    assert dialog.isVisible() and distribution.approved_distribution(dialog.ctx.book, 2022) is None
    press(Qt.Key.Key_Tab)
    press(Qt.Key.Key_Tab)
    assert focused() is dialog.education
    qtbot.keyClicks(focused(), "7.5")  # arriving by Tab selected the 5 shown
    press(Qt.Key.Key_Tab)
    assert focused() is dialog.save_rule
    press(Qt.Key.Key_Space)
    while focused() is not dialog.approve_button:
        press(Qt.Key.Key_Tab)
    asked = []

    def answer_yes():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer_yes)
            return
        asked.append(box.defaultButton() is box.button(QMessageBox.StandardButton.No))
        qtbot.keyClick(box.button(QMessageBox.StandardButton.Yes), Qt.Key.Key_Space)

    QTimer.singleShot(0, answer_yes)
    press(Qt.Key.Key_Space)
    assert asked == [True]  # "No" was the default answer
    # What the services wrote, as they declared it: the rule (settings), then the
    # distribution, and the funds' parts (no longer "payments, members" chosen by
    # the dialog).
    assert heard == [{Kind.DISTRIBUTIONS, Kind.SETTINGS},
                     {Kind.DISTRIBUTIONS, Kind.CREDITS, Kind.FUNDS}]
    _day, stored = distribution.approved_distribution(dialog.ctx.book, 2022)
    # 650: reserve 10% 65.00, education 7.5% 48.75, the members the rest.
    assert (stored.reserve, stored.education, stored.to_members) == (
        D("65.00"), D("48.75"), D("650") - D("65.00") - D("48.75"))


def test_esc_after_typing_a_surplus_asks_first(qtbot, dialog):
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication

    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.year)
    qtbot.keyClick(dialog.year, Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "650")
    seen = []

    def keep():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, keep)
            return
        seen.append(box.text())
        qtbot.keyClick(box, Qt.Key.Key_Return)  # the default: keep editing

    QTimer.singleShot(0, keep)
    qtbot.keyClick(dialog.surplus, Qt.Key.Key_Escape)
    assert seen == ["¿Descartar lo escrito?"]
    assert dialog.isVisible() and dialog.surplus.text() == "650"
