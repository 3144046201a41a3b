"""The labor rates in Settings: each rate with the date it counts from, and a new one added.

What a member earns for a workday is the rate in force on that day, so a rate is never
changed: a new one is added from a date. A date inside a closed month is refused (it
would change a closed month's pay); a future date is fine, the rate starts that day.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
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

from coopdesk.domain.errors import CoopError
from coopdesk.domain.work import STARTING_RATE_FROM
from coopdesk.formats import date_str, money
from coopdesk.gui.context import AppContext
from coopdesk.gui.dialogs.form import ERROR_STYLE
from coopdesk.gui.widgets.date_edit import DateEdit
from coopdesk.gui.widgets.money_edit import MoneyEdit
from coopdesk.i18n import _
from coopdesk.services.settings import get_settings
from coopdesk.services.work import add_rate, confirm_rate, list_rates


def since_text(valid_from) -> str:
    """The rate's first day as she reads it (the first rate counts from the book's start)."""
    return _("the book's first day") if valid_from <= STARTING_RATE_FROM else date_str(valid_from)


class RatesBox(QGroupBox):
    """The table of rates (from, amount) and a row to add one from a chosen date."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(_("Labor rate per full workday"), parent)
        self.ctx = ctx
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([_("From"), _("Rate")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # nothing to do in it by keyboard
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setMaximumHeight(120)
        self.valid_from = DateEdit()
        self.rate = MoneyEdit(_("the rate"))
        self.rate.setMaximumWidth(120)
        self.add_button = QPushButton(_("Add the rate"))
        self.add_button.clicked.connect(self.add)
        self.rate.returnPressed.connect(self.add)
        self.confirm_button = QPushButton(_("This rate is right"))
        self.confirm_button.setToolTip(_("Ticks the rate in the first steps on Home"))
        self.confirm_button.clicked.connect(self.confirm)
        self.error = QLabel()
        self.error.setObjectName("error_rate")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        self.note = QLabel(
            _("A workday earns the rate in force on its date. A new rate counts from the date "
              "chosen: a future date is fine (it starts that day); a date in a closed month "
              "is refused.")
        )
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555;")
        row = QHBoxLayout()
        row.addWidget(QLabel(_("New rate from")))
        row.addWidget(self.valid_from)
        row.addWidget(QLabel("S/"))
        row.addWidget(self.rate)
        row.addWidget(self.add_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(row)
        # On its own line: beside the new rate it crushed the date to "2026" in Spanish.
        layout.addWidget(self.confirm_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.error)
        layout.addWidget(self.note)
        self.refresh()

    def refresh(self) -> None:
        """Show the book's rates, oldest first."""
        rates = list_rates(self.ctx.book)
        self.table.setRowCount(len(rates))
        for i, rate in enumerate(rates):
            since = QTableWidgetItem(since_text(rate.valid_from))
            amount = QTableWidgetItem(money(rate.rate))
            amount.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(i, 0, since)
            self.table.setItem(i, 1, amount)
        self.confirm_button.setVisible(not get_settings(self.ctx.book).rate_confirmed)

    def rows(self) -> list[tuple[str, str]]:
        """The table as she reads it: (from, amount) per rate."""
        return [(self.table.item(i, 0).text(), self.table.item(i, 1).text())
                for i in range(self.table.rowCount())]

    def add(self) -> None:
        """Add the typed rate from the chosen date; say why when it is refused."""
        problem = self.rate.error()
        if problem:
            self._show(problem)
            return
        ok, result = self.ctx.runner.run(
            lambda: add_rate(self.ctx.book, valid_from=self.valid_from.day(),
                             rate=self.rate.value()),
            parent=self, show_errors=False,
        )
        if not ok:
            error: CoopError = result
            self._show(error.message)
            return
        self._show("")
        self.rate.clear()
        self.refresh()

    def confirm(self) -> None:
        """She looked at the rate and it is right."""
        self.ctx.runner.run(lambda: confirm_rate(self.ctx.book), parent=self)
        self.refresh()

    def _show(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
