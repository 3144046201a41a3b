"""Draws voided rows struck through and grey: they stay visible, never deleted."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

#: The model role that says a row is voided (True/False).
VOIDED_ROLE = Qt.ItemDataRole.UserRole + 1
#: The model role that returns the row object itself.
ROW_ROLE = Qt.ItemDataRole.UserRole + 2


class VoidedDelegate(QStyledItemDelegate):
    """Strikes out and greys the text of rows whose VOIDED_ROLE is true."""

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        if index.data(VOIDED_ROLE):
            option.font.setStrikeOut(True)
            option.palette.setColor(QPalette.ColorRole.Text, Qt.GlobalColor.darkGray)
            option.palette.setColor(QPalette.ColorRole.HighlightedText, Qt.GlobalColor.lightGray)
