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

    watch = frozenset({Kind.MEMBERS, Kind.WORKDAYS, Kind.RATES, Kind.PAYMENTS, Kind.CREDITS,
                       Kind.ASSEMBLIES})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, _("Members"), MembersModel(), members_page, parent)
        self.new_button = self.add_button(_("New member…"), self.new_record)
        self.edit_button = self.add_button(
            _("Edit or change status…"), self.open_selected, _("Released or withdrawn, with a date")
        )
        # Issue #17: the general assembly admits the members; its minutes are printed here.
        self.assembly_button = self.add_button(_("&Assembly session…"), self.new_assembly,
                                               _("Attendance, quorum, agenda and agreements"))
        self.minutes_button = self.add_button(_("Mi&nutes book…"), self.open_minutes,
                                              _("The sessions: print the book, void one"))
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

    def new_assembly(self) -> None:
        """Record a session of the general assembly; afterwards offer its minutes."""
        from PySide6.QtWidgets import QMessageBox

        from coopdesk.gui.dialogs.assembly_dialog import AssemblyDialog

        dialog = AssemblyDialog(self.ctx, parent=self)
        if not (dialog.exec() and dialog.result_value is not None):
            return
        answer = QMessageBox.question(
            self, _("Session saved"),
            _("The session was saved. Print or preview the minutes book?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes)
        if answer == QMessageBox.StandardButton.Yes:
            self.print_minutes()

    def open_minutes(self) -> None:
        """List the sessions, to print the minutes book or void a session."""
        self.minutes_dialog().exec()

    def minutes_dialog(self) -> QWidget:
        """The list of the sessions, printing through this screen's paper."""
        from coopdesk.gui.dialogs.minutes_dialog import MinutesDialog

        return MinutesDialog(self.ctx, print_book=self.print_minutes, parent=self)

    def print_minutes(self, parent: QWidget | None = None) -> None:
        """Open the minutes book (every session, folios numbered) in the preview."""
        from coopdesk.gui.views import receipts

        def make() -> bytes:
            from coopdesk.reports.minutes import minutes_pdf  # ReportLab: on use

            return minutes_pdf(self.ctx.book)

        receipts.produce(parent or self, _("Minutes book"), make)

    def open_selected(self) -> None:
        member = self.selected()
        if member is not None:
            MemberDialog(self.ctx, member, parent=self).exec()

    def selection_changed(self) -> None:
        self.edit_button.setEnabled(self.selected() is not None)
