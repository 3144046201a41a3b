"""Pagos: payments to members; what she is owed is shown before paying."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from coopdesk.domain.changes import Kind
from coopdesk.formats import date_str, money
from coopdesk.gui.actions import Action
from coopdesk.gui.context import AppContext
from coopdesk.gui.dialogs.payment_dialog import PaymentDialog
from coopdesk.gui.dialogs.void_dialog import VoidDialog
from coopdesk.gui.models.correction_marks import mark_corrections
from coopdesk.gui.models.payments_model import PaymentsModel
from coopdesk.gui.views import receipts
from coopdesk.gui.views.list_view import RecordListView
from coopdesk.i18n import _
from coopdesk.services.payments import void_payment
from coopdesk.services.queries import payments_page


class PaymentsView(RecordListView):
    """The payments list with Pay, Void and the payment receipt."""

    watch = frozenset({Kind.PAYMENTS, Kind.MEMBERS, Kind.CREDITS})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        model = PaymentsModel()
        page = mark_corrections(model, "member_payment", payments_page)
        super().__init__(ctx, _("Payments to members"), model, page, parent)
        self.new_button = self.add_button(_("Pay a member…"), self.new_record)
        self.void_button = self.add_button(_("Void…"), self.void_selected)
        self.print_button = self.add_button(_("Print receipt…"), self.print_selected)
        self.contribution_button = self.add_button(_("Contribution…"), self.new_contribution)
        self.finish_buttons()
        self.search.setPlaceholderText(_("Search member, code or who received it…"))

    def row_actions(self) -> dict[Action, Callable[[], object]]:
        """What this list does with its rows (greyed out elsewhere)."""
        return {**super().row_actions(),
                Action.NEW_RECORD: self.new_record,
                Action.PRINT_SELECTED: self.print_selected,
                Action.VOID_SELECTED: self.void_selected}

    def new_record(self) -> None:
        """Open the payment form; afterwards offer the payment receipt."""
        dialog = PaymentDialog(self.ctx, parent=self)
        if dialog.exec() and dialog.result_value is not None:
            payment = dialog.result_value
            self.print_receipt(payment.uuid, ask=True)

    def new_contribution(self) -> None:
        """Record a share capital movement; afterwards offer its receipt."""
        from coopdesk.gui.views.shares_view import new_contribution

        new_contribution(self)

    def print_receipt(self, uuid: str, ask: bool = False) -> None:
        """Open the payment receipt in the preview/print dialog (asking first when *ask*)."""
        from PySide6.QtWidgets import QMessageBox

        if ask:
            answer = QMessageBox.question(
                self,
                _("Payment saved"),
                _("The payment was saved. Print or preview the receipt?"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.Yes,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        # Asked right after saving: that paper is the original; any later one is a reprint.
        receipts.produce(
            self, _("Payment receipt"),
            lambda: receipts.payment_receipt_pdf(self.ctx, uuid, reprint=not ask),
        )

    def print_selected(self) -> None:
        """Print the selected payment's receipt."""
        payment = self.selected()
        if payment is not None:
            self.print_receipt(payment.uuid)

    def void_selected(self) -> None:
        """Void the selected payment with a reason."""
        payment = self.selected()
        if payment is None or payment.voided:
            return
        VoidDialog(
            self.ctx,
            what=_("The payment of {amount} to {name} on {day}").format(
                amount=money(payment.amount), name=payment.member, day=date_str(payment.day)
            ),
            void=lambda reason: void_payment(self.ctx.book, uuid=payment.uuid, reason=reason),
            parent=self,
        ).exec()

    def selection_changed(self) -> None:
        payment = self.selected()
        self.void_button.setEnabled(payment is not None and not payment.voided)
        self.print_button.setEnabled(payment is not None and not payment.voided)

