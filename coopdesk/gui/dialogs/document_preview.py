"""The preview of a printed document: see it, print it, save it as PDF or open it elsewhere."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coopdesk.domain.errors import CoopError
from coopdesk.gui.printing import load_pdf, print_pdf
from coopdesk.gui.widgets.fit import fit_to_screen, fits
from coopdesk.gui.widgets.pdf_pages import PdfPages
from coopdesk.i18n import _, ngettext

__all__ = ["DocumentPreview", "show_document"]


def file_name_for(title: str) -> str:
    """Return a safe file name for a document title ("Estado de cuenta — Rosa.pdf")."""
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", title).strip(" .") or "documento"
    return name[:120] + ".pdf"


class DocumentPreview(QDialog):
    """Shows a PDF's pages and offers Print, Save as PDF and Open with the system viewer."""

    def __init__(self, parent: QWidget | None, title: str, pdf_bytes: bytes) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(820, 900)
        if not fits(self):  # a laptop's screen: the page gets all the height there is
            fit_to_screen(self)  # inside the free area even where maximizing is not honoured
            self.setWindowState(Qt.WindowState.WindowMaximized)
        self.title = title
        self.pdf_bytes = bytes(pdf_bytes)
        self.document = load_pdf(self.pdf_bytes)
        self.view = PdfPages(self.document, self)
        self.finished.connect(self.view.close_document)
        pages = self.view.page_count()
        self.pages_label = QLabel(ngettext("{n} page", "{n} pages", pages).format(n=pages))

        self.print_button = QPushButton(_("&Print…"))
        self.save_button = QPushButton(_("&Save as PDF…"))
        self.open_button = QPushButton(_("&Open with the PDF viewer"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        for button in (self.print_button, self.save_button, self.open_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_as)
        self.open_button.clicked.connect(self.open_externally)
        self.print_button.setDefault(True)

        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.pages_label)
        layout.addWidget(buttons)
        self.view.setFocus()  # the arrows and Page Down read the pages; Enter still prints

    def print_document(self, printer: QPrinter | None = None) -> bool:
        """Ask for a printer with QPrintDialog and print every page; return True when printed."""
        if printer is None or isinstance(printer, bool):
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setDocName(self.title)
            dialog = QPrintDialog(printer, self)
            dialog.setWindowTitle(_("Print {title}").format(title=self.title))
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
        try:
            print_pdf(self.pdf_bytes, printer=printer, title=self.title)
        except CoopError as exc:
            QMessageBox.warning(self, _("Print"), exc.message)
            return False
        return True

    def save_as(self, path: str | None = None) -> Path | None:
        """Save the PDF where the person chooses; return the path written, or None.

        The file goes through the one output guard (`coopdesk.outputs`): never over the
        book or its copies, never half-written. The dialog's own question about replacing
        a file stands for the command line's ``--force``, but only for the very name it
        asked about (not when ``.pdf`` had to be added to it).
        """
        from coopdesk.outputs import PAPER, write_output

        if not path or isinstance(path, bool):
            folder = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.DocumentsLocation
            )
            path, _filter = QFileDialog.getSaveFileName(
                self, _("Save as PDF"), str(Path(folder) / file_name_for(self.title)),
                _("PDF documents (*.pdf)"),
            )
            if not path:
                return None
        target = Path(path)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        try:
            return write_output(target, self.pdf_bytes, endings=PAPER,
                                force=target == Path(path))
        except CoopError as exc:
            QMessageBox.warning(self, _("Save as PDF"), exc.message)
            return None

    def open_externally(self) -> bool:
        """Open a copy of the PDF with the computer's own viewer (when printing fails)."""
        from coopdesk.oserrors import os_reason

        folder = Path(tempfile.gettempdir()) / "coopdesk"
        target = folder / file_name_for(self.title)
        try:
            folder.mkdir(exist_ok=True)
            target.write_bytes(self.pdf_bytes)
        except OSError as exc:
            QMessageBox.warning(self, _("Open"), _(
                "The document could not be put in {folder} for the viewer ({reason}). "
                "Print it or save it as PDF instead.").format(folder=folder,
                                                              reason=os_reason(exc)))
            return False
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(target))):
            QMessageBox.information(
                self, _("Open"),
                _("No PDF viewer could be opened. The document was saved in {path}.").format(
                    path=target
                ),
            )
            return False
        return True


def show_document(parent: QWidget | None, title: str, pdf_bytes: bytes) -> DocumentPreview | None:
    """Open the preview of a document (non-blocking); return the dialog, or None if unreadable."""
    try:
        dialog = DocumentPreview(parent, title, pdf_bytes)
    except CoopError as exc:
        QMessageBox.warning(parent, title, exc.message)
        return None
    dialog.show()
    return dialog
