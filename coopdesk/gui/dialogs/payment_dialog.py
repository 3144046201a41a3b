"""Pay a member: what she is owed is shown first; paying more needs an explicit advance."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QMessageBox, QWidget

from coopdesk.domain.errors import CoopError
from coopdesk.domain.text import clean_text
from coopdesk.formats import date_str, money
from coopdesk.gui.context import AppContext
from coopdesk.gui.dialogs.form import FormDialog, problem
from coopdesk.gui.widgets.corrects_edit import CorrectsEdit
from coopdesk.gui.widgets.date_edit import DateEdit
from coopdesk.gui.widgets.money_edit import MoneyEdit
from coopdesk.i18n import _
from coopdesk.services.payments import AdvanceNeedsConfirmation, owed_to, pay_member
from coopdesk.services.queries import active_members


class PaymentDialog(FormDialog):
    """Records a payment to a member (or to a relative on her behalf)."""

    def __init__(
        self, ctx: AppContext, code: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, _("Pay a member"), parent)
        self.advance_confirmed = False
        self.member = self.add_field("code", _("Member"), QComboBox())
        self.member.addItem(_("Choose a member…"), None)
        for member_code, name in active_members(ctx.book):
            self.member.addItem(f"{member_code} — {name}", member_code)
        self.day = self.add_field("day", _("Date"), DateEdit())
        self.owed = QLabel()
        self.owed.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.owed.setWordWrap(True)
        self.form.addRow(_("She is owed"), self.owed)
        self.amount = self.add_field("amount", _("Amount (S/)"), MoneyEdit(_("the amount")))
        self.received_by = self.add_field("received_by", _("Received by"), QLineEdit())
        self.received_by.setPlaceholderText(_("a relative's name, or empty if she receives it"))
        self.note = self.add_field("note", _("Note"), QLineEdit())
        self.corrects = self.add_field(
            "corrects", _("Corrects"), CorrectsEdit(ctx.book, "member_payment")
        )
        self.member.currentIndexChanged.connect(self.show_owed)
        self.day.dateChanged.connect(self.show_owed)
        if code:
            self.member.setCurrentIndex(max(self.member.findData(code), 0))
        self.show_owed()
        self.save_button.setText(_("Pay"))
        self.ready()

    def show_owed(self, *_args) -> None:
        """Show what the chosen member is owed up to the payment's date."""
        code, on = self.member.currentData(), self.day.day()
        self.advance_confirmed = False
        if not code or on is None:
            self.owed.setText("—")
            return
        owed = owed_to(self.ctx.book, code=code, on=on)
        self.owed.setText(
            _("{amount} up to {day}").format(amount=money(owed), day=date_str(on))
        )
        self.owed_amount = owed

    def check(self) -> dict[str, str]:
        errors = {
            "code": "" if self.member.currentData() else _("Choose the member who is paid."),
            "amount": self.amount.error(),
            "received_by": problem(
                lambda: clean_text(
                    self.received_by.text(), what=_("the name of who receives it"), required=False
                )
            ),
            "note": problem(
                lambda: clean_text(self.note.text(), what=_("the note"), required=False, limit=500)
            ),
            "corrects": self.corrects.error(
                day=self.day.day(), code=self.member.currentData()
            ),
        }
        return {k: v for k, v in errors.items() if v}

    def save(self):
        return pay_member(
            self.ctx.book,
            code=self.member.currentData(),
            day=self.day.day(),
            amount=self.amount.value(),
            note=self.note.text(),
            received_by=self.received_by.text(),
            confirm_advance=self.advance_confirmed,
            corrects=self.corrects.value(),
        )

    def ask_advance(self, error: AdvanceNeedsConfirmation) -> bool:
        """Ask whether to record the payment as an advance; True to go on."""
        answer = QMessageBox.question(
            self,
            _("Pay an advance?"),
            error.message,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def show_refusal(self, error: CoopError) -> None:
        if isinstance(error, AdvanceNeedsConfirmation) and not self.advance_confirmed:
            if self.ask_advance(error):
                self.advance_confirmed = True
                self.accept()
                return
        super().show_refusal(error)
