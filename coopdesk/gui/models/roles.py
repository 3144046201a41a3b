"""The model roles the desk's lists share beyond Qt's own (read by views and delegates)."""

from __future__ import annotations

from PySide6.QtCore import Qt

#: The model role that says a row is voided (True/False).
VOIDED_ROLE = Qt.ItemDataRole.UserRole + 1
#: The model role that returns the row object itself.
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
