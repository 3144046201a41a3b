"""The one way the desk changes the book: run a service, show its error, announce the change.

Like Anki's CollectionOp: every view listens to ``changed`` and refreshes itself when
a kind of record it shows was changed, instead of views calling each other.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from coopdesk.domain.errors import BookError, CoopError
from coopdesk.i18n import _

#: The kinds of records a change can touch (what views subscribe to).
KINDS = frozenset(
    {
        "members", "workdays", "rates", "workshops", "attendance", "sales", "purchases",
        "payments", "expenses", "settings", "products", "production", "months", "book",
    }
)


class OperationRunner(QObject):
    """Runs service calls for the GUI and tells every view what changed."""

    #: Emitted after a successful change with the set of kinds touched.
    changed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        #: While set (a backup or restore is using the book), the sentence that refuses
        #: every operation: nothing may write to the book meanwhile.
        self.busy: str | None = None

    def run(
        self,
        operation: Callable[[], Any],
        *,
        kinds: set[str],
        parent: QWidget | None = None,
        show_errors: bool = True,
    ) -> tuple[bool, Any]:
        """Call *operation*; return (True, result) or (False, error).

        A CoopError (the person's mistake) is shown as a plain sentence when
        *show_errors* is set, else returned so a dialog can show it next to the field.
        Nothing is emitted when the operation failed: the book did not change. While
        ``busy`` is set the operation is not called and that sentence is the error.
        """
        unknown = set(kinds) - KINDS
        if unknown:
            raise ValueError(f"unknown kinds {unknown}")
        if self.busy:
            error = BookError(self.busy)
            if show_errors:
                QMessageBox.information(parent, _("Please wait"), error.message)
            return False, error
        try:
            result = operation()
        except CoopError as error:
            if show_errors:
                QMessageBox.warning(parent, _("Not saved"), error.message)
            return False, error
        self.changed.emit(frozenset(kinds))
        return True, result
