"""Record another expense: the institution's contribution, transport, materials."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from coopdesk.domain.text import clean_text
from coopdesk.gui.context import AppContext
from coopdesk.gui.dialogs.form import FormDialog, problem
from coopdesk.gui.widgets.corrects_edit import CorrectsEdit
from coopdesk.gui.widgets.date_edit import DateEdit
from coopdesk.gui.widgets.money_edit import MoneyEdit
from coopdesk.i18n import _
from coopdesk.services.payments import record_expense
from coopdesk.services.queries import expense_categories


class ExpenseDialog(FormDialog):
    """The expense form."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, _("New expense"), parent)
        self.day = self.add_field("day", _("Date"), DateEdit())
        self.category = self.add_field("category", _("Category"), QComboBox())
        self.category.setEditable(True)
        self.category.addItem("")
        self.category.addItems(expense_categories(ctx.book))
        self.category.lineEdit().setPlaceholderText(_("Pick or type a category"))
        self.amount = self.add_field("amount", _("Amount (S/)"), MoneyEdit(_("the amount")))
        self.note = self.add_field("note", _("Note"), QLineEdit())
        self.corrects = self.add_field(
            "corrects", _("Corrects"), CorrectsEdit(ctx.book, "expense")
        )
        self.ready()

    def check(self) -> dict[str, str]:
        errors = {
            "category": problem(
                lambda: clean_text(
                    self.category.currentText(), what=_("the category"), required=True, limit=60
                )
            ),
            "amount": self.amount.error(),
            "note": problem(
                lambda: clean_text(self.note.text(), what=_("the note"), required=False, limit=500)
            ),
            "corrects": self.corrects.error(day=self.day.day()),
        }
        return {k: v for k, v in errors.items() if v}

    def save(self):
        return record_expense(
            self.ctx.book,
            day=self.day.day(),
            category=self.category.currentText(),
            amount=self.amount.value(),
            note=self.note.text(),
            corrects=self.corrects.value(),
        )
