"""A month picker for lists: every month, or one month between the book's first and today."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QWidget

from coopdesk.domain.month import Month
from coopdesk.formats import month_title
from coopdesk.i18n import _


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
        first = Month.of(span[0] if span else today)
        last = Month.of(max(span[1], today) if span else today)
        self.blockSignals(True)
        self.clear()
        self.addItem(_("All months"), None)
        # Combo boxes find strings reliably, not tuples: each month's data is its key.
        for month in reversed(first.until(last)):  # newest first
            self.addItem(month_title(*month), month.key)
        index = self.findData(Month(*current).key) if current else 0
        self.setCurrentIndex(max(index, 0))
        self.blockSignals(False)

    def month(self) -> tuple[int, int] | None:
        """Return the chosen (year, month), or None for every month."""
        key = self.currentData()
        return tuple(Month.parse(key)) if key else None

    def set_month(self, ym: tuple[int, int] | None) -> None:
        """Choose *ym* (or every month for None)."""
        index = self.findData(Month(*ym).key) if ym else 0
        if index >= 0:
            self.setCurrentIndex(index)
