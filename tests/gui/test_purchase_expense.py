import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog

from coopdesk.formats import money
from coopdesk.gui.dialogs.expense_dialog import ExpenseDialog
from coopdesk.gui.dialogs.purchase_dialog import PurchaseDialog
from coopdesk.services.queries import ListFilter, expenses_page, purchases_page


def test_new_purchase(qtbot, ctx):
    dialog = PurchaseDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.day.setDate(QDate(2022, 12, 15))
    qtbot.keyClicks(dialog.supplier.lineEdit(), "Comercial Quillabamba")
    qtbot.keyClicks(dialog.item.lineEdit(), "Leche en polvo")
    qtbot.keyClicks(dialog.quantity, "2.5")
    qtbot.keyClicks(dialog.unit.lineEdit(), "kg")
    qtbot.keyClicks(dialog.unit_price, "18.35")
    assert dialog.total.text() == money(Decimal("45.88"))  # 45.875 rounds half up
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    rows = purchases_page(ctx.book, ListFilter(text="Leche"), None, 10)
    assert len(rows) == 1
    assert rows[0].total == Decimal("45.88")
    assert rows[0].day == dt.date(2022, 12, 15)


@pytest.mark.parametrize("typed", ["S/ 12", "1.234,50", "-5", "abc"])
def test_bad_unit_price_in_a_purchase(qtbot, ctx, typed):
    dialog = PurchaseDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.supplier.lineEdit(), "Comercial Quillabamba")
    qtbot.keyClicks(dialog.item.lineEdit(), "Leche en polvo")
    qtbot.keyClicks(dialog.quantity, "1")
    qtbot.keyClicks(dialog.unit.lineEdit(), "kg")
    qtbot.keyClicks(dialog.unit_price, typed)
    assert dialog.error_label("unit_price").text() == ""  # not while she is typing
    assert not dialog.is_valid()
    qtbot.keyClick(dialog.unit_price, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.error_label("unit_price").text() == dialog.unit_price.error() != ""
    assert purchases_page(ctx.book, ListFilter(text="Leche"), None, 10) == []


def test_new_expense(qtbot, ctx):
    dialog = ExpenseDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.day.setDate(QDate(2022, 12, 2))
    qtbot.keyClicks(dialog.category.lineEdit(), "Transporte")
    qtbot.keyClicks(dialog.amount, "35")
    qtbot.keyClicks(dialog.note, "Envio a Cusco")
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    rows = expenses_page(ctx.book, ListFilter(text="Envio a Cusco"), None, 10)
    assert [(r.category, r.amount) for r in rows] == [("Transporte", Decimal("35.00"))]


@pytest.mark.parametrize("typed", ["S/ 12", "1.234,50", "-5", "abc", ""])
def test_bad_expense_amount(qtbot, ctx, typed):
    dialog = ExpenseDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.category.lineEdit(), "Transporte")
    qtbot.keyClicks(dialog.amount, typed or "1")
    if not typed:
        qtbot.keyClick(dialog.amount, Qt.Key.Key_Backspace)
    assert not dialog.is_valid()
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.error_label("amount").text() == dialog.amount.error() != ""


@pytest.mark.parametrize(("language", "hint"), [("en", "kg, unit…"), ("es", "kg, unidad…")])
def test_the_unit_hint_speaks_the_screens_language(qtbot, empty_ctx, language, hint):
    """The unit's hint was Spanish ("kg, unidad…") on the English screen (coordinator review)."""
    from coopdesk import i18n

    before = i18n.current_language()
    i18n.set_language(language)
    try:
        dialog = PurchaseDialog(empty_ctx)
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.unit.lineEdit().placeholderText() == hint
        qtbot.keyClicks(dialog.unit.lineEdit(), "kg")  # the hint is only a hint
        assert dialog.unit.currentText() == "kg"
    finally:
        i18n.set_language(before)
