"""Mark a pending sale paid on a date."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from coopdesk.formats import money
from coopdesk.gui.context import AppContext
from coopdesk.gui.dialogs.form import FormDialog
from coopdesk.gui.widgets.date_edit import DateEdit
from coopdesk.i18n import _
from coopdesk.services.queries import SaleRow
from coopdesk.services.trade import mark_sale_paid


class MarkPaidDialog(FormDialog):
    """Asks the day the buyer paid."""

    def __init__(self, ctx: AppContext, sale: SaleRow, receipt: str, parent: QWidget | None = None):
        super().__init__(ctx, _("Mark sale paid"), parent)
        self.sale = sale
        self.form.addRow(
            QLabel(
                _("Receipt {receipt}: {buyer}, {total}.").format(
                    receipt=receipt, buyer=sale.buyer, total=money(sale.total)
                )
            )
        )
        self.paid_on = self.add_field("paid_on", _("Paid on"), DateEdit())
        self.ready()

    def check(self) -> dict[str, str]:
        if self.paid_on.day() < self.sale.day:
            return {"paid_on": _("The payment date is before the sale.")}
        return {}

    def save(self):
        return mark_sale_paid(
            self.ctx.book, receipt_number=self.sale.receipt_number, paid_on=self.paid_on.day()
        )
