"""The month's summary per member: days, opening balance, earned, credited, paid, deducted, closing.

Every term of her balance has its column, so the row adds up as printed on her statement
(closing = opening + earned + credited − paid − deducted): a month with deductions for
her share capital, or a surplus credited to her, never shows figures that seem not to.
"""

from __future__ import annotations

from coopdesk.domain.statements import MemberMonth
from coopdesk.formats import money, quantity
from coopdesk.gui.models.paged import PagedTableModel
from coopdesk.i18n import _

(COL_CODE, COL_NAME, COL_DAYS, COL_OPENING, COL_EARNED, COL_CREDITED, COL_PAID, COL_DEDUCTED,
 COL_CLOSING) = range(9)


class MonthSummaryModel(PagedTableModel):
    """One row per member for one month (from services.summary)."""

    right_columns = frozenset({COL_DAYS, COL_OPENING, COL_EARNED, COL_CREDITED, COL_PAID,
                               COL_DEDUCTED, COL_CLOSING})

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.headers = (
            _("Code"), _("Member"), _("Workdays"), _("Owed at start"), _("Earned"),
            _("Credited"), _("Paid"), _("Deducted"), _("Owed at end"),
        )

    def cell(self, row: MemberMonth, column: int) -> str:
        if column == COL_CODE:
            return row.code
        if column == COL_NAME:
            return row.name
        if column == COL_DAYS:
            return quantity(row.workdays)
        if column == COL_OPENING:
            return money(row.opening_balance)
        if column == COL_EARNED:
            return money(row.earned)
        if column == COL_CREDITED:
            return money(row.credited)
        if column == COL_PAID:
            return money(row.paid)
        if column == COL_DEDUCTED:
            return money(row.deducted)
        if column == COL_CLOSING:
            return money(row.closing_balance)
        return ""

    def tooltip(self, row: MemberMonth, column: int) -> str | None:
        return None
