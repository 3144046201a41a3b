"""Socias: the members, added and edited through a form; never deleted."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from coopdesk.domain.changes import Kind
from coopdesk.gui.actions import Action
from coopdesk.gui.context import AppContext
from coopdesk.gui.dialogs.member_dialog import MemberDialog
from coopdesk.gui.models.members_model import MembersModel
from coopdesk.gui.views.list_view import RecordListView
from coopdesk.i18n import _
from coopdesk.services.queries import members_page


class MembersView(RecordListView):
    """The members list with New and Edit (status changes go through Edit)."""

    watch = frozenset({Kind.MEMBERS, Kind.WORKDAYS, Kind.RATES, Kind.PAYMENTS, Kind.CREDITS})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, _("Members"), MembersModel(), members_page, parent)
        self.new_button = self.add_button(_("New member…"), self.new_record)
        self.edit_button = self.add_button(
            _("Edit or change status…"), self.open_selected, _("Released or withdrawn, with a date")
        )
        self.finish_buttons()
        self.search.setPlaceholderText(_("Search code, name or DNI…"))

    def row_actions(self) -> dict[Action, Callable[[], object]]:
        """What this list does with its rows (greyed out elsewhere)."""
        return {**super().row_actions(),
                Action.NEW_RECORD: self.new_record,
                Action.EDIT_SELECTED: self.open_selected}

    def new_record(self) -> None:
        """Open the new member form."""
        MemberDialog(self.ctx, parent=self).exec()

    def open_selected(self) -> None:
        member = self.selected()
        if member is not None:
            MemberDialog(self.ctx, member, parent=self).exec()

    def selection_changed(self) -> None:
        self.edit_button.setEnabled(self.selected() is not None)
