"""Starting the desk: the Qt application, languages, the book, the first-run dialog, the window."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from coopdesk.domain.errors import CoopError
from coopdesk.gui import restarting
from coopdesk.gui.widgets.fit import install_screen_fit
from coopdesk.i18n import _, current_language, set_language
from coopdesk.resources import resource


def application(*, fit_screens: bool = True) -> QApplication:
    """Return the QApplication, creating it (with the desk's names) when needed.

    With *fit_screens* every dialog opens inside the screen, above the taskbar
    (coopdesk.gui.widgets.fit); run() asks for it later, once its main window is up.
    """
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("coopdesk")
    app.setOrganizationName("coopdesk")
    app.setApplicationDisplayName("coopdesk")
    if fit_screens:
        install_screen_fit(app)
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


def open_book(folder):
    """Open the book in *folder* and switch to its language."""
    from coopdesk.services.book import Book
    from coopdesk.services.settings import get_settings

    book = Book.open_folder(folder)
    if not os.environ.get("COOPDESK_LANG"):
        set_language(get_settings(book).language)
    return book


def first_book(app: QApplication, folder, runner):
    """Show the first run; return (book, demo) once she started a book, else None.

    No book file is made before she confirms: the dialog makes it (or the demo's).
    """
    from coopdesk.gui.dialogs.first_run_dialog import FirstRunDialog

    dialog = FirstRunDialog(folder, runner)
    if not dialog.exec() or dialog.book is None:
        return None
    return dialog.book, dialog.result_value == "demo"


def run(data_dir=None) -> int:
    """Open the main window on the user's book; return the exit code."""
    from coopdesk.paths import DEMO_FOLDER, book_path
    from coopdesk.paths import data_dir as find_data_dir

    # The screen fit is installed before the first dialog, or once the main window is up:
    # installed earlier, building the window would cost a fifth more (install_screen_fit).
    app = application(fit_screens=False)
    folder = find_data_dir(data_dir)
    book = None
    if book_path(folder).exists():
        try:
            book = open_book(folder)
        except (CoopError, OSError) as error:  # mostly a BookError: newer, foreign, damaged, locked
            from coopdesk.oserrors import file_sentence

            install_qt_translation(app)
            install_screen_fit(app)
            text = error.message if isinstance(error, CoopError) else file_sentence(error)
            QMessageBox.critical(None, _("The book cannot be opened"), text)
            return 2
        if restarting.needs_first_run(book):  # an empty book left by an older coopdesk: ask again
            book.close()
            book = None
    install_qt_translation(app)

    from coopdesk.gui.context import AppContext
    from coopdesk.gui.main_window import MainWindow
    from coopdesk.gui.operations import OperationRunner

    runner = OperationRunner()
    demo = folder.name == DEMO_FOLDER  # the demo's own book opened with --data-dir
    if book is None:
        install_screen_fit(app)
        started = first_book(app, folder, runner)
        if started is None:
            return 0
        book, demo = started
    ctx = AppContext(book=book, runner=runner, demo=demo)
    # The demo's book is never copied to her stick beside her real copies.
    window = MainWindow(ctx, auto_backup=not demo)
    window.showMaximized()  # the laptop's whole screen; from 1280×720 up (MINIMUM_SIZE)
    # At the first turn of the event loop, before any key or click can open a dialog.
    QTimer.singleShot(0, app, lambda: install_screen_fit(app))
    try:
        return app.exec()
    finally:
        from coopdesk.gui import jobs, warmup

        warmup.cancel()  # what is not loaded yet is not needed any more
        jobs.wait_for_jobs()  # a backup finishes; Qt aborts if a running job is destroyed
        ctx.book.close()  # after a restore, the context holds the restored book
        if ctx.book is not book:
            book.close()
        if restarting.take_restart_request():
            restarting.start_again()
