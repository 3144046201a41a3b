"""Producción: the batches made, the stock of inputs and products, and stock counts."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coopdesk.domain.changes import Kind
from coopdesk.domain.money import QTY_PLACES
from coopdesk.domain.text import clean_text
from coopdesk.formats import date_str, money
from coopdesk.formats import quantity as qty
from coopdesk.gui.actions import Action
from coopdesk.gui.context import AppContext
from coopdesk.gui.dialogs.form import FormDialog, problem
from coopdesk.gui.views.list_view import title_label
from coopdesk.gui.views.watching import WatchingView
from coopdesk.gui.widgets.date_edit import DateEdit
from coopdesk.gui.widgets.money_edit import DecimalEdit
from coopdesk.i18n import _
from coopdesk.services import production
from coopdesk.services.queries import names

INPUT_ROWS = 6
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def fill_table(table: QTableWidget, rows: list[list[str]], *, right: set[int],
               struck: set[int] = frozenset(), red: set[tuple[int, int]] = frozenset()) -> None:
    """Put *rows* in *table*: right-aligned figures, voided rows struck through and grey."""
    table.setRowCount(len(rows))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if c in right:
                item.setTextAlignment(RIGHT)
            if r in struck:
                font = QFont()
                font.setStrikeOut(True)
                item.setFont(font)
                item.setForeground(QBrush(QColor("#888888")))
            if (r, c) in red:
                item.setForeground(QBrush(QColor("#b00020")))
            table.setItem(r, c, item)


def _table(headers: list[str], stretch: int = 0) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(24)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


class BatchDialog(FormDialog):
    """A new batch: date, product, units, the inputs used and (optionally) workdays."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, _("New production batch"), parent)
        self.day = self.add_field("day", _("Date"), DateEdit())
        self.product = self.add_field("product", _("Product"), QComboBox())
        self.product.addItems(names(ctx.book, "product"))
        self.units = self.add_field("units", _("Units made"),
                                    DecimalEdit(_("the units made"), "quantity"))
        self.workdays = self.add_field("workdays", _("Workdays (optional)"),
                                       DecimalEdit(_("the workdays"), "quantity"))
        self.workdays.setPlaceholderText("0")
        grid_box = QWidget()
        grid = QGridLayout(grid_box)
        grid.setContentsMargins(0, 0, 0, 0)
        self.input_rows: list[tuple[QComboBox, DecimalEdit]] = []
        stock = {s.name: s for s in production.input_stock(ctx.book)}
        for row in range(INPUT_ROWS):
            combo = QComboBox()
            combo.setMinimumContentsLength(20)
            combo.addItem("")
            for name in names(ctx.book, "input"):
                line = stock.get(name)
                combo.addItem(name, name)
                if line is not None:
                    combo.setItemData(combo.count() - 1, _("{stock} {unit} in stock").format(
                        stock=qty(line.stock), unit=line.unit), Qt.ItemDataRole.ToolTipRole)
            amount = DecimalEdit(_("the quantity used"), "quantity")
            grid.addWidget(combo, row, 0)
            grid.addWidget(amount, row, 1)
            self.input_rows.append((combo, amount))
        self.add_field("inputs", _("Inputs used"), grid_box)
        for combo, amount in self.input_rows:
            combo.currentIndexChanged.connect(lambda _i: self._touch_inputs())
            amount.textEdited.connect(lambda _t: self._touch_inputs())
        self.note = self.add_field("note", _("Note"), QLineEdit())
        self.ready()

    def _touch_inputs(self) -> None:
        self._touched.add("inputs")
        self._service_errors.pop("inputs", None)
        self.revalidate()

    def inputs(self) -> list[tuple[str, Decimal]]:
        """Return the (input, quantity) pairs filled in."""
        return [(combo.currentText(), amount.value()) for combo, amount in self.input_rows
                if combo.currentText() and amount.value() is not None]

    def check(self) -> dict[str, str]:
        errors = {
            "product": "" if self.product.currentText() else _("Choose the product."),
            "units": self.units.error(),
            "workdays": self.workdays.error() if self.workdays.text().strip() else "",
            "note": problem(lambda: clean_text(self.note.text(), what=_("the note"),
                                               required=False, limit=500)),
        }
        for combo, amount in self.input_rows:
            if combo.currentText() and amount.error():
                errors["inputs"] = amount.error()
            elif amount.text().strip() and not combo.currentText():
                errors["inputs"] = _("Choose the input used.")
        return {k: v for k, v in errors.items() if v}

    def save(self):
        return production.record_batch(
            self.ctx.book, day=self.day.day(), product=self.product.currentText(),
            units=self.units.value(), inputs=self.inputs(),
            workdays=self.workdays.value() or Decimal("0"), note=self.note.text())


class StockCountDialog(FormDialog):
    """A stock count: what was counted, against what the book says, and why they differ."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, _("Stock count"), parent)
        self.day = self.add_field("day", _("Date"), DateEdit())
        self.kind = self.add_field("kind", _("What"), QComboBox())
        self.kind.addItem(_("An input"), "input")
        self.kind.addItem(_("A product"), "product")
        self.name = self.add_field("name", _("Name"), QComboBox())
        self.expected = QLabel()
        self.form.addRow(_("The book says"), self.expected)
        self.counted = self.add_field("counted", _("Counted"),
                                      DecimalEdit(_("the quantity counted"), "unit_price"))
        self.counted._places = QTY_PLACES  # a quantity that may be zero (the shelf is empty)
        self.reason = self.add_field("reason", _("Reason"), QLineEdit())
        self.kind.currentIndexChanged.connect(lambda _i: self._fill_names())
        self.name.currentIndexChanged.connect(lambda _i: self._show_expected())
        self.day.dateChanged.connect(lambda _d: self._show_expected())
        self._fill_names()
        self.ready()

    def _lines(self):
        kind = self.kind.currentData()
        day = self.day.day()
        return (production.input_stock(self.ctx.book, day) if kind == "input"
                else production.product_stock(self.ctx.book, day))

    def _fill_names(self) -> None:
        self.name.blockSignals(True)
        self.name.clear()
        self.name.addItems([line.name for line in self._lines()])
        self.name.blockSignals(False)
        self._show_expected()

    def _show_expected(self) -> None:
        line = next((x for x in self._lines() if x.name == self.name.currentText()), None)
        self.expected.setText(f"{qty(line.stock)} {line.unit}" if line else "—")

    def check(self) -> dict[str, str]:
        errors = {
            "name": "" if self.name.currentText() else _("Choose what was counted."),
            "counted": self.counted.error(),
            "reason": problem(lambda: clean_text(self.reason.text(), what=_("the reason"),
                                                 required=True, limit=500)),
        }
        return {k: v for k, v in errors.items() if v}

    def save(self):
        return production.adjust_stock(
            self.ctx.book, day=self.day.day(), kind=self.kind.currentData(),
            name=self.name.currentText(), counted=self.counted.value(),
            reason=self.reason.text())


class ProductionView(WatchingView):
    """The batches (newest first) beside the stock of inputs and of products."""

    watch = frozenset({Kind.PRODUCTION, Kind.SALES, Kind.PURCHASES, Kind.PRODUCTS})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.rows: list[production.BatchRow] = []
        self.new_button = QPushButton(_("New batch…"))
        self.count_button = QPushButton(_("Stock count…"))
        self.void_button = QPushButton(_("Void batch…"))
        top = QHBoxLayout()
        top.addWidget(title_label(_("Production")))
        top.addStretch(1)
        for button in (self.new_button, self.count_button, self.void_button):
            top.addWidget(button)
        self.batches = _table([_("Date"), _("Product"), _("Units"), _("Workdays"),
                               _("Inputs cost"), _("Per unit")], stretch=1)
        self.inputs = _table([_("Input"), _("Bought"), _("Used"), _("Counted ±"),
                              _("Stock"), _("Average cost"), _("Value")])
        self.products = _table([_("Product"), _("Made"), _("Sold"), _("Counted ±"), _("Stock")])
        right = QVBoxLayout()
        right.addWidget(QLabel("<b>" + _("Stock of inputs") + "</b>"))
        right.addWidget(self.inputs, 1)
        right.addWidget(QLabel("<b>" + _("Stock of products") + "</b>"))
        right.addWidget(self.products, 1)
        body = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(QLabel("<b>" + _("Batches") + "</b>"))
        left.addWidget(self.batches, 1)
        body.addLayout(left, 1)
        body.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(body, 1)
        self.new_button.clicked.connect(self.new_record)
        self.count_button.clicked.connect(self.count_stock)
        self.void_button.clicked.connect(self.void_selected)

    def row_actions(self) -> dict[Action, Callable[[], object]]:
        """New batch (Ctrl+N) and void the selected batch (Ctrl+Del)."""
        return {Action.NEW_RECORD: self.new_record, Action.VOID_SELECTED: self.void_selected}

    def refresh(self) -> None:
        """Reload the batches and both stocks."""
        self.rows = production.list_batches(self.ctx.book)
        fill_table(self.batches, [
            [date_str(r.day), r.product, qty(r.units), qty(r.workdays) if r.workdays else "",
             money(r.inputs_cost), money(r.cost_per_unit)] for r in self.rows
        ], right={2, 3, 4, 5}, struck={i for i, r in enumerate(self.rows) if r.voided})
        for i, r in enumerate(self.rows):  # the inputs used, on every cell of the row
            tip = _("Inputs used") + ": " + (r.inputs or "—")
            if r.note:
                tip += "\n" + r.note
            for c in range(self.batches.columnCount()):
                self.batches.item(i, c).setToolTip(tip)
        stock = production.input_stock(self.ctx.book)
        fill_table(self.inputs, [
            [f"{s.name} ({s.unit})" if s.unit else s.name, qty(s.came_in), qty(s.went_out),
             qty(s.adjusted) if s.adjusted else "", qty(s.stock), money(s.average_cost),
             money(s.value)] for s in stock
        ], right={1, 2, 3, 4, 5, 6}, red={(i, 4) for i, s in enumerate(stock) if s.stock < 0})
        made = production.product_stock(self.ctx.book)
        fill_table(self.products, [
            [s.name, qty(s.came_in), qty(s.went_out), qty(s.adjusted) if s.adjusted else "",
             qty(s.stock)] for s in made
        ], right={1, 2, 3, 4}, red={(i, 4) for i, s in enumerate(made) if s.stock < 0})

    def new_record(self) -> None:
        """Open the new-batch form."""
        BatchDialog(self.ctx, self).exec()

    def count_stock(self) -> None:
        """Open the stock-count form."""
        StockCountDialog(self.ctx, self).exec()

    def void_selected(self) -> None:
        """Void the selected batch after asking why."""
        row = self.batches.currentRow()
        if row < 0 or row >= len(self.rows) or self.rows[row].voided:
            return
        batch = self.rows[row]
        reason, ok = QInputDialog.getText(
            self, _("Void batch"), _("Why is the batch of {day} voided?").format(
                day=date_str(batch.day)))
        if ok:
            self.ctx.runner.run(
                lambda: production.void_batch(self.ctx.book, uuid=batch.uuid, reason=reason),
                parent=self)
