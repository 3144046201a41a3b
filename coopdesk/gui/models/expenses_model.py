"""The expenses list: date, category, amount, note."""

from __future__ import annotations

from coopdesk.formats import date_str, money
from coopdesk.gui.models.paged import PagedTableModel
from coopdesk.i18n import _
from coopdesk.services.queries import ExpenseRow

COL_DAY, COL_CATEGORY, COL_AMOUNT, COL_NOTE = range(4)


class ExpensesModel(PagedTableModel):
    """One row per expense, newest first."""

    right_columns = frozenset({COL_AMOUNT})

    def __init__(self, parent=None, page: int | None = None) -> None:
        super().__init__(parent, **({"page": page} if page else {}))
        self.headers = (_("Date"), _("Category"), _("Amount"), _("Note"))

    def cell(self, row: ExpenseRow, column: int) -> str:
        if column == COL_DAY:
            return date_str(row.day)
        if column == COL_CATEGORY:
            return row.category
        if column == COL_AMOUNT:
            return money(row.amount)
        if column == COL_NOTE:
            if row.voided:
                return _("Voided: {reason}").format(reason=row.void_reason)
            return row.note
        return ""
