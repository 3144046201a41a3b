"""Printing a PDF through Qt: each page rendered by QtPdf at no more than 300 dpi onto a QPrinter.

Rendering to an image keeps printing independent of the printer's PDF support (the
desk's printers are cheap inkjets and a CUPS-PDF queue), and 300 dpi is sharp for text
while keeping each page's image small enough for old machines.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QElapsedTimer, QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from coopdesk.domain.errors import CoopError
from coopdesk.i18n import _

MAX_DPI = 300


class PrintError(CoopError):
    """The document could not be printed; the message says why in a sentence."""


def load_pdf(pdf_bytes: bytes, parent=None) -> QPdfDocument:
    """Return a QPdfDocument holding *pdf_bytes* (ready to render), or raise PrintError."""
    document = QPdfDocument(parent)
    buffer = QBuffer(document)  # parented, so it lives as long as the document
    buffer.setData(QByteArray(bytes(pdf_bytes)))
    buffer.open(QBuffer.OpenModeFlag.ReadOnly)
    document.load(buffer)
    timer = QElapsedTimer()
    timer.start()
    while document.status() == QPdfDocument.Status.Loading and timer.elapsed() < 10_000:
        QCoreApplication.processEvents()
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
        raise PrintError(_("The document could not be read for printing."))
    return document


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
        first = document.pagePointSize(0)
        orientation = (QPageLayout.Orientation.Landscape if first.width() > first.height()
                       else QPageLayout.Orientation.Portrait)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setPageOrientation(orientation)
        dpi = min(printer.resolution(), MAX_DPI)
        painter = QPainter()
        if not painter.begin(printer):
            raise PrintError(_("The printer could not start the job; check that it is on."))
        try:
            for page in range(document.pageCount()):
                if page and not printer.newPage():
                    raise PrintError(_("The printer stopped after page {n}.").format(n=page))
                _draw_page(painter, printer, document, page, dpi)
        finally:
            painter.end()
        return document.pageCount()
    finally:
        document.close()
        document.deleteLater()


def _draw_page(painter: QPainter, printer: QPrinter, document: QPdfDocument, page: int,
               dpi: int) -> None:
    points = document.pagePointSize(page)
    size = QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
    image = document.render(page, size)
    if image.isNull():
        raise PrintError(_("Page {n} could not be prepared for printing.").format(n=page + 1))
    # PDF pages render transparent; flatten onto white so every driver prints them alike.
    flat = QImage(image.size(), QImage.Format.Format_RGB32)
    flat.fill(Qt.GlobalColor.white)
    p = QPainter(flat)
    p.drawImage(0, 0, image)
    p.end()
    target = printer.paperRect(QPrinter.Unit.DevicePixel)
    scale = min(target.width() / flat.width(), target.height() / flat.height())
    width, height = flat.width() * scale, flat.height() * scale
    painter.drawImage(
        QRectF(target.x() + (target.width() - width) / 2,
               target.y() + (target.height() - height) / 2, width, height),
        flat,
    )
