"""Record a purchase of an input: supplier, input, quantity, unit and unit price.

The supplier's paper receipt and her RUC or DNI are optional (the accountant's registers).
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from coopdesk.domain.money import line_total
from coopdesk.domain.text import clean_text
from coopdesk.formats import money
from coopdesk.gui.context import AppContext
from coopdesk.gui.dialogs.form import FormDialog, problem
from coopdesk.gui.dialogs.paper_fields import PaperFields
from coopdesk.gui.widgets.corrects_edit import CorrectsEdit
from coopdesk.gui.widgets.date_edit import DateEdit
from coopdesk.gui.widgets.money_edit import DecimalEdit
from coopdesk.i18n import _
from coopdesk.services.queries import names, units_used
from coopdesk.services.trade import clean_reference, record_purchase


def _editable(items: list[str], placeholder: str) -> QComboBox:
    combo = QComboBox()
    combo.setEditable(True)
    combo.addItem("")
    combo.addItems(items)
    combo.lineEdit().setPlaceholderText(placeholder)
    return combo


class PurchaseDialog(FormDialog):
    """The purchase form."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, _("New purchase"), parent)
        book = ctx.book
        self.day = self.add_field("day", _("Date"), DateEdit())
        self.supplier = self.add_field(
            "supplier", _("Supplier"), _editable(names(book, "supplier"), _("Pick or type"))
        )
        self.item = self.add_field(
            "item", _("Input"), _editable(names(book, "input"), _("cacao, sugar, wrappers…"))
        )
        self.quantity = self.add_field(
            "quantity", _("Quantity"), DecimalEdit(_("the quantity"), "quantity")
        )
        self.unit = self.add_field("unit", _("Unit"), _editable(units_used(book), _("kg, unit…")))
        self.unit_price = self.add_field(
            "unit_price", _("Unit price (S/)"), DecimalEdit(_("the unit price"), "unit_price")
        )
        self.total = QLabel()
        self.total.setStyleSheet("font-weight: bold;")
        self.form.addRow(_("Total"), self.total)
        self.reference = self.add_field("reference", _("Document"), QLineEdit())
        self.reference.setPlaceholderText(_("the supplier's invoice or receipt (optional)"))
        self.paper = PaperFields(self, table="supplier", name_box=self.supplier,
                                 document_label=_("Supplier's RUC or DNI"))
        self.corrects = self.add_field(
            "corrects", _("Corrects"), CorrectsEdit(ctx.book, "purchase")
        )
        for edit in (self.quantity, self.unit_price):
            edit.textChanged.connect(self._show_total)
        self._show_total()
        self.ready()

    def focus_target(self, name: str) -> QWidget:
        """The wrong box of the paper rows, else the field's first box."""
        return self.paper.focus_target(name) or super().focus_target(name)

    def _show_total(self, *_args) -> None:
        qty, price = self.quantity.value(), self.unit_price.value()
        known = qty is not None and price is not None
        self.total.setText(money(line_total(qty, price)) if known else "—")

    def check(self) -> dict[str, str]:
        errors = {
            "supplier": problem(
                lambda: clean_text(
                    self.supplier.currentText(), what=_("the supplier"), required=True
                )
            ),
            "item": problem(
                lambda: clean_text(self.item.currentText(), what=_("the input"), required=True)
            ),
            "quantity": self.quantity.error(),
            "unit": problem(
                lambda: clean_text(
                    self.unit.currentText(), what=_("the unit"), required=True, limit=20
                )
            ),
            "unit_price": self.unit_price.error(),
            "reference": problem(lambda: clean_reference(self.reference.text())),
            "corrects": self.corrects.error(day=self.day.day()),
            **self.paper.errors(),
        }
        return {k: v for k, v in errors.items() if v}

    def save(self):
        return record_purchase(
            self.ctx.book,
            day=self.day.day(),
            supplier=self.supplier.currentText(),
            item=self.item.currentText(),
            quantity=self.quantity.value(),
            unit=self.unit.currentText(),
            unit_price=self.unit_price.value(),
            reference=self.reference.text(),
            corrects=self.corrects.value(),
            paper=self.paper.value(),
        )
