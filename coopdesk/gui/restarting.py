"""Starting again: whether a book needs the first run, restarting, leaving the demo.

Screens ask for these at the moment they happen (the language changed in Ajustes,
"Empezar mi cooperativa" on Inicio). They live here, below the application module and
the screens, so that no screen imports the application that builds it.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from coopdesk.i18n import _


def needs_first_run(book) -> bool:
    """True for a new, empty book that has no cooperative name yet."""
    from coopdesk.services.queries import is_empty
    from coopdesk.services.settings import get_settings

    return is_empty(book) and not get_settings(book).cooperative_name


class _Restart:
    """Whether restart() was asked for: the application starts coopdesk again on its way out."""

    requested = False


def restart() -> None:
    """Close coopdesk and start it again the way it was started.

    The new program starts only after this one closed the book (see ``app.run``):
    started earlier, it found the book still locked and refused to open it.
    """
    _Restart.requested = True
    QApplication.closeAllWindows()
    QApplication.quit()


def take_restart_request() -> bool:
    """Return whether a restart was asked for, and forget it (the application asks once)."""
    asked, _Restart.requested = _Restart.requested, False
    return asked


def leave_demo(parent) -> None:
    """Close the demo's book and start coopdesk again on her own (the first run asks)."""
    answer = QMessageBox.question(
        parent,
        _("Start my cooperative's book"),
        _("Close the demo and start your cooperative's book? coopdesk starts again and "
          "asks for your cooperative's name. The demo stays in its own book."),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes,
    )
    if answer == QMessageBox.StandardButton.Yes:
        restart()


def start_again() -> bool:
    """Start a new coopdesk with this one's arguments (its book, its data folder)."""
    from PySide6.QtCore import QProcess

    return QProcess.startDetached(sys.executable, list(sys.orig_argv[1:]))
