"""A new sale: buyer, lines with the current price filled in, live total, paid or pending.

The paper receipt given and the buyer's RUC or DNI are optional (the accountant's registers).
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from coopdesk.domain.text import clean_text
from coopdesk.domain.trade import SaleLine
from coopdesk.formats import money
from coopdesk.gui.context import AppContext
from coopdesk.gui.dialogs.form import FormDialog, problem, single_shot
from coopdesk.gui.dialogs.paper_fields import PaperFields
from coopdesk.gui.widgets.corrects_edit import CorrectsEdit
from coopdesk.gui.widgets.date_edit import DateEdit
from coopdesk.gui.widgets.money_edit import DecimalEdit
from coopdesk.i18n import _
from coopdesk.services.queries import names
from coopdesk.services.trade import clean_reference, current_price, record_sale


class SaleLineEditor:
    """The widgets of one line: product, quantity, unit price, line total, remove."""

    def __init__(self, dialog: SaleDialog, products: list[str]) -> None:
        self.product = QComboBox()
        self.product.setEditable(True)
        self.product.addItem("")
        self.product.addItems(products)
        self.product.setMinimumWidth(220)
        self.product.lineEdit().setPlaceholderText(_("Product"))
        self.quantity = DecimalEdit(_("the quantity"), "quantity")
        self.quantity.setPlaceholderText("0")
        self.unit_price = DecimalEdit(_("the unit price"), "unit_price")
        self.total = QLabel()
        self.total.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.total.setMinimumWidth(90)
        self.remove = QPushButton(_("Remove"))
        self.remove.setAutoDefault(False)
        self.product.currentTextChanged.connect(lambda _t: dialog.product_chosen(self))
        for edit in (self.quantity, self.unit_price):
            edit.textChanged.connect(lambda _t: dialog.lines_changed())
        self.remove.clicked.connect(lambda: dialog.remove_line(self))

    def widgets(self) -> list[QWidget]:
        return [self.product, self.quantity, self.unit_price, self.total, self.remove]

    def is_blank(self) -> bool:
        return not (self.product.currentText().strip() or self.quantity.text().strip())

    def line(self) -> SaleLine | None:
        """Return the line typed, or None when something is missing or wrong."""
        qty, price = self.quantity.value(), self.unit_price.value()
        name = self.product.currentText().strip()
        if not name or qty is None or price is None:
            return None
        return SaleLine(name, qty, price)

    def error(self) -> str:
        """Return what is wrong with the line, or ''."""
        name = problem(
            lambda: clean_text(self.product.currentText(), what=_("the product"), required=True)
        )
        return name or self.quantity.error() or self.unit_price.error()


class SaleDialog(FormDialog):
    """Records one sale with the book's next receipt number."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, _("New sale"), parent)
        self.setMinimumWidth(760)
        self.day = self.add_field("day", _("Date"), DateEdit())
        self.buyer = self.add_field("buyer", _("Buyer"), QComboBox())
        self.buyer.setEditable(True)
        self.buyer.addItem("")
        self.buyer.addItems(names(ctx.book, "buyer"))
        self.buyer.lineEdit().setPlaceholderText(_("Pick a buyer or type a new name"))
        self._products = names(ctx.book, "product")
        self.grid = QGridLayout()
        for col, title in enumerate(
            (_("Product"), _("Quantity"), _("Unit price (S/)"), _("Line total"))
        ):
            self.grid.addWidget(QLabel(f"<b>{title}</b>"), 0, col)
        self.grid.setColumnStretch(0, 3)
        self.lines: list[SaleLineEditor] = []
        lines_box = QWidget()
        lines_box.setLayout(self.grid)
        self.add_field("lines", _("Products"), lines_box)
        self.add_button = QPushButton(_("Add a line"))
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(lambda: self.add_line(focus=True))
        self.form.addRow("", self.add_button)
        self.total = QLabel()
        self.total.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.form.addRow(_("Total"), self.total)
        self.paid = self.add_field("paid", _("Paid"), QCheckBox(_("Paid now (uncheck if pending)")))
        self.paid.setChecked(True)
        self.reference = self.add_field("reference", _("Reference"), QLineEdit())
        self.reference.setPlaceholderText(_("paper receipt or order number (optional)"))
        self.paper = PaperFields(self, table="buyer", name_box=self.buyer,
                                 document_label=_("Buyer's RUC or DNI"))
        self.corrects = self.add_field(
            "corrects", _("Corrects"), CorrectsEdit(ctx.book, "sale")
        )
        self.day.dateChanged.connect(lambda _d: self._refill_prices())
        self.add_line()
        self.ready()
        self.lines_changed()

    # -- lines --------------------------------------------------------------------------

    def add_line(self, focus: bool = False) -> SaleLineEditor:
        """Add an empty line at the end."""
        editor = SaleLineEditor(self, self._products)
        row = len(self.lines) + 1
        for col, widget in enumerate(editor.widgets()):
            self.grid.addWidget(widget, row, col)
        self.lines.append(editor)
        for widget in editor.widgets():
            self.follow("lines", widget)
        if focus:
            editor.product.setFocus()
        self.lines_changed()
        single_shot(self.update_tab_order)  # the new line's fields come before Add a line
        return editor

    def remove_line(self, editor: SaleLineEditor) -> None:
        """Remove one line (the last one is emptied instead)."""
        if len(self.lines) == 1:
            editor.product.setCurrentText("")
            editor.quantity.clear()
            editor.unit_price.clear()
            return
        for widget in editor.widgets():
            self.grid.removeWidget(widget)
            widget.deleteLater()
        self.lines.remove(editor)
        self.lines_changed()
        single_shot(self.update_tab_order)

    def product_chosen(self, editor: SaleLineEditor) -> None:
        """Fill in the product's price in force on the sale's date."""
        name, day = editor.product.currentText().strip(), self.day.day()
        price = current_price(self.ctx.book, product=name, day=day) if name and day else None
        if price is not None:
            editor.unit_price.set_value(price)
        self.lines_changed()

    def _refill_prices(self) -> None:
        for editor in self.lines:
            if editor.product.currentText().strip():
                self.product_chosen(editor)

    def lines_changed(self) -> None:
        """Update each line's total and the sale's total."""
        total = Decimal("0.00")
        for editor in self.lines:
            line = editor.line()
            editor.total.setText(money(line.total) if line else "")
            if line:
                total += line.total
        self.total.setText(money(total))
        if self._ready and any(not e.is_blank() for e in self.lines):
            self._edited.add("lines")
        self.revalidate()

    def sale_lines(self) -> list[SaleLine]:
        """Return the complete lines (blank ones are ignored)."""
        return [e.line() for e in self.lines if not e.is_blank() and e.line()]

    # -- form ---------------------------------------------------------------------------

    def focus_target(self, name: str) -> QWidget:
        """For the lines, the first wrong one's first wrong box; otherwise the field."""
        if part := self.paper.focus_target(name):
            return part
        if name != "lines":
            return super().focus_target(name)
        for editor in self.lines:
            if editor.is_blank() and any(not e.is_blank() for e in self.lines):
                continue
            if not editor.product.currentText().strip() or problem(
                lambda e=editor: clean_text(e.product.currentText(), what="", required=True)
            ):
                return editor.product
            if editor.quantity.error():
                return editor.quantity
            if editor.unit_price.error():
                return editor.unit_price
        return self.lines[0].product

    def check(self) -> dict[str, str]:
        errors = {
            "buyer": problem(
                lambda: clean_text(self.buyer.currentText(), what=_("the buyer"), required=True)
            ),
            "reference": problem(lambda: clean_reference(self.reference.text())),
            "corrects": self.corrects.error(day=self.day.day()),
            **self.paper.errors(),
        }
        filled = [e for e in self.lines if not e.is_blank()]
        if not filled:
            errors["lines"] = _("Add at least one product to the sale.")
        for number, editor in enumerate(self.lines, start=1):
            if editor.is_blank():
                continue
            error = editor.error()
            if error:
                errors["lines"] = _("Line {n}: {error}").format(n=number, error=error)
                break
        return {k: v for k, v in errors.items() if v}

    def save(self):
        return record_sale(
            self.ctx.book,
            day=self.day.day(),
            buyer=self.buyer.currentText(),
            lines=self.sale_lines(),
            paid=self.paid.isChecked(),
            reference=self.reference.text(),
            corrects=self.corrects.value(),
            paper=self.paper.value(),
        )


