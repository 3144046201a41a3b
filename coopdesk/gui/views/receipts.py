"""Printing or previewing receipts: the desk's bridge to coopdesk.reports and the preview.

The documents come from coopdesk.reports.documents and the preview from
coopdesk.gui.dialogs.document_preview (other parts of the desk); when either cannot
be imported the person is told that printing is not available instead of an error.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from coopdesk.domain.errors import CoopError
from coopdesk.gui.context import AppContext
from coopdesk.i18n import _


def _show_document():
    try:
        return importlib.import_module("coopdesk.gui.dialogs.document_preview").show_document
    except (ImportError, AttributeError):
        return None


def sale_receipt_pdf(ctx: AppContext, receipt_number: int) -> bytes | None:
    """Return the sale receipt as PDF bytes, or None when the paper part is not there."""
    try:
        from coopdesk.reports.documents import sale_receipt_pdf as render
    except ImportError:
        return None
    return render(ctx.book, receipt_number)


def payment_receipt_pdf(ctx: AppContext, uuid: str) -> bytes | None:
    """Return the payment receipt as PDF bytes, or None when the paper part is not there."""
    try:
        from coopdesk.reports.documents import payment_receipt_pdf as render
    except ImportError:
        return None
    return render(ctx.book, uuid)


def produce(
    parent: QWidget, title: str, make_pdf: Callable[[], bytes | None], *, none_is_cancel=False
) -> None:
    """Build a document (with a busy cursor) and open it in the preview/print dialog.

    *make_pdf* returns None when the paper part is missing, or, with *none_is_cancel*,
    when the person cancelled a question it asked.
    """
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        pdf = make_pdf()
    except CoopError as error:
        QApplication.restoreOverrideCursor()
        QMessageBox.warning(parent, title, error.message)
        return
    QApplication.restoreOverrideCursor()
    if pdf is None and none_is_cancel:
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
