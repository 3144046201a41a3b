"""`make screenshots`: the desk on a temporary demo book, every screen and main dialog as PNG.

Run under Xvfb at 1366×768: ``python -m coopdesk.gui.screenshots docs/screenshots``.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QApplication, QWidget

from coopdesk.gui.actions import SCREENS


def _settle(app: QApplication, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()


def _save(app: QApplication, widget: QWidget, path: Path) -> Path:
    _settle(app)
    widget.grab().save(str(path))
    print(path)
    return path


def _dialogs(app, ctx, window, out: Path) -> None:
    from coopdesk.gui.dialogs.expense_dialog import ExpenseDialog
    from coopdesk.gui.dialogs.member_dialog import MemberDialog
    from coopdesk.gui.dialogs.payment_dialog import PaymentDialog
    from coopdesk.gui.dialogs.purchase_dialog import PurchaseDialog
    from coopdesk.gui.dialogs.sale_dialog import SaleDialog
    from coopdesk.gui.dialogs.void_dialog import VoidDialog
    from coopdesk.services.queries import ListFilter, members_page

    sale = SaleDialog(ctx, parent=window)
    sale.day.setDate(QDate(2022, 12, 20))
    sale.buyer.setCurrentText("Bodega Rosa")
    first = sale.lines[0]
    first.product.setCurrentText("Chocolate chuncho 70%")
    first.quantity.setText("24")
    second = sale.add_line()
    second.product.setCurrentText("Chocolate con miel")
    second.quantity.setText("1.234,50")
    sale.touch_all()
    sale.show()
    _save(app, sale, out / "dialog-01-new-sale.png")
    second.quantity.setText("12")
    sale.paid.setChecked(False)
    _save(app, sale, out / "dialog-02-new-sale-valid.png")
    sale.done(0)  # closed by the script: no "discard what you typed?" question

    pay = PaymentDialog(ctx, code="S01", parent=window)
    pay.day.setDate(QDate(2022, 12, 31))
    pay.amount.setText("S/ 12")
    pay.touch_all()
    pay.show()
    _save(app, pay, out / "dialog-03-pay-member.png")
    pay.done(0)  # closed by the script: no "discard what you typed?" question

    member_row = members_page(ctx.book, ListFilter(text="S08"), None, 1)[0]
    member = MemberDialog(ctx, member_row, parent=window)
    member.show()
    _save(app, member, out / "dialog-04-member.png")
    member.done(0)  # closed by the script: no "discard what you typed?" question

    purchase = PurchaseDialog(ctx, parent=window)
    purchase.supplier.setCurrentText("Comercial Quillabamba")
    purchase.item.setCurrentText("Azúcar rubia")
    purchase.quantity.setText("12")
    purchase.unit.setCurrentText("kg")
    purchase.unit_price.setText("4.20")
    purchase.show()
    _save(app, purchase, out / "dialog-05-purchase.png")
    purchase.done(0)  # closed by the script: no "discard what you typed?" question

    expense = ExpenseDialog(ctx, parent=window)
    expense.amount.setText("-5")
    expense.touch_all()
    expense.show()
    _save(app, expense, out / "dialog-06-expense-invalid.png")
    expense.done(0)  # closed by the script: no "discard what you typed?" question

    void = VoidDialog(ctx, what="La venta 001-000188", void=lambda r: None, parent=window)
    void.show()
    _save(app, void, out / "dialog-07-void.png")
    void.done(0)  # closed by the script: no "discard what you typed?" question


def _workday_correction(app, ctx, window, out: Path) -> None:
    """September closed; on October's sheet, an empty day recorded as its correction."""
    from coopdesk.services.months import close_month

    close_month(ctx.book, year=2022, month=9)
    sheet = window.show_screen("workdays")
    sheet.set_month(2022, 10)
    _settle(app)
    model = sheet.model
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            dialog = sheet.correction_dialog(model.index(row, column))
            if dialog is not None and dialog.candidates:
                dialog.show()
                _save(app, dialog, out / "dialog-08-workday-correction.png")
                dialog.reject()
                return


def _first_run(app, out: Path, folder: Path) -> None:
    from coopdesk.gui.dialogs.first_run_dialog import FirstRunDialog
    from coopdesk.gui.operations import OperationRunner

    dialog = FirstRunDialog(folder, OperationRunner())  # makes no book until Start
    dialog.show()
    _save(app, dialog, out / "dialog-00-first-run.png")
    dialog.done(0)


def _void_examples(book) -> None:
    """Void a sale and an expense so the screenshots show voided rows struck through."""
    from coopdesk.services.payments import void_expense
    from coopdesk.services.queries import ListFilter, expenses_page
    from coopdesk.services.trade import void_sale

    void_sale(book, receipt_number=186, reason="Registrada dos veces")
    expense = expenses_page(book, ListFilter(month=(2022, 12)), None, 5)[1]
    void_expense(book, uuid=expense.uuid, reason="Monto equivocado")


def main(argv: list[str] | None = None) -> int:
    """Save a PNG of every screen and the main dialogs into the folder given."""
    argv = sys.argv[1:] if argv is None else argv
    out = Path(argv[0] if argv else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    from coopdesk.gui.app import application, install_qt_translation
    from coopdesk.gui.context import AppContext
    from coopdesk.gui.main_window import MainWindow
    from coopdesk.gui.operations import OperationRunner
    from coopdesk.gui.preview import demo_book

    app = application()
    with tempfile.TemporaryDirectory(prefix="coopdesk-shots-") as tmp:
        book = demo_book(Path(tmp) / "demo")
        install_qt_translation(app)
        _first_run(app, out, Path(tmp) / "new")
        _void_examples(book)
        ctx = AppContext(book=book, runner=OperationRunner())
        window = MainWindow(ctx)
        window.resize(1366, 740)
        window.show()
        for _action, key in SCREENS:
            screen = window.show_screen(key)
            if hasattr(screen, "set_month"):  # the sheet opens on today's month: show the demo's
                screen.set_month(2022, 10)
            if getattr(screen, "chart", None) is not None:  # drawn off the GUI thread
                for _ in range(100):
                    if screen.chart.isVisible():
                        break
                    app.processEvents()
                    time.sleep(0.05)
            _save(app, window, out / f"screen-{key}.png")
        _dialogs(app, ctx, window, out)
        _workday_correction(app, ctx, window, out)
        window.close()
        book.close()
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    # PySide may crash while the interpreter tears down Qt objects; the PNGs are saved.
    os._exit(code)
