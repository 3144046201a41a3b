"""The assembly's sessions: number, day, kind, call, present of needed, agreements, state."""

from __future__ import annotations

from coopdesk.domain.assembly import MinutesSession, call_text, kind_text
from coopdesk.formats import date_str
from coopdesk.gui.models.paged import PagedTableModel
from coopdesk.i18n import _

(COL_NUMBER, COL_DAY, COL_KIND, COL_CALL, COL_PRESENT, COL_AGREEMENTS, COL_STATE) = range(7)


class AssemblySessionsModel(PagedTableModel):
    """One row per session in number order (a handful a year: no paging needed)."""

    right_columns = frozenset({COL_NUMBER, COL_PRESENT, COL_AGREEMENTS})

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.headers = ("N.º", _("Date"), _("Session"), _("Call"), _("Present / needed"),
                        _("Agreements"), _("State"))

    def cell(self, row: MinutesSession, column: int) -> str:
        if column == COL_NUMBER:
            return str(row.number)
        if column == COL_DAY:
            return date_str(row.day)
        if column == COL_KIND:
            return kind_text(row.kind)
        if column == COL_CALL:
            return call_text(row.call)
        if column == COL_PRESENT:
            return f"{len(row.present)} / {row.quorum_needed}"
        if column == COL_AGREEMENTS:
            return str(len(row.agreements))
        if column == COL_STATE:
            if row.voided:
                return _("Voided: {reason}").format(reason=row.void_reason)
            return _("Acta de no quórum") if row.no_quorum else _("Recorded")
        return ""
