"""The funds' movements list: date, fund, in or out, amount, what caused it, note."""

from __future__ import annotations

from coopdesk.db.queries.fund_list import FundRow
from coopdesk.formats import date_str, money
from coopdesk.gui.models.paged import PagedTableModel
from coopdesk.i18n import _
from coopdesk.services.funds import fund_name

COL_DAY, COL_FUND, COL_DIRECTION, COL_AMOUNT, COL_SOURCE, COL_NOTE = range(6)


def direction_text(direction: str) -> str:
    """In or out, as the list and the form say it."""
    return {"in": _("Money in"), "out": _("Paid out")}.get(direction, direction)


def source_text(row: FundRow) -> str:
    """What caused the movement, in words: the year's distribution, a workshop, by hand."""
    if row.source == "distribution":
        return _("Distribution of the {year} surplus").format(year=row.source_text or "?")
    if row.source == "workshop":
        return _("Workshop {what}").format(what=row.source_text or "?")
    return _("Entered by hand")


class FundsModel(PagedTableModel):
    """One row per movement, newest first; a voided one says why in its note."""

    right_columns = frozenset({COL_AMOUNT})

    def __init__(self, parent=None, page: int | None = None) -> None:
        super().__init__(parent, **({"page": page} if page else {}))
        self.headers = (_("Date"), _("Fund"), _("Movement"), _("Amount"), _("Source"),
                        _("Note"))

    def cell(self, row: FundRow, column: int) -> str:
        if column == COL_DAY:
            return date_str(row.day)
        if column == COL_FUND:
            return fund_name(row.fund)
        if column == COL_DIRECTION:
            return direction_text(row.direction)
        if column == COL_AMOUNT:
            return money(row.amount if row.direction == "in" else -row.amount)
        if column == COL_SOURCE:
            return source_text(row)
        if column == COL_NOTE:
            if row.voided:
                return _("Voided: {reason}").format(reason=row.void_reason)
            return row.note
        return ""
