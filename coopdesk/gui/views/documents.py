"""The buttons of the Informes screen that produce the paper documents, when they exist.

The renderers live in coopdesk.reports (another part of the desk). Each button is
offered only when its renderer can be imported; the PDF opens in the preview dialog.
"""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QWidget


def buttons(view: QWidget) -> list[QPushButton]:
    """Return one button per printed document available in this build."""
    return []
