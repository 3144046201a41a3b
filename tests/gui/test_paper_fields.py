"""The sale and purchase forms' paper receipt and RUC/DNI, typed with keys from when they open.

The forms reach the two rows with Tab from the reference, choose the receipt type with
the arrow keys, type series and number, press Enter. Bad input stays on the form with
the import's sentence beside the row and writes nothing; a supplier's known RUC is
filled in, and a different one is refused by the service next to the field.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog

from coopdesk.gui.dialogs.purchase_dialog import PurchaseDialog
from coopdesk.gui.dialogs.sale_dialog import SaleDialog
from coopdesk.gui.models.purchases_model import COL_DOCUMENT, COL_PAPER, PurchasesModel
from coopdesk.i18n import _
from coopdesk.services.queries import ListFilter, purchases_page
from tests.gui.keys import KEY_D, answer_question

RUC = "20131312955"  # a real company's RUC: check digit 5


def _rows(book, table: str) -> list[tuple]:
    party = "buyer" if table == "sale" else "supplier"
    key = "buyer_id" if table == "sale" else "supplier_id"
    with book.read() as r:
        return [tuple(x) for x in r.connection().exec_driver_sql(
            f"SELECT t.receipt_type, t.receipt_series, p.name, p.doc_type, p.doc_number"
            f" FROM {table} t JOIN {party} p ON p.id = t.{key} ORDER BY t.id")]


def _tab_to(qtbot, dialog, start, target) -> None:
    """Press Tab from *start* until *target* has the focus (at most 12 times)."""
    start.setFocus()
    for _i in range(12):
        if dialog.focusWidget() is target:
            return
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {target!r}")


def _sale(qtbot, ctx) -> SaleDialog:
    dialog = SaleDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    dialog.day.setDate(QDate(2022, 12, 20))
    qtbot.keyClicks(dialog.buyer.lineEdit(), "Supermercados del Sur")
    line = dialog.lines[0]
    qtbot.keyClicks(line.product.lineEdit(), "Chocolate chuncho 70%")
    qtbot.keyClicks(line.quantity, "2")
    return dialog


def test_a_sale_with_its_boleta_and_the_buyers_ruc(qtbot, ctx):
    before = _rows(ctx.book, "sale")
    dialog = _sale(qtbot, ctx)
    _tab_to(qtbot, dialog, dialog.reference, dialog.paper.receipt_type)
    qtbot.keyClick(dialog.paper.receipt_type, Qt.Key.Key_Down)  # No receipt → boleta
    qtbot.keyClick(dialog.paper.receipt_type, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.focusWidget(), "b001-456")
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)  # "RUC or DNI": the length says
    qtbot.keyClicks(dialog.focusWidget(), RUC)
    assert dialog.focusWidget() is dialog.paper.doc_number
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert _rows(ctx.book, "sale") == [*before, ("03", "B001-456", "Supermercados del Sur",
                                                 "RUC", RUC)]


@pytest.mark.parametrize(("number", "sentence"), [
    ("20131312956", _("The RUC {ruc} is not valid: its last digit should be {digit}. Check it"
                      " against the SUNAT card.").format(ruc="20131312956", digit=5)),
    ("4012345", _("The DNI “{dni}” must have exactly 8 digits (or leave it empty).").format(
        dni="4012345")),
])
def test_a_wrong_document_stays_on_the_form_with_its_sentence(qtbot, ctx, number, sentence):
    before = _rows(ctx.book, "sale")
    dialog = _sale(qtbot, ctx)
    if len(number) == 7:
        _tab_to(qtbot, dialog, dialog.paper.receipt_series, dialog.paper.doc_type)
        qtbot.keyClick(dialog.paper.doc_type, Qt.Key.Key_Down)
        qtbot.keyClick(dialog.paper.doc_type, Qt.Key.Key_Down)  # DNI
        assert dialog.paper.doc_type.currentData() == "DNI"
    _tab_to(qtbot, dialog, dialog.paper.receipt_series, dialog.paper.doc_number)
    qtbot.keyClicks(dialog.paper.doc_number, number)
    qtbot.keyClick(dialog.paper.doc_number, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.error_label("doc_number").text() == sentence
    assert dialog.focusWidget() is dialog.paper.doc_number  # the first wrong field
    assert _rows(ctx.book, "sale") == before


def test_a_series_without_its_type_and_a_type_without_series(qtbot, ctx):
    before = _rows(ctx.book, "sale")
    dialog = _sale(qtbot, ctx)
    _tab_to(qtbot, dialog, dialog.reference, dialog.paper.receipt_type)
    qtbot.keyClick(dialog.paper.receipt_type, Qt.Key.Key_Down)  # boleta, no series typed
    qtbot.keyClick(dialog.paper.receipt_type, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.error_label("receipt_series").text() == _(
        "The series and number “{text}” must be written like B001-123 (up to 4 letters or"
        " digits, a dash, up to 8 digits).").format(text="")
    qtbot.keyClicks(dialog.paper.receipt_series, "B001-9")
    seen = answer_question(KEY_D)  # Esc asks; D discards
    qtbot.keyClick(dialog.paper.receipt_series, Qt.Key.Key_Escape)
    assert seen and seen[0]["title"] == _("Discard what you typed?")
    assert not dialog.isVisible()
    assert _rows(ctx.book, "sale") == before


def _purchase(qtbot, ctx) -> PurchaseDialog:
    dialog = PurchaseDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    dialog.day.setDate(QDate(2022, 12, 15))
    return dialog


def _type_purchase(qtbot, dialog, supplier: str) -> None:
    qtbot.keyClicks(dialog.supplier.lineEdit(), supplier)
    qtbot.keyClicks(dialog.item.lineEdit(), "Azucar rubia")
    qtbot.keyClicks(dialog.quantity, "2")
    qtbot.keyClicks(dialog.unit.lineEdit(), "kg")
    qtbot.keyClicks(dialog.unit_price, "4.20")


def test_a_purchase_with_its_factura_then_the_suppliers_ruc_is_filled_in(qtbot, ctx):
    before = _rows(ctx.book, "purchase")
    dialog = _purchase(qtbot, ctx)
    _type_purchase(qtbot, dialog, "Distribuidora Cusco")
    _tab_to(qtbot, dialog, dialog.reference, dialog.paper.receipt_type)
    for _i in range(2):
        qtbot.keyClick(dialog.paper.receipt_type, Qt.Key.Key_Down)  # → boleta → factura
    qtbot.keyClicks(dialog.paper.receipt_series, "F001-88")
    _tab_to(qtbot, dialog, dialog.paper.receipt_series, dialog.paper.doc_number)
    qtbot.keyClicks(dialog.paper.doc_number, RUC)
    qtbot.keyClick(dialog.paper.doc_number, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert _rows(ctx.book, "purchase") == [*before, ("01", "F001-88", "Distribuidora Cusco",
                                                     "RUC", RUC)]
    # The list shows the paper receipt and the supplier's RUC.
    model = PurchasesModel()
    model.set_rows(purchases_page(ctx.book, ListFilter(text="F001-88"), None, 10))
    assert model.rowCount() == 1
    assert model.index(0, COL_PAPER).data() == _("Invoice (factura)") + " F001-88"
    assert model.index(0, COL_DOCUMENT).data() == f"RUC {RUC}"

    # Next time her RUC is there as soon as she is chosen; a different one is refused.
    dialog = _purchase(qtbot, ctx)
    _type_purchase(qtbot, dialog, "Distribuidora Cusco")
    assert (dialog.paper.doc_type.currentData(), dialog.paper.doc_number.text()) == ("RUC", RUC)
    _tab_to(qtbot, dialog, dialog.paper.receipt_series, dialog.paper.doc_number)
    qtbot.keyClick(dialog.paper.doc_number, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.paper.doc_number, "20100047218")
    qtbot.keyClick(dialog.paper.doc_number, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.error_label("doc_number").text() == _(
        "{name} already has {kind} {number} in the book; leave the document empty or type"
        " that one.").format(name="Distribuidora Cusco", kind="RUC", number=RUC)
    assert len(_rows(ctx.book, "purchase")) == len(before) + 1


def test_a_known_document_is_taken_away_when_the_name_becomes_another(qtbot, ctx):
    dialog = _purchase(qtbot, ctx)
    _type_purchase(qtbot, dialog, "Distribuidora Cusco")
    _tab_to(qtbot, dialog, dialog.paper.receipt_series, dialog.paper.doc_number)
    qtbot.keyClicks(dialog.paper.doc_number, RUC)
    qtbot.keyClick(dialog.paper.doc_number, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    before = _rows(ctx.book, "purchase")

    # "Distribuidora Cusco" is filled in on the way to "Distribuidora Cusco Sur", a new
    # supplier: her RUC must not go with the new name.
    dialog = _purchase(qtbot, ctx)
    _type_purchase(qtbot, dialog, "Distribuidora Cusco")
    assert dialog.paper.doc_number.text() == RUC
    qtbot.keyClicks(dialog.supplier.lineEdit(), " Sur")
    assert (dialog.paper.doc_type.currentData(), dialog.paper.doc_number.text()) == ("", "")
    qtbot.keyClick(dialog.supplier.lineEdit(), Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert _rows(ctx.book, "purchase") == [*before, (None, None, "Distribuidora Cusco Sur",
                                                     None, None)]
