"""Printing a PDF through Qt: each page rendered by PDFium at no more than 300 dpi onto a QPrinter.

Rendering to an image keeps printing independent of the printer's PDF support (the
desk's printers are cheap inkjets and a CUPS-PDF queue), and 300 dpi is sharp for text
while keeping each page's image small enough for old machines. PDFium (pypdfium2) also
draws the pages of the print preview, so what is seen is what is printed; QtPdf is not
used because it ships only with PySide6 6.12, which is pinned out
(docs/pyside6-none-refcount.md).
"""

from __future__ import annotations

import pypdfium2 as pdfium
from PySide6.QtCore import QRectF, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from coopdesk.domain.errors import CoopError
from coopdesk.i18n import _

MAX_DPI = 300


class PrintError(CoopError):
    """The document could not be printed; the message says why in a sentence."""


def load_pdf(pdf_bytes: bytes) -> pdfium.PdfDocument:
    """Return the PDF document in *pdf_bytes*, ready to render, or raise PrintError."""
    try:
        document = pdfium.PdfDocument(bytes(pdf_bytes))
    except pdfium.PdfiumError:
        raise PrintError(_("The document could not be read for printing.")) from None
    if len(document) < 1:
        document.close()
        raise PrintError(_("The document could not be read for printing."))
    return document


def page_size(document: pdfium.PdfDocument, page: int) -> QSizeF:
    """Return the size of a page in points (1/72 inch)."""
    width, height = document[page].get_size()
    return QSizeF(width, height)


def render_page(document: pdfium.PdfDocument, page: int, dpi: float) -> QImage:
    """Return *page* drawn at *dpi* on white paper, as a QImage that owns its pixels.

    PDF pages are transparent; they are flattened onto white so every screen and every
    printer driver shows them alike.
    """
    bitmap = document[page].render(scale=dpi / 72, fill_color=(255, 255, 255, 255),
                                   prefer_bgrx=True)
    # BGRx bytes are Qt's RGB32 on the little-endian machines the desk runs on.
    image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                   QImage.Format.Format_RGB32).copy()
    bitmap.close()
    return image


def printer_for(printer_name: str | None = None) -> QPrinter:
    """Return a high-resolution QPrinter for the named queue (or the default printer)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if printer_name:
        if printer_name not in QPrinterInfo.availablePrinterNames():
            raise PrintError(
                _("The printer “{name}” is not available on this computer.").format(
                    name=printer_name
                )
            )
        printer.setPrinterName(printer_name)
    elif QPrinterInfo.defaultPrinter().isNull():
        raise PrintError(_("This computer has no printer. Save the document as PDF instead."))
    return printer


def print_pdf(
    pdf_bytes: bytes,
    printer_name: str | None = None,
    *,
    printer: QPrinter | None = None,
    title: str = "coopdesk",
) -> int:
    """Print every page of *pdf_bytes*; return the number of pages sent to the printer.

    Args:
        pdf_bytes: the document.
        printer_name: the queue to print on (ignored when *printer* is given).
        printer: a printer already set up, e.g. by QPrintDialog.
        title: the job's name in the print queue.
    """
    document = load_pdf(pdf_bytes)
    try:
        printer = printer or printer_for(printer_name)
        printer.setDocName(title)
        printer.setFullPage(True)
        first = page_size(document, 0)
        orientation = (QPageLayout.Orientation.Landscape if first.width() > first.height()
                       else QPageLayout.Orientation.Portrait)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setPageOrientation(orientation)
        dpi = min(printer.resolution(), MAX_DPI)
        painter = QPainter()
        if not painter.begin(printer):
            raise PrintError(_("The printer could not start the job; check that it is on."))
        try:
            for page in range(len(document)):
                if page and not printer.newPage():
                    raise PrintError(_("The printer stopped after page {n}.").format(n=page))
                _draw_page(painter, printer, document, page, dpi)
        finally:
            painter.end()
        return len(document)
    finally:
        document.close()


def _draw_page(painter: QPainter, printer: QPrinter, document: pdfium.PdfDocument, page: int,
               dpi: int) -> None:
    try:
        image = render_page(document, page, dpi)
    except pdfium.PdfiumError:
        image = QImage()
    if image.isNull():
        raise PrintError(_("Page {n} could not be prepared for printing.").format(n=page + 1))
    target = printer.paperRect(QPrinter.Unit.DevicePixel)
    scale = min(target.width() / image.width(), target.height() / image.height())
    width, height = image.width() * scale, image.height() * scale
    painter.drawImage(
        QRectF(target.x() + (target.width() - width) / 2,
               target.y() + (target.height() - height) / 2, width, height),
        image,
    )
