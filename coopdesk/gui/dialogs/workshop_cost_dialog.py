"""Pay a training workshop session's cost from the education fund (Talleres, by keyboard).

The session is chosen from the book's sessions (the one shown on the screen first); the
fund's balance is shown above the amount, and a cost the fund cannot pay is refused by
the service with its sentence under the amount. The reserve fund never pays anything.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from coopdesk.domain.text import clean_text
from coopdesk.formats import date_str, money
from coopdesk.gui.context import AppContext
from coopdesk.gui.dialogs.form import FormDialog, problem
from coopdesk.gui.widgets.money_edit import MoneyEdit
from coopdesk.i18n import _
from coopdesk.services.funds import fund_balance, pay_workshop_cost, workshop_sessions


class WorkshopCostDialog(FormDialog):
    """Which session, how much, what for: the education fund pays it, linked to the session."""

    def __init__(self, ctx: AppContext, session_uuid: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, _("Pay a workshop from the education fund"), parent)
        self.balance = QLabel(_("The education fund has {amount} today.").format(
            amount=money(fund_balance(ctx.book, "education"))))
        self.form.addRow("", self.balance)
        self.session = self.add_field("held_on", _("Session"), QComboBox())
        self.sessions = workshop_sessions(ctx.book)
        for s in self.sessions:
            text = _("Workshop {n} · {day} · {title}").format(n=s.number, day=date_str(s.held_on),
                                                              title=s.title)
            if s.paid:
                text += " · " + _("already paid {amount}").format(amount=money(s.paid))
            self.session.addItem(text, s.uuid)
        self.session.setCurrentIndex(max(self.session.findData(session_uuid), 0))
        self.amount = self.add_field("amount", _("Cost (S/)"), MoneyEdit(_("the cost")))
        self.note = self.add_field("note", _("What was paid"), QLineEdit())
        self.note.setPlaceholderText(_("e.g. materials and refreshments (optional)"))
        self.ready()

    def check(self) -> dict[str, str]:
        errors = {
            "held_on": "" if self.sessions else _("Record the workshop's session first."),
            "amount": self.amount.error(),
            "note": problem(lambda: clean_text(self.note.text(), what=_("the note"),
                                               required=False, limit=500)),
        }
        return {k: v for k, v in errors.items() if v}

    def save(self):
        chosen = self.sessions[self.session.currentIndex()]
        return pay_workshop_cost(self.ctx.book, workshop=chosen.number, held_on=chosen.held_on,
                                 amount=self.amount.value(), note=self.note.text())
