"""The optional "Corrects" field of a form: type a receipt number or pick a record from the list."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QComboBox, QWidget

from coopdesk.formats import date_str, money
from coopdesk.i18n import _
from coopdesk.services.book import Book
from coopdesk.services.corrections import (
    Candidate,
    correction_candidates,
    corrects_problem,
)


class CorrectsEdit(QComboBox):
    """An editable list of the records of one kind a correction may name; empty: "corrects nothing".

    What is typed is the receipt number as printed (``001-000123``) or short (``123``);
    a record picked from the list is passed to the service by its uuid.
    """

    def __init__(self, book: Book, entity: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book = book
        self.entity = entity
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.addItem("")
        for c in correction_candidates(book, entity=entity):
            parts = [c.number, date_str(c.day), c.detail]
            if c.amount is not None:
                parts.append(money(c.amount))
            self.addItem(" · ".join(p for p in parts if p) + " " + _state(c), c.uuid)
        if entity in ("sale", "member_payment"):
            hint = _("receipt number it corrects, e.g. 001-000123 (optional)")
        else:
            hint = _("pick the record it corrects, voided or of a closed month (optional)")
        self.lineEdit().setPlaceholderText(hint)
        self.setToolTip(
            _("Only for a correction: the record it corrects, usually voided or in a closed "
              "month. Leave it empty otherwise.")
        )

    def value(self) -> str:
        """Return what the service gets: the picked record's uuid, or the text typed."""
        index = self.currentIndex()
        text = self.currentText().strip()
        if index > 0 and self.itemText(index).strip() == text:
            return str(self.itemData(index))
        return text

    def error(self, *, day: dt.date | None = None, code: str | None = None) -> str:
        """Return the sentence refusing what is in the field, or '' (empty is fine).

        *day* (the new record's) and *code* (her member code), when given, are checked too.
        """
        return corrects_problem(
            self.book, entity=self.entity, corrects=self.value(), day=day, code=code
        )


def _state(c: Candidate) -> str:
    """Return why a listed record may be corrected, and whether it already was."""
    if c.voided:
        return _("(voided, already corrected)") if c.corrected else _("(voided)")
    return _("(closed month, already corrected)") if c.corrected else _("(closed month)")
