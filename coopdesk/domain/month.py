"""A calendar month as one value: statements, sheets, closings and lists all count in months.

The book keys a month as ``YYYY-MM`` (closed months, month pickers, the command line);
this type is the one place that writes, reads and steps that key. Its title in words
is a format of the current language: see :func:`coopdesk.formats.month_title`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from coopdesk.domain.errors import InvalidInput
from coopdesk.i18n import _

_KEY = re.compile(r"^(\d{4})-(\d{2})$")
#: The years a typed month may fall in: the book keeps dates of these years only (as
#: ``check_plausible_date``), so 2202-10 is a typing mistake, never an empty statement.
FIRST_YEAR, LAST_YEAR = 2000, 2099


@dataclass(frozen=True, order=True)
class Month:
    """One calendar month; ordered by time, unpacks as ``year, month = m``."""

    year: int
    month: int

    def __post_init__(self) -> None:
        # A bad month is a program error here: what people type goes through parse().
        if not (1 <= self.month <= 12 and dt.MINYEAR <= self.year <= dt.MAXYEAR):
            raise ValueError(f"no such month: {self.year}-{self.month}")

    def __iter__(self):
        """Yield year and month, so ``month_title(*m)`` and ``y, m = month`` read plainly."""
        yield self.year
        yield self.month

    @classmethod
    def parse(cls, text: str | None) -> Month:
        """Read ``YYYY-MM`` (as typed or in a file), or say how to write it."""
        match = _KEY.match((text or "").strip())
        year, number = (int(match.group(1)), int(match.group(2))) if match else (0, 0)
        if not 1 <= number <= 12:
            raise InvalidInput(
                _("The month “{text}” is not valid; write it as YYYY-MM, e.g. 2022-10.").format(
                    text=text
                )
            )
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise InvalidInput(
                _("The month {text} is outside the years coopdesk keeps (2000 to 2099).").format(
                    text=match.group(0)
                )
            )
        return cls(year, number)

    @classmethod
    def of(cls, day: dt.date) -> Month:
        """Return the month *day* falls in."""
        return cls(day.year, day.month)

    @property
    def key(self) -> str:
        """The month as the book keeps it: ``2022-10``."""
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def label(self) -> str:
        """The month in figures as a sentence names it: ``10/2022``."""
        return f"{self.month:02d}/{self.year:04d}"

    @property
    def first_day(self) -> dt.date:
        """The month's first day."""
        return dt.date(self.year, self.month, 1)

    @property
    def last_day(self) -> dt.date:
        """The month's last day."""
        return dt.date(self.year, self.month, self.days())

    def days(self) -> int:
        """Return how many days the month has (28 to 31)."""
        return calendar.monthrange(self.year, self.month)[1]

    def step(self, n: int) -> Month:
        """Return the month *n* months later (earlier when *n* is negative)."""
        index = self.year * 12 + self.month - 1 + n
        return Month(index // 12, index % 12 + 1)

    def next(self) -> Month:
        """Return the following month."""
        return self.step(1)

    def previous(self) -> Month:
        """Return the month before."""
        return self.step(-1)

    def span(self) -> tuple[dt.date, dt.date]:
        """Return the first day and the first day of the next month (``start <= day < end``)."""
        return self.first_day, self.next().first_day

    def until(self, last: Month) -> list[Month]:
        """Return this month and every month up to *last*, both included (empty if later)."""
        months, month = [], self
        while month <= last:
            months.append(month)
            month = month.next()
        return months
