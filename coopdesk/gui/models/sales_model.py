"""The sales list: receipt, date, buyer, total, paid or pending, voided struck through."""

from __future__ import annotations

from coopdesk.domain.trade import format_receipt_number
from coopdesk.formats import date_str, money
from coopdesk.gui.models.paged import PagedTableModel
from coopdesk.i18n import _
from coopdesk.services.queries import SaleRow

COL_RECEIPT, COL_DAY, COL_BUYER, COL_TOTAL, COL_STATUS, COL_PAID_ON, COL_REFERENCE = range(7)


def sale_status(row: SaleRow) -> str:
    """Return "Paid", "Pending" or "Voided" (the reason is in the row's tooltip)."""
    if row.voided:
        return _("Voided")
    return _("Paid") if row.paid else _("Pending")


class SalesModel(PagedTableModel):
    """One row per sale, newest first."""

    right_columns = frozenset({COL_TOTAL})

    def __init__(self, parent=None, series: str = "001", page: int | None = None) -> None:
        super().__init__(parent, **({"page": page} if page else {}))
        self.series = series
        self.headers = (
            _("Receipt"), _("Date"), _("Buyer"), _("Total"), _("Status"), _("Paid on"),
            _("Reference"),
        )

    def cell(self, row: SaleRow, column: int) -> str:
        if column == COL_RECEIPT:
            return format_receipt_number(row.receipt_number, self.series)
        if column == COL_DAY:
            return date_str(row.day)
        if column == COL_BUYER:
            return row.buyer
        if column == COL_TOTAL:
            return money(row.total)
        if column == COL_STATUS:
            return sale_status(row)
        if column == COL_PAID_ON:
            return date_str(row.paid_on)
        if column == COL_REFERENCE:
            return row.reference
        return ""
