"""The sessions of one workshop: date, facilitator and the counts of their checklist."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from coopdesk.formats import date_str
from coopdesk.i18n import N_, _
from coopdesk.services.sheets import SessionRow

COL_DATE = 0
COL_FACILITATOR = 1
COL_PRESENT = 2
COL_ABSENT = 3
COL_EXCUSED = 4
COL_NOTES = 5
HEADERS = (N_("Date"), N_("Facilitator"), N_("Present"), N_("Absent"), N_("Excused"), N_("Notes"))
DISPLAY = Qt.ItemDataRole.DisplayRole


class WorkshopSessionsModel(QAbstractTableModel):
    """One row per session, latest first."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[SessionRow] = []

    def set_rows(self, rows: list[SessionRow]) -> None:
        """Show *rows*."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> SessionRow | None:
        """Return the session of *row*."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, uuid: str) -> int:
        """Return the row of the session *uuid* (-1 when absent)."""
        return next((i for i, r in enumerate(self._rows) if r.uuid == uuid), -1)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: QModelIndex, role: int = DISPLAY):
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], index.column()
        if role == DISPLAY:
            return (
                date_str(row.held_on),
                row.facilitator,
                str(row.present),
                str(row.absent),
                str(row.excused),
                row.notes,
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole and column in (COL_FACILITATOR, COL_NOTES):
            return (row.facilitator if column == COL_FACILITATOR else row.notes) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            COL_PRESENT, COL_ABSENT, COL_EXCUSED
        ):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY:
            return _(HEADERS[section])
        return None
