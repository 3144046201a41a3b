"""The first start: the cooperative's name, site, institution and labor rate, or the demo.

No book file exists until she presses Start: Cancel or Esc leave nothing behind. The
demo is a separate, confirmed choice that opens a book of its own (in the folder
``demostracion`` beside hers), so the invented cooperative never enters her book.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QMessageBox, QPushButton, QWidget

from coopdesk.domain.text import clean_text
from coopdesk.domain.work import STARTING_RATE
from coopdesk.gui.context import AppContext
from coopdesk.gui.dialogs.form import FormDialog, problem
from coopdesk.gui.operations import OperationRunner
from coopdesk.gui.widgets.money_edit import MoneyEdit
from coopdesk.i18n import _
from coopdesk.paths import demo_dir


class FirstRunDialog(FormDialog):
    """Asks four things once and then makes the book; or opens the demo's own book."""

    def __init__(
        self, folder: Path, runner: OperationRunner, parent: QWidget | None = None
    ) -> None:
        # No book yet: it is made by save(), once she confirms.
        super().__init__(AppContext(book=None, runner=runner), _("Welcome to coopdesk"), parent)
        self.folder = Path(folder)
        #: The book made by Start (or the demo's book): the caller owns and closes it.
        self.book = None
        intro = QLabel(
            _("This book is new. Tell coopdesk about the cooperative; "
              "everything can be changed later in Settings.")
        )
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.name = self.add_field("cooperative_name", _("Cooperative"), QLineEdit())
        self.name.setPlaceholderText(_("e.g. Dulce Esperanza"))
        self.site = self.add_field("site", _("Site"), QLineEdit())
        self.site.setPlaceholderText(_("the prison or centre where it works"))
        self.institution = self.add_field("institution", _("Institution"), QLineEdit())
        self.institution.setPlaceholderText(_("e.g. INPE"))
        self.rate = self.add_field("rate", _("Labor rate per day (S/)"), MoneyEdit(_("the rate")))
        self.rate.set_value(STARTING_RATE)
        rate_note = QLabel(
            _("The rate counts from the book's first day, so the days of past months you "
              "record earn it too. A new rate from a later date is added in Settings.")
        )
        rate_note.setWordWrap(True)
        rate_note.setStyleSheet("color: #555;")
        self.form.addRow("", rate_note)
        demo_note = QLabel(
            _("Only want to look around first? The demo is an invented cooperative in a "
              "separate book of its own; nothing of it goes into your book.")
        )
        demo_note.setWordWrap(True)
        demo_note.setStyleSheet("color: #555;")
        self.body.addWidget(demo_note)
        self.demo_button = QPushButton(_("Look at the demo cooperative…"))
        self.demo_button.setAutoDefault(False)
        self.demo_button.setDefault(False)
        self.demo_button.clicked.connect(self.open_demo)
        self.buttons.addButton(self.demo_button, self.buttons.ButtonRole.ActionRole)
        self.save_button.setText(_("Start the book"))
        self.ready()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """Put the cursor in the name: typing must never press a button."""
        super().showEvent(event)
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)

    def check(self) -> dict[str, str]:
        errors = {
            "cooperative_name": problem(
                lambda: clean_text(self.name.text(), what=_("the name"), required=True, limit=200)
            ),
            "site": problem(
                lambda: clean_text(self.site.text(), what=_("the site"), required=False, limit=200)
            ),
            "institution": problem(
                lambda: clean_text(
                    self.institution.text(), what=_("the institution"), required=False, limit=200
                )
            ),
            "rate": self.rate.error(),
        }
        return {k: v for k, v in errors.items() if v}

    def save(self):
        """Make the book and write the four answers in one transaction."""
        from coopdesk.services.book import Book
        from coopdesk.services.settings import update_settings

        rate = self.rate.value()
        set_aside_empty_book(self.folder)
        # The book is made with her rate, in force from its first day (posted rates
        # cannot change later; a later rate is added from a date in Settings).
        book = Book.open_folder(self.folder, starting_rate=rate)
        try:
            update_settings(
                book,
                cooperative_name=self.name.text(),
                site=self.site.text(),
                institution=self.institution.text(),
                rate_confirmed=rate != STARTING_RATE,  # changed: she looked at it
            )
        except BaseException:
            book.close()
            raise
        self.book = book
        return "book"

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """Enter while something is missing says what, instead of doing nothing."""
        if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and not self.save_button.isEnabled()):
            self.touch_all()
            return
        super().keyPressEvent(event)

    def reject(self) -> None:
        """Esc or Cancel: say that nothing is kept, and ask when she typed something."""
        typed = any(e.text().strip() for e in (self.name, self.site, self.institution))
        answer = QMessageBox.question(
            self,
            _("Leave without starting"),
            _("Close coopdesk without starting the book? Nothing has been written; "
              "coopdesk asks again the next time it starts."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No if typed else QMessageBox.StandardButton.Yes,
        )
        if answer == QMessageBox.StandardButton.Yes:
            QDialog.reject(self)  # this question replaces the form's own "discard?" one
        else:
            self.name.setFocus(Qt.FocusReason.OtherFocusReason)

    def open_demo(self) -> None:
        """After she confirms, open (making it the first time) the demo's separate book."""
        answer = QMessageBox.question(
            self,
            _("Demo cooperative"),
            _("Open the demo? It is an invented cooperative with a year of records, kept in "
              "a separate book ({folder}). Your cooperative's book is not started; to start "
              "it, use “Start my cooperative's book” in the demo.").format(
                  folder=demo_dir(self.folder)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        ok, result = self.ctx.runner.run(
            self._open_demo_book, parent=self, show_errors=False
        )
        if ok:
            self.result_value = "demo"
            self.done(self.DialogCode.Accepted)
        else:
            self.show_refusal(result)

    def _open_demo_book(self):
        from coopdesk.services.book import Book
        from coopdesk.services.demo import is_empty, load_demo

        book = Book.open_folder(demo_dir(self.folder))
        try:
            if is_empty(book):
                load_demo(book)
        except BaseException:
            book.close()
            raise
        self.book = book
        return "demo"


def set_aside_empty_book(folder: Path) -> Path | None:
    """Move aside an empty, nameless book an older coopdesk left when its first run was cancelled.

    Its starting rate is already posted (S/ 10.00) and could not become hers, so a fresh
    book is made instead; the old file is kept beside it (``coopdesk.sqlite3.vacio-…``),
    never deleted. Returns where it went, or None when there was none.
    """
    import datetime as dt

    from coopdesk.domain.errors import BookError
    from coopdesk.gui.restarting import needs_first_run
    from coopdesk.paths import book_path
    from coopdesk.services.book import Book

    path = book_path(Path(folder))
    if not path.exists():
        return None
    with Book(path) as old:
        if not needs_first_run(old):  # the desk only asks for a book that does
            raise BookError(_("This folder already holds a cooperative's book."))
    aside = path.with_name(f"{path.name}.vacio-{dt.datetime.now():%Y%m%d-%H%M%S}")
    path.rename(aside)
    for suffix in ("-wal", "-shm"):  # SQLite's side files go with it, never to the new book
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.rename(aside.with_name(aside.name + suffix))
    return aside
