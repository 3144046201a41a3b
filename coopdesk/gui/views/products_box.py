"""The products and their prices in Settings: a new book has none until she adds them.

A price is never changed: a new one is added from a date, as the sale form proposes
the price in force on the sale's day.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coopdesk.domain.errors import CoopError
from coopdesk.domain.text import clean_text
from coopdesk.formats import date_str, unit_price
from coopdesk.gui.context import AppContext
from coopdesk.gui.dialogs.form import ERROR_STYLE, problem
from coopdesk.gui.widgets.date_edit import DateEdit
from coopdesk.gui.widgets.money_edit import DecimalEdit
from coopdesk.i18n import _
from coopdesk.services.products import product_prices
from coopdesk.services.trade import set_product_price


class ProductsBox(QGroupBox):
    """The table of products (price today, since) and a row to add a price from a date."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(_("Products and prices"), parent)
        self.ctx = ctx
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([_("Product"), _("Price today"), _("From")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setMaximumHeight(220)
        self.empty = QLabel(_("No products yet: add each product with its price."))
        self.empty.setStyleSheet("color: #7a4f00;")
        self.product = QLineEdit()
        self.product.setPlaceholderText(_("e.g. Chocolate chuncho"))
        self.product.setMinimumWidth(200)
        self.price = DecimalEdit(_("the price"), "unit_price")
        self.price.setMaximumWidth(110)
        self.valid_from = DateEdit()
        self.add_button = QPushButton(_("Add the price"))
        self.add_button.clicked.connect(self.add)
        self.price.returnPressed.connect(self.add)
        self.product.returnPressed.connect(self.add)
        self.error = QLabel()
        self.error.setObjectName("error_product")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        # The name on its own line, the price and its date under it: on one line, in
        # Spanish, the row was wider than the column and the date showed as "2/2026".
        name_row = QHBoxLayout()
        name_row.addWidget(self.product, 1)
        row = QHBoxLayout()
        row.addWidget(QLabel("S/"))
        row.addWidget(self.price)
        row.addWidget(QLabel(_("from")))
        row.addWidget(self.valid_from)
        row.addWidget(self.add_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.empty)
        layout.addLayout(name_row)
        layout.addLayout(row)
        layout.addWidget(self.error)
        self.refresh()

    def refresh(self) -> None:
        """Show every product with its price today."""
        rows = product_prices(self.ctx.book)
        self.table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            price = QTableWidgetItem("" if row.price is None else unit_price(row.price))
            price.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(i, 0, QTableWidgetItem(row.name))
            self.table.setItem(i, 1, price)
            self.table.setItem(i, 2, QTableWidgetItem(date_str(row.since)))
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows)

    def rows(self) -> list[tuple[str, str, str]]:
        """The table as she reads it."""
        return [tuple(self.table.item(i, c).text() for c in range(3))
                for i in range(self.table.rowCount())]

    def add(self) -> None:
        """Add the typed product's price from the chosen date; say why when refused."""
        wrong = problem(lambda: clean_text(self.product.text(), what=_("the product"),
                                           required=True, limit=120)) or self.price.error()
        if wrong:
            self._show(wrong)
            return
        name, price, since = self.product.text(), self.price.value(), self.valid_from.day()
        ok, result = self.ctx.runner.run(
            lambda: set_product_price(self.ctx.book, product=name, valid_from=since,
                                      price=price),
            parent=self, show_errors=False,
        )
        if not ok:
            error: CoopError = result
            self._show(error.message)
            return
        self._show("")
        self.product.clear()
        self.price.clear()
        self.refresh()
        self.product.setFocus()

    def _show(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
