import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog

from coopdesk.domain.errors import InvalidInput
from coopdesk.domain.money import parse_quantity
from coopdesk.formats import money
from coopdesk.gui.dialogs.sale_dialog import SaleDialog
from coopdesk.i18n import _
from coopdesk.services.trade import sale_by_number, set_product_price


def _sales_count(book):
    with book.read() as session:
        return session.connection().exec_driver_sql("SELECT count(*) FROM sale").scalar()


def _open(qtbot, ctx):
    dialog = SaleDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.day.setDate(QDate(2022, 12, 20))
    return dialog


def test_new_sale_is_saved_with_the_next_receipt_number(qtbot, ctx):
    count = _sales_count(ctx.book)
    dialog = _open(qtbot, ctx)
    assert not dialog.is_valid()
    qtbot.keyClicks(dialog.buyer.lineEdit(), "Bodega Nueva")
    line = dialog.lines[0]
    qtbot.keyClicks(line.product.lineEdit(), "Chocolate chuncho 70%")
    assert line.unit_price.text() == "8.50"  # the demo's price of every bar
    qtbot.keyClicks(line.quantity, "3")
    second = dialog.add_line()
    qtbot.keyClicks(second.product.lineEdit(), "Chocolate con miel")
    qtbot.keyClicks(second.quantity, "2.5")
    # 3 × 8.50 + 2.5 × 8.50 = 25.50 + 21.25
    assert dialog.total.text() == money(Decimal("46.75"))
    qtbot.keyClick(dialog.paid, Qt.Key.Key_Space)  # the keyboard way to untick "paid"
    assert not dialog.paid.isChecked()
    assert dialog.is_valid()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.result_value.receipt_number == count + 1
    with ctx.book.transaction() as session:
        sale = sale_by_number(session, count + 1)
        assert sale.total == Decimal("46.75")
        assert sale.paid is False
        assert sale.day == dt.date(2022, 12, 20)
    assert _sales_count(ctx.book) == count + 1


def test_price_in_force_on_the_sale_date_is_filled_in(qtbot, ctx):
    set_product_price(
        ctx.book, product="Chocolate con miel", valid_from=dt.date(2022, 12, 1),
        price=Decimal("9.20"),
    )
    dialog = _open(qtbot, ctx)
    line = dialog.lines[0]
    qtbot.keyClicks(line.product.lineEdit(), "Chocolate con miel")
    assert line.unit_price.value() == Decimal("9.20")
    dialog.day.setDate(QDate(2022, 11, 20))
    assert line.unit_price.value() == Decimal("8.50")


def test_enter_saves_and_escape_cancels(qtbot, ctx):
    count = _sales_count(ctx.book)
    dialog = _open(qtbot, ctx)
    qtbot.keyClicks(dialog.buyer.lineEdit(), "Familia Quispe")
    line = dialog.lines[0]
    qtbot.keyClicks(line.product.lineEdit(), "Chocolate blend")
    qtbot.keyClicks(line.quantity, "1")
    qtbot.keyClick(line.quantity, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert _sales_count(ctx.book) == count + 1

    other = _open(qtbot, ctx)
    qtbot.keyClick(other, Qt.Key.Key_Escape)
    assert other.result() == QDialog.DialogCode.Rejected
    assert _sales_count(ctx.book) == count + 1


@pytest.mark.parametrize("typed", ["S/ 12", "1.234.50", "-5", "abc", ""])
def test_bad_quantity_is_explained_and_nothing_is_saved(qtbot, ctx, typed):
    count = _sales_count(ctx.book)
    dialog = _open(qtbot, ctx)
    qtbot.keyClicks(dialog.buyer.lineEdit(), "Bodega Rosa")
    line = dialog.lines[0]
    qtbot.keyClicks(line.product.lineEdit(), "Chocolate blend")
    if typed:
        qtbot.keyClicks(line.quantity, typed)
    else:
        qtbot.keyClicks(line.quantity, "5")
        qtbot.keyClick(line.quantity, Qt.Key.Key_Backspace)
    with pytest.raises(InvalidInput) as refused:
        parse_quantity(typed, what=_("the quantity"))
    label = dialog.error_label("lines")
    assert not dialog.is_valid()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(line.quantity, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert refused.value.message in label.text()
    assert _sales_count(ctx.book) == count


def test_empty_buyer_is_explained(qtbot, ctx):
    dialog = _open(qtbot, ctx)
    qtbot.keyClicks(dialog.buyer.lineEdit(), "x")
    qtbot.keyClick(dialog.buyer.lineEdit(), Qt.Key.Key_Backspace)
    qtbot.keyClick(dialog.buyer.lineEdit(), Qt.Key.Key_Return)
    label = dialog.error_label("buyer")
    assert dialog.isVisible()
    assert label.text() == _("Write {what}; it is empty.").format(what=_("the buyer"))
