"""Starting the desk: the Qt application, languages, the book, the first-run dialog, the window."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from coopdesk.domain.errors import CoopError
from coopdesk.i18n import _, current_language, set_language
from coopdesk.resources import resource


def application() -> QApplication:
    """Return the QApplication, creating it (with the desk's names) when needed."""
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("coopdesk")
    app.setOrganizationName("coopdesk")
    app.setApplicationDisplayName("coopdesk")
    from coopdesk.gui.widgets.fit import install_screen_fit

    install_screen_fit(app)  # every dialog opens inside the screen, above the taskbar
    return app


def install_qt_translation(app: QApplication) -> QTranslator | None:
    """Translate Qt's own dialogs (Yes/No, Cancel, calendars) with the shipped qtbase_es.qm."""
    if current_language() != "es":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return None
    QLocale.setDefault(QLocale(QLocale.Language.Spanish, QLocale.Country.Peru))
    translator = QTranslator(app)
    shipped = resource("i18n", "qtbase_es.qm")
    if translator.load(str(shipped)) or translator.load(
        "qtbase_es", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        app.installTranslator(translator)
        app._coopdesk_translator = translator  # keep it alive as long as the app
        return translator
    return None


def open_book(data_dir=None):
    """Open the book in *data_dir* (or the usual place) and switch to its language."""
    from coopdesk.paths import data_dir as find_data_dir
    from coopdesk.services.book import Book
    from coopdesk.services.settings import get_settings

    book = Book.open_folder(find_data_dir(data_dir))
    if not os.environ.get("COOPDESK_LANG"):
        set_language(get_settings(book).language)
    return book


def needs_first_run(book) -> bool:
    """True for a new, empty book that has no cooperative name yet."""
    from coopdesk.services.queries import is_empty
    from coopdesk.services.settings import get_settings

    return is_empty(book) and not get_settings(book).cooperative_name


def restart() -> None:
    """Start coopdesk again the way it was started, then close this one."""
    from PySide6.QtCore import QProcess

    if QProcess.startDetached(sys.executable, list(sys.orig_argv[1:])):
        QApplication.closeAllWindows()
        QApplication.quit()


def run(data_dir=None) -> int:
    """Open the main window on the user's book; return the exit code."""
    app = application()
    try:
        book = open_book(data_dir)
    except CoopError as error:  # a BookError mostly: newer, foreign, damaged or locked
        install_qt_translation(app)
        QMessageBox.critical(None, _("The book cannot be opened"), error.message)
        return 2
    install_qt_translation(app)

    from coopdesk.gui.context import AppContext
    from coopdesk.gui.main_window import MainWindow
    from coopdesk.gui.operations import OperationRunner

    ctx = AppContext(book=book, runner=OperationRunner())
    if needs_first_run(book):
        from coopdesk.gui.dialogs.first_run_dialog import FirstRunDialog

        if not FirstRunDialog(ctx).exec():
            book.close()
            return 0
    window = MainWindow(ctx)
    window.showMaximized()  # the laptop's whole screen; from 1280×720 up (MINIMUM_SIZE)
    try:
        return app.exec()
    finally:
        from coopdesk.gui.backup_jobs import wait_for_backup_jobs
        from coopdesk.gui.views.home_view import wait_for_chart_jobs
        from coopdesk.gui.warmup import wait_for_warmup

        wait_for_backup_jobs()
        wait_for_chart_jobs()
        wait_for_warmup()
        ctx.book.close()  # after a restore, the context holds the restored book
        if ctx.book is not book:
            book.close()
