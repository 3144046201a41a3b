"""Informes: the printed documents (when this build has them) and the month's summary table."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coopdesk.domain.changes import Kind
from coopdesk.domain.month import Month
from coopdesk.formats import money, month_title
from coopdesk.gui.context import AppContext
from coopdesk.gui.models.month_summary_model import COL_NAME, MonthSummaryModel
from coopdesk.gui.views.list_view import title_label
from coopdesk.gui.views.watching import WatchingView
from coopdesk.i18n import _
from coopdesk.services.queries import latest_month, record_span
from coopdesk.services.summary import month_summary


class ReportsView(WatchingView):
    """Choose a month; see its summary per member; print the documents of that month."""

    watch = frozenset({Kind.WORKDAYS, Kind.RATES, Kind.SALES, Kind.PURCHASES, Kind.PAYMENTS,
                       Kind.EXPENSES, Kind.MEMBERS, Kind.MONTHS, Kind.CREDITS})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.month = QComboBox()
        self.month.setMinimumContentsLength(16)
        top = QHBoxLayout()
        top.addWidget(title_label(_("Reports")))
        top.addStretch(1)
        top.addWidget(QLabel(_("Month:")))
        top.addWidget(self.month)
        self.document_buttons = QHBoxLayout()
        from coopdesk.gui.views import documents

        for button in documents.buttons(self):
            self.document_buttons.addWidget(button)
        self.document_buttons.addStretch(1)
        # The legal cooperative's papers on a row of their own (1366 pixels hold six).
        self.coop_buttons = QHBoxLayout()
        self.coop_buttons.addWidget(QLabel(_("Cooperative:")))
        for button in documents.coop_buttons(self):
            self.coop_buttons.addWidget(button)
        self.coop_buttons.addStretch(1)
        from coopdesk.gui.views.month_closing import MonthClosingBar

        self.closing = MonthClosingBar(ctx)
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        self.totals.setStyleSheet("font-size: 11pt;")
        self.model = MonthSummaryModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setStretchLastSection(False)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(self.document_buttons)
        layout.addLayout(self.coop_buttons)
        layout.addWidget(self.closing)
        layout.addWidget(self.totals)
        layout.addWidget(self.table, 1)
        self.month.currentIndexChanged.connect(lambda _i: self.show_month())

    def selected_month(self) -> Month:
        """Return the month chosen (the latest month with records until one is)."""
        key = self.month.currentData()
        return Month.parse(key) if key else Month(*latest_month(self.ctx.book))

    def refresh(self) -> None:
        """Offer the book's months and show the chosen one."""
        chosen = self.selected_month()
        span = record_span(self.ctx.book)
        first = Month.of(span[0]) if span else chosen
        last = max(chosen, Month(*latest_month(self.ctx.book)))
        self.month.blockSignals(True)
        self.month.clear()
        for month in reversed(first.until(last)):  # newest first
            self.month.addItem(month_title(*month), month.key)
        self.month.setCurrentIndex(max(self.month.findData(chosen.key), 0))
        self.month.blockSignals(False)
        self.show_month()

    def show_month(self) -> None:
        """Show the chosen month's summary."""
        year, month = self.selected_month()
        self.closing.show_month(year, month)
        s = month_summary(self.ctx.book, year, month)
        # a member with only a credit (her share of the surplus) or a deduction this
        # month still has a row: her balance moved
        self.model.set_rows([m for m in s.members if m.workdays or m.paid or m.opening_balance
                             or m.credited or m.deducted])
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        self.totals.setText(
            _("Sales {sales} · purchases {purchases} · expenses {expenses} · labor {earned} · "
              "result {result} · owed to members {owed}").format(
                sales=money(s.sales_total), purchases=money(s.purchases_total),
                expenses=money(s.expenses_total), earned=money(s.earned),
                result=money(s.result), owed=money(s.owed_to_members),
            )
        )
