"""The sales list: receipt, date, buyer, total, paid or pending, paper receipt, buyer's document."""

from __future__ import annotations

from coopdesk.domain.tax_ids import receipt_label
from coopdesk.domain.trade import format_receipt_number
from coopdesk.formats import date_str, money
from coopdesk.gui.models.paged import PagedTableModel
from coopdesk.i18n import _
from coopdesk.services.queries import SaleRow

# The reference stays last: a correction's mark goes there (models/correction_marks.py).
(COL_RECEIPT, COL_DAY, COL_BUYER, COL_TOTAL, COL_STATUS, COL_PAID_ON, COL_PAPER, COL_DOCUMENT,
 COL_REFERENCE) = range(9)


def paper_text(receipt_type: str, receipt_series: str) -> str:
    """The paper receipt as the lists show it: "Boleta de venta B001-123", or ""."""
    if not receipt_type:
        return ""
    return f"{receipt_label(receipt_type)} {receipt_series}".strip()


def document_text(doc_type: str, doc_number: str) -> str:
    """The counterpart's document as the lists show it: "RUC 20123456786", or ""."""
    return f"{doc_type} {doc_number}" if doc_type else ""


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
            _("Paper receipt"), _("Buyer's RUC/DNI"), _("Reference"),
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
        if column == COL_PAPER:
            return paper_text(row.receipt_type, row.receipt_series)
        if column == COL_DOCUMENT:
            return document_text(row.doc_type, row.doc_number)
        return ""
