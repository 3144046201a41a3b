"""A date edit that always shows dd/MM/yyyy and opens a calendar."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QWidget


class DateEdit(QDateEdit):
    """dd/MM/yyyy with a calendar pop-up; ``day()`` returns a datetime.date."""

    def __init__(self, value: dt.date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat("dd/MM/yyyy")
        self.setCalendarPopup(True)
        self.setMinimumDate(QDate(2000, 1, 1))
        self.setMaximumDate(QDate(2099, 12, 31))
        self.set_day(value or dt.date.today())

    def day(self) -> dt.date:
        """Return the date shown."""
        q = self.date()
        return dt.date(q.year(), q.month(), q.day())

    def set_day(self, value: dt.date) -> None:
        """Show *value*."""
        self.setDate(QDate(value.year, value.month, value.day))
