"""The base of the desk's list models: rows fetched from a service one page at a time."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from coopdesk.gui.models.roles import ROW_ROLE, VOIDED_ROLE
from coopdesk.services.queries import PAGE

Index = QModelIndex | QPersistentModelIndex
#: A function giving one page of rows: (the last row shown or None, limit) → rows.
Loader = Callable[[int, int], Sequence[Any]]

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
#: The roles data() answers; every other role is None.
_ROLES = frozenset({
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.ToolTipRole,
    VOIDED_ROLE, ROW_ROLE,
})

class PagedTableModel(QAbstractTableModel):
    """A read-only table: ``headers`` name the columns, ``cell()`` says what each shows.

    ``load(loader)`` starts again from the first page; the view asks for more pages
    through canFetchMore/fetchMore as the person scrolls, so 100,000 rows never load
    at once.
    """

    #: Column titles (translated when the model is built).
    headers: tuple[str, ...] = ()
    #: Columns aligned right (money and counts).
    right_columns: frozenset[int] = frozenset()

    def __init__(self, parent=None, page: int = PAGE) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []
        #: Each row's cell texts, formatted once (Babel formatting is not free).
        self._texts: dict[int, tuple[str, ...]] = {}
        self._loader: Loader | None = None
        self._page = page
        self._more = False
        self._fetching = False

    # -- loading ------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[Any]) -> None:
        """Show exactly *rows* (no further pages)."""
        self.beginResetModel()
        self._rows = list(rows)
        self._texts = {}
        self._loader = None
        self._more = False
        self.endResetModel()

    def load(self, loader: Loader) -> None:
        """Show the first page from *loader*; later pages come as the view scrolls."""
        first = list(loader(None, self._page))
        self.beginResetModel()
        self._rows = first
        self._texts = {}
        self._loader = loader
        self._more = len(first) == self._page
        self.endResetModel()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802, B008
        return not parent.isValid() and self._more and not self._fetching

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: N802, B008
        if parent.isValid() or not self._more or self._loader is None or self._fetching:
            return
        # Views (and the model tester) may ask again while rows are being inserted.
        self._fetching = True
        try:
            last = self._rows[-1] if self._rows else None
            page = list(self._loader(last, self._page))
            self._more = len(page) == self._page
            if not page:
                return
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()
        finally:
            self._fetching = False

    # -- reading ------------------------------------------------------------------------

    def row_at(self, row: int) -> Any:
        """Return the row object shown at *row*."""
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self.headers):
                return self.headers[section]
        return None

    def cell(self, row: Any, column: int) -> str:
        """Return the text of *column* for *row*."""
        raise NotImplementedError

    def is_voided(self, row: Any) -> bool:
        """Say whether *row* is voided (struck through)."""
        return bool(getattr(row, "voided", False))

    def tooltip(self, row: Any, column: int) -> str | None:
        """Return a tooltip for a cell (the reason of a voided record)."""
        reason = getattr(row, "void_reason", "")
        return reason or None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        # A view asks about 8 roles of every cell it paints or measures, most of them not
        # ours (font, colours, icon, check state): refuse those before any call into Qt.
        if role not in _ROLES:
            return None
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            texts = self._texts.get(index.row())
            if texts is None:
                texts = tuple(self.cell(row, c) for c in range(len(self.headers)))
                self._texts[index.row()] = texts
            return texts[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self.right_columns:
            return int(RIGHT.value)
        if role == VOIDED_ROLE:
            return 1 if self.is_voided(row) else 0
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = self.tooltip(row, index.column())
            return tip or None
        return None
