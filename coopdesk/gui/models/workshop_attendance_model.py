"""A session's checklist: each member present, absent or excused, changed here, saved at once."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QFont

from coopdesk.domain.workshops import WORKSHOP_COUNT, Attendance
from coopdesk.i18n import N_, _
from coopdesk.services.sheets import ChecklistRow

COL_CODE = 0
COL_NAME = 1
COL_PRESENT = 2
COL_ABSENT = 3
COL_EXCUSED = 4
COL_PROGRESS = 5
HEADERS = (N_("Code"), N_("Member"), N_("Present"), N_("Absent"), N_("Excused"), N_("Progress"))
#: The status each check column stands for.
STATUS_OF_COLUMN = {
    COL_PRESENT: Attendance.PRESENT,
    COL_ABSENT: Attendance.ABSENT,
    COL_EXCUSED: Attendance.EXCUSED,
}
COLUMN_OF_STATUS = {status: column for column, status in STATUS_OF_COLUMN.items()}
DISPLAY = Qt.ItemDataRole.DisplayRole
CHECK = Qt.ItemDataRole.CheckStateRole


def column_title(column: int) -> str:
    """Return the translated title of a checklist column ("Present")."""
    return _(HEADERS[column])


def progress_text(count: int) -> str:
    """Return a member's progress as the programme says it: "5 of 9"."""
    return _("{count} of {total}").format(count=count, total=WORKSHOP_COUNT)


class AttendanceModel(QAbstractTableModel):
    """The checklist; the three status columns act as one choice per member."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[ChecklistRow] = []
        self._status: list[Attendance | None] = []
        self._progress: dict[str, int] = {}

    def set_rows(self, rows: list[ChecklistRow], progress: dict[str, int] | None = None) -> None:
        """Show a session's checklist as saved, with each member's workshops attended."""
        self.beginResetModel()
        self._rows = list(rows)
        self._status = [r.status for r in self._rows]
        self._progress = dict(progress or {})
        self.endResetModel()

    # -- the checklist -----------------------------------------------------------------
    def status_of(self, row: int) -> Attendance | None:
        """Return how the member of *row* is marked now (None: not yet)."""
        return self._status[row]

    def set_status(self, row: int, status: Attendance) -> None:
        """Mark the member of *row* (not saved until the view saves the checklist)."""
        if self._status[row] == status:
            return
        self._status[row] = Attendance(status)
        self.dataChanged.emit(self.index(row, COL_PRESENT), self.index(row, COL_EXCUSED), [CHECK])

    def mark_all(self, status: Attendance) -> None:
        """Mark every member not yet marked with *status*."""
        for row, current in enumerate(self._status):
            if current is None:
                self.set_status(row, status)

    def marks(self) -> dict[str, Attendance]:
        """Return member code → status for every marked member (what Save sends)."""
        return {r.code: s for r, s in zip(self._rows, self._status) if s is not None}

    def is_dirty(self) -> bool:
        """True when a mark was changed since the checklist was loaded."""
        return any(r.status != s for r, s in zip(self._rows, self._status))

    def row_of(self, code: str) -> int:
        """Return the row of member *code* (-1 when absent)."""
        return next((i for i, r in enumerate(self._rows) if r.code == code), -1)

    def counts(self) -> dict[Attendance, int]:
        """Return how many members are marked with each status now."""
        return {a: sum(1 for s in self._status if s == a) for a in Attendance}

    # -- Qt ----------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in STATUS_OF_COLUMN:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: QModelIndex, role: int = DISPLAY):
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], index.column()
        status = self._status[index.row()]
        if role == DISPLAY:
            if column == COL_CODE:
                return row.code
            if column == COL_NAME:
                return row.full_name
            if column == COL_PROGRESS:
                return progress_text(self._progress.get(row.code, 0))
            return None
        if role == CHECK and column in STATUS_OF_COLUMN:
            checked = status == STATUS_OF_COLUMN[column]
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole and column in STATUS_OF_COLUMN:
            return _("{name}: {status}").format(
                name=row.full_name, status=STATUS_OF_COLUMN[column].label
            )
        if role == Qt.ItemDataRole.FontRole and column == COL_NAME and status != row.status:
            font = QFont()
            font.setItalic(True)  # changed, not saved yet
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_PROGRESS:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def setData(self, index: QModelIndex, value, role: int = CHECK) -> bool:  # noqa: N802
        if not index.isValid() or role != CHECK or index.column() not in STATUS_OF_COLUMN:
            return False
        if Qt.CheckState(value) != Qt.CheckState.Checked:
            # One of the three is always chosen: unticking the chosen one changes nothing.
            return False
        self.set_status(index.row(), STATUS_OF_COLUMN[index.column()])
        return True

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY:
            return column_title(section)
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            if section == COL_PROGRESS:
                return _("Workshops of the nine she attended at least once")
        return None
