"""The planilla's grid widget: a click or Space asks to cycle a day, 1 / 5 / 0 set it."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent, QMouseEvent, QPainter, QPen, QPolygon
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

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


_SELECTED = QStyle.StateFlag.State_Selected.value
_HAS_FOCUS = QStyle.StateFlag.State_HasFocus.value
_CENTRED = Qt.AlignmentFlag.AlignHCenter.value
_DONT_CLIP = Qt.TextFlag.TextDontClip.value
#: The corner mark of a cell whose workday corrects another (size in pixels, colour).
_MARK_SIZE = 7
_MARK_BRUSH = QBrush(QColor("#a4262c"))


class DayDelegate(QStyledItemDelegate):
    """Paints the day and total cells straight from the model's worked-out cells.

    One Python call per cell instead of one per cell and role keeps a repaint of a
    31-day month quick; and "10½" is drawn whole, never elided to "1…".
    """

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        if index.column() == COL_NAME:
            super().paint(painter, option, index)
            return
        cell = index.model().painted(index.row(), index.column())
        rect = option.rect
        state = option.state.value  # plain ints: Python enum flags are slow per cell
        selected = bool(state & _SELECTED)
        painter.save()
        if selected:
            painter.fillRect(rect, option.palette.highlight())
        elif cell.background is not None:
            painter.fillRect(rect, cell.background)
        if cell.text:
            if cell.bold:
                font = QFont(option.font)
                font.setBold(True)
                painter.setFont(font)
            if selected:
                painter.setPen(option.palette.highlightedText().color())
            elif cell.foreground is not None:
                painter.setPen(cell.foreground.color())
            else:
                painter.setPen(option.palette.text().color())
            if cell.alignment & _CENTRED:
                # Never clipped: a day total "10½" may touch the cell's edges.
                painter.drawText(rect, cell.alignment | _DONT_CLIP, cell.text)
            else:
                painter.drawText(rect.adjusted(4, 0, -4, 0), cell.alignment, cell.text)
        if cell.corrects is not None:
            right, top = rect.right(), rect.top()
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(_MARK_BRUSH)
            painter.drawPolygon(QPolygon([QPoint(right - _MARK_SIZE, top), QPoint(right, top),
                                          QPoint(right, top + _MARK_SIZE)]))
            painter.setBrush(Qt.BrushStyle.NoBrush)
        if state & _HAS_FOCUS:
            painter.setPen(QPen(option.palette.highlight().color().darker(130), 2))
            painter.drawRect(rect.adjusted(1, 1, -1, -1))
        painter.restore()


class SheetTable(QTableView):
    """The planilla grid: a click or Space asks to cycle a cell, 1 / 5 / 0 set it."""

    cycle_requested = Signal(QModelIndex)
    set_requested = Signal(QModelIndex, object)
    month_step_requested = Signal(int)
    #: The Menu key or Shift+F10 on the current cell: open its context menu there.
    menu_requested = Signal(QModelIndex)

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
        shift_f10 = (event.key() == Qt.Key.Key_F10
                     and event.modifiers() == Qt.KeyboardModifier.ShiftModifier)
        if (event.key() == Qt.Key.Key_Menu or shift_f10) and index.isValid():
            self.menu_requested.emit(index)
            event.accept()
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
