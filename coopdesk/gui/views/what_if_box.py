"""The what-if panel of Negocio: price, yearly volume (with the case's presets), workdays, pay."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from coopdesk.formats import number
from coopdesk.gui.widgets.money_edit import DecimalEdit
from coopdesk.i18n import _

#: The case's volumes: this year's bars, the break-even it names, and the target.
PRESETS = (4000, 12000, 20000)
BIG = "font-size: 15pt; font-weight: bold;"


class WhatIfBox(QGroupBox):
    """The fields of the what-if and the labels of its figures (the view fills them)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("What if: price and yearly volume"), parent)
        self.price = DecimalEdit(_("the price"), "unit_price")
        self.volume = QSpinBox()
        self.volume.setRange(0, 1_000_000)
        self.volume.setSingleStep(500)
        self.volume.setGroupSeparatorShown(True)
        self.volume.setValue(PRESETS[0])
        self.volume.setAlignment(Qt.AlignmentFlag.AlignRight)
        presets = QHBoxLayout()
        presets.addWidget(self.volume, 1)
        self.preset_buttons = []
        for units in PRESETS:
            button = QPushButton(number(Decimal(units)))
            button.clicked.connect(lambda _c=False, u=units: self.volume.setValue(u))
            presets.addWidget(button)
            self.preset_buttons.append(button)
        self.pay_target = DecimalEdit(_("the daily pay"), "amount")
        self.pay_target.setText("20.00")
        self.per_year = DecimalEdit(_("the workdays a year"), "quantity")
        form = QFormLayout()
        form.addRow(_("Price of a bar (S/)"), self.price)
        form.addRow(_("Bars a year"), presets)
        form.addRow(_("Workdays a year (all members)"), self.per_year)
        form.addRow(_("Daily pay we want (S/)"), self.pay_target)
        self.sales_value = QLabel()
        self.surplus_value = QLabel()
        self.surplus_value.setStyleSheet(BIG)
        self.affords_value = QLabel()
        self.affords_value.setStyleSheet(BIG)
        self.answer = QLabel()
        self.answer.setWordWrap(True)
        self.answer.setStyleSheet(
            "font-size: 12pt; font-weight: bold; padding: 6px; background: #f3ece4;"
            " border: 1px solid #c8a27a; border-radius: 4px;")
        results = QFormLayout()
        results.addRow(_("Sales a year"), self.sales_value)
        results.addRow(_("Surplus a year at today's pay"), self.surplus_value)
        results.addRow(_("Daily pay it could afford"), self.affords_value)
        hint = QLabel(_("Selling many more bars may take more workdays: change the workdays a "
                        "year to see what that does."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addLayout(results)
        layout.addWidget(self.answer)
