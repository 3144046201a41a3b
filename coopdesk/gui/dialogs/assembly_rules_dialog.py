"""The quorum of each call and the bylaws' article, and the minutes' first folio, from the desk.

The bylaws decide these numbers, not coopdesk: the form shows the rule in words and asks
for the article it comes from, which the minutes print.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from coopdesk.domain.assembly import QuorumRule, rule_text
from coopdesk.domain.text import clean_text
from coopdesk.gui.context import AppContext
from coopdesk.gui.dialogs.form import FormDialog, problem
from coopdesk.i18n import _
from coopdesk.services.assemblies import assembly_rules, set_assembly_rules


class AssemblyRulesDialog(FormDialog):
    """Quorum on first and second call, the bylaws' article, the first folio."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, _("Quorum and minutes"), parent)
        rules = assembly_rules(ctx.book)
        self.first_call = self.add_field("first_call", _("Quorum on first call"), QComboBox())
        self.second_call = self.add_field("second_call", _("Quorum on second call"),
                                          QComboBox())
        for combo, value in ((self.first_call, rules.first_call),
                             (self.second_call, rules.second_call)):
            for rule in QuorumRule:
                combo.addItem(rule_text(rule), rule.value)
            combo.setCurrentIndex(max(combo.findData(value), 0))
        self.article = self.add_field("article", _("Bylaws' article"), QLineEdit(rules.article))
        self.article.setPlaceholderText(_("e.g. Art. 25 (the minutes print it)"))
        self.first_folio = self.add_field("first_folio", _("First folio of the minutes"),
                                          QLineEdit(str(rules.first_folio)))
        self.ready()

    def check(self) -> dict[str, str]:
        folio = self.first_folio.text().strip()
        errors = {
            "article": problem(lambda: clean_text(self.article.text(),
                                                  what=_("the bylaws' article"),
                                                  required=False, limit=120)),
            "first_folio": "" if folio.isdigit() and 1 <= int(folio) <= 99999 else _(
                "Write the first folio as a whole number from 1 to 99999."),
        }
        return {k: v for k, v in errors.items() if v}

    def save(self):
        return set_assembly_rules(
            self.ctx.book, first_call=self.first_call.currentData(),
            second_call=self.second_call.currentData(), article=self.article.text(),
            first_folio=self.first_folio.text())
