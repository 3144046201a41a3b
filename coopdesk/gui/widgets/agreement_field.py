"""The agreement fields of the member and contribution forms offer the recorded agreements.

The field stays a line edit (a paper book's agreement, never recorded here, is typed as
text); as she types, or with ↓ on the field, a list of the agreements the book holds
drops down ("Asamblea 1, acuerdo 2 (08/01/2022): Admitir…") and choosing one writes its
citation, which the service links to the agreement.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit

from coopdesk.services.assemblies import agreement_labels

CITATION = Qt.ItemDataRole.UserRole + 1


class _OpenOnDown(QObject):
    def __init__(self, edit: QLineEdit, completer: QCompleter) -> None:
        super().__init__(edit)
        self.edit, self.completer = edit, completer

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if (event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Down
                and not self.completer.popup().isVisible()):
            self.completer.setCompletionPrefix(self.edit.text())
            self.completer.complete()
            return True
        return False


def offer_agreements(edit: QLineEdit, book) -> QCompleter | None:
    """Give *edit* the list of the book's agreements (nothing when none is recorded)."""
    choices = agreement_labels(book)
    if not choices:
        return None
    model = QStandardItemModel(edit)
    for citation, label in choices:
        item = QStandardItem(label)
        item.setData(citation, CITATION)
        model.appendRow(item)
    completer = QCompleter(model, edit)
    completer.setCompletionRole(CITATION)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setMaxVisibleItems(8)
    edit.setCompleter(completer)
    # The line edit takes the chosen citation itself only while it has the keyboard's
    # focus; said once here, choosing writes it whatever the window manager did.
    completer.activated[str].connect(edit.setText)
    edit.installEventFilter(_OpenOnDown(edit, completer))
    return completer
