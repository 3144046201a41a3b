"""A search field that waits for a pause in typing before it searches."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QWidget

from coopdesk.i18n import _


class SearchBox(QLineEdit):
    """Emits ``searchChanged(text)`` 250 ms after the last key (Enter searches at once)."""

    searchChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(_("Search…"))
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(280)
        self._timer = QTimer(self, singleShot=True, interval=250)
        self._timer.timeout.connect(self._emit)
        self.textChanged.connect(lambda _t: self._timer.start())
        self.returnPressed.connect(self._emit)

    def _emit(self) -> None:
        self._timer.stop()
        self.searchChanged.emit(self.text().strip())
