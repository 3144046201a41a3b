"""Turn the income split of the productive-prisons rules on or off from a date."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QCheckBox, QWidget

from coopdesk.domain.income_split import PARTS, IncomeSplit
from coopdesk.gui.context import AppContext
from coopdesk.gui.dialogs.form import FormDialog, problem
from coopdesk.gui.widgets.date_edit import DateEdit
from coopdesk.gui.widgets.money_edit import DecimalEdit
from coopdesk.i18n import _
from coopdesk.services.income_split import income_split_on, set_income_split


class IncomeSplitDialog(FormDialog):
    """From a date on: whether payments are split, and the percentage of each part."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, _("Income split"), parent)
        self.day = self.add_field("valid_from", _("From"), DateEdit())
        self.on = self.add_field("on", _("Split each payment"), QCheckBox())
        current = income_split_on(ctx.book, self.day.day())
        self.on.setChecked(current is not None)
        shown = current or IncomeSplit()
        self.parts: dict[str, DecimalEdit] = {}
        for key, label in PARTS:
            edit = DecimalEdit(_(label), "unit_price")
            edit.setText(f"{Decimal(getattr(shown, key)):f}")
            self.parts[key] = self.add_field(key, _(label) + " (%)", edit)
        self.ready()

    def split(self) -> IncomeSplit | None:
        """Return the typed percentages, or None when one is not a number."""
        values = [self.parts[key].value() for key, _label in PARTS]
        return None if None in values else IncomeSplit(*values)

    def check(self) -> dict[str, str]:
        errors = {key: edit.error() for key, edit in self.parts.items() if edit.error()}
        split = self.split()
        if split is not None:
            total = problem(split.check)
            if total:
                errors["institution"] = total
        return errors

    def save(self):
        return set_income_split(self.ctx.book, valid_from=self.day.day(),
                                on=self.on.isChecked(), split=self.split())
