"""The share capital movements list: receipt number, date, member, movement, amount, agreement."""

from __future__ import annotations

from coopdesk.db.queries.share_list import ShareRow
from coopdesk.domain.shares import kind_label
from coopdesk.formats import date_str, money
from coopdesk.gui.models.paged import PagedTableModel
from coopdesk.i18n import _

COL_NUMBER, COL_DAY, COL_CODE, COL_MEMBER, COL_KIND, COL_AMOUNT, COL_AGREEMENT, COL_NOTE = (
    range(8))


class SharesModel(PagedTableModel):
    """One row per movement, newest first; a voided one says why in its note."""

    right_columns = frozenset({COL_NUMBER, COL_AMOUNT})

    def __init__(self, parent=None, page: int | None = None) -> None:
        super().__init__(parent, **({"page": page} if page else {}))
        self.headers = ("N.º", _("Date"), _("Code"), _("Member"), _("Movement"),
                        _("Amount"), _("Agreement"), _("Note"))

    def cell(self, row: ShareRow, column: int) -> str:
        if column == COL_NUMBER:
            return f"{row.id:06d}"
        if column == COL_DAY:
            return date_str(row.day)
        if column == COL_CODE:
            return row.code
        if column == COL_MEMBER:
            return row.member
        if column == COL_KIND:
            return kind_label(row.kind)
        if column == COL_AMOUNT:
            return money(row.amount)
        if column == COL_AGREEMENT:
            return row.agreement
        if column == COL_NOTE:
            if row.voided:
                return _("Voided: {reason}").format(reason=row.void_reason)
            return row.note
        return ""
