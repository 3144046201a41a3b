"""Gastos: other expenses (the institution's contribution, transport…); voided with a reason."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from coopdesk.domain.changes import Kind
from coopdesk.formats import date_str, money
from coopdesk.gui.actions import Action
from coopdesk.gui.context import AppContext
from coopdesk.gui.dialogs.expense_dialog import ExpenseDialog
from coopdesk.gui.dialogs.void_dialog import VoidDialog
from coopdesk.gui.models.correction_marks import mark_corrections
from coopdesk.gui.models.expenses_model import ExpensesModel
from coopdesk.gui.views.list_view import RecordListView
from coopdesk.i18n import _
from coopdesk.services.payments import void_expense
from coopdesk.services.queries import expenses_page


class ExpensesView(RecordListView):
    """The expenses list with New and Void."""

    watch = frozenset({Kind.EXPENSES})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        model = ExpensesModel()
        page = mark_corrections(model, "expense", expenses_page)
        super().__init__(ctx, _("Other expenses"), model, page, parent)
        self.new_button = self.add_button(_("New expense…"), self.new_record)
        self.void_button = self.add_button(_("Void…"), self.void_selected)
        self.finish_buttons()
        self.search.setPlaceholderText(_("Search category or note…"))

    def row_actions(self) -> dict[Action, Callable[[], object]]:
        """What this list does with its rows (greyed out elsewhere)."""
        return {**super().row_actions(),
                Action.NEW_RECORD: self.new_record,
                Action.VOID_SELECTED: self.void_selected}

    def new_record(self) -> None:
        """Open the expense form."""
        ExpenseDialog(self.ctx, parent=self).exec()

    def void_selected(self) -> None:
        """Void the selected expense with a reason."""
        row = self.selected()
        if row is None or row.voided:
            return
        VoidDialog(
            self.ctx,
            what=_("The expense “{category}” of {amount} on {day}").format(
                category=row.category, amount=money(row.amount), day=date_str(row.day)
            ),
            void=lambda reason: void_expense(self.ctx.book, uuid=row.uuid, reason=reason),
            parent=self,
        ).exec()

    def selection_changed(self) -> None:
        row = self.selected()
        self.void_button.setEnabled(row is not None and not row.voided)
