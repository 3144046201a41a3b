"""Add a member or change her details and status (liberada / retirada with a date)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLineEdit, QWidget

from coopdesk.domain.members import ROLES, MemberStatus, check_member_dates, clean_code, clean_dni
from coopdesk.domain.text import clean_text
from coopdesk.gui.context import AppContext
from coopdesk.gui.dialogs.form import FormDialog, problem
from coopdesk.gui.widgets.agreement_field import offer_agreements
from coopdesk.gui.widgets.date_edit import DateEdit
from coopdesk.i18n import _
from coopdesk.services.members import MemberData, add_member, member_agreements, update_member
from coopdesk.services.queries import MemberRow


class MemberDialog(FormDialog):
    """The member form; with *member* it edits her (her code stays)."""

    def __init__(
        self, ctx: AppContext, member: MemberRow | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, _("Edit member") if member else _("New member"), parent)
        self.member = member
        self.code = self.add_field("code", _("Code"), QLineEdit())
        self.code.setMaxLength(20)
        self.code.setPlaceholderText(_("e.g. S23"))
        self.full_name = self.add_field("full_name", _("Full name"), QLineEdit())
        self.dni = self.add_field("dni", _("DNI"), QLineEdit())
        self.dni.setMaxLength(8)
        self.dni.setPlaceholderText(_("8 digits, or empty"))
        self.joined_on = self.add_field("joined_on", _("Joined on"), DateEdit())
        self.status = self.add_field("status", _("Status"), QComboBox())
        for status in MemberStatus:
            self.status.addItem(status.label, status)
        self.has_exit = QCheckBox(_("She left on:"))
        self.exit_on = DateEdit()
        exit_row = QWidget()
        row = QHBoxLayout(exit_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.has_exit)
        row.addWidget(self.exit_on, 1)
        self.add_field("exit_on", _("Exit"), exit_row)
        self._watch("exit_on", self.has_exit)
        self._watch("exit_on", self.exit_on)
        self.admission_agreement = self.add_field(
            "admission_agreement", _("Admission agreement"), QLineEdit())
        self.admission_agreement.setPlaceholderText(_("e.g. Assembly 2, agreement 3 (optional)"))
        self.exit_agreement = self.add_field("exit_agreement", _("Exit agreement"), QLineEdit())
        self.exit_agreement.setPlaceholderText(_("the agreement that recorded her exit (optional)"))
        for field in (self.admission_agreement, self.exit_agreement):
            offer_agreements(field, ctx.book)  # issue #17: the recorded agreements
        self.role = self.add_field("role", _("Role"), QComboBox())
        self.role.setEditable(True)
        self.role.addItem("")
        for role in ROLES:
            self.role.addItem(_(role))
        self.status.currentIndexChanged.connect(self._status_changed)
        self.has_exit.toggled.connect(self.exit_on.setEnabled)
        if member:
            self.code.setText(member.code)
            self.code.setReadOnly(True)
            self.full_name.setText(member.full_name)
            self.dni.setText(member.dni)
            self.joined_on.set_day(member.joined_on)
            self.status.setCurrentIndex(self.status.findData(MemberStatus(member.status)))
            self.has_exit.setChecked(member.exit_on is not None)
            if member.exit_on:
                self.exit_on.set_day(member.exit_on)
            self.role.setCurrentText(member.role)
            admission, leaving = member_agreements(ctx.book, member.code)
            self.admission_agreement.setText(admission)
            self.exit_agreement.setText(leaving)
        self.exit_on.setEnabled(self.has_exit.isChecked())
        self.ready()

    def _status_changed(self) -> None:
        """Leaving needs a date: a released or withdrawn member gets one, today by default."""
        leaving = self.status.currentData() != MemberStatus.ACTIVE
        self.has_exit.setChecked(leaving)

    def data(self) -> MemberData:
        """Return what the form holds."""
        return MemberData(
            code=self.code.text(),
            full_name=self.full_name.text(),
            joined_on=self.joined_on.day(),
            status=self.status.currentData(),
            exit_on=self.exit_on.day() if self.has_exit.isChecked() else None,
            dni=self.dni.text(),
            role=self.role.currentText(),
            admission_agreement=self.admission_agreement.text(),
            exit_agreement=self.exit_agreement.text(),
        )

    def check(self) -> dict[str, str]:
        errors = {
            "code": problem(lambda: clean_code(self.code.text())),
            "full_name": problem(
                lambda: clean_text(self.full_name.text(), what=_("the name"), required=True)
            ),
            "dni": problem(lambda: clean_dni(self.dni.text())),
            "role": problem(
                lambda: clean_text(self.role.currentText(), what=_("the role"), required=False)
            ),
            "admission_agreement": problem(lambda: clean_text(
                self.admission_agreement.text(), what=_("the agreement"), required=False,
                limit=120)),
            "exit_agreement": problem(lambda: clean_text(
                self.exit_agreement.text(), what=_("the agreement"), required=False, limit=120)),
        }
        exit_on: dt.date | None = self.exit_on.day() if self.has_exit.isChecked() else None
        status = self.status.currentData()
        dates = problem(lambda: check_member_dates(status, self.joined_on.day(), exit_on))
        if not dates and status != MemberStatus.ACTIVE and exit_on is None:
            dates = _("A released or withdrawn member needs the date she left.")
        errors["exit_on"] = dates
        return {k: v for k, v in errors.items() if v}

    def save(self):
        if self.member:
            return update_member(self.ctx.book, self.member.code, self.data())
        return add_member(self.ctx.book, self.data())
