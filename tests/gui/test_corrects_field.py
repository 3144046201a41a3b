"""The "Corrects" field of the sale, purchase, payment and expense dialogs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog

from coopdesk.gui.dialogs.expense_dialog import ExpenseDialog
from coopdesk.gui.dialogs.payment_dialog import PaymentDialog
from coopdesk.gui.dialogs.purchase_dialog import PurchaseDialog
from coopdesk.gui.dialogs.sale_dialog import SaleDialog
from coopdesk.services.months import close_month
from coopdesk.services.payments import record_expense, void_expense
from coopdesk.services.trade import void_sale


def _one(book, sql, *params):
    with book.read() as session:
        return session.connection().exec_driver_sql(sql, params).first()


def _count(book, table):
    return _one(book, f"SELECT count(*) FROM {table}")[0]


@pytest.fixture
def voided_first_sale(ctx):
    """Receipt 1 voided, and its month (January 2022) closed; return its uuid."""
    void_sale(ctx.book, receipt_number=1, reason="wrong price")
    close_month(ctx.book, year=2022, month=1)
    return _one(ctx.book, "SELECT uuid FROM sale WHERE receipt_number = 1")[0]


def _sale_dialog(qtbot, ctx):
    dialog = SaleDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.day.setDate(QDate(2022, 12, 20))
    qtbot.keyClicks(dialog.buyer.lineEdit(), "Bodega Nueva")
    line = dialog.lines[0]
    qtbot.keyClicks(line.product.lineEdit(), "Chocolate chuncho 70%")
    qtbot.keyClicks(line.quantity, "3")
    return dialog


def test_a_sale_typed_as_the_correction_of_receipt_1(qtbot, ctx, voided_first_sale):
    dialog = _sale_dialog(qtbot, ctx)
    assert dialog.is_valid()  # empty: corrects nothing
    qtbot.keyClicks(dialog.corrects.lineEdit(), "001-999999")
    qtbot.keyClick(dialog.corrects.lineEdit(), Qt.Key.Key_Return)  # refused: stays open
    error = dialog.error_label("corrects")
    assert dialog.isVisible() and "001-999999" in error.text()
    assert not dialog.is_valid()
    dialog.corrects.lineEdit().clear()
    qtbot.keyClicks(dialog.corrects.lineEdit(), "001-000001")
    assert error.text() == ""
    qtbot.keyClick(dialog.corrects.lineEdit(), Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    number = dialog.result_value.receipt_number
    linked = _one(ctx.book, "SELECT corrects_uuid FROM sale WHERE receipt_number = ?", number)
    assert linked == (voided_first_sale,)


def test_a_live_sale_of_an_open_month_is_refused_beside_the_field(qtbot, ctx):
    last = _one(ctx.book, "SELECT max(receipt_number) FROM sale WHERE voided_at IS NULL")[0]
    dialog = _sale_dialog(qtbot, ctx)
    qtbot.keyClicks(dialog.corrects.lineEdit(), str(last))
    qtbot.keyClick(dialog.corrects.lineEdit(), Qt.Key.Key_Return)
    assert f"{last:06d}" in dialog.error_label("corrects").text()
    assert not dialog.is_valid()


def test_the_voided_sale_can_be_picked_from_the_list(qtbot, ctx, voided_first_sale):
    dialog = _sale_dialog(qtbot, ctx)
    index = dialog.corrects.findData(voided_first_sale)
    assert index > 0 and "001-000001" in dialog.corrects.itemText(index)
    dialog.corrects.setCurrentIndex(index)
    assert dialog.corrects.value() == voided_first_sale
    count = _count(ctx.book, "sale")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert _count(ctx.book, "sale") == count + 1
    assert _one(ctx.book, "SELECT corrects_uuid FROM sale ORDER BY id DESC LIMIT 1") == (
        voided_first_sale,)


def test_an_expense_corrects_a_voided_expense_picked_from_the_list(qtbot, ctx):
    wrong = record_expense(ctx.book, day=dt.date(2022, 12, 19), category="Transporte",
                           amount=Decimal("30"))
    void_expense(ctx.book, uuid=wrong.uuid, reason="it was 3.00")
    dialog = ExpenseDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.day.setDate(QDate(2022, 12, 21))
    qtbot.keyClicks(dialog.category.lineEdit(), "Transporte")
    qtbot.keyClicks(dialog.amount, "3.00")
    index = dialog.corrects.findData(wrong.uuid)
    assert index == 1  # the latest voided expense comes first
    dialog.corrects.setCurrentIndex(index)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert _one(ctx.book, "SELECT corrects_uuid FROM expense WHERE id = ?",
                dialog.result_value.id) == (wrong.uuid,)


@pytest.mark.parametrize("dialog_class", [PaymentDialog, PurchaseDialog, ExpenseDialog])
def test_a_record_that_is_not_there_is_named_beside_the_field(qtbot, ctx, dialog_class):
    dialog = dialog_class(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.corrects.lineEdit(), "424242")
    qtbot.keyClick(dialog.corrects.lineEdit(), Qt.Key.Key_Return)
    error = dialog.error_label("corrects")
    assert dialog.isVisible() and "424242" in error.text()
    assert not dialog.is_valid()


def test_the_lists_mark_a_correction_with_what_it_corrects(qtbot, ctx, voided_first_sale):
    from coopdesk.domain.trade import SaleLine
    from coopdesk.gui.models.sales_model import COL_REFERENCE
    from coopdesk.gui.views.expenses_view import ExpensesView
    from coopdesk.gui.views.sales_view import SalesView
    from coopdesk.i18n import _
    from coopdesk.services.trade import record_sale

    sale = record_sale(ctx.book, day=dt.date(2022, 12, 20), buyer="Bodega Nueva", paid=True,
                       corrects="1", lines=[SaleLine("Chocolate chuncho 70%", Decimal(1),
                                                     Decimal("8.50"))])
    view = SalesView(ctx)
    qtbot.addWidget(view)
    view.show()
    texts = {view.model.row_at(r).receipt_number: view.model.index(r, COL_REFERENCE).data()
             for r in range(view.model.rowCount())}
    mark = _("Corrects {what}").format(what=_("receipt {number}").format(number="001-000001"))
    assert texts[sale.receipt_number] == mark
    assert sum(mark in (t or "") for t in texts.values()) == 1
    expenses = ExpensesView(ctx)  # a list without corrections shows its notes as before
    qtbot.addWidget(expenses)
    expenses.show()
    assert not any(_("Corrects {what}").split("{")[0] in (expenses.model.index(r, 3).data() or "")
                   for r in range(expenses.model.rowCount()))


def test_a_live_purchase_of_a_closed_month_is_picked_from_the_list(qtbot, ctx):
    """A purchase has no receipt number to type: the list offers closed months' purchases."""
    from coopdesk.i18n import _

    close_month(ctx.book, year=2022, month=1)
    uuid, day = _one(ctx.book, "SELECT uuid, day FROM purchase WHERE voided_at IS NULL"
                               " AND day < '2022-02-01' ORDER BY day DESC, id DESC LIMIT 1")
    dialog = PurchaseDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.day.setDate(QDate(2022, 12, 20))
    qtbot.keyClicks(dialog.supplier.lineEdit(), "Cacao Chuncho")
    qtbot.keyClicks(dialog.item.lineEdit(), "Cacao")
    qtbot.keyClicks(dialog.quantity, "1")
    qtbot.keyClicks(dialog.unit.lineEdit(), "kg")
    qtbot.keyClicks(dialog.unit_price, "12.00")
    index = dialog.corrects.findData(uuid)
    assert index > 0
    text = dialog.corrects.itemText(index)
    expected_day = f"{day[8:10]}/{day[5:7]}/{day[:4]}"
    assert expected_day in text and text.endswith(_("(closed month)"))
    assert dialog.corrects.count() <= 1 + 2 * 30  # bounded: latest voided + latest closed
    dialog.corrects.setCurrentIndex(index)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert _one(ctx.book, "SELECT corrects_uuid FROM purchase WHERE id = ?",
                dialog.result_value.id) == (uuid,)


def test_another_members_payment_is_refused_beside_the_field(qtbot, ctx):
    from coopdesk.services.payments import pay_member, void_payment
    from coopdesk.services.queries import active_members

    (first, _n1), (second, _n2) = active_members(ctx.book)[:2]
    theirs = pay_member(ctx.book, code=second, day=dt.date(2022, 12, 19), amount=Decimal(1),
                        confirm_advance=True)
    void_payment(ctx.book, uuid=theirs.uuid, reason="wrong member")
    name = _one(ctx.book, "SELECT full_name FROM member WHERE code = ?", second)[0]
    dialog = PaymentDialog(ctx, code=first)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.day.setDate(QDate(2022, 12, 20))
    qtbot.keyClicks(dialog.amount, "1.00")
    qtbot.keyClicks(dialog.corrects.lineEdit(), f"{theirs.id:06d}")
    qtbot.keyClick(dialog.corrects.lineEdit(), Qt.Key.Key_Return)
    error = dialog.error_label("corrects")
    assert dialog.isVisible() and name in error.text()
    assert not dialog.is_valid()
    dialog.member.setCurrentIndex(dialog.member.findData(second))
    assert error.text() == ""
