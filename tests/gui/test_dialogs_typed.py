"""Every dialog as a coordinator uses it: typed with key events from the moment it opens.

Nothing here calls setText or button.click(): the keys go to whichever widget has the
focus, as they would at the desk. Enter saves (the record is read back with SQL and its
figures compared to ones computed here), Esc leaves (asking first when something was
typed), and Enter on a wrong form stays open on the first wrong field, its sentence
shown whole.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox, QPushButton

from coopdesk.gui.dialogs.expense_dialog import ExpenseDialog
from coopdesk.gui.dialogs.income_split_dialog import IncomeSplitDialog
from coopdesk.gui.dialogs.mark_paid_dialog import MarkPaidDialog
from coopdesk.gui.dialogs.member_dialog import MemberDialog
from coopdesk.gui.dialogs.payment_dialog import PaymentDialog
from coopdesk.gui.dialogs.purchase_dialog import PurchaseDialog
from coopdesk.gui.dialogs.sale_dialog import SaleDialog
from coopdesk.gui.dialogs.session_dialog import SessionDialog
from coopdesk.gui.dialogs.void_dialog import VoidDialog
from coopdesk.services.income_split import income_split_on
from coopdesk.services.payments import owed_to, void_expense
from coopdesk.services.queries import ListFilter, sales_page

CENT = Decimal("0.01")


# -- the keyboard ----------------------------------------------------------------------------


def focused():
    return QApplication.focusWidget()


def typed(qtbot, text: str) -> None:
    qtbot.keyClicks(focused(), text)


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focused(), key, modifier)


def tab(qtbot, times: int = 1) -> None:
    for _ in range(times):
        press(qtbot, Qt.Key.Key_Tab)


def opened(qtbot, dialog: QDialog) -> QDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: focused() is not None and focused().window() is dialog)
    return dialog


def answer_next_question(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> list[str]:
    """Answer the next message box by pressing *key*; return [its text] once it showed."""
    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen.append(box.text())
        qtbot.keyClick(box, key, modifier)

    QTimer.singleShot(0, answer)
    return seen


def whole(label: QLabel) -> bool:
    """Whether the label shows all of its sentence (wrapped, and tall enough)."""
    if not label.text() or not label.isVisible():
        return False
    if label.wordWrap():
        return label.heightForWidth(label.width()) <= label.height()
    return label.sizeHint().width() <= label.width()


def count(book, table: str) -> int:
    with book.read() as session:
        return session.connection().exec_driver_sql(f"SELECT count(*) FROM {table}").scalar()


def row(book, sql: str, *params):
    with book.read() as session:
        return session.connection().exec_driver_sql(sql, params).first()


def cents(value: Decimal) -> int:
    return int((value * 100).to_integral_value())


def assert_only_save_is_default(dialog: QDialog, save: QPushButton) -> None:
    for button in dialog.findChildren(QPushButton):
        if button is not save:
            assert not button.autoDefault() and not button.isDefault(), button.text()


# -- purchase --------------------------------------------------------------------------------


def test_a_purchase_typed_from_the_first_key_and_saved_with_enter(qtbot, ctx):
    before = count(ctx.book, "purchase")
    dialog = opened(qtbot, PurchaseDialog(ctx))
    assert focused() is dialog.day  # typing lands in the date
    assert_only_save_is_default(dialog, dialog.save_button)
    typed(qtbot, "15122022")
    tab(qtbot)
    assert dialog.day.text() == "15/12/2022"  # Tab left the date whole
    typed(qtbot, "Comercial Quillabamba")
    tab(qtbot)
    typed(qtbot, "Leche en polvo")
    tab(qtbot)
    typed(qtbot, "2,5")  # a decimal comma is read as a point
    tab(qtbot)
    typed(qtbot, "kg")
    tab(qtbot)
    typed(qtbot, "18,35")
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert count(ctx.book, "purchase") == before + 1
    expected = (Decimal("2.5") * Decimal("18.35")).quantize(CENT, ROUND_HALF_UP)  # 45.875
    saved = row(ctx.book, "SELECT p.day, s.name, i.name, p.unit, p.total FROM purchase p"
                " JOIN supplier s ON s.id = p.supplier_id JOIN input_item i ON i.id = p.item_id"
                " ORDER BY p.id DESC LIMIT 1")
    assert saved[0][:10] == "2022-12-15"
    assert saved[1:4] == ("Comercial Quillabamba", "Leche en polvo", "kg")
    assert saved[4] == cents(expected) == 4588


WRONG_PURCHASES = [
    ("day", "31022022", "31/02/2022 no existe en el calendario: revise el día y el mes."),
    ("day", "2202", "“2202” no es una fecha: escríbala como dd/mm/aaaa, por ejemplo 07/12/2026."),
    ("quantity", "1,234", "La cantidad “1,234” se puede leer de dos maneras: escriba 1234 sin la"
     " coma, o 1.234 con punto para los decimales."),
    ("unit_price", "1,234.5", "El precio unitario “1,234.5” tiene una coma y un punto: escríbalo"
     " sin separador de miles y con una sola marca decimal, por ejemplo 1234.50 o 1234,50."),
    ("unit_price", "S/ 12", "El precio unitario “S/ 12” no es un número: escriba solo el número,"
     " sin letras ni el signo S/, por ejemplo 8.50."),
]


@pytest.mark.parametrize(("field", "text", "sentence"), WRONG_PURCHASES)
def test_enter_on_a_wrong_purchase_stays_on_the_wrong_field(qtbot, ctx, field, text, sentence):
    before = count(ctx.book, "purchase")
    dialog = opened(qtbot, PurchaseDialog(ctx))
    good = {"day": "15122022", "supplier": "Comercial Quillabamba", "item": "Leche en polvo",
            "quantity": "2", "unit": "kg", "unit_price": "18.35"}
    good[field] = text
    for name in ("day", "supplier", "item", "quantity", "unit", "unit_price"):
        typed(qtbot, good[name])
        if name != "unit_price":
            tab(qtbot)
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.isVisible()
    target = dialog.field_widget(field)
    assert focused() is target
    label = dialog.error_label(field)
    assert label.text() == sentence
    qtbot.waitUntil(lambda: whole(label))
    assert count(ctx.book, "purchase") == before


def test_no_sentence_before_she_leaves_the_field(qtbot, ctx):
    dialog = opened(qtbot, PurchaseDialog(ctx))
    tab(qtbot, 3)  # to the quantity, nothing typed anywhere
    assert all(dialog.error_label(n).text() == "" for n in ("supplier", "item", "quantity"))
    typed(qtbot, "1,2345")
    assert dialog.error_label("quantity").text() == ""  # she is still typing
    save_at = dialog.save_button.mapTo(dialog, dialog.save_button.rect().topLeft())
    tab(qtbot)
    assert dialog.error_label("quantity").text() == (
        "La cantidad “1,2345” tiene más de 3 decimales.")
    # The sentence took its reserved line: Save did not move under the mouse.
    assert dialog.save_button.mapTo(dialog, dialog.save_button.rect().topLeft()) == save_at


# -- expense ---------------------------------------------------------------------------------


def test_an_expense_typed_and_saved_with_enter(qtbot, ctx):
    dialog = opened(qtbot, ExpenseDialog(ctx))
    assert focused() is dialog.day
    typed(qtbot, "2/12/2022")
    tab(qtbot)
    typed(qtbot, "Transporte")
    tab(qtbot)
    typed(qtbot, "13,40")
    tab(qtbot)
    typed(qtbot, "Envio a Cusco")
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = row(ctx.book, "SELECT day, category, amount, note FROM expense ORDER BY id DESC")
    assert saved[0][:10] == "2022-12-02"
    assert saved[1:] == ("Transporte", cents(Decimal("13.40")), "Envio a Cusco")


def test_esc_on_an_untouched_expense_just_closes(qtbot, ctx):
    before = count(ctx.book, "expense")
    dialog = opened(qtbot, ExpenseDialog(ctx))
    press(qtbot, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected
    assert count(ctx.book, "expense") == before


def test_esc_after_typing_asks_and_keeping_is_the_default(qtbot, ctx):
    before = count(ctx.book, "expense")
    dialog = opened(qtbot, ExpenseDialog(ctx))
    tab(qtbot)
    typed(qtbot, "Transporte")
    seen = answer_next_question(qtbot, Qt.Key.Key_Return)  # Enter: the default answer
    press(qtbot, Qt.Key.Key_Escape)
    assert seen == ["¿Descartar lo escrito?"]
    assert dialog.isVisible()  # Seguir editando
    qtbot.waitUntil(lambda: focused() is dialog.category)  # back where she was typing
    assert dialog.category.currentText() == "Transporte"
    seen = answer_next_question(qtbot, Qt.Key.Key_D)  # the D of &Descartar
    press(qtbot, Qt.Key.Key_Escape)
    assert seen == ["¿Descartar lo escrito?"]
    qtbot.waitUntil(lambda: not dialog.isVisible())  # Descartar
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert count(ctx.book, "expense") == before


# -- sale ------------------------------------------------------------------------------------


def test_a_sale_typed_in_reading_order_and_saved_with_enter(qtbot, ctx):
    dialog = opened(qtbot, SaleDialog(ctx))
    assert focused() is dialog.day
    assert_only_save_is_default(dialog, dialog.save_button)
    typed(qtbot, "20122022")
    tab(qtbot)
    assert focused() is dialog.buyer
    typed(qtbot, "Bodega Nueva")
    tab(qtbot)
    line = dialog.lines[0]
    assert focused() is line.product  # the product line comes before any button
    typed(qtbot, "Chocolate chuncho 70%")
    tab(qtbot)
    assert focused() is line.quantity
    typed(qtbot, "3")
    tab(qtbot)
    assert focused() is line.unit_price
    typed(qtbot, "8,50")  # arriving by Tab selected the filled-in price: typing replaces it
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    sale = row(ctx.book, "SELECT s.day, b.name, s.total, s.paid FROM sale s JOIN buyer b"
               " ON b.id = s.buyer_id ORDER BY s.receipt_number DESC")
    assert sale[0][:10] == "2022-12-20" and sale[1] == "Bodega Nueva"
    assert sale[2] == cents(Decimal(3) * Decimal("8.50")) and sale[3]


@pytest.mark.parametrize(("quantity", "sentence"), [
    ("", "Fila 1: Escriba la cantidad; está en blanco."),
    ("2,5,1", "Fila 1: La cantidad “2,5,1” tiene más de una coma: escríbalo sin separador de"
     " miles, por ejemplo 1234.50 o 1234,50."),
])
def test_enter_on_a_wrong_sale_line_focuses_it(qtbot, ctx, quantity, sentence):
    before = count(ctx.book, "sale")
    dialog = opened(qtbot, SaleDialog(ctx))
    typed(qtbot, "20122022")
    tab(qtbot)
    typed(qtbot, "Bodega Nueva")
    tab(qtbot)
    typed(qtbot, "Chocolate chuncho 70%")
    tab(qtbot)
    if quantity:
        typed(qtbot, quantity)
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert focused() is dialog.lines[0].quantity
    label = dialog.error_label("lines")
    assert label.text() == sentence
    qtbot.waitUntil(lambda: whole(label))
    assert count(ctx.book, "sale") == before


# -- payment ---------------------------------------------------------------------------------


def test_a_payment_typed_and_saved_with_enter(qtbot, ctx):
    day = dt.date(2022, 12, 31)
    assert owed_to(ctx.book, code="S01", on=day) >= Decimal("10.50")  # no advance asked
    before = count(ctx.book, "member_payment")
    dialog = opened(qtbot, PaymentDialog(ctx))
    assert focused() is dialog.member
    typed(qtbot, "S01")  # the list jumps to her by what is typed
    tab(qtbot)
    assert focused() is dialog.day
    typed(qtbot, "31122022")
    tab(qtbot)
    typed(qtbot, "10,50")
    tab(qtbot)
    typed(qtbot, "Hermana Lucia Huaman")
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert count(ctx.book, "member_payment") == before + 1
    saved = row(ctx.book, "SELECT m.code, p.day, p.amount, p.received_by FROM member_payment p"
                " JOIN member m ON m.id = p.member_id ORDER BY p.id DESC")
    assert saved[0] == "S01" and saved[1][:10] == "2022-12-31"
    assert saved[2:] == (1050, "Hermana Lucia Huaman")


def test_enter_without_a_member_focuses_the_member(qtbot, ctx):
    before = count(ctx.book, "member_payment")
    dialog = opened(qtbot, PaymentDialog(ctx))
    tab(qtbot, 2)
    typed(qtbot, "5")
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.isVisible() and focused() is dialog.member
    assert dialog.error_label("code").text() == "Elija a la socia a quien se le paga."
    assert count(ctx.book, "member_payment") == before


# -- member ----------------------------------------------------------------------------------


def test_a_member_typed_and_saved_with_enter(qtbot, ctx):
    dialog = opened(qtbot, MemberDialog(ctx))
    assert focused() is dialog.code
    typed(qtbot, "S90")
    tab(qtbot)
    typed(qtbot, "Maria Quispe Ttito")
    tab(qtbot)
    typed(qtbot, "41728365")
    tab(qtbot)
    typed(qtbot, "01032022")
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = row(ctx.book, "SELECT full_name, dni, joined_on, status FROM member WHERE code = 'S90'")
    assert saved[:2] == ("Maria Quispe Ttito", "41728365")
    assert saved[2][:10] == "2022-03-01" and saved[3] == "activa"


@pytest.mark.parametrize(("dni", "field"), [("4172", "dni"), ("4172836a", "dni")])
def test_a_short_dni_is_explained_in_full(qtbot, ctx, dni, field):
    before = count(ctx.book, "member")
    dialog = opened(qtbot, MemberDialog(ctx))
    typed(qtbot, "S91")
    tab(qtbot)
    typed(qtbot, "Juana Ccori")
    tab(qtbot)
    typed(qtbot, dni)
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.isVisible() and focused() is dialog.dni
    label = dialog.error_label(field)
    assert label.text() and "DNI" in label.text()
    qtbot.waitUntil(lambda: whole(label))
    assert count(ctx.book, "member") == before


# -- session ---------------------------------------------------------------------------------


def test_a_session_typed_and_saved_with_enter(qtbot, ctx):
    before = count(ctx.book, "workshop_session")
    dialog = opened(qtbot, SessionDialog(ctx, workshop=2))
    assert focused() is dialog.workshop
    assert dialog.error_label("held_on").text() == ""  # nothing red before she typed
    tab(qtbot)
    typed(qtbot, "15/11/2022")
    tab(qtbot)
    typed(qtbot, "Lic. Ana Torres")
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert count(ctx.book, "workshop_session") == before + 1
    saved = row(ctx.book, "SELECT w.number, s.held_on, s.facilitator FROM workshop_session s"
                " JOIN workshop w ON w.id = s.workshop_id ORDER BY s.id DESC")
    assert saved[0] == 2 and saved[1][:10] == "2022-11-15" and saved[2] == "Lic. Ana Torres"


def test_a_session_on_a_year_out_of_range_stays_open(qtbot, ctx):
    before = count(ctx.book, "workshop_session")
    dialog = opened(qtbot, SessionDialog(ctx))
    tab(qtbot)
    typed(qtbot, "15112202")
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.isVisible() and focused() is dialog.held_on
    assert dialog.error_label("held_on").text() == (
        "La fecha 15/11/2202 está fuera de los años que maneja coopdesk (2000 a 2099).")
    assert count(ctx.book, "workshop_session") == before


# -- mark paid -------------------------------------------------------------------------------


def pending_sale(book):
    return next(s for s in sales_page(book, ListFilter(), None, 500) if not s.paid and not s.voided)


def test_a_sale_marked_paid_with_a_typed_date(qtbot, ctx):
    sale = pending_sale(ctx.book)
    paid_on = sale.day + dt.timedelta(days=3)
    dialog = opened(qtbot, MarkPaidDialog(ctx, sale, str(sale.receipt_number)))
    assert focused() is dialog.paid_on
    typed(qtbot, paid_on.strftime("%d%m%Y"))
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = row(ctx.book, "SELECT paid, paid_on FROM sale WHERE receipt_number = ?",
                sale.receipt_number)
    assert saved[0] and saved[1][:10] == paid_on.isoformat()


def test_a_payment_date_before_the_sale_is_refused(qtbot, ctx):
    sale = pending_sale(ctx.book)
    dialog = opened(qtbot, MarkPaidDialog(ctx, sale, str(sale.receipt_number)))
    typed(qtbot, (sale.day - dt.timedelta(days=1)).strftime("%d/%m/%Y"))
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.isVisible() and focused() is dialog.paid_on
    assert dialog.error_label("paid_on").text() == "La fecha de pago es anterior a la venta."
    saved = row(ctx.book, "SELECT paid, paid_on FROM sale WHERE receipt_number = ?",
                sale.receipt_number)
    assert not saved[0] and saved[1] is None


# -- void ------------------------------------------------------------------------------------


def void_dialog(ctx):
    uuid = row(ctx.book, "SELECT uuid FROM expense WHERE voided_at IS NULL ORDER BY id")[0]
    dialog = VoidDialog(ctx, what="El gasto",
                        void=lambda reason: void_expense(ctx.book, uuid=uuid, reason=reason))
    return uuid, dialog


def test_a_record_voided_with_a_typed_reason(qtbot, ctx):
    uuid, dialog = void_dialog(ctx)
    opened(qtbot, dialog)
    assert focused() is dialog.reason
    assert_only_save_is_default(dialog, dialog.save_button)
    typed(qtbot, "Digitado dos veces")
    press(qtbot, Qt.Key.Key_Enter)  # the keypad's Enter too
    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = row(ctx.book, "SELECT voided_at, void_reason FROM expense WHERE uuid = ?", uuid)
    assert saved[0] is not None and saved[1] == "Digitado dos veces"


def test_enter_without_a_reason_voids_nothing(qtbot, ctx):
    uuid, dialog = void_dialog(ctx)
    opened(qtbot, dialog)
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.isVisible() and focused() is dialog.reason
    assert dialog.error_label("reason").text() == "Escriba el motivo; está en blanco."
    assert row(ctx.book, "SELECT voided_at FROM expense WHERE uuid = ?", uuid)[0] is None
    press(qtbot, Qt.Key.Key_Escape)  # nothing typed: it just closes
    assert not dialog.isVisible()


# -- income split ----------------------------------------------------------------------------


def test_the_income_split_typed_and_saved_with_enter(qtbot, ctx):
    dialog = opened(qtbot, IncomeSplitDialog(ctx))
    assert focused() is dialog.day
    typed(qtbot, "01012023")
    tab(qtbot)
    assert focused() is dialog.on
    if not dialog.on.isChecked():
        press(qtbot, Qt.Key.Key_Space)
    for part in ("60", "30", "10"):
        tab(qtbot)
        typed(qtbot, part)  # arriving by Tab selected the shown percentage
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    split = income_split_on(ctx.book, dt.date(2023, 1, 1))
    assert (split.member, split.reparation, split.institution) == (60, 30, 10)


def test_parts_that_do_not_add_up_are_refused(qtbot, ctx):
    before = income_split_on(ctx.book, dt.date(2023, 1, 1))
    dialog = opened(qtbot, IncomeSplitDialog(ctx))
    typed(qtbot, "01012023")
    tab(qtbot, 2)
    typed(qtbot, "65,5")
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.isVisible()
    shown = dialog.error_label("institution").text() or dialog.general_error.text()
    assert "100" in shown
    assert income_split_on(ctx.book, dt.date(2023, 1, 1)) == before


# -- Esc on every form ------------------------------------------------------------------------

ESC_CASES = {
    "member": (lambda ctx: MemberDialog(ctx), "S95", "member"),
    "sale": (lambda ctx: SaleDialog(ctx), "20122022", "sale"),
    "purchase": (lambda ctx: PurchaseDialog(ctx), "15122022", "purchase"),
    "payment": (lambda ctx: PaymentDialog(ctx), "S01", "member_payment"),
    "expense": (lambda ctx: ExpenseDialog(ctx), "02122022", "expense"),
    "void": (lambda ctx: void_dialog(ctx)[1], "Digitado dos veces", "expense WHERE voided_at"
             " IS NOT NULL"),
    "session": (lambda ctx: SessionDialog(ctx), "3", "workshop_session"),
    "mark_paid": (lambda ctx: MarkPaidDialog(ctx, pending_sale(ctx.book), "1"), "31122022",
                  "sale WHERE paid"),
    "income_split": (lambda ctx: IncomeSplitDialog(ctx), "01012023", "setting"),
}


@pytest.mark.parametrize("case", sorted(ESC_CASES))
def test_esc_on_every_form_closes_untouched_and_asks_once_typed(qtbot, ctx, case):
    make, text, table = ESC_CASES[case]
    before = count(ctx.book, table)
    untouched = opened(qtbot, make(ctx))
    press(qtbot, Qt.Key.Key_Escape)  # nothing typed: it just closes
    assert not untouched.isVisible()

    dialog = opened(qtbot, make(ctx))
    typed(qtbot, text)  # into the first field, which has the focus
    seen = answer_next_question(qtbot, Qt.Key.Key_Escape)  # Esc in the question: keep editing
    press(qtbot, Qt.Key.Key_Escape)
    assert seen == ["¿Descartar lo escrito?"] and dialog.isVisible()
    qtbot.waitUntil(lambda: focused() is not None and focused().window() is dialog)
    seen = answer_next_question(qtbot, Qt.Key.Key_D)
    press(qtbot, Qt.Key.Key_Escape)
    assert seen == ["¿Descartar lo escrito?"]
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert count(ctx.book, table) == before


def test_enter_inside_a_combo_box_does_not_bypass_the_check(qtbot, ctx):
    before = count(ctx.book, "purchase")
    dialog = opened(qtbot, PurchaseDialog(ctx))
    typed(qtbot, "15122022")
    tab(qtbot)
    typed(qtbot, "Comercial Quillabamba")
    assert focused() is dialog.supplier
    press(qtbot, Qt.Key.Key_Return)  # in the supplier's box, the input still missing
    assert dialog.isVisible() and focused() is dialog.item
    assert dialog.error_label("item").text() == "Escriba el insumo; está en blanco."
    assert count(ctx.book, "purchase") == before
    payment = opened(qtbot, PaymentDialog(ctx))
    assert focused() is payment.member  # a list that is not typed in
    press(qtbot, Qt.Key.Key_Enter)
    assert payment.isVisible() and focused() is payment.member


@pytest.mark.parametrize("case", sorted(ESC_CASES))
def test_tab_walks_the_fields_in_reading_order_then_the_buttons(qtbot, ctx, case):
    dialog = opened(qtbot, ESC_CASES[case][0](ctx))
    start, visited = focused(), []
    for _ in range(40):
        visited.append(focused())
        tab(qtbot)
        if focused() is start:
            break
    fields = [dialog.focus_target(name) for name in dialog._fields]
    stops = [w for w in fields if w in visited]
    assert stops == sorted(stops, key=visited.index)  # the form's order, top to bottom
    assert visited.index(dialog.save_button) > max(visited.index(w) for w in stops)
    assert dialog.cancel_button in visited


@pytest.mark.parametrize("case", sorted(ESC_CASES))
def test_every_form_fits_a_1366x768_screen_above_the_taskbar(qtbot, ctx, case):
    dialog = opened(qtbot, ESC_CASES[case][0](ctx))
    # 768 minus a 40-pixel taskbar and a 30-pixel title bar; the whole width.
    assert dialog.height() <= 768 - 40 - 30 and dialog.width() <= 1366
    bottom = dialog.save_button.mapTo(dialog, QPoint(0, dialog.save_button.height())).y()
    assert bottom <= dialog.height()
