"""Windows fit the screen: dialogs inside the free area, previews maximized on small screens.

The offscreen platform's screen is 800×800, smaller than the 820×900 a preview asks
for, which is the laptop's situation in miniature.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from coopdesk.gui.main_window import MINIMUM_SIZE, MainWindow
from coopdesk.gui.widgets.fit import FRAME_ALLOWANCE, available_area, install_screen_fit


@pytest.fixture
def screen_fit(qapp):
    return install_screen_fit(qapp)


def tall_dialog(parent: QWidget | None = None) -> tuple[QDialog, QDialogButtonBox]:
    dialog = QDialog(parent)
    layout = QVBoxLayout(dialog)
    layout.addWidget(QLabel("Contenido"), 1)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    layout.addWidget(buttons)
    dialog.resize(820, 900)
    return dialog, buttons


def on_screen(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


def test_a_dialog_larger_than_the_screen_opens_inside_it_with_its_buttons(qtbot, screen_fit):
    dialog, buttons = tall_dialog()
    qtbot.addWidget(dialog)
    area = available_area(dialog)
    assert dialog.height() > area.height()  # the attack: asks for more than there is
    dialog.show()
    qtbot.waitExposed(dialog)
    assert area.contains(dialog.frameGeometry())
    assert area.contains(on_screen(buttons))


def test_a_dialog_of_a_window_near_the_edge_is_pushed_inside(qtbot, screen_fit):
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.setGeometry(700, 700, 300, 300)  # mostly beyond the 800×800 screen
    parent.show()
    dialog, buttons = tall_dialog(parent)
    dialog.setWindowFlag(Qt.WindowType.Dialog)
    dialog.resize(400, 300)
    dialog.show()
    qtbot.waitExposed(dialog)
    area = available_area(dialog)
    assert area.contains(dialog.frameGeometry())
    assert dialog.size() == QSize(400, 300)  # it fitted: not shrunk


def test_the_preview_opens_maximized_when_the_page_does_not_fit(qtbot, small_book_pdf):
    from coopdesk.gui.dialogs.document_preview import show_document

    dialog = show_document(None, "Estado de cuenta", small_book_pdf)
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    assert dialog.windowState() & Qt.WindowState.WindowMaximized
    area = available_area(dialog)
    assert area.contains(on_screen(dialog.print_button))
    assert area.contains(on_screen(dialog.save_button))


def test_the_main_window_fits_1280x720_less_a_taskbar_on_every_screen(qtbot, ctx):
    window = MainWindow(ctx, auto_backup=False)
    qtbot.addWidget(window)
    for key in window._keys:  # every screen built: their minimums must not widen the window
        window.show_screen(key)
    room = QSize(1280 - FRAME_ALLOWANCE.width(), 720 - 40 - FRAME_ALLOWANCE.height())
    assert window.minimumSize() == MINIMUM_SIZE
    assert MINIMUM_SIZE.width() <= room.width() and MINIMUM_SIZE.height() <= room.height()
    hint = window.minimumSizeHint()
    assert hint.width() <= room.width() and hint.height() <= room.height()
    window.resize(MINIMUM_SIZE)
    window.show()
    qtbot.waitExposed(window)
    assert window.size() == MINIMUM_SIZE


@pytest.fixture
def small_book_pdf():
    from coopdesk.domain.documents import Letterhead
    from coopdesk.reports.base import para
    from coopdesk.reports.page import build_pdf

    return build_pdf([para("Hola")], head=Letterhead("Dulce Esperanza"), title="x")
