"""The monthly planilla as a table: members as rows, the month's days as columns, totals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import NamedTuple

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from coopdesk.domain.money import ZERO
from coopdesk.domain.work import FULL_DAY, HALF_DAY, ProductionLine
from coopdesk.formats import date_full, date_str, money, weekday_initial
from coopdesk.i18n import _
from coopdesk.services.sheets import NO_DAYS, MonthSheet, SheetMember

COL_NAME = 0
COL_FIRST_DAY = 1
#: Columns after the days: the member's workdays and what they earn.
TOTAL_COLUMNS = 2

#: Cell colours of the three production lines (also drawn in the legend).
LINE_COLOURS = {
    ProductionLine.CHOCOLATE: QColor("#f1d9b5"),
    ProductionLine.TEXTILES: QColor("#cfe2f7"),
    ProductionLine.CARPENTRY: QColor("#d5ecc8"),
}
WEEKEND_COLOUR = QColor("#e9e9ef")
TOTALS_COLOUR = QColor("#f6f6f6")
NOT_MEMBER_COLOUR = QColor("#c8c8c8")
NOT_MEMBER_TEXT = QColor("#8a8a8a")
DISPLAY = Qt.ItemDataRole.DisplayRole
LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
CENTER = int(Qt.AlignmentFlag.AlignCenter)
ENABLED = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
LINE_BRUSHES = {line: QBrush(colour) for line, colour in LINE_COLOURS.items()}
WEEKEND_BRUSH = QBrush(WEEKEND_COLOUR)
TOTALS_BRUSH = QBrush(TOTALS_COLOUR)
NOT_MEMBER_BRUSH = QBrush(NOT_MEMBER_COLOUR, Qt.BrushStyle.Dense4Pattern)
NOT_MEMBER_PEN = QBrush(NOT_MEMBER_TEXT)
#: Days after today: greyed and not editable (workdays record work done; they reduce a
#: sentence, so none is written ahead).
FUTURE_COLOUR = QColor("#dcdcdc")
FUTURE_BRUSH = QBrush(FUTURE_COLOUR, Qt.BrushStyle.BDiagPattern)


class PaintedCell(NamedTuple):
    """What one cell shows, worked out once per refresh (painting asks for it often)."""

    text: str
    background: QBrush | None
    foreground: QBrush | None
    bold: bool
    alignment: int
    flags: Qt.ItemFlag
    #: The day of the workday this cell's workday corrects (drawn as a corner mark).
    corrects: dt.date | None = None


def next_fraction(current: Decimal | None) -> Decimal | None:
    """Return what a click makes of a cell: none → full day → half day → none."""
    if current is None:
        return FULL_DAY
    if current == FULL_DAY:
        return HALF_DAY
    return None


def days_text(value: Decimal) -> str:
    """Return workdays as the paper writes them: 1, ½, 8½, 12."""
    value = Decimal(value)
    whole = int(value)
    half = value - whole == Decimal("0.5")
    rest = value - whole - (Decimal("0.5") if half else 0)
    if rest:  # not a multiple of half a day (never from the sheet, but say it exactly)
        return f"{value.normalize():f}"
    if half:
        return f"{whole}½" if whole else "½"
    return str(whole)


class WorkdaySheetModel(QAbstractTableModel):
    """One month of workdays; the last row holds the totals of each day."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._sheet: MonthSheet | None = None
        #: (member code, day) → the day of the workday it corrects.
        self._marks: dict[tuple[str, dt.date], dt.date] = {}
        self._cells: list[list[PaintedCell]] = []
        self._headers: list[str] = []
        self._bold = QFont()
        self._bold.setBold(True)
        #: Where "today" comes from (the computer's date; tests fix it).
        self.today_provider = dt.date.today
        self.today = self.today_provider()

    # -- filling -------------------------------------------------------------------
    def set_rows(self, sheet: MonthSheet, marks: dict | None = None) -> None:
        """Show *sheet* (a new month or new members: the table is rebuilt).

        *marks*: (member code, day) → the day of the workday a cell's workday corrects.
        """
        self.beginResetModel()
        self._sheet = sheet
        self._marks = dict(marks or {})
        self.today = self.today_provider()
        self._paint_all()
        self.endResetModel()

    def update_rows(self, sheet: MonthSheet, marks: dict | None = None) -> None:
        """Show *sheet*, keeping the cursor when it has the same members and days."""
        old = self._sheet
        if old is None or old.members != sheet.members or old.days != sheet.days:
            self.set_rows(sheet, marks)
            return
        self._sheet = sheet
        self._marks = dict(marks or {})
        self.today = self.today_provider()
        self._paint_all()
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(
                self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1)
            )

    @property
    def sheet(self) -> MonthSheet | None:
        """The month shown."""
        return self._sheet

    # -- geometry ------------------------------------------------------------------
    @property
    def total_row(self) -> int:
        """The row of the day totals (after the members)."""
        return len(self._sheet.members) if self._sheet else 0

    @property
    def days_column(self) -> int:
        """The column of each member's workdays in the month."""
        return COL_FIRST_DAY + (len(self._sheet.days) if self._sheet else 0)

    @property
    def pay_column(self) -> int:
        """The column of what each member's workdays earn."""
        return self.days_column + 1

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self._sheet is None:
            return 0
        return len(self._sheet.members) + 1

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self._sheet is None:
            return 0
        return COL_FIRST_DAY + len(self._sheet.days) + TOTAL_COLUMNS

    # -- what a cell is --------------------------------------------------------------
    def member_at(self, row: int) -> SheetMember | None:
        """Return the member of *row*, or None for the totals row."""
        if self._sheet is None or not 0 <= row < len(self._sheet.members):
            return None
        return self._sheet.members[row]

    def day_at(self, column: int) -> dt.date | None:
        """Return the day of *column*, or None for the name and total columns."""
        if self._sheet is None or not COL_FIRST_DAY <= column < self.days_column:
            return None
        return self._sheet.days[column - COL_FIRST_DAY]

    def index_of(self, code: str, day: dt.date) -> QModelIndex:
        """Return the index of her cell on *day*."""
        rows = [m.code for m in self._sheet.members] if self._sheet else []
        if code not in rows or day not in self._sheet.days:
            return QModelIndex()
        return self.index(rows.index(code), COL_FIRST_DAY + self._sheet.days.index(day))

    def is_day_cell(self, index: QModelIndex) -> bool:
        """True for a member's cell on a day (editable or greyed)."""
        return self.member_at(index.row()) is not None and self.day_at(index.column()) is not None

    def is_editable(self, index: QModelIndex) -> bool:
        """True for a day, not after today, when she was a member: a click can change it."""
        member, day = self.member_at(index.row()), self.day_at(index.column())
        return (member is not None and day is not None and day <= self.today
                and member.is_member_on(day))

    def is_future(self, index: QModelIndex) -> bool:
        """True for a day cell after today."""
        day = self.day_at(index.column())
        return day is not None and day > self.today

    def cell_lines(self, index: QModelIndex) -> dict[ProductionLine, Decimal]:
        """Return line → fraction of the workdays in a day cell."""
        member, day = self.member_at(index.row()), self.day_at(index.column())
        if member is None or day is None:
            return {}
        return self._sheet.cell(member.code, day)

    def corrects_day(self, index: QModelIndex) -> dt.date | None:
        """Return the day of the workday a cell's workday corrects, or None."""
        member, day = self.member_at(index.row()), self.day_at(index.column())
        if member is None or day is None:
            return None
        return self._marks.get((member.code, day))

    def active_line(self, index: QModelIndex, sheet_line: ProductionLine) -> ProductionLine:
        """Return the line a click changes: the sheet's, unless the day is on another one."""
        lines = self.cell_lines(index)
        if not lines or sheet_line in lines:
            return sheet_line
        return next(iter(lines))

    # -- Qt roles ----------------------------------------------------------------------
    def _paint_all(self) -> None:
        """Work out every cell's text, colours and flags once (a paint asks thousands of times)."""
        sheet = self._sheet
        if sheet is None:
            self._cells, self._headers = [], []
            return
        self._cells = [self._member_row(m) for m in sheet.members] + [self._total_row()]
        self._headers = [self._header_text(c) for c in range(self.columnCount())]

    def _member_row(self, member: SheetMember) -> list[PaintedCell]:
        sheet = self._sheet
        row = [PaintedCell(member.full_name, None, None, False, LEFT, ENABLED)]
        for day in sheet.days:
            lines = sheet.cells.get((member.code, day))
            value = sum(lines.values()) if lines else 0
            text = days_text(value) if value else ""
            if not member.is_member_on(day):
                # Greyed: she was not a member that day, so nothing can be recorded.
                row.append(PaintedCell(text, NOT_MEMBER_BRUSH, NOT_MEMBER_PEN, False, CENTER,
                                       Qt.ItemFlag.ItemIsSelectable))
                continue
            if day > self.today:
                # Greyed but reachable: a key typed there says why nothing is recorded.
                row.append(PaintedCell(text, FUTURE_BRUSH, NOT_MEMBER_PEN, False, CENTER,
                                       ENABLED))
                continue
            if lines:
                background = LINE_BRUSHES[next(iter(lines))]
            else:
                background = WEEKEND_BRUSH if day.weekday() >= 5 else None
            row.append(PaintedCell(text, background, None, False, CENTER, ENABLED,
                                   self._marks.get((member.code, day)) if lines else None))
        days, pay = sheet.member_days(member.code), sheet.member_pay(member.code)
        row.append(PaintedCell(days_text(days), TOTALS_BRUSH, None, True, RIGHT, ENABLED))
        row.append(PaintedCell(money(pay), TOTALS_BRUSH, None, True, RIGHT, ENABLED))
        return row

    def _total_row(self) -> list[PaintedCell]:
        sheet = self._sheet
        totals = {day: NO_DAYS for day in sheet.days}
        for (_code, day), lines in sheet.cells.items():
            if day in totals:
                totals[day] += sum(lines.values())
        row = [PaintedCell(_("Total of the day"), TOTALS_BRUSH, None, True, LEFT, ENABLED)]
        for day in sheet.days:
            text = days_text(totals[day]) if totals[day] else ""
            row.append(PaintedCell(text, TOTALS_BRUSH, None, False, CENTER, ENABLED))
        days = sum(totals.values(), NO_DAYS)
        pay = sum((sheet.member_pay(m.code) for m in sheet.members), ZERO)
        row.append(PaintedCell(days_text(days), TOTALS_BRUSH, None, True, RIGHT, ENABLED))
        row.append(PaintedCell(money(pay), TOTALS_BRUSH, None, True, RIGHT, ENABLED))
        return row

    def painted(self, row: int, column: int) -> PaintedCell:
        """Return what the cell at (*row*, *column*) shows (for the grid's delegate)."""
        return self._cells[row][column]

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid() or not self._cells:
            return Qt.ItemFlag.NoItemFlags
        return self._cells[index.row()][index.column()].flags

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = DISPLAY):
        if not index.isValid() or not self._cells:
            return None
        cell = self._cells[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.text
        if role == Qt.ItemDataRole.BackgroundRole:
            return cell.background
        if role == Qt.ItemDataRole.ForegroundRole:
            return cell.foreground
        if role == Qt.ItemDataRole.FontRole:
            return self._bold if cell.bold else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return cell.alignment
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(self.member_at(index.row()), self.day_at(index.column()))
        return None

    def _tooltip(self, member, day) -> str | None:
        if member is None:
            return None
        if day is None:
            return f"{member.code} · {member.full_name}"
        when = date_str(day)
        if not member.is_member_on(day):
            return refusal_text(member, day)
        if day > self.today:
            return future_text(day, self.today)
        lines = self._sheet.cell(member.code, day)
        if not lines:
            return _("{name}, {day}: no workday").format(name=member.full_name, day=when)
        parts = [
            (_("full day") if f == FULL_DAY else _("half day") if f == HALF_DAY else days_text(f))
            + " · "
            + line.label
            for line, f in lines.items()
        ]
        text = _("{name}, {day}: {what}").format(
            name=member.full_name, day=when, what=", ".join(parts)
        )
        corrected = self._marks.get((member.code, day))
        if corrected is not None:
            text += "\n" + _("Corrects the record of {date}").format(
                date=date_str(corrected)
            )
        return text

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or self._sheet is None:
            return None
        day = self.day_at(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if day is not None:
                return date_full(day)
            if section == self.pay_column:
                return _("What her workdays of the month earn at the rate in force")
        return None

    def _header_text(self, section: int) -> str:
        day = self.day_at(section)
        if section == COL_NAME:
            return _("Member")
        if day is not None:
            return f"{day.day}\n{weekday_initial(day)}"
        return _("Days") if section == self.days_column else "S/"


def future_text(day: dt.date, today: dt.date) -> str:
    """Say that nothing is recorded ahead (the services' sentence for a workday after today)."""
    return _("A workday cannot be dated after today ({today}); {day} has not come yet.").format(
        today=date_str(today), day=date_str(day))


def refusal_text(member: SheetMember, day: dt.date) -> str:
    """Say why nothing can be recorded for her on *day* (before joining or after leaving)."""
    if day < member.joined_on:
        return _("{name} joined on {joined}; nothing can be recorded for her on {day}.").format(
            name=member.full_name,
            joined=date_str(member.joined_on),
            day=date_str(day),
        )
    return _("{name} left on {left}; nothing can be recorded for her on {day}.").format(
        name=member.full_name,
        left=date_str(member.exit_on) if member.exit_on else "",
        day=date_str(day),
    )
