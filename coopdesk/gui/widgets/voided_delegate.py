"""Draws voided rows struck through and grey: they stay visible, never deleted."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from coopdesk.gui.models.roles import VOIDED_ROLE


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
