"""The one way the desk changes the book: run a service, show its error, announce the change.

Like Anki's CollectionOp: the services declare what they write (``@changes`` in
coopdesk.domain.changes), the runner collects those declarations while the operation
runs and broadcasts them; every screen refreshes itself when a kind of record it shows
changed, instead of screens calling each other or callers choosing what to announce.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from coopdesk.domain.changes import Kind, OpChanges, collecting
from coopdesk.domain.errors import BookError, CoopError
from coopdesk.i18n import _

log = logging.getLogger(__name__)


class UndeclaredOperation(RuntimeError):
    """An operation succeeded without calling any service that declares what it changes.

    A programmer's mistake (a write the screens would never hear of), never the
    coordinator's: it is raised so the tests that run the operation fail.
    """


class OperationRunner(QObject):
    """Runs service calls for the GUI and tells every view what changed."""

    #: Emitted after a successful change with the OpChanges the services declared.
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
        parent: QWidget | None = None,
        show_errors: bool = True,
    ) -> tuple[bool, Any]:
        """Call *operation*; return (True, result) or (False, error).

        A CoopError (the person's mistake) is shown as a plain sentence when
        *show_errors* is set, else returned so a dialog can show it next to the field.
        Nothing is emitted when the operation failed: the book did not change. While
        ``busy`` is set the operation is not called and that sentence is the error.
        An operation that calls no declared service raises UndeclaredOperation.
        """
        if self.busy:
            error = BookError(self.busy)
            if show_errors:
                QMessageBox.information(parent, _("Please wait"), error.message)
            return False, error
        try:
            with collecting() as declared:
                result = operation()
        except CoopError as error:
            if show_errors:
                QMessageBox.warning(parent, _("Not saved"), error.message)
            return False, error
        if not declared:
            # The book may have changed unannounced: every screen refreshes, and the
            # mistake is raised so the test that runs this operation fails.
            log.error("operation %r called no service declaring its changes", operation)
            self.changed.emit(OpChanges(frozenset({Kind.BOOK})))
            raise UndeclaredOperation(
                f"{operation!r} called no service declared with @changes")
        self.changed.emit(OpChanges(frozenset(declared)))
        return True, result
