"""Answering a modal question with the keyboard, as the coordinator does."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

ENTER = (Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
ESC = (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier)
#: In a question box a button's underlined letter alone presses it (Alt+letter too, with a WM).
KEY_D = (Qt.Key.Key_D, Qt.KeyboardModifier.NoModifier)


def answer_question(*keys: tuple[Qt.Key, Qt.KeyboardModifier]) -> list[dict]:
    """Type *keys* into the next question box as soon as it opens.

    Returns a list that receives, once it opened, what the box showed: its title, its
    sentence, its buttons and the default one (what Enter presses).
    """
    seen: list[dict] = []

    def type_keys() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or not box.isVisible():
            QTimer.singleShot(10, type_keys)
            return
        seen.append({
            "title": box.windowTitle(), "text": box.text(),
            "buttons": [b.text() for b in box.buttons()],
            "default": box.defaultButton().text() if box.defaultButton() else None,
        })
        for key, modifier in keys:
            QTest.keyClick(box, key, modifier)

    QTimer.singleShot(0, type_keys)
    return seen
