"""Record money into a fund by hand, or out of the education fund, explained by a note.

The same service as ``coopdesk fund-entry``: anything out of the reserve is refused with
the bylaws' sentence, an amount the education fund cannot pay (counting what it pays
later) is refused under the amount, a closed month under the date; nothing is written.
Each fund's balance today is shown above the fields, so she sees what a fund has.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from coopdesk.domain.text import clean_text
from coopdesk.formats import money
from coopdesk.gui.context import AppContext
from coopdesk.gui.dialogs.form import FormDialog, problem
from coopdesk.gui.models.funds_model import direction_text
from coopdesk.gui.widgets.date_edit import DateEdit
from coopdesk.gui.widgets.money_edit import MoneyEdit
from coopdesk.i18n import _
from coopdesk.services.funds import FUNDS, fund_balance, fund_name, record_fund_movement


class FundEntryDialog(FormDialog):
    """Which fund, in or out, the day, how much, and what the money is."""

    def __init__(self, ctx: AppContext, fund: str = "reserve",
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, _("Fund entry"), parent)
        self.balances = QLabel(balances_text(ctx))
        self.balances.setWordWrap(True)
        self.form.addRow("", self.balances)
        self.fund = self.add_field("fund", _("Fund"), QComboBox())
        for key in FUNDS:
            self.fund.addItem(fund_name(key), key)
        self.fund.setCurrentIndex(max(self.fund.findData(fund), 0))
        self.direction = self.add_field("direction", _("Movement"), QComboBox())
        for key in ("in", "out"):
            self.direction.addItem(direction_text(key), key)
        self.day = self.add_field("day", _("Date"), DateEdit())
        self.amount = self.add_field("amount", _("Amount (S/)"), MoneyEdit(_("the amount")))
        self.note = self.add_field("note", _("What the money is"), QLineEdit())
        self.note.setMaxLength(500)
        self.note.setPlaceholderText(_("e.g. donation of the parish for the education fund"))
        self.ready()

    def check(self) -> dict[str, str]:
        errors = {
            "amount": self.amount.error(),
            "note": problem(lambda: clean_text(self.note.text(), what=_("the note"),
                                               required=True, limit=500)),
        }
        return {k: v for k, v in errors.items() if v}

    def save(self):
        return record_fund_movement(
            self.ctx.book, fund=self.fund.currentData(), day=self.day.day(),
            direction=self.direction.currentData(), amount=self.amount.value(),
            note=self.note.text())


def balances_text(ctx: AppContext) -> str:
    """Each fund's balance with every live movement counted (what it has today)."""
    return " · ".join(_("{fund}: {amount}").format(fund=fund_name(key),
                                                    amount=money(fund_balance(ctx.book, key)))
                      for key in FUNDS)
