"""The shape of every form dialog: fields with their sentence beside them, Enter saves, Esc asks.

A subclass adds fields, says what is wrong with each in ``check()`` (through the same
domain functions the services use) and does the change in ``save()``; the change runs
through the operation runner, and a refusal from the service is shown next to the
field it names.

How the coordinator meets it (issue #12): the focus is on the first field when it opens,
so typing lands there; Tab walks the fields in reading order, then the buttons; Enter
saves when the form is right and otherwise puts the focus on the first wrong field with
its sentence under it, never closing without saving; Esc closes, asking first when
something was typed. A field's sentence appears once she has left it or pressed Enter,
in a line reserved under the field, and the buttons stay at the bottom so Save never
moves under the mouse.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coopdesk.domain.errors import CoopError
from coopdesk.gui.context import AppContext
from coopdesk.gui.dialogs.keyboard import ask_discard, reading_order
from coopdesk.gui.widgets.date_edit import DateEdit
from coopdesk.i18n import _

ERROR_STYLE = "color: #b00020;"
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def problem(fn: Callable[[], Any]) -> str:
    """Return the sentence of the CoopError *fn* raises, or '' when it raises none."""
    try:
        fn()
    except CoopError as exc:
        return exc.message
    return ""


class FormDialog(QDialog):
    """Labelled fields, each with a reserved line for its sentence, and Save / Cancel."""

    def __init__(self, ctx: AppContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        self.result_value: Any = None
        self._fields: dict[str, tuple[QWidget, QLabel]] = {}
        self._touched: set[str] = set()  # her sentence is shown (left after a change, or Enter)
        self._edited: set[str] = set()  # changed by her since the form opened
        self._service_errors: dict[str, str] = {}
        self._ready = False
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.general_error = QLabel()
        self.general_error.setObjectName("general_error")
        self.general_error.setStyleSheet(ERROR_STYLE)
        self.general_error.setWordWrap(True)
        self.general_error.setMinimumHeight(self.fontMetrics().lineSpacing())
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(_("Save"))
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(_("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        self.body = QVBoxLayout()
        layout.addLayout(self.body)
        layout.addWidget(self.general_error)
        layout.addStretch(1)  # room that grows when sentences wrap: the buttons stay put
        layout.addWidget(self.buttons)
        self._only_save_is_default()

    # -- fields -------------------------------------------------------------------------

    def add_field(
        self, name: str, label: str, widget: QWidget, *, touched: bool = False
    ) -> QWidget:
        """Add *widget* labelled *label*, with the line for its sentence reserved under it."""
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(1)
        column.addWidget(widget)
        error = QLabel()
        error.setObjectName(f"error_{name}")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.setMinimumHeight(error.fontMetrics().lineSpacing())
        column.addWidget(error)
        self.form.addRow(label, box)
        self._fields[name] = (widget, error)
        if touched:
            self._touched.add(name)
        self._watch(name, widget)
        return widget

    def _watch(self, name: str, widget: QWidget) -> None:
        """Revalidate when *widget* changes, and show its sentence once she leaves it."""

        def changed(*_args) -> None:
            if not self._ready:
                return  # filled in by the dialog itself before it showed
            self._edited.add(name)
            self._service_errors.pop(name, None)
            self.revalidate()

        if isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(changed)
            widget.editTextChanged.connect(changed)  # made editable after being added, often
        elif isinstance(widget, QLineEdit):  # DateEdit and DecimalEdit too
            widget.textEdited.connect(changed)
            widget.textChanged.connect(lambda *_a: self.revalidate())
        elif isinstance(widget, QPlainTextEdit):
            widget.textChanged.connect(changed)
        elif isinstance(widget, QAbstractButton):
            widget.toggled.connect(changed)
        self.follow(name, widget)

    def follow(self, name: str, widget: QWidget) -> None:
        """Watch *widget* and its parts for leaving (to show the sentence) and Enter / Esc."""
        for part in [widget, *widget.findChildren(QWidget)]:
            part.setProperty("form_field", name)
            part.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        """Enter and Esc belong to the form even inside a combo box; leaving shows a sentence."""
        kind = event.type()
        if kind == QEvent.Type.KeyPress and watched.window() is self:
            key = event.key()
            if key in ENTER_KEYS and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                self.accept()
                return True
            if key == Qt.Key.Key_Escape:
                self.reject()
                return True
        if kind == QEvent.Type.FocusOut and self._ready:
            name = watched.property("form_field")
            if name in self._edited and name not in self._touched:
                self._touched.add(name)
                self.revalidate()
        return super().eventFilter(watched, event)

    def error_label(self, name: str) -> QLabel:
        """Return the label that shows the sentence of field *name*."""
        return self._fields[name][1]

    def field_widget(self, name: str) -> QWidget:
        """Return the input widget of field *name*."""
        return self._fields[name][0]

    def focus_target(self, name: str) -> QWidget:
        """Return the widget that takes the focus for field *name*: the first she can type in."""
        widget = self.field_widget(name)
        for part in [widget, *widget.findChildren(QWidget)]:
            if (part.focusPolicy().value & Qt.FocusPolicy.TabFocus.value and part.isEnabled()
                    and not (isinstance(part, QLineEdit) and part.isReadOnly())
                    and not isinstance(part.parentWidget(), QComboBox)):
                return part
        return widget

    def touch_all(self) -> None:
        """Show every field's sentence (after a failed attempt to save)."""
        self._touched.update(self._fields)
        self.revalidate()

    def typed_something(self) -> bool:
        """Return whether she changed anything since the form opened."""
        return bool(self._edited)

    # -- validation ---------------------------------------------------------------------

    def check(self) -> dict[str, str]:
        """Return field name → sentence for every field that is not acceptable.

        Called only when every date field holds a date, so ``day()`` is never None here.
        """
        return {}

    def errors(self) -> dict[str, str]:
        """Return every field's sentence: unreadable dates first, else the subclass's check."""
        dates = {
            name: widget.error()
            for name, (field, _label) in self._fields.items()
            for widget in [field, *field.findChildren(DateEdit)]
            if isinstance(widget, DateEdit) and widget.isEnabled() and widget.error()
        }
        found = dates or self.check()
        return {**found, **self._service_errors}

    def is_valid(self) -> bool:
        """Return whether Enter would save now."""
        return not self.errors()

    def ready(self) -> None:
        """Call at the end of a subclass's __init__: from now on her changes count."""
        self._ready = True
        self.revalidate()

    def revalidate(self) -> bool:
        """Show the sentences of the fields she left or tried to save; True when all is right."""
        if not self._ready:
            return False
        errors = self.errors()
        for name, (_widget, label) in self._fields.items():
            shown = name in self._touched or name in self._service_errors
            self._say(label, errors.get(name, "") if shown else "")
        # A sentence about no one field (e.g. parts that must add up) shows above the buttons.
        loose = [text for name, text in errors.items() if name not in self._fields]
        if loose and self._touched:
            self._say(self.general_error, loose[0])
        elif not self.general_error.property("refusal"):
            self._say(self.general_error, "")
        return not errors

    def _say(self, label: QLabel, text: str) -> None:
        """Show *text* in *label* whole: a wrapped sentence gets the height it needs.

        A top-level layout does not give a word-wrapped label its height for its width
        by itself, so the sentence was clipped; the label asks for it here.
        """
        label.setText(text)
        line = label.fontMetrics().lineSpacing()
        needed = label.heightForWidth(label.width()) if text and label.width() > 0 else line
        label.setMinimumHeight(max(line, needed))

    # -- keyboard and window ------------------------------------------------------------

    def _only_save_is_default(self) -> None:
        """Enter means Save: no other button may take it (autoDefault is on in a QDialog)."""
        for button in self.findChildren(QPushButton):
            button.setDefault(button is self.save_button)
            button.setAutoDefault(button is self.save_button)

    def update_tab_order(self) -> None:
        """Make Tab visit the fields in reading order, the buttons last."""
        if layout := self.layout():
            layout.activate()
        chain = reading_order(self)
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if not self._ready:
            self.ready()
        super().showEvent(event)
        for name, (widget, _label) in self._fields.items():
            self.follow(name, widget)  # parts made after add_field (a combo's line edit)
        self._only_save_is_default()
        self.update_tab_order()
        self._fit_screen()
        self.focus_first_field()

    def focus_first_field(self) -> None:
        """Put the focus where typing should land: the first field she can type in."""
        for name, (widget, _label) in self._fields.items():
            target = self.focus_target(name)
            if target.isEnabled() and target.focusPolicy() != Qt.FocusPolicy.NoFocus and not (
                isinstance(target, QLineEdit) and target.isReadOnly()
            ):
                target.setFocus(Qt.FocusReason.OtherFocusReason)
                return

    def _fit_screen(self) -> None:
        """Keep the dialog inside the screen's free area (the taskbar excluded)."""
        screen = self.screen()
        if screen is None:
            return
        free = screen.availableGeometry()
        if not getattr(self, "_sized", False):
            # Room for a few wrapped sentences before the window has to grow under the mouse.
            self._sized = True
            spare = 3 * self.fontMetrics().lineSpacing()
            chrome = self.frameGeometry().height() - self.height()
            self.resize(self.width(), min(self.height() + spare, free.height() - chrome))
        frame = self.frameGeometry()
        x = min(max(frame.x(), free.x()), free.right() - frame.width())
        y = min(max(frame.y(), free.y()), free.bottom() - frame.height())
        if (x, y) != (frame.x(), frame.y()):
            self.move(max(x, free.x()), max(y, free.y()))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        """Enter anywhere in the form tries to save; Esc cancels (asking if she typed)."""
        if event.key() in ENTER_KEYS:
            self.accept()
            return
        super().keyPressEvent(event)

    def reject(self) -> None:
        """Close without saving; when she typed something, ask first (keeping is the default)."""
        asking = self.isVisible() and not QCoreApplication.closingDown()
        if asking and self.typed_something():
            where = self.focusWidget()
            if not ask_discard(self):
                self.activateWindow()  # back where she was typing
                if where is not None:
                    where.setFocus(Qt.FocusReason.OtherFocusReason)
                return
        super().reject()

    # -- saving -------------------------------------------------------------------------

    def save(self) -> Any:
        """Do the change through a service; raise CoopError to refuse."""
        raise NotImplementedError

    def accept(self) -> None:
        """Save through the operation runner; otherwise stay open on the first wrong field."""
        self.general_error.setProperty("refusal", False)
        errors = self.errors()
        if errors:
            self.touch_all()
            first = next((name for name in self._fields if name in errors), None)
            if first is not None:
                self.focus_target(first).setFocus(Qt.FocusReason.OtherFocusReason)
            return
        ok, result = self.ctx.runner.run(
            self.save, parent=self, show_errors=False
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
            self.general_error.setProperty("refusal", False)
            self._say(self.general_error, "")
            self.revalidate()
            self.focus_target(error.field).setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.general_error.setProperty("refusal", True)
            self._say(self.general_error, error.message)


def single_shot(fn: Callable[[], None]) -> None:
    """Run *fn* once the event loop has laid out what was just added."""
    QTimer.singleShot(0, fn)
