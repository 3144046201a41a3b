"""The nine workshops of the programme with how often each met and how many attended."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from coopdesk.i18n import N_, _
from coopdesk.services.sheets import WorkshopRow

COL_NUMBER = 0
COL_TITLE = 1
COL_SESSIONS = 2
COL_ATTENDED = 3
HEADERS = (N_("No."), N_("Workshop"), N_("Sessions"), N_("Attended"))
DISPLAY = Qt.ItemDataRole.DisplayRole


class WorkshopListModel(QAbstractTableModel):
    """One row per workshop, in the programme's order."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[WorkshopRow] = []

    def set_rows(self, rows: list[WorkshopRow]) -> None:
        """Show *rows*."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> WorkshopRow | None:
        """Return the workshop of *row*."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, number: int) -> int:
        """Return the row of workshop *number* (-1 when absent)."""
        return next((i for i, r in enumerate(self._rows) if r.number == number), -1)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: QModelIndex, role: int = DISPLAY):
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], index.column()
        if role == DISPLAY:
            return (str(row.number), row.title, str(row.sessions), str(row.attended_by))[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_TITLE:
            return row.title
        if role == Qt.ItemDataRole.TextAlignmentRole and column != COL_TITLE:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY:
            return _(HEADERS[section])
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            if section == COL_ATTENDED:
                return _("Members present at least once")
        return None
