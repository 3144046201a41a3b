"""A document prepared as a job gives the focus back to the button she pressed.

The window is disabled while the job runs (nothing else may use the book), which takes
the focus away; without giving it back, the keyboard went nowhere after each document
of Informes (seen in a real X server at 1366×768).
"""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from coopdesk.gui.jobs import run_with_progress


def test_the_focus_goes_back_where_it_was(qtbot, qapp):
    window = QWidget()
    qtbot.addWidget(window)
    first, second = QPushButton("uno"), QPushButton("dos")
    layout = QVBoxLayout(window)
    layout.addWidget(first)
    layout.addWidget(second)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    second.setFocus()
    assert window.focusWidget() is second
    assert run_with_progress(second, "…", lambda: 42) == 42
    assert window.isEnabled()
    assert window.focusWidget() is second
