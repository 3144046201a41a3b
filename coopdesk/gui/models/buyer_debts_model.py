"""What each buyer owes: pending sales per buyer."""

from __future__ import annotations

from coopdesk.formats import money
from coopdesk.gui.models.paged import PagedTableModel
from coopdesk.i18n import _
from coopdesk.services.queries import BuyerDebt

COL_BUYER, COL_SALES, COL_TOTAL = range(3)


class BuyerDebtsModel(PagedTableModel):
    """One row per buyer with pending sales, largest debt first."""

    right_columns = frozenset({COL_SALES, COL_TOTAL})

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.headers = (_("Buyer"), _("Pending sales"), _("Owes"))

    def cell(self, row: BuyerDebt, column: int) -> str:
        if column == COL_BUYER:
            return row.buyer
        if column == COL_SALES:
            return str(row.sales)
        if column == COL_TOTAL:
            return money(row.total)
        return ""

    def tooltip(self, row: BuyerDebt, column: int) -> str | None:
        return None
