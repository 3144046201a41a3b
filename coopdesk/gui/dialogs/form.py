"""The shape of every form dialog: fields with their sentence beside them, Save when valid.

A subclass adds fields, says what is wrong with each in ``check()`` (through the same
domain functions the services use) and does the change in ``save()``; the change runs
through the operation runner, and a refusal from the service is shown next to the
field it names. Enter saves, Esc cancels.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from coopdesk.domain.errors import CoopError
from coopdesk.gui.context import AppContext
from coopdesk.i18n import _

ERROR_STYLE = "color: #b00020;"


def problem(fn: Callable[[], Any]) -> str:
    """Return the sentence of the CoopError *fn* raises, or '' when it raises none."""
    try:
        fn()
    except CoopError as exc:
        return exc.message
    return ""


class FormDialog(QDialog):
    """A dialog of labelled fields, each with an error line, and Save / Cancel."""

    #: The kinds of records the save changes (for the runner's signal).
    kinds: set[str] = set()

    def __init__(self, ctx: AppContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(title)
        self.setMinimumWidth(480)
        self.result_value: Any = None
        self._fields: dict[str, tuple[QWidget, QLabel]] = {}
        self._touched: set[str] = set()
        self._service_errors: dict[str, str] = {}
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.general_error = QLabel()
        self.general_error.setStyleSheet(ERROR_STYLE)
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(_("Save"))
        self.save_button.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        self.body = QVBoxLayout()
        layout.addLayout(self.body)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)

    # -- fields -------------------------------------------------------------------------

    def add_field(
        self, name: str, label: str, widget: QWidget, *, touched: bool = False
    ) -> QWidget:
        """Add *widget* labelled *label*, with its error line under it."""
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        error = QLabel()
        error.setObjectName(f"error_{name}")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        column.addWidget(error)
        self.form.addRow(label, box)
        self._fields[name] = (widget, error)
        if touched:
            self._touched.add(name)
        self._watch(name, widget)
        return widget

    def _watch(self, name: str, widget: QWidget) -> None:
        def changed(*_args) -> None:
            self._touched.add(name)
            self._service_errors.pop(name, None)
            self.revalidate()

        if isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(changed)
            if widget.isEditable():
                widget.editTextChanged.connect(changed)
        elif isinstance(widget, QDateEdit):
            widget.dateChanged.connect(changed)
        elif isinstance(widget, QLineEdit):
            widget.textEdited.connect(changed)
            widget.textChanged.connect(lambda *_a: self.revalidate())
        elif isinstance(widget, QPlainTextEdit):
            widget.textChanged.connect(changed)
        elif isinstance(widget, QAbstractButton):
            widget.toggled.connect(changed)

    def error_label(self, name: str) -> QLabel:
        """Return the label that shows the sentence of field *name*."""
        return self._fields[name][1]

    def field_widget(self, name: str) -> QWidget:
        """Return the input widget of field *name*."""
        return self._fields[name][0]

    def touch_all(self) -> None:
        """Show every field's sentence (after a failed attempt to save)."""
        self._touched.update(self._fields)
        self.revalidate()

    # -- validation ---------------------------------------------------------------------

    def check(self) -> dict[str, str]:
        """Return field name → sentence for every field that is not acceptable."""
        return {}

    def ready(self) -> None:
        """Call at the end of a subclass's __init__: from now on every change revalidates."""
        self._ready = True
        self.revalidate()

    def revalidate(self) -> bool:
        """Show the sentences of touched fields; enable Save only when nothing is wrong."""
        if not getattr(self, "_ready", False):
            return False
        errors = {**self.check(), **self._service_errors}
        for name, (_widget, label) in self._fields.items():
            shown = name in self._touched or name in self._service_errors
            text = errors.get(name, "") if shown else ""
            label.setText(text)
            label.setVisible(bool(text))
        self.save_button.setEnabled(not errors)
        return not errors

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self.ready()
        super().showEvent(event)

    # -- saving -------------------------------------------------------------------------

    def save(self) -> Any:
        """Do the change through a service; raise CoopError to refuse."""
        raise NotImplementedError

    def accept(self) -> None:
        """Save through the operation runner; keep the dialog open and explain a refusal."""
        if not self.revalidate():
            self.touch_all()
            return
        ok, result = self.ctx.runner.run(
            self.save, kinds=self.kinds, parent=self, show_errors=False
        )
        if ok:
            self.result_value = result
            super().accept()
            return
        self.show_refusal(result)

    def show_refusal(self, error: CoopError) -> None:
        """Show a service's refusal next to its field, or above the buttons."""
        if error.field and error.field in self._fields:
            self._service_errors[error.field] = error.message
            self.general_error.hide()
            self.revalidate()
            self.field_widget(error.field).setFocus()
        else:
            self.general_error.setText(error.message)
            self.general_error.show()
