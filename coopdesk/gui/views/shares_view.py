"""Aportaciones: every movement of the members' share capital, voided with a reason, and its papers.

The list shows all members' movements (search a code or name for one member's);
above it, the chosen member's capital as her statement says it ("paid S/ X of S/ Y").
Voiding goes through the same service as ``coopdesk void-contribution`` and is refused
with the same sentences when her history would break a rule or the month is closed.
The contribution receipt and the certificate of contributions are made as a job and
shown in the preview, as every document of the desk.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from coopdesk.db.queries.share_list import ShareRow
from coopdesk.domain.changes import Kind
from coopdesk.domain.shares import kind_label
from coopdesk.formats import date_str, money
from coopdesk.gui.actions import Action
from coopdesk.gui.context import AppContext
from coopdesk.gui.dialogs.void_dialog import VoidDialog
from coopdesk.gui.models.shares_model import SharesModel
from coopdesk.gui.views import receipts
from coopdesk.gui.views.list_view import RecordListView
from coopdesk.i18n import _
from coopdesk.services.queries import shares_page
from coopdesk.services.shares import member_capital, member_deducted, void_share_movement


def _paper(name: str) -> Callable:
    """Return coopdesk.reports.documents' *name*, imported when first called (ReportLab)."""

    def call(*args):
        from coopdesk.reports import documents

        return getattr(documents, name)(*args)

    return call


def new_contribution(view: QWidget, code: str | None = None) -> None:
    """Open the contribution form; afterwards offer the movement's receipt."""
    from coopdesk.gui.dialogs.contribution_dialog import ContributionDialog

    dialog = ContributionDialog(view.ctx, code=code, parent=view)
    if not (dialog.exec() and dialog.result_value is not None):
        return
    number = dialog.result_value.id
    answer = QMessageBox.question(
        view, _("Contribution saved"),
        _("The contribution was saved. Print or preview the receipt?"),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes)
    if answer == QMessageBox.StandardButton.Yes:
        print_receipt(view, number)


def print_receipt(view: QWidget, number: int) -> None:
    """Show the receipt of the contribution numbered *number* in the preview."""
    make = _paper("contribution_receipt_pdf")
    receipts.produce(view, _("Contribution receipt"), lambda: make(view.ctx.book, number))


class SharesView(RecordListView):
    """The movements of the share capital with New, Void, the receipt and the certificate."""

    watch = frozenset({Kind.SHARES, Kind.MEMBERS, Kind.MONTHS})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, _("Contributions (share capital)"), SharesModel(), shares_page,
                         parent)
        self.new_button = self.add_button(_("Contribution…"), self.new_record)
        self.void_button = self.add_button(_("Void…"), self.void_selected)
        self.print_button = self.add_button(_("Print receipt…"), self.print_selected)
        self.certificate_button = self.add_button(_("Certificate of contributions…"),
                                                  self.print_certificate)
        self.finish_buttons()
        self.capital = QLabel()
        self.capital.setObjectName("capital")
        self.capital.setStyleSheet("font-size: 12pt; font-weight: bold;")
        self.main.insertWidget(2, self.capital)
        self.search.setPlaceholderText(_("Search member, code, agreement or number…"))

    def row_actions(self) -> dict[Action, Callable[[], object]]:
        """What this list does with its rows (greyed out elsewhere)."""
        return {**super().row_actions(),
                Action.NEW_RECORD: self.new_record,
                Action.PRINT_SELECTED: self.print_selected,
                Action.VOID_SELECTED: self.void_selected}

    def new_record(self) -> None:
        """Record a movement (for the member of the selected row, if any)."""
        row = self.selected()
        new_contribution(self, row.code if row else None)

    def void_selected(self) -> None:
        """Void the selected movement with a reason (the service may refuse it)."""
        row = self.selected()
        if row is None or row.voided:
            return
        VoidDialog(
            self.ctx,
            what=_("The contribution N.º {number} ({kind}, {amount}) of {name} on {day}").format(
                number=f"{row.id:06d}", kind=kind_label(row.kind), amount=money(row.amount),
                name=row.member, day=date_str(row.day)),
            void=lambda reason: void_share_movement(self.ctx.book, uuid=row.uuid,
                                                    reason=reason),
            parent=self,
        ).exec()

    def print_selected(self) -> None:
        """Reprint the selected movement's receipt (a voided one says ANULADO)."""
        row = self.selected()
        if row is not None:
            print_receipt(self, row.id)

    def print_certificate(self) -> None:
        """Show the certificate of contributions of the selected row's member."""
        row = self.selected()
        if row is None:
            return
        make = _paper("contributions_pdf")
        receipts.produce(self, _("Certificate of contributions"),
                         lambda: make(self.ctx.book, row.code))

    def selection_changed(self) -> None:
        row: ShareRow | None = self.selected()
        self.void_button.setEnabled(row is not None and not row.voided)
        self.print_button.setEnabled(row is not None)
        self.certificate_button.setEnabled(row is not None)
        self.capital.setText(self.capital_text(row))

    def capital_text(self, row: ShareRow | None) -> str:
        """Her capital today, as her statement says it, or what to do to see it."""
        if row is None:
            return _("Choose a movement to see that member's contributions.")
        capital = member_capital(self.ctx.book, code=row.code)
        text = _("{name} ({code}): paid {paid} of {subscribed}").format(
            name=row.member, code=row.code, paid=money(capital.paid_net),
            subscribed=money(capital.subscribed))
        deducted = member_deducted(self.ctx.book, code=row.code)
        if deducted:
            text += " · " + _("deducted from her pay {deducted}").format(
                deducted=money(deducted))
        if capital.returned:
            text += " · " + _("returned {returned}").format(returned=money(capital.returned))
        return text
