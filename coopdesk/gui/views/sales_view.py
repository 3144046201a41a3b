"""Ventas: the sales, a new sale, marking pending sales paid, voiding, what each buyer owes."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coopdesk.domain.changes import Kind, OpChanges
from coopdesk.domain.trade import format_receipt_number
from coopdesk.formats import money
from coopdesk.gui.actions import Action
from coopdesk.gui.context import AppContext
from coopdesk.gui.dialogs.mark_paid_dialog import MarkPaidDialog
from coopdesk.gui.dialogs.sale_dialog import SaleDialog
from coopdesk.gui.dialogs.void_dialog import VoidDialog
from coopdesk.gui.models.buyer_debts_model import BuyerDebtsModel
from coopdesk.gui.models.correction_marks import mark_corrections
from coopdesk.gui.models.sales_model import SalesModel
from coopdesk.gui.views import receipts
from coopdesk.gui.views.list_view import RecordListView
from coopdesk.i18n import _
from coopdesk.services.queries import buyer_debts, sales_page
from coopdesk.services.settings import get_settings
from coopdesk.services.trade import void_sale


class SalesView(RecordListView):
    """The sales list and the "what each buyer owes" panel."""

    watch = frozenset({Kind.SALES, Kind.SETTINGS})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        model = SalesModel()
        page = mark_corrections(model, "sale", sales_page)
        super().__init__(ctx, _("Sales"), model, page, parent)
        self.new_button = self.add_button(_("New sale…"), self.new_record)
        self.paid_button = self.add_button(_("Mark paid…"), self.mark_paid)
        self.void_button = self.add_button(_("Void…"), self.void_selected)
        self.print_button = self.add_button(_("Print receipt…"), self.print_selected)
        self.finish_buttons()
        self.search.setPlaceholderText(_("Search buyer, receipt or reference…"))

        self.debts_model = BuyerDebtsModel()
        self.debts = QTableView()
        self.debts.setModel(self.debts_model)
        self.debts.verticalHeader().hide()
        self.debts.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.debts.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.debts_total = QLabel()
        self.debts_total.setStyleSheet("font-weight: bold;")
        side_box = QWidget()
        side_box.setFixedWidth(360)
        side = QVBoxLayout(side_box)
        side.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(_("What each buyer owes"))
        heading.setStyleSheet("font-size: 13pt; font-weight: bold;")
        side.addWidget(heading)
        side.addWidget(self.debts, 1)
        side.addWidget(self.debts_total)
        self.content.addWidget(side_box)

    def row_actions(self) -> dict[Action, Callable[[], object]]:
        """What this list does with its rows (greyed out elsewhere)."""
        return {**super().row_actions(),
                Action.NEW_RECORD: self.new_record,
                Action.EDIT_SELECTED: self.open_selected,
                Action.MARK_PAID: self.mark_paid,
                Action.VOID_SELECTED: self.void_selected,
                Action.PRINT_SELECTED: self.print_selected}

    def refresh(self) -> None:
        self.model.series = get_settings(self.ctx.book).receipt_series
        super().refresh()

    def noticed(self, changes: OpChanges) -> None:
        self._debts_stale = True

    def refreshed(self) -> None:
        if not getattr(self, "_debts_stale", True):
            return  # only the filter changed: what buyers owe is the same
        self._debts_stale = False
        debts = buyer_debts(self.ctx.book)
        self.debts_model.set_rows(debts)
        self.debts.resizeColumnToContents(1)
        self.debts.resizeColumnToContents(2)
        total = sum((d.total for d in debts), start=money_zero())
        self.debts_total.setText(_("Pending in total: {amount}").format(amount=money(total)))

    def receipt(self, number: int) -> str:
        """Return a receipt number as printed."""
        return format_receipt_number(number, self.model.series)

    def new_record(self) -> None:
        """Open the new sale form; after saving, show the receipt number and offer printing."""
        dialog = SaleDialog(self.ctx, parent=self)
        if dialog.exec() and dialog.result_value is not None:
            sale = dialog.result_value
            self.after_sale(sale.receipt_number)

    def after_sale(self, receipt_number: int) -> None:
        """Say which receipt number the sale got and offer to print or preview it."""
        box = QMessageBox(self)
        box.setWindowTitle(_("Sale saved"))
        box.setText(
            _("The sale was saved with receipt number {receipt}.").format(
                receipt=self.receipt(receipt_number)
            )
        )
        preview = box.addButton(
            _("Print or preview the receipt"), QMessageBox.ButtonRole.AcceptRole
        )
        box.addButton(_("Close"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(preview)
        box.exec()
        if box.clickedButton() is preview:
            self.print_receipt(receipt_number, reprint=False)

    def print_receipt(self, receipt_number: int, *, reprint: bool = True) -> None:
        """Open the receipt in the preview/print dialog (the original only right after saving)."""
        title = _("Receipt {receipt}").format(receipt=self.receipt(receipt_number))
        receipts.produce(self, title, lambda: receipts.sale_receipt_pdf(
            self.ctx, receipt_number, reprint=reprint))

    def print_selected(self) -> None:
        """Print the selected sale's receipt."""
        sale = self.selected()
        if sale is not None:
            self.print_receipt(sale.receipt_number)

    def mark_paid(self) -> None:
        """Mark the selected pending sale paid."""
        sale = self.selected()
        if sale is not None and not sale.paid and not sale.voided:
            MarkPaidDialog(self.ctx, sale, self.receipt(sale.receipt_number), parent=self).exec()

    def void_selected(self) -> None:
        """Void the selected sale with a reason."""
        sale = self.selected()
        if sale is None or sale.voided:
            return
        VoidDialog(
            self.ctx,
            what=_("The sale {receipt}").format(receipt=self.receipt(sale.receipt_number)),
            void=lambda reason: void_sale(
                self.ctx.book, receipt_number=sale.receipt_number, reason=reason
            ),
            parent=self,
        ).exec()

    def open_selected(self) -> None:
        sale = self.selected()
        if sale is not None and not sale.paid and not sale.voided:
            self.mark_paid()

    def selection_changed(self) -> None:
        sale = self.selected()
        live = sale is not None and not sale.voided
        self.paid_button.setEnabled(live and not sale.paid)
        self.void_button.setEnabled(live)
        self.print_button.setEnabled(sale is not None)


def money_zero():
    """Return S/ 0.00 as a Decimal."""
    from decimal import Decimal

    return Decimal("0.00")
