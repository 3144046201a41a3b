"""Negocio: cost per unit, break-even with and without the institution's support, what-if.

The coordinator answers "how many bars must we sell to pay S/ 20 a day?" here: type
a price and a yearly volume, and the screen shows the yearly surplus, the daily pay
that volume could afford, and the bars a year that pay the daily pay she asks for.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coopdesk.domain.changes import Kind
from coopdesk.domain.costing import WhatIf
from coopdesk.domain.errors import CoopError
from coopdesk.domain.money import MAX_AMOUNT, MONEY_PLACES
from coopdesk.domain.month import Month
from coopdesk.formats import days_str, money, month_title, number, percent, word_list
from coopdesk.gui.context import AppContext
from coopdesk.gui.views.list_view import title_label
from coopdesk.gui.views.watching import WatchingView
from coopdesk.gui.views.what_if_box import BIG, WhatIfBox
from coopdesk.gui.widgets.money_edit import DecimalEdit
from coopdesk.i18n import _
from coopdesk.services.costing import (
    SUPPORT_ITEMS,
    CostPicture,
    cost_picture,
    get_support,
    set_support,
)
from coopdesk.services.queries import latest_month, record_span

GOOD, BAD = "#1b7f3b", "#b00020"


def amount_edit(what: str) -> DecimalEdit:
    """Return a line edit for an amount of money that may be zero (2 decimals)."""
    edit = DecimalEdit(what, "unit_price")
    edit._places, edit._allow_zero, edit._maximum = MONEY_PLACES, True, MAX_AMOUNT
    return edit


def labor_basis(p: CostPicture) -> str:
    """Say what the period's workdays were paid: at each rate they were paid at, not the newest."""
    rates = p.days_by_rate or ((p.daily_pay, p.workdays),)
    figures = dict(days=number(p.workdays, 1), per=f"{p.workdays_per_unit:.2f}",
                   fixed=money(p.fixed), yearly=money(p.fixed_yearly))
    if len(rates) == 1:
        return _("Labor: {days} workdays of the chocolate line ({per} per bar) at S/ {rate} a "
                 "day. Fixed costs: {fixed} in the period, {yearly} a year.").format(
            rate=f"{rates[0][0]:.2f}", **figures)
    paid = word_list([_("{days} at S/ {rate} a day").format(days=days_str(days), rate=f"{rate:.2f}")
                      for rate, days in rates])
    return _("Labor: {days} workdays of the chocolate line ({per} per bar), paid {paid}. Fixed "
             "costs: {fixed} in the period, {yearly} a year.").format(paid=paid, **figures)


class BusinessView(WatchingView):
    """Costs, break-even and what-if for a chosen period, from the book's own records."""

    watch = frozenset({Kind.PRODUCTION, Kind.SALES, Kind.PURCHASES, Kind.EXPENSES,
                       Kind.WORKDAYS, Kind.RATES, Kind.SETTINGS, Kind.PRODUCTS,
                       Kind.DISTRIBUTIONS, Kind.CREDITS})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.picture: CostPicture | None = None
        self.from_month, self.to_month = QComboBox(), QComboBox()
        self.print_button = QPushButton(_("Print the costing report…"))
        top = QHBoxLayout()
        top.addWidget(title_label(_("Business")))
        top.addStretch(1)
        top.addWidget(QLabel(_("From")))
        top.addWidget(self.from_month)
        top.addWidget(QLabel(_("to")))
        top.addWidget(self.to_month)
        top.addWidget(self.print_button)
        self.surplus_button = QPushButton(_("Year-end surplus…"))
        top.addWidget(self.surplus_button)
        self.split_button = QPushButton(_("Income split…"))
        top.addWidget(self.split_button)

        self.table = QTableWidget(0, 9)
        self.table.setHorizontalHeaderLabels([
            _("Product"), _("Made"), _("Inputs"), _("Labor"), _("Fixed costs"),
            _("Cost per unit"), _("Price"), _("Margin"), _("Margin %")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setMaximumHeight(190)
        self.basis = QLabel()
        self.basis.setWordWrap(True)
        self.basis.setStyleSheet("color: #555;")

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)
        layout.addWidget(self.basis)
        row = QHBoxLayout()
        row.addWidget(self._break_even_box(), 1)
        row.addWidget(self._what_if_box(), 1)
        layout.addLayout(row)
        # The report's own chart (one Drawing for paper and screen), drawn as SVG.
        self.chart = QSvgWidget()
        self.chart.setMinimumHeight(120)
        layout.addWidget(self.chart, 1)

        for combo in (self.from_month, self.to_month):
            combo.currentIndexChanged.connect(lambda _i: self.show_period())
        self.print_button.clicked.connect(self.print_report)
        self.surplus_button.clicked.connect(self.open_distribution)
        self.split_button.clicked.connect(self.open_income_split)

    # -- building ----------------------------------------------------------------------

    def _break_even_box(self) -> QGroupBox:
        box = QGroupBox(_("Break-even: bars to sell in a year"))
        self.without_caption = QLabel()
        self.without_value = QLabel()
        self.with_caption = QLabel()
        self.with_value = QLabel()
        for label in (self.without_value, self.with_value):
            label.setStyleSheet(BIG)
            label.setWordWrap(True)
        for label in (self.without_caption, self.with_caption):
            label.setWordWrap(True)
        grid = QGridLayout()
        grid.addWidget(self.without_caption, 0, 0)
        grid.addWidget(self.without_value, 1, 0)
        grid.addWidget(self.with_caption, 0, 1)
        grid.addWidget(self.with_value, 1, 1)
        self.support_switch = QCheckBox(_("Count the costs the institution covers now"))
        self.support_edits: dict[str, DecimalEdit] = {}
        form = QFormLayout()
        for key, label in SUPPORT_ITEMS:
            edit = amount_edit(_(label))
            edit.setPlaceholderText("0.00")
            self.support_edits[key] = edit
            form.addRow(_(label) + " " + _("(S/ a month)"), edit)
        self.save_support = QPushButton(_("Save the institution's costs"))
        self.support_error = QLabel()
        self.support_error.setStyleSheet(f"color: {BAD};")
        self.use_on_home = QPushButton(_("Use this break-even on Inicio"))
        self.use_on_home.setToolTip(_("Inicio compares the bars sold this year with it."))
        self.break_even_units: dict[bool, int | None] = {False: None, True: None}
        layout = QVBoxLayout(box)
        layout.addLayout(grid)
        layout.addWidget(self.use_on_home)
        layout.addWidget(self.support_switch)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.support_error, 1)
        buttons.addWidget(self.save_support)
        layout.addLayout(buttons)
        self.support_switch.toggled.connect(self._switch_support)
        self.use_on_home.clicked.connect(self._use_on_home)
        self.save_support.clicked.connect(self._save_support)
        return box

    def _what_if_box(self) -> QGroupBox:
        box = WhatIfBox()
        for name in ("price", "volume", "preset_buttons", "pay_target", "per_year",
                     "sales_value", "surplus_value", "affords_value", "answer"):
            setattr(self, name, getattr(box, name))
        for edit in (self.price, self.pay_target, self.per_year):
            edit.textChanged.connect(lambda _t: self.show_what_if())
        self.volume.valueChanged.connect(lambda _v: self.show_what_if())
        return box

    # -- refreshing --------------------------------------------------------------------

    def refresh(self) -> None:
        """Offer the book's months, load the institution's costs and show the period."""
        last = Month(*latest_month(self.ctx.book))
        span = record_span(self.ctx.book)
        first = Month.of(span[0]) if span else last
        months = min(first, last).until(last)
        # Combo boxes find strings reliably, not tuples: each month's data is its key.
        chosen_from = self.from_month.currentData() or months[max(len(months) - 12, 0)].key
        chosen_to = self.to_month.currentData() or last.key
        for combo, chosen in ((self.from_month, chosen_from), (self.to_month, chosen_to)):
            combo.blockSignals(True)
            combo.clear()
            for month in months:
                combo.addItem(month_title(*month), month.key)
            combo.setCurrentIndex(max(combo.findData(chosen), 0))
            combo.blockSignals(False)
        support = get_support(self.ctx.book)
        for key, edit in self.support_edits.items():
            edit.set_value(support.amounts[key])
        self.support_switch.blockSignals(True)
        self.support_switch.setChecked(support.included)
        self.support_switch.blockSignals(False)
        self.show_period()

    def period(self) -> tuple[dt.date, dt.date]:
        """Return the chosen period as (first day, first day after it)."""
        keys = self.from_month.currentData(), self.to_month.currentData()
        first = Month.parse(keys[0]) if keys[0] else Month(*latest_month(self.ctx.book))
        last = max(Month.parse(keys[1]) if keys[1] else first, first)
        return first.first_day, last.next().first_day

    def show_period(self) -> None:
        """Compute the cost picture of the chosen period and fill the screen."""
        start, end = self.period()
        self.picture = cost_picture(self.ctx.book, start, end,
                                    support_included=self.support_switch.isChecked())
        p = self.picture
        self.table.setRowCount(len(p.products))
        for row, unit in enumerate(p.products):
            cells = [unit.product, number(unit.units), money(unit.inputs_per_unit),
                     money(unit.labor_per_unit), money(unit.fixed_per_unit),
                     money(unit.cost_per_unit), money(unit.price), money(unit.margin_per_unit),
                     percent(unit.margin_percent)]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                if col == 7:
                    item.setForeground(Qt.GlobalColor.darkGreen if unit.margin_per_unit >= 0
                                       else Qt.GlobalColor.red)
                self.table.setItem(row, col, item)
        basis = labor_basis(p)
        if p.estimated:
            basis = _("No batches in this period: units are the units sold and inputs the "
                      "purchases.") + " " + basis
        if not p.products:
            basis = _("Nothing was made or sold in this period.")
        self.basis.setText(basis)
        self.show_chart()
        # What the book says fills the fields unless the coordinator typed her own figures.
        for edit, value in ((self.price, p.price.quantize(Decimal("0.01"))),
                            (self.per_year, p.workdays_per_year)):
            if not edit.text() or edit.text() == edit.property("from_book"):
                edit.blockSignals(True)
                edit.set_value(value if value else None)
                edit.blockSignals(False)
                edit.setProperty("from_book", edit.text())
        self.show_what_if()

    def show_chart(self) -> None:
        """Draw what one unit of each product costs against its price, to fit the space."""
        from reportlab.graphics import renderSVG
        from reportlab.lib.units import mm

        from coopdesk.reports.costing_report import cost_chart

        size = self.chart.size()
        width = 250 * mm
        height = max(width * size.height() / max(size.width(), 1), 45 * mm)
        text = renderSVG.drawToString(cost_chart(self.picture, width=width, height=height))
        self.chart.load(text.encode("utf-8") if isinstance(text, str) else text)
        self.chart.setVisible(bool(self.picture.products))

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if self.picture is not None:
            self.show_chart()

    def plan(self) -> WhatIf | None:
        """Return the what-if for the typed price, volume and workdays a year (None if bad)."""
        if self.picture is None:
            return None
        price, per_year = self.price.value(), self.per_year.value()
        if price is None:
            return None
        return self.picture.what_if(price=price, units=Decimal(self.volume.value()),
                                    workdays_per_year=per_year or Decimal("0"))

    def show_what_if(self) -> None:
        """Show break-even at the typed price and the what-if figures."""
        p, plan = self.picture, self.plan()
        if p is None:
            return
        captions = (_("Without the institution's support"),
                    _("With the costs the institution covers"))
        for included, caption, caption_label, value_label in (
            (False, captions[0], self.without_caption, self.without_value),
            (True, captions[1], self.with_caption, self.with_value),
        ):
            view = dataclasses.replace(p, support_included=included)
            if plan is not None:
                plan_view = dataclasses.replace(plan, fixed_yearly=view.fixed_yearly,
                                                daily_pay=p.daily_pay)
                units, why = _units_or_why(plan_view, p.daily_pay)
            else:
                units, why = None, self.price.error()
            caption_label.setText(caption + "\n" + _(
                "fixed costs {amount} a year, and the workdays at S/ {rate}").format(
                amount=money(view.fixed_yearly), rate=f"{p.daily_pay:.2f}"))
            value_label.setText(_("{units} bars").format(units=number(Decimal(units)))
                                if units is not None else _("never"))
            value_label.setToolTip(why)
            self.break_even_units[included] = units
        self.use_on_home.setEnabled(
            self.break_even_units[self.support_switch.isChecked()] is not None)
        if plan is None:
            for label in (self.sales_value, self.surplus_value, self.affords_value):
                label.setText("—")
            self.answer.setText(self.price.error() or "")
            return
        self.sales_value.setText(money(plan.sales))
        self.surplus_value.setText(money(plan.surplus))
        self.surplus_value.setStyleSheet(BIG + f" color: {GOOD if plan.surplus >= 0 else BAD};")
        pay = plan.affordable_daily_pay
        self.affords_value.setText(money(pay) if pay is not None and pay > 0 else "—")
        self.answer.setText(self.answer_text(plan).replace("S/ ", "S/\u00a0"))

    def answer_text(self, plan: WhatIf) -> str:
        """Return how many bars a year pay the daily pay asked for, or why none do."""
        target = self.pay_target.value()
        if target is None:
            return self.pay_target.error()
        try:
            units = plan.units_for_daily_pay(target)
        except CoopError:
            return _("At S/ {price} a bar does not even cover its inputs (S/ {inputs}): no "
                     "number of bars pays the members.").format(
                price=f"{plan.price:.2f}", inputs=f"{plan.inputs_per_unit:.2f}")
        return _("To pay S/ {pay} a day for {days} workdays a year at S/ {price} a bar, sell "
                 "{units} bars a year.").format(
            pay=f"{target:.2f}", days=number(plan.workdays_per_year, 1),
            price=f"{plan.price:.2f}", units=number(Decimal(units)))

    # -- actions -----------------------------------------------------------------------

    def _switch_support(self, checked: bool) -> None:
        self.ctx.runner.run(lambda: set_support(self.ctx.book, included=checked),
                            parent=self)

    def _use_on_home(self) -> None:
        """Keep the break-even shown (with or without support, as switched) for Inicio."""
        from coopdesk.services.settings import update_settings

        units = self.break_even_units[self.support_switch.isChecked()]
        if units:
            self.ctx.runner.run(lambda: update_settings(self.ctx.book, break_even_units=units),
                                parent=self)

    def _save_support(self) -> None:
        amounts = {}
        for key, edit in self.support_edits.items():
            if not edit.text().strip():
                amounts[key] = Decimal("0.00")
                continue
            if edit.value() is None:
                self.support_error.setText(edit.error())
                edit.setFocus()
                return
            amounts[key] = edit.value()
        self.support_error.setText("")
        self.ctx.runner.run(lambda: set_support(self.ctx.book, amounts=amounts),
                            parent=self)

    def print_report(self) -> None:
        """Show the costing report of the period in the document preview."""
        from coopdesk.gui.dialogs.document_preview import DocumentPreview
        from coopdesk.reports.costing_report import render_costing_report
        from coopdesk.services.documents import letterhead

        if self.picture is None:
            return
        pay = self.pay_target.value() or Decimal("20.00")
        pdf = render_costing_report(letterhead(self.ctx.book), self.picture, pay)
        DocumentPreview(self, _("Costs, break-even and targets"), pdf).exec()


    def open_distribution(self) -> None:
        """Open the year-end surplus distribution."""
        from coopdesk.gui.dialogs.distribution_dialog import DistributionDialog

        DistributionDialog(self.ctx, self).exec()

    def open_income_split(self) -> None:
        """Open the income split setting (off by default)."""
        from coopdesk.gui.dialogs.income_split_dialog import IncomeSplitDialog

        IncomeSplitDialog(self.ctx, self).exec()


def _units_or_why(plan: WhatIf, pay: Decimal) -> tuple[int | None, str]:
    try:
        return plan.units_for_daily_pay(pay), ""
    except CoopError as exc:
        return None, exc.message
