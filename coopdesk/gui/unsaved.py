"""Changes not saved yet: the one question (Guardar / Descartar / Cancelar) before they are lost.

A screen that holds a draft (the attendance ticked on Talleres before "Save") offers
three methods, and the main window asks before leaving the screen or closing:

- ``unsaved_changes() -> tuple[str, str] | None``: the question's title and sentence
  while something is not saved, else None;
- ``save_changes() -> bool``: save it (Ctrl+S); True when saved (or nothing to save);
- ``discard_changes() -> None``: forget it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from coopdesk.i18n import _


def ask_to_save(parent: QWidget | None, title: str, text: str) -> QMessageBox.StandardButton:
    """Ask Save / Discard / Cancel; Save is the default (Enter) and Esc cancels.

    The buttons carry their own mnemonics (Alt+G, Alt+D in Spanish) so the whole
    question is answered from the keyboard.
    """
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton,
                      parent)
    save = box.addButton(QMessageBox.StandardButton.Save)
    save.setText(_("&Save"))
    box.addButton(QMessageBox.StandardButton.Discard).setText(_("&Discard"))
    box.addButton(QMessageBox.StandardButton.Cancel).setText(_("Cancel"))
    box.setDefaultButton(save)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    box.setObjectName("unsaved_question")
    return QMessageBox.StandardButton(box.exec())


def may_leave(screen: QWidget | None) -> bool:
    """Ask about *screen*'s unsaved changes, if any; save or discard them; False on Cancel.

    A save that fails (the service refused it) keeps the coordinator where she is,
    with the screen's own sentence saying why.
    """
    pending = getattr(screen, "unsaved_changes", None)
    question = pending() if callable(pending) else None
    if not question:
        return True
    title, text = question
    answer = ask_to_save(screen, title, text)
    if answer == QMessageBox.StandardButton.Save:
        return bool(screen.save_changes())
    if answer == QMessageBox.StandardButton.Discard:
        screen.discard_changes()
        return True
    return False
