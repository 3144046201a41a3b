"""The payments list: date, member, amount, who received it, note."""

from __future__ import annotations

from coopdesk.formats import date_str, money
from coopdesk.gui.models.paged import PagedTableModel
from coopdesk.i18n import _
from coopdesk.services.queries import PaymentRow

COL_DAY, COL_CODE, COL_MEMBER, COL_AMOUNT, COL_RECEIVED_BY, COL_NOTE = range(6)


class PaymentsModel(PagedTableModel):
    """One row per payment to a member, newest first."""

    right_columns = frozenset({COL_AMOUNT})

    def __init__(self, parent=None, page: int | None = None) -> None:
        super().__init__(parent, **({"page": page} if page else {}))
        self.headers = (
            _("Date"), _("Code"), _("Member"), _("Amount"), _("Received by"), _("Note"),
        )

    def cell(self, row: PaymentRow, column: int) -> str:
        if column == COL_DAY:
            return date_str(row.day)
        if column == COL_CODE:
            return row.code
        if column == COL_MEMBER:
            return row.member
        if column == COL_AMOUNT:
            return money(row.amount)
        if column == COL_RECEIVED_BY:
            return row.received_by
        if column == COL_NOTE:
            if row.voided:
                return _("Voided: {reason}").format(reason=row.void_reason)
            return row.note
        return ""
