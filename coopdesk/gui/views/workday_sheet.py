"""Jornales: the monthly planilla where a click or Space records a full day, a half day or none."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from coopdesk.domain.changes import Kind
from coopdesk.domain.errors import CoopError
from coopdesk.domain.month import Month
from coopdesk.domain.work import FULL_DAY, HALF_DAY, ProductionLine
from coopdesk.formats import money, month_name, month_title
from coopdesk.gui.context import AppContext
from coopdesk.gui.models.workday_sheet_model import (
    COL_FIRST_DAY,
    COL_NAME,
    FUTURE_COLOUR,
    LINE_COLOURS,
    NOT_MEMBER_COLOUR,
    WorkdaySheetModel,
    future_text,
    next_fraction,
    refusal_text,
)
from coopdesk.gui.views.watching import WatchingView
from coopdesk.gui.widgets.sheet_table import DayDelegate, SheetTable, swatch
from coopdesk.i18n import _, ngettext
from coopdesk.services import months, sheet_fill, sheets, work, workday_corrections

#: Kinds of change that alter what the sheet shows.
#: The years the book keeps (as the services' plausible dates).
YEARS = (2000, 2099)
NAME_WIDTH = (150, 230)
DAY_WIDTH = (26, 34)
DAYS_WIDTH = 46
PAY_WIDTH = 88


class WorkdaySheetView(WatchingView):
    """The monthly sheet of workdays (Jornales), saved cell by cell."""

    watch = frozenset({Kind.WORKDAYS, Kind.MEMBERS, Kind.RATES, Kind.MONTHS})

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(ctx, parent)
        self.model = WorkdaySheetModel(self)
        self._closed_note = ""  # the sentence shown while a closed month is on screen
        self._build()
        today = dt.date.today()
        self._year, self._month = today.year, today.month
        self._show_month_in_selector()
        self.refresh_if_stale()

    # -- building ------------------------------------------------------------------------
    def _build(self) -> None:
        self.previous_button = QPushButton("◀")
        self.previous_button.setToolTip(_("Previous month") + " (Ctrl+PgUp)")
        self.previous_button.setFixedWidth(36)
        self.month_combo = QComboBox()
        for number in range(1, 13):
            self.month_combo.addItem(month_name(number).capitalize(), number)
        self.year_spin = QSpinBox()
        self.year_spin.setRange(*YEARS)
        self.year_spin.setKeyboardTracking(False)  # 2-0-2-2 typed is one change, not four
        self.next_button = QPushButton("▶")
        self.next_button.setToolTip(_("Next month") + " (Ctrl+PgDown)")
        self.next_button.setFixedWidth(36)
        self.today_button = QPushButton(_("This month"))
        self.line_combo = QComboBox()
        for line in ProductionLine:
            self.line_combo.addItem(line.label.capitalize(), line.value)
        self.line_combo.setToolTip(_("The production line of the workdays you click"))
        self.rate_label = QLabel()
        self.print_button = QPushButton(_("&Print…"))

        month_label = QLabel(_("&Month:"))
        month_label.setBuddy(self.month_combo)
        line_label = QLabel(_("&Line:"))
        line_label.setBuddy(self.line_combo)
        top = QHBoxLayout()
        for widget in (month_label, self.previous_button, self.month_combo, self.year_spin,
                       self.next_button, self.today_button):
            top.addWidget(widget)
        top.addSpacing(24)
        top.addWidget(line_label)
        top.addWidget(self.line_combo)
        top.addSpacing(24)
        top.addWidget(self.rate_label)
        top.addStretch(1)
        top.addWidget(self.print_button)

        self.table = SheetTable()
        self.table.setModel(self.model)
        self.table.setItemDelegate(DayDelegate(self.table))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(DAY_WIDTH[0])
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.table.setAccessibleName(_("Monthly sheet of workdays"))

        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setObjectName("sheetMessage")
        hint = QLabel(
            _("Click a day or press Space: full day (1) → half day (½) → none. "
              "Keys 1, 5 and 0 set it and move to the next day; Ctrl+R repeats her last week "
              "in this week's empty days; right-click (or the Menu key) chooses the line "
              "of one day or records it as a correction. Days after today are greyed.")
        )
        hint.setWordWrap(True)
        legend = QHBoxLayout()
        for line in ProductionLine:
            legend.addWidget(swatch(LINE_COLOURS[line].name(), line.label.capitalize()))
        legend.addWidget(swatch(NOT_MEMBER_COLOUR.name(), _("not a member that day")))
        legend.addWidget(swatch(FUTURE_COLOUR.name(), _("after today")))
        legend.addStretch(1)

        self.setFocusProxy(self.table)  # arrows and Space work as soon as the screen opens
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(legend)
        layout.addWidget(hint)
        layout.addWidget(self.message_label)

        self.previous_button.clicked.connect(lambda: self._step_month(-1))
        self.next_button.clicked.connect(lambda: self._step_month(1))
        self.today_button.clicked.connect(self._this_month)
        self.print_button.clicked.connect(self.print_sheet)
        self.month_combo.activated.connect(self._month_picked)
        self.year_spin.valueChanged.connect(self._month_picked)
        self.table.cycle_requested.connect(self.cycle_cell)
        self.table.set_requested.connect(self.type_cell)
        self.repeat_week_action = QAction(_("Repeat her last week in this week"), self)
        self.repeat_week_action.setShortcut(QKeySequence("Ctrl+R"))
        self.repeat_week_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.repeat_week_action.triggered.connect(
            lambda _checked=False: self.repeat_last_week(self.table.currentIndex()))
        self.table.addAction(self.repeat_week_action)
        self.table.month_step_requested.connect(self._step_month)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.menu_requested.connect(self._keyboard_menu)

    # -- month and line --------------------------------------------------------------------
    def month(self) -> tuple[int, int]:
        """Return the (year, month) shown."""
        return self._year, self._month

    def set_month(self, year: int, month: int) -> None:
        """Show the sheet of *month* of *year*."""
        if not YEARS[0] <= year <= YEARS[1]:
            return
        self._year, self._month = year, month
        self._show_month_in_selector()
        self.refresh()

    def sheet_line(self) -> ProductionLine:
        """Return the production line new workdays are recorded on."""
        return ProductionLine(self.line_combo.currentData())

    def set_line(self, line: ProductionLine) -> None:
        """Record new workdays on *line*."""
        self.line_combo.setCurrentIndex(self.line_combo.findData(ProductionLine(line).value))

    def _show_month_in_selector(self) -> None:
        for widget in (self.month_combo, self.year_spin):
            widget.blockSignals(True)
        self.month_combo.setCurrentIndex(self.month_combo.findData(self._month))
        self.year_spin.setValue(self._year)
        for widget in (self.month_combo, self.year_spin):
            widget.blockSignals(False)

    def _month_picked(self, *_args) -> None:
        self.set_month(self.year_spin.value(), self.month_combo.currentData())

    def _step_month(self, step: int) -> None:
        self.set_month(*Month(self._year, self._month).step(step))

    def _this_month(self) -> None:
        today = dt.date.today()
        self.set_month(today.year, today.month)

    # -- showing ---------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the month again from the book (the cursor stays where it was)."""
        sheet = sheets.month_sheet(self.ctx.book, self._year, self._month)
        marks = workday_corrections.month_correction_marks(self.ctx.book, self._year, self._month)
        current = self.table.currentIndex()
        member = self.model.member_at(current.row()) if current.isValid() else None
        day = self.model.day_at(current.column()) if current.isValid() else None
        rebuilt = self.model.sheet is None or self.model.sheet.days != sheet.days
        self.model.update_rows(sheet, marks)
        if rebuilt or not current.isValid():
            self._fit_columns()
        if not self.table.currentIndex().isValid():
            self._place_cursor(member.code if member else None, day)
        self.rate_label.setText(self._rate_text(sheet))
        if sheet.closed:
            self._say(self._closed_text(), error=True)
        elif self.message_label.text() and self.message_label.text() == self._closed_note:
            self._say("")

    def _place_cursor(self, code: str | None, day: dt.date | None) -> None:
        """Put the cursor back on her day, or on today's column, or on the 1st."""
        model = self.model
        if model.sheet is None or model.total_row == 0:
            return
        index = model.index_of(code, day) if code and day else None
        if index is None or not index.isValid():
            days = model.sheet.days
            today = dt.date.today()
            column = COL_FIRST_DAY + (days.index(today) if today in days else 0)
            index = model.index(0, column)
        self.table.setCurrentIndex(index)

    def _closed_text(self) -> str:
        """Say that the month shown is closed, in the services' own words."""
        month = Month(self._year, self._month)
        try:
            months.ensure_open_in({month.key}, month.first_day)
        except CoopError as error:
            self._closed_note = error.message
            return error.message
        return ""

    def _rate_text(self, sheet: sheets.MonthSheet) -> str:
        periods = sheet.rates_in_month()
        if len(periods) == 1:
            return _("Rate: {rate} per full day").format(rate=money(periods[0][1]))
        return _("Rate: {rates}").format(
            rates="; ".join(
                _("{rate} from {day}").format(rate=money(r), day=d.strftime("%d/%m"))
                for d, r in periods
            )
        )

    def _fit_columns(self) -> None:
        """Fit the name, the days and the totals in the width (31 days at 1366 px)."""
        model, header = self.model, self.table.horizontalHeader()
        if model.sheet is None:
            return
        days = len(model.sheet.days)
        available = self.table.viewport().width() or 1100
        day_width = (available - NAME_WIDTH[0] - DAYS_WIDTH - PAY_WIDTH) // max(days, 1)
        day_width = max(DAY_WIDTH[0], min(DAY_WIDTH[1], day_width))
        name_width = available - day_width * days - DAYS_WIDTH - PAY_WIDTH
        header.resizeSection(COL_NAME, max(NAME_WIDTH[0], min(NAME_WIDTH[1], name_width)))
        for column in range(COL_FIRST_DAY, COL_FIRST_DAY + days):
            header.resizeSection(column, day_width)
        header.resizeSection(model.days_column, DAYS_WIDTH)
        header.resizeSection(model.pay_column, PAY_WIDTH)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_columns()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self._fit_columns()

    # -- changing ---------------------------------------------------------------------------
    def cycle_cell(self, index: QModelIndex) -> None:
        """Turn a day into the next of full day → half day → none, and save it."""
        if not self._can_edit(index):
            return
        line = self.model.active_line(index, self.sheet_line())
        current = self.model.cell_lines(index).get(line)
        self._save(index, line, next_fraction(current))

    def set_cell(self, index: QModelIndex, fraction: Decimal | None) -> bool:
        """Make a day a full day, a half day or nothing, and save it; True when saved."""
        if not self._can_edit(index):
            return False
        return self._save(index, self.model.active_line(index, self.sheet_line()), fraction)

    def type_cell(self, index: QModelIndex, fraction: Decimal | None) -> None:
        """A typed 1, 5 or 0: set the day, then move to the next day (as on paper)."""
        if not self.set_cell(index, fraction):
            return
        here = self.model.index_of(self.model.member_at(index.row()).code,
                                   self.model.day_at(index.column()))
        after = self.model.index(here.row(), here.column() + 1)
        if self.model.is_day_cell(after):
            self.table.setCurrentIndex(after)

    def repeat_last_week(self, index: QModelIndex) -> list[dt.date]:
        """Copy her previous week into the empty days of this week (one operation, Ctrl+R).

        Never after today, in a closed month or over a day already filled (see
        coopdesk.services.sheet_fill); says how many days were filled.
        """
        member, day = self.model.member_at(index.row()), self.model.day_at(index.column())
        if member is None or day is None:
            return []
        if self.model.sheet.closed:
            self._say(self._closed_text(), error=True)
            return []
        ok, result = self.ctx.runner.run(
            lambda: sheet_fill.repeat_last_week(
                self.ctx.book, code=member.code, day=day, today=self.model.today_provider()),
            parent=self, show_errors=False)
        if not ok:
            self._say(result.message, error=True)
            return []
        if result:
            self._say(ngettext("{n} day of last week repeated for {name}.",
                               "{n} days of last week repeated for {name}.",
                               len(result)).format(n=len(result), name=member.full_name))
        else:
            self._say(_("Nothing to repeat for {name}: last week has no workday for an empty "
                        "day of this week up to today.").format(name=member.full_name))
        return result

    def move_cell(self, index: QModelIndex, line: ProductionLine) -> None:
        """Put a day on another production line (a full day when it was empty)."""
        if not self._can_edit(index):
            return
        member, day = self.model.member_at(index.row()), self.model.day_at(index.column())
        current = self.model.active_line(index, self.sheet_line())
        if current not in self.model.cell_lines(index):
            self._save(index, line, FULL_DAY)
            return
        self._run(lambda: sheets.move_sheet_cell(
            self.ctx.book, code=member.code, day=day, from_line=current, to_line=line
        ))

    def _can_edit(self, index: QModelIndex) -> bool:
        if not self.model.is_day_cell(index):
            return False
        if self.model.sheet.closed:
            self._say(self._closed_text(), error=True)
            return False
        if not self.model.is_editable(index):
            self._say(self._refusal(index), error=True)
            return False
        return True

    def _refusal(self, index: QModelIndex) -> str:
        """Say why a day cell cannot be changed: outside her membership, or after today."""
        member, day = self.model.member_at(index.row()), self.model.day_at(index.column())
        if not member.is_member_on(day):
            return refusal_text(member, day)
        return future_text(day, self.model.today)

    def _save(self, index: QModelIndex, line: ProductionLine, fraction: Decimal | None) -> bool:
        member, day = self.model.member_at(index.row()), self.model.day_at(index.column())
        return self._run(lambda: work.set_sheet_cell(
            self.ctx.book, code=member.code, day=day, line=line, fraction=fraction
        ))

    def _run(self, operation) -> bool:
        ok, result = self.ctx.runner.run(
            operation, parent=self, show_errors=False
        )
        if ok:
            self._say("")
        else:
            self._say(result.message, error=True)
        return ok

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message_label.setStyleSheet("color: #a4262c;" if error else "")
        self.message_label.setText(text)

    # -- the context menu -------------------------------------------------------------------
    def cell_menu(self, index: QModelIndex) -> QMenu | None:
        """Return the menu of a day cell: set its value, or put it on another line."""
        if not self.model.is_day_cell(index):
            return None
        menu = QMenu(self)
        if not self.model.is_editable(index):
            menu.addAction(self._refusal(index)).setEnabled(False)
            return menu
        for text, fraction in ((_("Full day (1)"), FULL_DAY), (_("Half day (½)"), HALF_DAY),
                               (_("No workday"), None)):
            action = menu.addAction(text)
            action.triggered.connect(
                lambda _checked=False, f=fraction: self.set_cell(index, f)
            )
        menu.addSection(_("Line of this day"))
        group = QActionGroup(menu)
        lines = self.model.cell_lines(index)
        current = self.model.active_line(index, self.sheet_line()) if lines else None
        for line in ProductionLine:
            action = QAction(line.label.capitalize(), menu, checkable=True)
            action.setChecked(line == current)
            action.setData(line.value)
            group.addAction(action)
            menu.addAction(action)
            action.triggered.connect(lambda _checked=False, ln=line: self.move_cell(index, ln))
        menu.addSeparator()
        correction = menu.addAction(_("Record as a correction…"))
        # Only an empty day of an open month: the new workday names the one it corrects.
        correction.setEnabled(not lines and not self.model.sheet.closed)
        correction.setToolTip(
            _("For a workday of a closed month (or a voided one) recorded wrongly or "
              "forgotten: record it here and say which one it corrects."))
        correction.triggered.connect(lambda _checked=False: self.record_correction(index))
        menu.addSeparator()
        menu.addAction(self.repeat_week_action)
        return menu

    def correction_dialog(self, index: QModelIndex):
        """Return the dialog that records a day as a correction, or None off an empty day."""
        from coopdesk.gui.dialogs.workday_correction_dialog import WorkdayCorrectionDialog

        if not self._can_edit(index) or self.model.cell_lines(index):
            return None
        member, day = self.model.member_at(index.row()), self.model.day_at(index.column())
        return WorkdayCorrectionDialog(
            self.ctx, member, day, self.model.active_line(index, self.sheet_line()), self
        )

    def record_correction(self, index: QModelIndex) -> bool:
        """Ask which workday an empty day corrects, then record it (one operation)."""
        dialog = self.correction_dialog(index)
        if dialog is None:
            return False
        accepted = dialog.exec() == dialog.DialogCode.Accepted
        dialog.deleteLater()
        if accepted:
            self._say("")
        return accepted

    def _context_menu(self, pos) -> None:
        index = self.table.indexAt(pos)
        menu = self.cell_menu(index)
        if menu is not None:
            self.show_menu(menu, self.table.viewport().mapToGlobal(pos))
            menu.deleteLater()

    def show_menu(self, menu: QMenu, where) -> None:
        """Show a cell's menu at the global point *where* until she picks or leaves it."""
        menu.exec(where)

    def _keyboard_menu(self, index: QModelIndex) -> None:
        """Open the cell's menu under the current cell (Menu key or Shift+F10)."""
        self.table.scrollTo(index)
        self._context_menu(self.table.visualRect(index).center())

    def month_title(self) -> str:
        """Return the month shown as a heading ("octubre de 2022")."""
        return month_title(self._year, self._month)

    def print_sheet(self):
        """Preview and print the paper planilla of the month shown, with its workdays."""
        # Imported here: ReportLab is only loaded when she prints.
        from coopdesk.gui.dialogs.document_preview import show_document
        from coopdesk.reports.documents import workday_sheet_pdf

        pdf = workday_sheet_pdf(self.ctx.book, self._year, self._month, filled=True)
        title = _("Workday sheet: {month}").format(month=self.month_title())
        return show_document(self, title, pdf)
