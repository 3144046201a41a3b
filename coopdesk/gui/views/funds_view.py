"""Fondos: the reserve's and the education fund's balance today, every movement, its void.

What the coordinator looks for here: how much each fund has, and each movement with its
day, fund, in or out, amount, what caused it (the year's distribution, a workshop's
cost, an entry by hand) and its note, a voided one struck through with its reason.
Money in (or out of the education fund) goes through the same service as
``coopdesk fund-entry``; voiding (Ctrl+Del) through the one of ``void-fund-movement``,
refused with the same sentences (a distribution's part, money already spent, a closed
month) and nothing written.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QWidget

from coopdesk.db.queries.fund_list import FundRow
from coopdesk.domain.changes import Kind
from coopdesk.formats import date_str, money
from coopdesk.gui.actions import Action
from coopdesk.gui.context import AppContext
from coopdesk.gui.dialogs.fund_entry_dialog import FundEntryDialog, balances_text
from coopdesk.gui.dialogs.void_dialog import VoidDialog
from coopdesk.gui.models.funds_model import FundsModel, direction_text
from coopdesk.gui.views.list_view import RecordListView
from coopdesk.i18n import _
from coopdesk.services.funds import fund_name, void_fund_movement
from coopdesk.services.queries import funds_page


class FundsView(RecordListView):
    """The funds' movements with Money in or out, Workshop cost and Void."""

    watch = frozenset({Kind.FUNDS, Kind.DISTRIBUTIONS, Kind.WORKSHOPS, Kind.MONTHS})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, _("Funds (reserve and education)"), FundsModel(), funds_page,
                         parent)
        self.new_button = self.add_button(_("Money in or out…"), self.new_record,
                                          _("An entry by hand, explained by its note"))
        self.workshop_button = self.add_button(_("Pay a workshop…"), self.pay_workshop,
                                               _("The education fund pays a session's cost"))
        self.void_button = self.add_button(_("Void…"), self.void_selected)
        self.finish_buttons()
        self.balances = QLabel()
        self.balances.setObjectName("balances")
        self.balances.setStyleSheet("font-size: 12pt; font-weight: bold;")
        self.balances.setWordWrap(True)
        self.main.insertWidget(2, self.balances)
        self.search.setPlaceholderText(_("Search note or reason…"))

    def row_actions(self) -> dict[Action, Callable[[], object]]:
        """What this list does with its rows (greyed out elsewhere)."""
        return {**super().row_actions(),
                Action.NEW_RECORD: self.new_record,
                Action.VOID_SELECTED: self.void_selected}

    def new_record(self) -> None:
        """Record money into a fund (or out of the education fund) by hand."""
        row = self.selected()
        FundEntryDialog(self.ctx, row.fund if row else "reserve", parent=self).exec()

    def pay_workshop(self) -> None:
        """Pay a workshop session's cost from the education fund (as Talleres does)."""
        from coopdesk.gui.dialogs.workshop_cost_dialog import WorkshopCostDialog

        WorkshopCostDialog(self.ctx, parent=self).exec()

    def void_selected(self) -> None:
        """Void the selected movement with a reason (the service may refuse it)."""
        row: FundRow | None = self.selected()
        if row is None or row.voided:
            return
        VoidDialog(
            self.ctx,
            what=_("The movement of the {fund} ({direction}, {amount}) on {day}").format(
                fund=fund_name(row.fund).lower(), direction=direction_text(row.direction).lower(),
                amount=money(row.amount), day=date_str(row.day)),
            void=lambda reason: void_fund_movement(self.ctx.book, uuid=row.uuid, reason=reason),
            parent=self,
        ).exec()

    def refreshed(self) -> None:
        self.balances.setText(_("Today: {balances}").format(balances=balances_text(self.ctx)))

    def selection_changed(self) -> None:
        row: FundRow | None = self.selected()
        self.void_button.setEnabled(row is not None and not row.voided)
