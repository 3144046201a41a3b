"""Add a workshop session: which workshop, the date, who facilitated it and notes."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from coopdesk.domain.text import check_plausible_date, clean_text
from coopdesk.gui.context import AppContext
from coopdesk.gui.dialogs.form import FormDialog, problem
from coopdesk.gui.widgets.date_edit import DateEdit
from coopdesk.i18n import _
from coopdesk.services.workshops import add_session, list_workshops


class SessionDialog(FormDialog):
    """The new-session form; a second session of a workshop on one day is refused."""

    def __init__(
        self,
        ctx: AppContext,
        workshop: int = 1,
        day: dt.date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, _("New workshop session"), parent)
        self.workshop = self.add_field("workshop", _("Workshop"), QComboBox())
        for ws in list_workshops(ctx.book):
            self.workshop.addItem(f"{ws.number}. {ws.title}", ws.number)
        self.workshop.setCurrentIndex(max(self.workshop.findData(workshop), 0))
        self.held_on = self.add_field("held_on", _("Date"), DateEdit(day))
        self.facilitator = self.add_field("facilitator", _("Facilitator"), QLineEdit())
        self.facilitator.setPlaceholderText(_("Who led the session (optional)"))
        self.notes = self.add_field("notes", _("Notes"), QLineEdit())
        self.ready()

    def check(self) -> dict[str, str]:
        errors = {
            "held_on": problem(
                lambda: check_plausible_date(self.held_on.day(), what=_("the date"))
            ),
            "facilitator": problem(
                lambda: clean_text(
                    self.facilitator.text(), what=_("the facilitator"), required=False
                )
            ),
            "notes": problem(
                lambda: clean_text(self.notes.text(), what=_("the notes"), required=False,
                                   limit=500)
            ),
        }
        return {k: v for k, v in errors.items() if v}

    def save(self):
        return add_session(
            self.ctx.book,
            workshop=self.workshop.currentData(),
            held_on=self.held_on.day(),
            facilitator=self.facilitator.text(),
            notes=self.notes.text(),
        )
