"""The purchases list: date, supplier, input, quantity, unit price, total, paper receipt."""

from __future__ import annotations

from coopdesk.formats import date_str, money, quantity, unit_price
from coopdesk.gui.models.paged import PagedTableModel
from coopdesk.gui.models.sales_model import document_text, paper_text
from coopdesk.i18n import _
from coopdesk.services.queries import PurchaseRow

# The reference stays last: a correction's mark goes there (models/correction_marks.py).
(COL_DAY, COL_SUPPLIER, COL_ITEM, COL_QUANTITY, COL_UNIT, COL_UNIT_PRICE, COL_TOTAL,
 COL_PAPER, COL_DOCUMENT, COL_REFERENCE) = range(10)


class PurchasesModel(PagedTableModel):
    """One row per purchase, newest first."""

    right_columns = frozenset({COL_QUANTITY, COL_UNIT_PRICE, COL_TOTAL})

    def __init__(self, parent=None, page: int | None = None) -> None:
        super().__init__(parent, **({"page": page} if page else {}))
        self.headers = (
            _("Date"), _("Supplier"), _("Input"), _("Quantity"), _("Unit"), _("Unit price"),
            _("Total"), _("Paper receipt"), _("Supplier's RUC/DNI"), _("Document"),
        )

    def cell(self, row: PurchaseRow, column: int) -> str:
        if column == COL_DAY:
            return date_str(row.day)
        if column == COL_SUPPLIER:
            return row.supplier
        if column == COL_ITEM:
            return row.item
        if column == COL_QUANTITY:
            return quantity(row.quantity)
        if column == COL_UNIT:
            return row.unit
        if column == COL_UNIT_PRICE:
            return unit_price(row.unit_price)
        if column == COL_TOTAL:
            return money(row.total)
        if column == COL_REFERENCE:
            return row.reference
        if column == COL_PAPER:
            return paper_text(row.receipt_type, row.receipt_series)
        if column == COL_DOCUMENT:
            return document_text(row.doc_type, row.doc_number)
        return ""
