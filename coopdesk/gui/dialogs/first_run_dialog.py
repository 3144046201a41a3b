"""The first start: the cooperative's name, site, institution and labor rate, or the demo."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QWidget

from coopdesk.domain.text import clean_text
from coopdesk.domain.work import STARTING_RATE
from coopdesk.gui.context import AppContext
from coopdesk.gui.dialogs.form import FormDialog, problem
from coopdesk.gui.widgets.money_edit import MoneyEdit
from coopdesk.i18n import _
from coopdesk.services.demo import load_demo
from coopdesk.services.settings import update_settings
from coopdesk.services.work import add_rate


class FirstRunDialog(FormDialog):
    """Asks four things once; or fills the book with the demo cooperative."""

    kinds = {"settings", "rates"}

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, _("Welcome to coopdesk"), parent)
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
        self.demo_button = QPushButton(_("Open the demo cooperative instead"))
        self.demo_button.setAutoDefault(False)
        self.demo_button.clicked.connect(self.load_demo)
        self.buttons.addButton(self.demo_button, self.buttons.ButtonRole.ActionRole)
        self.save_button.setText(_("Start"))
        self.ready()

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
        with self.ctx.book.transaction():
            update_settings(
                self.ctx.book,
                cooperative_name=self.name.text(),
                site=self.site.text(),
                institution=self.institution.text(),
            )
            rate = self.rate.value()
            if rate != STARTING_RATE:
                add_rate(self.ctx.book, valid_from=dt.date.today(), rate=rate)

    def load_demo(self) -> None:
        """Fill the book with the demo year and close."""
        ok, result = self.ctx.runner.run(
            lambda: load_demo(self.ctx.book), kinds={"book"}, parent=self, show_errors=False
        )
        if ok:
            self.result_value = "demo"
            self.done(self.DialogCode.Accepted)
        else:
            self.show_refusal(result)
