"""Aportaciones on the desk: the list, her capital, voiding with a reason by keyboard, her papers.

The movements are recorded through the service on the small test book; her capital is
worked out here by hand (cash 50.00 + deducted 10.00 − returned 20.00 = 40.00 of
200.00). Each void is
typed into the dialog as soon as it opens; a refusal must show the CLI's sentence (the
same service) and leave every movement as it was, read with the test's own SQL.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from coopdesk.domain.month import Month
from coopdesk.formats import money
from coopdesk.gui.dialogs.void_dialog import VoidDialog
from coopdesk.gui.models.shares_model import COL_KIND, COL_NOTE, COL_NUMBER
from coopdesk.gui.views.shares_view import SharesView
from coopdesk.i18n import _
from coopdesk.services.months import close_month
from coopdesk.services.shares import record_share_movement

NAME = "Rosa Elvira Huamán Quispe"


@pytest.fixture
def shares_ctx(qapp, small_book):
    from coopdesk.gui.context import AppContext
    from coopdesk.gui.operations import OperationRunner

    book = small_book
    for day, kind, amount in ((dt.date(2022, 12, 1), "subscription", "200"),
                              (dt.date(2022, 12, 5), "payment", "50"),
                              (dt.date(2022, 12, 10), "return", "20"),
                              (dt.date(2022, 12, 12), "deduction", "10")):
        record_share_movement(book, code="S01", day=day, kind=kind, amount=D(amount),
                              agreement="Asamblea 1, acuerdo 2" if kind == "subscription"
                              else "")
    record_share_movement(book, code="S02", day=dt.date(2022, 12, 2), kind="subscription",
                          amount=D("150"))
    return AppContext(book=book, runner=OperationRunner())


def _movements(book) -> list[tuple]:
    with book.read() as r:
        return [tuple(x) for x in r.connection().exec_driver_sql(
            "SELECT s.id, m.code, s.kind, s.amount, s.voided_at IS NOT NULL, s.void_reason"
            " FROM share_movement s JOIN member m ON m.id = s.member_id ORDER BY s.id")]


@pytest.fixture
def view(qtbot, shares_ctx):
    v = SharesView(shares_ctx)
    qtbot.addWidget(v)
    v.resize(1300, 600)
    v.show()
    v.refresh()
    return v


def _select(qtbot, view, kind: str) -> None:
    """Walk the list with the arrow keys until the row of *kind* is selected."""
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    for _i in range(view.model.rowCount()):
        row = view.selected()
        if row is not None and row.kind == kind and row.code == "S01":
            return
        qtbot.keyClick(view.table, Qt.Key.Key_Down)
    raise AssertionError(f"no row of {kind}")


def _void_typing(qtbot, view, reason: str) -> dict:
    """Press Ctrl+Del's slot; type *reason* and Enter as soon as the dialog opens.

    Returns what the dialog showed after Enter (its refusal, whether it stayed open);
    a dialog still open is then closed with Esc and the discard question answered D.
    """
    seen: dict = {}

    def type_reason() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, VoidDialog) or not dialog.isVisible():
            QTimer.singleShot(10, type_reason)
            return
        seen["focus_is_reason"] = dialog.focusWidget() is dialog.reason
        QTest.keyClicks(dialog.reason, reason)
        QTest.keyClick(dialog.reason, Qt.Key.Key_Return)
        seen["open"] = dialog.isVisible()
        seen["refusal"] = dialog.general_error.text()
        if dialog.isVisible():
            def discard() -> None:
                box = QApplication.activeModalWidget()
                if box is dialog or box is None:
                    QTimer.singleShot(10, discard)
                    return
                QTest.keyClick(box, Qt.Key.Key_D)

            QTimer.singleShot(0, discard)
            QTest.keyClick(dialog.reason, Qt.Key.Key_Escape)

    QTimer.singleShot(0, type_reason)
    view.void_selected()  # what the Void… button and Ctrl+Del call
    return seen


def test_the_list_and_her_capital(qtbot, view):
    assert view.model.rowCount() == 5
    qtbot.keyClicks(view.search, "S01")
    qtbot.waitUntil(lambda: view.model.rowCount() == 4)
    # Newest first: the deduction, the return, the payment, the subscription.
    assert [view.model.index(r, COL_KIND).data() for r in range(4)] == [
        _("Deducted from her pay"), _("Returned"), _("Payment in cash"), _("Subscription")]
    assert view.capital.text() == _("Choose a movement to see that member's contributions.")
    _select(qtbot, view, "payment")
    expected = _("{name} ({code}): paid {paid} of {subscribed}").format(
        name=NAME, code="S01", paid=money(D("40.00")), subscribed=money(D("200.00")))
    expected += " · " + _("deducted from her pay {deducted}").format(deducted=money(D("10.00")))
    expected += " · " + _("returned {returned}").format(returned=money(D("20.00")))
    assert view.capital.text() == expected


def test_a_void_that_breaks_her_history_is_refused_with_the_clis_sentence(qtbot, view):
    before = _movements(view.ctx.book)
    _select(qtbot, view, "payment")
    seen = _void_typing(qtbot, view, "pagado dos veces")
    assert seen["focus_is_reason"] and seen["open"]
    problem = _("by {day} S/ {returned} would have been returned to her but she paid"
                " S/ {paid}; she cannot be returned more than she paid").format(
        day="10/12/2022", returned="20.00", paid="0.00")
    assert seen["refusal"] == _("It cannot be voided: {problem}.").format(problem=problem)
    assert _movements(view.ctx.book) == before


def test_voiding_the_return_with_a_reason(qtbot, view):
    before = _movements(view.ctx.book)
    _select(qtbot, view, "return")
    number = view.selected().id
    seen = _void_typing(qtbot, view, "devuelto por error")
    assert seen["open"] is False
    after = _movements(view.ctx.book)
    assert after == [m if m[0] != number else (*m[:4], 1, "devuelto por error") for m in before]
    # The list refreshed on the runner's signal: the row says why; her capital is 60 of 200.
    def note_of_voided() -> str:
        rows = {view.model.index(r, COL_NUMBER).data(): r for r in range(view.model.rowCount())}
        return view.model.index(rows[f"{number:06d}"], COL_NOTE).data()

    qtbot.waitUntil(lambda: note_of_voided() == _("Voided: {reason}").format(
        reason="devuelto por error"))
    _select(qtbot, view, "payment")
    assert view.capital.text() == _("{name} ({code}): paid {paid} of {subscribed}").format(
        name=NAME, code="S01", paid=money(D("60.00")), subscribed=money(D("200.00"))) + (
        " · " + _("deducted from her pay {deducted}").format(deducted=money(D("10.00"))))
    _select(qtbot, view, "return")
    assert not view.void_button.isEnabled()  # voided once is voided


def test_a_movement_of_a_closed_month_cannot_be_voided(qtbot, view):
    close_month(view.ctx.book, year=2022, month=12)
    before = _movements(view.ctx.book)
    _select(qtbot, view, "return")
    seen = _void_typing(qtbot, view, "devuelto por error")
    assert seen["refusal"] == _(
        "The month {month} is closed: nothing dated in it can be added, changed or voided."
        " Record the correction in an open month and write the record it corrects in its"
        " Corrects field.").format(month=Month(2022, 12).label)
    assert _movements(view.ctx.book) == before


def test_her_receipt_and_certificate_from_the_list(qtbot, view, monkeypatch):
    from tests.reports.conftest import pdf_text

    shown: list[tuple[str, bytes]] = []
    monkeypatch.setattr("coopdesk.gui.views.receipts.show_document",
                        lambda _parent, title, pdf: shown.append((title, pdf)))
    _select(qtbot, view, "payment")
    number = view.selected().id
    qtbot.keyClick(view.print_button, Qt.Key.Key_Space)
    qtbot.keyClick(view.certificate_button, Qt.Key.Key_Space)
    assert [t for t, _pdf in shown] == [_("Contribution receipt"),
                                        _("Certificate of contributions")]
    receipt, certificate = (pdf_text(pdf) for _t, pdf in shown)
    assert f"{number:06d}" in receipt and NAME in receipt and "50.00" in receipt
    assert NAME in certificate and "200.00" in certificate
    assert "Asamblea 1, acuerdo 2" in certificate


def test_a_new_contribution_from_the_list_is_for_the_member_chosen(qtbot, view, monkeypatch):
    from coopdesk.gui.dialogs.contribution_dialog import ContributionDialog

    opened: list[ContributionDialog] = []
    monkeypatch.setattr(ContributionDialog, "exec", lambda self: opened.append(self) or 0)
    qtbot.keyClicks(view.search, "S02")
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Down)
    qtbot.keyClick(view.new_button, Qt.Key.Key_Space)
    assert len(opened) == 1 and opened[0].member.currentData() == "S02"
