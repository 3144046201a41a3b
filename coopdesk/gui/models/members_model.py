"""The members list: code, name, DNI, joined, status, exit, role, what she is owed now."""

from __future__ import annotations

from coopdesk.domain.members import MemberStatus
from coopdesk.formats import date_str, money
from coopdesk.gui.models.paged import PagedTableModel
from coopdesk.i18n import _
from coopdesk.services.queries import MemberRow

COL_CODE, COL_NAME, COL_DNI, COL_JOINED, COL_STATUS, COL_EXIT, COL_ROLE, COL_BALANCE = range(8)


def balance_text(balance) -> str:
    """What the cooperative owes her, plainly: ``S/ 50.00``, or ``debe S/ 50.00`` when she owes."""
    if balance < 0:
        return _("owes {amount}").format(amount=money(-balance))
    return money(balance)


class MembersModel(PagedTableModel):
    """One row per member; she is never deleted, her status says whether she left."""

    def __init__(self, parent=None, page: int | None = None) -> None:
        super().__init__(parent, **({"page": page} if page else {}))
        self.headers = (
            _("Code"), _("Full name"), _("DNI"), _("Joined"), _("Status"), _("Left"), _("Role"),
            _("Owed to her now"),
        )
        self.right_columns = frozenset({COL_BALANCE})

    def cell(self, row: MemberRow, column: int) -> str:
        if column == COL_CODE:
            return row.code
        if column == COL_NAME:
            return row.full_name
        if column == COL_DNI:
            return row.dni
        if column == COL_JOINED:
            return date_str(row.joined_on)
        if column == COL_STATUS:
            return MemberStatus(row.status).label
        if column == COL_EXIT:
            return date_str(row.exit_on)
        if column == COL_ROLE:
            return row.role
        if column == COL_BALANCE:
            return balance_text(row.balance)
        return ""

    def tooltip(self, row: MemberRow, column: int) -> str | None:
        if column == COL_BALANCE:
            return _("Workdays and credits earned, less what she was paid, up to today")
        return None
