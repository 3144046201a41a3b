"""The optional paper of a sale or purchase in its form: receipt type and series, RUC or DNI.

Two rows of a form dialog (type beside series-number, document type beside its number),
checked with the import's rules and sentences (:mod:`coopdesk.services.counterparts`).
When a known buyer or supplier is chosen, the document the book has for her is filled
in, so the coordinator types it once; typing a different one is refused by the service.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from coopdesk.domain.errors import CoopError
from coopdesk.domain.tax_ids import RECEIPT_TYPES, receipt_label
from coopdesk.gui.dialogs.form import FormDialog, problem
from coopdesk.i18n import _
from coopdesk.services.counterparts import PaperDetails, counterpart_document, paper_details

#: The receipt types offered, in the order the workshop meets them (SUNAT codes).
OFFERED = ("03", "01", "12", "00")


def _pair(left: QWidget, right: QWidget) -> QWidget:
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(left)
    row.addWidget(right, 1)
    return box


class PaperFields:
    """Adds the receipt row ("receipt_series") and the document row ("doc_number") to *form*."""

    def __init__(self, form: FormDialog, *, table: str, name_box: QComboBox,
                 document_label: str) -> None:
        self.form, self.table, self.name_box = form, table, name_box
        self.receipt_type = QComboBox()
        self.receipt_type.addItem(_("No paper receipt"), "")
        for code in OFFERED:
            assert code in RECEIPT_TYPES
            self.receipt_type.addItem(receipt_label(code), code)
        self.receipt_series = QLineEdit()
        self.receipt_series.setPlaceholderText(_("series-number, e.g. B001-123"))
        self.receipt_series.setMaxLength(20)
        self.doc_type = QComboBox()
        self.doc_type.addItem(_("RUC or DNI"), "")
        self.doc_type.addItem("RUC", "RUC")
        self.doc_type.addItem("DNI", "DNI")
        self.doc_number = QLineEdit()
        self.doc_number.setPlaceholderText(_("11 digits (RUC) or 8 digits (DNI), optional"))
        self.doc_number.setMaxLength(11)
        form.add_field("receipt_series", _("Paper receipt"),
                       _pair(self.receipt_type, self.receipt_series))
        form.add_field("doc_number", document_label, _pair(self.doc_type, self.doc_number))
        for name, widget in (("receipt_series", self.receipt_type),
                             ("receipt_series", self.receipt_series),
                             ("doc_number", self.doc_type), ("doc_number", self.doc_number)):
            form._watch(name, widget)
        #: The document last filled in from the book (None: none, or she typed one).
        self._filled: tuple[str, str] | None = None
        name_box.currentTextChanged.connect(self.show_known_document)

    def show_known_document(self, name: str) -> None:
        """Fill in the document the book has for the buyer or supplier typed (if any).

        The name is read as she types it: a document filled in for "Bodega Rosa" is
        taken away again when she goes on to type "Bodega Rosa María", a new buyer,
        so another's document is never given to her unseen (what she typed stays).
        """
        known = counterpart_document(self.form.ctx.book, table=self.table, name=name)
        shown = (self.doc_type.currentData(), self.doc_number.text())
        if known is None:
            if self._filled is not None and shown == self._filled:
                self.doc_type.setCurrentIndex(0)
                self.doc_number.clear()
            self._filled = None
            return
        self.doc_type.setCurrentIndex(max(self.doc_type.findData(known[0]), 0))
        self.doc_number.setText(known[1])
        self._filled = known

    def errors(self) -> dict[str, str]:
        """Return the sentences of the two rows (the import's), by row name."""
        found = {
            "receipt_series": problem(lambda: paper_details(
                receipt_type=self.receipt_type.currentData(),
                receipt_series=self.receipt_series.text())),
            "doc_number": problem(lambda: paper_details(
                doc_type=self.doc_type.currentData(), doc_number=self.doc_number.text())),
        }
        return {k: v for k, v in found.items() if v}

    def focus_target(self, name: str) -> QWidget | None:
        """Return the box the domain's sentence is about (type or series, type or number)."""
        if name not in ("receipt_series", "doc_number"):
            return None
        try:
            self.value()
        except CoopError as error:
            parts = {"receipt_type": self.receipt_type, "receipt_series": self.receipt_series,
                     "doc_type": self.doc_type, "doc_number": self.doc_number}
            if error.field in parts:
                return parts[error.field]
        return self.doc_number if name == "doc_number" else self.receipt_series

    def value(self) -> PaperDetails:
        """Return the checked receipt and document (call when :meth:`errors` is empty)."""
        return paper_details(receipt_type=self.receipt_type.currentData(),
                             receipt_series=self.receipt_series.text(),
                             doc_type=self.doc_type.currentData(),
                             doc_number=self.doc_number.text())
