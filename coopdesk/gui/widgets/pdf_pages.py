"""The pages of a PDF one under the other, as wide as the window, for the print preview.

The pages are drawn by PDFium (`coopdesk.gui.printing.render_page`, the same drawing
that goes to the printer) at the screen's resolution for the width shown, and drawn
again when the window changes width or the zoom changes. Keys: the arrows and Page Up /
Page Down move through the pages; Ctrl++ and Ctrl+- zoom, Ctrl+0 fits the width again.
"""

from __future__ import annotations

import pypdfium2 as pdfium
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QPalette, QPixmap, QShortcut
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from coopdesk.gui.printing import page_size, render_page

#: Space between pages and around them, in pixels.
GAP = 12
#: The zoom steps of Ctrl++ / Ctrl+-, as factors of the window's width.
ZOOM_STEP, ZOOM_MIN, ZOOM_MAX = 1.25, 0.5, 4.0


class PdfPages(QScrollArea):
    """Every page of a document, fitted to the width of the view (times the zoom)."""

    def __init__(self, document: pdfium.PdfDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: pdfium.PdfDocument | None = document
        self.zoom = 1.0
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setBackgroundRole(QPalette.ColorRole.Dark)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        sheet = QWidget()
        column = QVBoxLayout(sheet)
        column.setContentsMargins(GAP, GAP, GAP, GAP)
        column.setSpacing(GAP)
        self.pages: list[QLabel] = []
        for _index in range(len(document)):
            label = QLabel()
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            column.addWidget(label)
            self.pages.append(label)
        self.setWidget(sheet)
        self.setWidgetResizable(True)
        self._drawn_width = 0
        self._redraw = QTimer(self, singleShot=True, interval=60, timeout=self.draw_pages)
        for keys, factor in ((QKeySequence.StandardKey.ZoomIn, ZOOM_STEP),
                             ("Ctrl+=", ZOOM_STEP),
                             (QKeySequence.StandardKey.ZoomOut, 1 / ZOOM_STEP)):
            QShortcut(keys, self, lambda f=factor: self.set_zoom(self.zoom * f),
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut("Ctrl+0", self, lambda: self.set_zoom(1.0),
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def page_count(self) -> int:
        return len(self.pages)

    def close_document(self) -> None:
        """Let PDFium free the document (the pages already drawn stay on screen)."""
        if self.document is not None:
            self.document.close()
            self.document = None

    def set_zoom(self, zoom: float) -> None:
        """Zoom to *zoom* times the window's width (kept between half and four times)."""
        self.zoom = min(max(zoom, ZOOM_MIN), ZOOM_MAX)
        self.draw_pages()

    def page_width(self) -> int:
        """The width in pixels a page is shown at: the view's width less the margins."""
        scrollbar = self.verticalScrollBar().sizeHint().width()
        return max(100, round((self.viewport().width() - 2 * GAP - scrollbar) * self.zoom))

    def draw_pages(self) -> None:
        """Draw every page at the width shown, at the screen's real pixel density."""
        if self.document is None:
            return
        width = self.page_width()
        ratio = self.devicePixelRatioF()
        for index, label in enumerate(self.pages):
            points = page_size(self.document, index)
            dpi = width * ratio / (points.width() / 72)
            pixmap = QPixmap.fromImage(render_page(self.document, index, dpi))
            pixmap.setDevicePixelRatio(ratio)
            label.setPixmap(pixmap)
        self._drawn_width = width

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._drawn_width != self.page_width():
            self.draw_pages()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.isVisible() and self._drawn_width != self.page_width():
            self._redraw.start()
