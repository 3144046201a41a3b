"""Printing or previewing receipts: the desk's bridge to coopdesk.reports and the preview.

The PDF is made as a job (coopdesk.gui.jobs: ReportLab is slow to load, and the
window keeps repainting meanwhile) and shown in the preview/print dialog.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

from coopdesk.domain.errors import CoopError
from coopdesk.gui.context import AppContext
from coopdesk.gui.dialogs.document_preview import show_document
from coopdesk.gui.jobs import error_sentence, run_with_progress
from coopdesk.i18n import _


def sale_receipt_pdf(ctx: AppContext, receipt_number: int, *, reprint: bool = True) -> bytes:
    """Return the sale receipt as PDF bytes.

    *reprint* is False only right after the sale is saved: that paper is the original.
    """
    from coopdesk.reports.documents import sale_receipt_pdf as render  # ReportLab: on use

    return render(ctx.book, receipt_number, reprint=reprint)


def payment_receipt_pdf(ctx: AppContext, uuid: str, *, reprint: bool = True) -> bytes:
    """Return the payment receipt as PDF bytes."""
    from coopdesk.reports.documents import payment_receipt_pdf as render  # ReportLab: on use

    return render(ctx.book, uuid, reprint=reprint)


def produce(parent: QWidget, title: str, make_pdf: Callable[[], bytes | None]) -> None:
    """Build a document off the GUI thread and open it in the preview/print dialog.

    A refusal (a CoopError) or a failure is said in a sentence; a failure is also
    logged with its traceback by the job. *make_pdf* returns None when she cancelled
    a question it asked (nothing to show then).
    """
    try:
        pdf = run_with_progress(parent, _("Preparing “{title}”…").format(title=title), make_pdf)
    except CoopError as error:
        QMessageBox.warning(parent, title, error.message)
        return
    except Exception as error:  # noqa: BLE001 (logged by the job; said here, never a traceback)
        QMessageBox.warning(parent, title, error_sentence(error))
        return
    if pdf is not None:
        show_document(parent, title, pdf)
