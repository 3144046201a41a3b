"""The shape of every list screen: a title, buttons, a month filter, a search box, a table."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coopdesk.gui.actions import Action
from coopdesk.gui.context import AppContext
from coopdesk.gui.models.paged import PagedTableModel
from coopdesk.gui.views.watching import WatchingView
from coopdesk.gui.widgets.month_filter import MonthFilter
from coopdesk.gui.widgets.search_box import SearchBox
from coopdesk.gui.widgets.voided_delegate import VoidedDelegate
from coopdesk.i18n import _, ngettext
from coopdesk.services.queries import ListFilter, record_span

TITLE_STYLE = "font-size: 18pt; font-weight: bold;"
#: The widest a column gets from its contents (the full text is in the tooltip).
MAX_COLUMN = 240


def title_label(text: str) -> QLabel:
    """Return a screen's title."""
    label = QLabel(text)
    label.setStyleSheet(TITLE_STYLE)
    return label


class RecordListView(WatchingView):
    """A list of records that refreshes itself when the runner says its kind changed."""

    def __init__(
        self,
        ctx: AppContext,
        title: str,
        model: PagedTableModel,
        page: Callable[..., list[Any]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self.model = model
        self._page = page
        self.buttons = QHBoxLayout()
        self.month_filter = MonthFilter()
        self.search = SearchBox()
        self.table = QTableView()
        self.table.setModel(model)
        self.table.setItemDelegate(VoidedDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.horizontalHeader().setStretchLastSection(True)
        # Columns are sized from the first rows only: sizing from every row is slow.
        self.table.horizontalHeader().setResizeContentsPrecision(40)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.table.activated.connect(lambda _i: self.open_selected())
        self.count_label = QLabel()
        self.count_label.setStyleSheet("color: #555;")

        top = QHBoxLayout()
        top.addWidget(title_label(title))
        top.addStretch(1)
        top.addWidget(QLabel(_("Month:")))
        top.addWidget(self.month_filter)
        top.addWidget(self.search)
        self.main = QVBoxLayout()
        self.main.addLayout(top)
        self.main.addLayout(self.buttons)
        self.main.addWidget(self.table, 1)
        self.main.addWidget(self.count_label)
        self.content = QHBoxLayout(self)
        self.content.addLayout(self.main, 3)

        self.month_filter.monthChanged.connect(lambda _m: self.refresh())
        self.search.searchChanged.connect(lambda _t: self.refresh())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self.selection_changed())
        # Tab into the list makes a row current without selecting it, and the shortcuts act
        # on the current row (selected()): select it, so the buttons and the row agree.
        self.table.selectionModel().currentRowChanged.connect(self._select_current)

    def add_button(self, text: str, slot: Callable[[], object], tip: str = "") -> QPushButton:
        """Add a button above the table."""
        button = QPushButton(text)
        button.clicked.connect(lambda: slot())
        if tip:
            button.setToolTip(tip)
        self.buttons.addWidget(button)
        return button

    def finish_buttons(self) -> None:
        """Push the buttons to the left."""
        self.buttons.addStretch(1)

    # -- refreshing ---------------------------------------------------------------------

    def list_filter(self) -> ListFilter:
        """Return the month and text chosen."""
        return ListFilter(month=self.month_filter.month(), text=self.search.text().strip())

    def refresh(self) -> None:
        """Load the first page again with the current filter."""
        self.month_filter.set_span(record_span(self.ctx.book))
        filt = self.list_filter()
        book = self.ctx.book
        self.model.load(lambda after, limit: self._page(book, filt, after, limit))
        self.table.resizeColumnsToContents()
        for column in range(self.model.columnCount() - 1):  # long notes and reasons: elide
            if self.table.columnWidth(column) > MAX_COLUMN:
                self.table.setColumnWidth(column, MAX_COLUMN)
        self.count_label.setText(self.count_text())
        self.selection_changed()
        self.refreshed()

    def count_text(self) -> str:
        """Return the line under the table."""
        shown = self.model.rowCount()
        more = "+" if self.model.canFetchMore() else ""
        return ngettext("{n} row shown", "{n} rows shown", shown).format(n=f"{shown}{more}")

    def refreshed(self) -> None:
        """Hook run after each refresh (side panels)."""

    # -- selection ----------------------------------------------------------------------

    def selected(self) -> Any | None:
        """Return the row object selected, or None."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            index = self.table.currentIndex()
            return self.model.row_at(index.row()) if index.isValid() else None
        return self.model.row_at(rows[0].row())

    def _select_current(self, current, _previous) -> None:
        if current.isValid() and not self.table.selectionModel().isRowSelected(current.row()):
            self.table.selectRow(current.row())

    def selection_changed(self) -> None:
        """Enable the buttons that need a selected row."""

    def open_selected(self) -> None:
        """What Enter or a double click on a row does (a screen that opens rows says what)."""

    def row_actions(self) -> dict[Action, Callable[[], object]]:
        """Every list can be searched; each screen adds what it does with its rows."""
        return {Action.FIND: self.focus_search}

    def focus_search(self) -> None:
        """Put the cursor in the search box."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()
