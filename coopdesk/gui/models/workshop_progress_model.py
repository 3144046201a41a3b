"""Members × the nine workshops: ✓ where she was present at least once, and "x of 9"."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from coopdesk.domain.workshops import WORKSHOP_COUNT
from coopdesk.formats import date_str
from coopdesk.gui.models.workshop_attendance_model import progress_text
from coopdesk.i18n import _
from coopdesk.services.sheets import ProgressRow

COL_CODE = 0
COL_NAME = 1
COL_FIRST_WORKSHOP = 2
COL_PROGRESS = COL_FIRST_WORKSHOP + WORKSHOP_COUNT
COLUMN_COUNT = COL_PROGRESS + 1
TICK = "✓"
DISPLAY = Qt.ItemDataRole.DisplayRole
DONE_COLOUR = QColor("#d5ecc8")
FORMER_TEXT = QColor("#7a7a7a")


class ProgressGridModel(QAbstractTableModel):
    """One row per member; a column per workshop; her progress at the end."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[ProgressRow] = []
        self._titles: dict[int, str] = {}

    def set_rows(self, rows: list[ProgressRow], titles: dict[int, str] | None = None) -> None:
        """Show *rows*; *titles* (number → title) become the columns' tooltips."""
        self.beginResetModel()
        self._rows = list(rows)
        self._titles = dict(titles or {})
        self.endResetModel()

    def row_at(self, row: int) -> ProgressRow | None:
        """Return the member of *row*."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, code: str) -> int:
        """Return the row of member *code* (-1 when absent)."""
        return next((i for i, r in enumerate(self._rows) if r.code == code), -1)

    def completed(self) -> int:
        """Return how many members attended all nine workshops."""
        return sum(1 for r in self._rows if r.count == WORKSHOP_COUNT)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def data(self, index: QModelIndex, role: int = DISPLAY):
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], index.column()
        number = column - COL_FIRST_WORKSHOP + 1
        if role == DISPLAY:
            if column == COL_CODE:
                return row.code
            if column == COL_NAME:
                return row.full_name
            if column == COL_PROGRESS:
                return progress_text(row.count)
            return TICK if number in row.attended else ""
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= COL_FIRST_WORKSHOP:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            if column == COL_PROGRESS and row.count == WORKSHOP_COUNT:
                return QBrush(DONE_COLOUR)
            if COL_FIRST_WORKSHOP <= column < COL_PROGRESS and number in row.attended:
                return QBrush(DONE_COLOUR)
            return None
        if role == Qt.ItemDataRole.ForegroundRole and row.exit_on is not None:
            return QBrush(FORMER_TEXT)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_NAME and row.exit_on is not None:
                return _("{name} left on {day}").format(
                    name=row.full_name, day=date_str(row.exit_on)
                )
            if COL_FIRST_WORKSHOP <= column < COL_PROGRESS:
                return self._titles.get(number)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == DISPLAY:
            if section == COL_CODE:
                return _("Code")
            if section == COL_NAME:
                return _("Member")
            if section == COL_PROGRESS:
                return _("Progress")
            return str(section - COL_FIRST_WORKSHOP + 1)
        if role == Qt.ItemDataRole.ToolTipRole and COL_FIRST_WORKSHOP <= section < COL_PROGRESS:
            return self._titles.get(section - COL_FIRST_WORKSHOP + 1)
        return None
