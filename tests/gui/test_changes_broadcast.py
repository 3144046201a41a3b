"""A change is announced by what the services declare; screens refresh when shown, not hidden."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from coopdesk.domain.changes import Kind, OpChanges
from coopdesk.gui.dialogs.payment_dialog import PaymentDialog
from coopdesk.gui.main_window import MainWindow
from coopdesk.gui.models.members_model import COL_BALANCE, COL_CODE, balance_text
from coopdesk.gui.operations import UndeclaredOperation
from coopdesk.i18n import _
from coopdesk.services.members import MemberData, add_member
from tests.gui.keys import ESC, answer_question

CTRL = Qt.KeyboardModifier.ControlModifier


def _count(book, table: str) -> int:
    with book.read() as session:
        return session.connection().exec_driver_sql(f"SELECT count(*) FROM {table}").scalar()


def test_the_runner_announces_what_the_services_declared(qtbot, ctx):
    heard = []
    ctx.runner.changed.connect(heard.append)
    ok, member = ctx.runner.run(lambda: add_member(
        ctx.book, MemberData("S90", "Rosa Ccahua", dt.date(2022, 5, 2))))
    assert ok and member.code == "S90"
    assert heard == [OpChanges(frozenset({Kind.MEMBERS}))]


def test_a_refused_operation_announces_nothing_and_writes_nothing(qtbot, ctx):
    heard = []
    ctx.runner.changed.connect(heard.append)
    before = _count(ctx.book, "member")
    ok, error = ctx.runner.run(lambda: add_member(
        ctx.book, MemberData("S01", "Otra Socia", dt.date(2022, 5, 2))), show_errors=False)
    assert not ok and error.field == "code"
    assert heard == [] and _count(ctx.book, "member") == before


def test_an_operation_that_declares_nothing_is_refused_loudly(qtbot, ctx):
    heard = []
    ctx.runner.changed.connect(heard.append)
    with pytest.raises(UndeclaredOperation):
        ctx.runner.run(lambda: 7)
    # Whatever it did, every screen is told to look at the book again.
    assert heard == [OpChanges(frozenset({Kind.BOOK}))]


def _member_row(members, code: str):
    model = members.model
    while model.canFetchMore():
        model.fetchMore()
    for row in range(model.rowCount()):
        if model.index(row, COL_CODE).data() == code:
            return row
    raise AssertionError(code)


def _count_refreshes(screen) -> list[bool]:
    calls: list[bool] = []
    refresh = screen.refresh
    screen.refresh = lambda: (calls.append(True), refresh())
    return calls


def _pay_when_the_form_opens(amount: str) -> list[str]:
    """Type a payment into the form opened by Ctrl+N, with the keyboard only."""
    seen: list[str] = []

    def type_payment() -> None:
        dialog = QApplication.activeModalWidget()
        focus = QApplication.focusWidget()
        if not isinstance(dialog, PaymentDialog) or focus is None or focus.window() is not dialog:
            QTimer.singleShot(10, type_payment)
            return
        seen.append(dialog.windowTitle())
        QTest.keyClicks(QApplication.focusWidget(), "S01")  # the member, by her code
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        QTest.keyClicks(QApplication.focusWidget(), "31/12/2022")
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        QTest.keyClicks(QApplication.focusWidget(), amount)
        answer_question(ESC)  # "print the receipt?": not now
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)

    QTimer.singleShot(0, type_payment)
    return seen


def test_a_payment_refreshes_the_members_when_shown_and_not_while_hidden(qtbot, ctx):
    window = MainWindow(ctx, auto_backup=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    members = window.screens["members"]
    row = _member_row(members, "S01")
    owed_before = members.model.row_at(row).balance
    assert members.model.index(row, COL_BALANCE).data() == balance_text(owed_before)
    refreshes = _count_refreshes(members)
    payments_before = _count(ctx.book, "member_payment")

    qtbot.keyClick(window, Qt.Key.Key_7, CTRL)
    assert window.current_key() == "payments"
    payments_refreshes = _count_refreshes(window.screens["payments"])
    seen = _pay_when_the_form_opens("25,00")
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    assert seen == [_("Pay a member")]
    assert _count(ctx.book, "member_payment") == payments_before + 1
    # The screen shown refreshed at once; the hidden members list only remembers.
    assert payments_refreshes == [True]
    assert refreshes == [] and members.stale

    window.activateWindow()  # what the window manager does when the form closes
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    assert window.current_key() == "members"
    assert refreshes == [True] and not members.stale
    row = _member_row(members, "S01")
    assert members.model.index(row, COL_BALANCE).data() == balance_text(
        owed_before - Decimal("25.00"))
