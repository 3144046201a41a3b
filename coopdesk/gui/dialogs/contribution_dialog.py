"""Record a movement of a member's share capital: subscription, payment, deduction, return.

Her capital ("paid X of Y") and what she is owed are shown before saving, so the
coordinator sees why a deduction or a return is refused before typing it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from coopdesk.domain.shares import ShareKind, kind_label
from coopdesk.domain.text import clean_text
from coopdesk.formats import date_str, money
from coopdesk.gui.context import AppContext
from coopdesk.gui.dialogs.form import FormDialog, problem
from coopdesk.gui.widgets.agreement_field import offer_agreements
from coopdesk.gui.widgets.date_edit import DateEdit
from coopdesk.gui.widgets.money_edit import MoneyEdit
from coopdesk.i18n import _
from coopdesk.services.payments import owed_to
from coopdesk.services.queries import active_members
from coopdesk.services.shares import member_capital, record_share_movement


class ContributionDialog(FormDialog):
    """Records one movement of a member's contributions (aportaciones)."""


    def __init__(self, ctx: AppContext, code: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, _("Contributions (share capital)"), parent)
        self.member = self.add_field("code", _("Member"), QComboBox())
        self.member.addItem(_("Choose a member…"), None)
        for member_code, name in active_members(ctx.book):
            self.member.addItem(f"{member_code} — {name}", member_code)
        self.kind = self.add_field("kind", _("Movement"), QComboBox())
        for kind in ShareKind:
            self.kind.addItem(kind_label(kind), kind)
        self.day = self.add_field("day", _("Date"), DateEdit())
        self.capital = QLabel()
        self.capital.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.capital.setWordWrap(True)
        self.form.addRow(_("Her contributions"), self.capital)
        self.amount = self.add_field("amount", _("Amount (S/)"), MoneyEdit(_("the amount")))
        self.agreement = self.add_field("agreement", _("Agreement"), QLineEdit())
        self.agreement.setPlaceholderText(_("e.g. Assembly 2, agreement 3 (optional)"))
        offer_agreements(self.agreement, ctx.book)  # issue #17: the recorded agreements
        self.note = self.add_field("note", _("Note"), QLineEdit())
        self.member.currentIndexChanged.connect(self.show_capital)
        self.day.dateChanged.connect(self.show_capital)
        if code:
            self.member.setCurrentIndex(max(self.member.findData(code), 0))
        self.show_capital()
        self.ready()

    def show_capital(self, *_args) -> None:
        """Show her capital and what she is owed up to the movement's date."""
        code, on = self.member.currentData(), self.day.day()
        if not code or on is None:
            self.capital.setText("—")
            return
        import datetime as dt

        capital = member_capital(self.ctx.book, code=code, until=on + dt.timedelta(days=1))
        owed = owed_to(self.ctx.book, code=code, on=on)
        self.capital.setText(_("paid {paid} of {subscribed}; she is owed {owed} up to {day}")
                             .format(paid=money(capital.paid_net),
                                     subscribed=money(capital.subscribed), owed=money(owed),
                                     day=date_str(on)))

    def check(self) -> dict[str, str]:
        errors = {
            "code": "" if self.member.currentData() else _("Choose the member."),
            "amount": self.amount.error(),
            "agreement": problem(lambda: clean_text(
                self.agreement.text(), what=_("the agreement"), required=False, limit=120)),
            "note": problem(lambda: clean_text(
                self.note.text(), what=_("the note"), required=False, limit=500)),
        }
        return {k: v for k, v in errors.items() if v}

    def save(self):
        return record_share_movement(
            self.ctx.book, code=self.member.currentData(), day=self.day.day(),
            kind=self.kind.currentData(), amount=self.amount.value(),
            agreement=self.agreement.text(), note=self.note.text())
