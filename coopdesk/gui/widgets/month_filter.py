"""A month picker for lists: every month, or one month between the book's first and today."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QWidget

from coopdesk.gui.widgets.formats import month_title
from coopdesk.i18n import _


def month_key(ym: tuple[int, int]) -> str:
    """Return (2022, 10) as "2022-10" (combo boxes find strings reliably, not tuples)."""
    return f"{ym[0]:04d}-{ym[1]:02d}"


def parse_month_key(key: str | None) -> tuple[int, int] | None:
    """Return "2022-10" as (2022, 10), None for None."""
    if not key:
        return None
    year, month = key.split("-")
    return int(year), int(month)


class MonthFilter(QComboBox):
    """Choose "All months" or one month; ``month()`` is (year, month) or None."""

    #: Emitted with (year, month) or None.
    monthChanged = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumContentsLength(16)
        self.set_span(None)
        self.currentIndexChanged.connect(lambda _i: self.monthChanged.emit(self.month()))

    def set_span(self, span: tuple[dt.date, dt.date] | None, today: dt.date | None = None) -> None:
        """Offer the months from the first record up to the later of the last record and today."""
        today = today or dt.date.today()
        key = (span, today)
        if key == getattr(self, "_span_key", None):
            return  # the same months: keep the list and the choice
        self._span_key = key
        current = self.month()
        first = span[0] if span else today
        last = max(span[1], today) if span else today
        months = []
        y, m = last.year, last.month
        while (y, m) >= (first.year, first.month):
            months.append((y, m))
            y, m = (y - 1, 12) if m == 1 else (y, m - 1)
        self.blockSignals(True)
        self.clear()
        self.addItem(_("All months"), None)
        for ym in months:
            self.addItem(month_title(*ym), month_key(ym))
        index = self.findData(month_key(current)) if current else 0
        self.setCurrentIndex(max(index, 0))
        self.blockSignals(False)

    def month(self) -> tuple[int, int] | None:
        """Return the chosen (year, month), or None for every month."""
        return parse_month_key(self.currentData())

    def set_month(self, ym: tuple[int, int] | None) -> None:
        """Choose *ym* (or every month for None)."""
        index = self.findData(month_key(ym)) if ym else 0
        if index >= 0:
            self.setCurrentIndex(index)
