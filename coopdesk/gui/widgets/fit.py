"""Keeping every window inside the screen's free area, so its buttons are never below the taskbar.

The laptop's screen is 1366×768 and a taskbar takes part of it: a dialog sized for a
larger screen would hide Imprimir or Guardar below the bottom edge, where the keyboard
still reaches them but the eye does not. ``fit_to_screen`` shrinks and moves a window
into ``QScreen.availableGeometry()`` (the screen less the taskbar); ``ScreenFit``
does it for every dialog of the application as it is shown.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

#: Room for the window manager's title bar and borders before a window has been shown
#: (afterwards its real frame is measured).
FRAME_ALLOWANCE = QSize(8, 36)

__all__ = ["FRAME_ALLOWANCE", "ScreenFit", "available_area", "fit_to_screen", "fits",
           "install_screen_fit"]


def available_area(window: QWidget) -> QRect:
    """Return the free area (taskbar excluded) of the screen *window* is, or will be, on."""
    parent = window.parentWidget()
    screen = window.screen() if window.isVisible() or parent is None else parent.screen()
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen else QRect(0, 0, 1366, 768)


def _frame(window: QWidget) -> QSize:
    frame = window.frameGeometry().size() - window.geometry().size()
    if window.isVisible() and frame.width() > 0 and frame.height() > 0:
        return frame
    return FRAME_ALLOWANCE


def fits(window: QWidget, size: QSize | None = None) -> bool:
    """True when *window* at *size* (its own size by default), frame included, fits the area."""
    size = size or window.size()
    area = available_area(window)
    frame = _frame(window)
    return (size.width() + frame.width() <= area.width()
            and size.height() + frame.height() <= area.height())


def fit_to_screen(window: QWidget) -> bool:
    """Shrink *window* to the free area when it is larger, and move it inside; True if it fits.

    It is centred on its parent when it has one (as Qt places dialogs), else on the
    area, then pushed inside the area's edges. A maximized window is left alone.
    Returns False when even the window's minimum size does not fit (the caller may
    then maximize it).
    """
    if window.windowState() & (Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen):
        return True
    area = available_area(window)
    frame = _frame(window)
    room = QSize(max(area.width() - frame.width(), 1), max(area.height() - frame.height(), 1))
    wanted = window.size() if window.testAttribute(Qt.WidgetAttribute.WA_Resized) \
        else window.sizeHint().expandedTo(window.minimumSizeHint())
    size = wanted.boundedTo(room).expandedTo(window.minimumSize())
    if size != window.size():
        window.resize(size)
    parent = window.parentWidget()
    anchor = parent.window().frameGeometry() if parent is not None and parent.isVisible() \
        else area
    outer = QRect(QPoint(0, 0), size + frame)
    outer.moveCenter(anchor.center())
    left = min(max(outer.left(), area.left()), area.right() + 1 - outer.width())
    top = min(max(outer.top(), area.top()), area.bottom() + 1 - outer.height())
    window.move(max(left, area.left()), max(top, area.top()))
    return size.width() <= room.width() and size.height() <= room.height()


class ScreenFit(QObject):
    """An application event filter: every dialog is fitted into the free area as it is shown.

    Dialogs are written by several hands and sized for their content; this keeps the
    promise for all of them (message boxes and file pickers included) in one place.
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        # Every event of the application passes here: the cheap type test comes first,
        # event.type() (a Python enum made for each call) only for a dialog.
        if isinstance(watched, QDialog) and watched.isWindow():
            kind = event.type()
            # A message box sizes itself in its own showEvent, after this filter saw the
            # Show (narrower, its text wrapped): centred by its first size, it stood to
            # the left of its window. Its Resize while shown centres it again.
            if kind == _SHOW or (kind == _RESIZE and isinstance(watched, QMessageBox)
                                 and watched.isVisible()):
                fit_to_screen(watched)
        return False


_SHOW = QEvent.Type.Show
_RESIZE = QEvent.Type.Resize


def install_screen_fit(app: QApplication) -> ScreenFit:
    """Install the ScreenFit filter on *app* once; return it.

    Installed, it costs more than its calls: every object an event is sent to crosses
    into Python, and PySide6 builds the Python class of each Qt class met for the first
    time (30 ms for a QTreeWidget's first construction). So the desk's start
    (coopdesk.gui.app.run) installs it only once the main window is up, or before the
    first dialog when a dialog comes first (the first run, a book that cannot be opened).
    """
    existing = getattr(app, "_coopdesk_screen_fit", None)
    if existing is not None:
        return existing
    fitter = ScreenFit(app)
    app.installEventFilter(fitter)
    app._coopdesk_screen_fit = fitter  # kept alive as long as the app
    return fitter
