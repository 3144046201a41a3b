"""Printing or previewing receipts: the desk's bridge to coopdesk.reports and the preview.

The documents come from coopdesk.reports.documents and the preview from
coopdesk.gui.dialogs.document_preview (other parts of the desk); when either cannot
be imported the person is told that printing is not available instead of an error.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from PySide6.QtCore import QEventLoop, Qt, QThread
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from coopdesk.domain.errors import CoopError
from coopdesk.gui.collector import collect_on_gui_thread
from coopdesk.gui.context import AppContext
from coopdesk.i18n import _


def _show_document():
    try:
        return importlib.import_module("coopdesk.gui.dialogs.document_preview").show_document
    except (ImportError, AttributeError):
        return None


def sale_receipt_pdf(ctx: AppContext, receipt_number: int, *, reprint: bool = True
                     ) -> bytes | None:
    """Return the sale receipt as PDF bytes, or None when the paper part is not there.

    *reprint* is False only right after the sale is saved: that paper is the original.
    """
    try:
        from coopdesk.reports.documents import sale_receipt_pdf as render
    except ImportError:
        return None
    return render(ctx.book, receipt_number, reprint=reprint)


def payment_receipt_pdf(ctx: AppContext, uuid: str, *, reprint: bool = True) -> bytes | None:
    """Return the payment receipt as PDF bytes, or None when the paper part is not there."""
    try:
        from coopdesk.reports.documents import payment_receipt_pdf as render
    except ImportError:
        return None
    return render(ctx.book, uuid, reprint=reprint)


class _Job(QThread):
    """Runs one function off the GUI thread and keeps its result or its error."""

    def __init__(self, fn: Callable[[], object]) -> None:
        super().__init__()
        self._fn = fn
        self.result: object = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = self._fn()
        except BaseException as exc:  # handed back to the GUI thread, raised there
            self.error = exc


def run_in_background(parent: QWidget, text: str, fn: Callable[[], object]) -> object:
    """Run *fn* off the GUI thread with a busy progress bar; return its result or raise.

    The window is disabled meanwhile, so nothing else uses the book's one connection
    while the job reads it; the window keeps repainting.
    """
    window = parent.window()
    job = _Job(fn)
    progress = QProgressDialog(text, "", 0, 0, window)
    progress.setCancelButton(None)
    progress.setWindowTitle("coopdesk")
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(300)
    loop = QEventLoop()
    job.finished.connect(loop.quit)
    window.setEnabled(False)
    try:
        collect_on_gui_thread()  # the job must never be the one that collects Qt objects
        job.start()
        if not job.isFinished():
            loop.exec()
        job.wait()
    finally:
        progress.reset()
        progress.deleteLater()
        window.setEnabled(True)
    if job.error is not None:
        raise job.error
    return job.result


def produce(parent: QWidget, title: str, make_pdf: Callable[[], bytes | None]) -> None:
    """Build a document off the GUI thread and open it in the preview/print dialog.

    *make_pdf* returns None when the paper part of the desk is missing.
    """
    try:
        pdf = run_in_background(parent, _("Preparing “{title}”…").format(title=title), make_pdf)
    except CoopError as error:
        QMessageBox.warning(parent, title, error.message)
        return
    offer(parent, title, pdf)


def offer(parent: QWidget, title: str, pdf: bytes | None) -> None:
    """Open the preview/print dialog with *pdf*, or explain why it cannot."""
    show = _show_document()
    if pdf is None or show is None:
        QMessageBox.information(
            parent, title, _("Printing is not available in this version of coopdesk.")
        )
        return
    show(parent, title, pdf)


def can_print() -> bool:
    """Say whether the preview dialog exists."""
    return _show_document() is not None
