"""The planilla's grid widget: a click or Space asks to cycle a day, 1 / 5 / 0 set it."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStyledItemDelegate, QTableView, QWidget

from coopdesk.domain.work import FULL_DAY, HALF_DAY
from coopdesk.gui.models.workday_sheet_model import COL_NAME

#: Keys that set a cell directly, for quick typing from the paper sheet.
_KEY_VALUES = {
    Qt.Key.Key_1: FULL_DAY,
    Qt.Key.Key_5: HALF_DAY,
    Qt.Key.Key_0: None,
    Qt.Key.Key_Delete: None,
    Qt.Key.Key_Backspace: None,
}


class DayDelegate(QStyledItemDelegate):
    """Draws a day's text whole: "10½" may touch the cell's margins but is never "1…"."""

    def initStyleOption(self, option, index) -> None:  # noqa: N802
        super().initStyleOption(option, index)
        if index.column() != COL_NAME:
            option.textElideMode = Qt.TextElideMode.ElideNone


class SheetTable(QTableView):
    """The planilla grid: a click or Space asks to cycle a cell, 1 / 5 / 0 set it."""

    cycle_requested = Signal(QModelIndex)
    set_requested = Signal(QModelIndex, object)
    month_step_requested = Signal(int)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        super().mousePressEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            index = self.indexAt(event.position().toPoint())
            if index.isValid():
                self.cycle_requested.emit(index)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        # The second press of a quick double click arrives as this event: it is a
        # second click on the cell (1 → ½), not an order to open an editor.
        if event.button() == Qt.MouseButton.LeftButton:
            index = self.indexAt(event.position().toPoint())
            if index.isValid():
                self.cycle_requested.emit(index)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        index = self.currentIndex()
        ctrl = event.modifiers() == Qt.KeyboardModifier.ControlModifier
        if ctrl and event.key() in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            self.month_step_requested.emit(-1 if event.key() == Qt.Key.Key_PageUp else 1)
            return
        if event.key() == Qt.Key.Key_Space and index.isValid():
            self.cycle_requested.emit(index)
            return
        if event.key() in _KEY_VALUES and index.isValid() and not event.modifiers():
            self.set_requested.emit(index, _KEY_VALUES[event.key()])
            return
        super().keyPressEvent(event)


def swatch(colour: str, text: str) -> QWidget:
    """Return a small coloured square with its meaning, for a legend."""
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 12, 0)
    square = QLabel()
    square.setFixedSize(14, 14)
    square.setStyleSheet(f"background: {colour}; border: 1px solid #888;")
    row.addWidget(square)
    row.addWidget(QLabel(text))
    return box
