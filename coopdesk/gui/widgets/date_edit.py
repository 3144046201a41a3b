"""A date typed as dd/mm/aaaa in one field (Tab leaves it); a calendar on Alt+Down, F4 or a button.

A QDateEdit walks day → month → year on Tab, so what the coordinator typed next landed
in the date and was dropped; this is a line edit that reads "07122026", "7/12/2026" or
"7-12-26" and says in a sentence what is wrong with anything else.
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QDate, QSize, Qt, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QKeyEvent, QPainter, QPixmap
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QWidget

from coopdesk.domain.errors import InvalidInput
from coopdesk.domain.text import check_plausible_date
from coopdesk.formats import date_str
from coopdesk.i18n import _

#: d/m/yyyy with /, -, . or a space between the parts; a two-digit year is 20yy.
_SEPARATED = re.compile(r"^(\d{1,2})[/\-. ](\d{1,2})[/\-. ](\d{2}|\d{4})$")
#: ddmmyyyy or ddmmyy typed without separators.
_DIGITS = re.compile(r"^(\d{2})(\d{2})(\d{2}|\d{4})$")


def parse_day(text: str) -> dt.date:
    """Read a date typed as the coordinator writes it, or raise InvalidInput saying how.

    Accepted: ``07/12/2026``, ``7/12/2026``, ``7-12-2026``, ``7.12.26``, ``07122026``,
    ``071226`` (day first, always; a two-digit year means 20yy). Nothing is guessed: a
    date that is not in the calendar or outside 2000–2099 is refused.
    """
    raw = (text or "").strip()
    if not raw:
        raise InvalidInput(_("Write the date as dd/mm/yyyy, e.g. 07/12/2026."))
    match = _SEPARATED.match(raw) or _DIGITS.match(raw)
    if not match:
        raise InvalidInput(
            _("“{text}” is not a date: write it as dd/mm/yyyy, e.g. 07/12/2026.").format(
                text=raw[:20]
            )
        )
    day, month, year = (int(part) for part in match.groups())
    if len(match.group(3)) == 2:
        year += 2000
    try:
        value = dt.date(year, month, day)
    except ValueError:
        raise InvalidInput(
            _("{day:02d}/{month:02d}/{year} is not in the calendar: check the day and the "
              "month.").format(day=day, month=month, year=year)
        ) from None
    return check_plausible_date(value, what=_("the date"))


class DateEdit(QLineEdit):
    """One field for a date; ``day()`` is the datetime.date typed, or None while it is not one."""

    #: Emitted with a QDate whenever the text becomes a different valid date.
    dateChanged = Signal(QDate)

    def __init__(self, value: dt.date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(_("dd/mm/yyyy"))
        self.setMaxLength(12)  # room for a stray space either side
        self.setToolTip(_("Type the date as dd/mm/yyyy (07122026 works too); "
                          "Alt+Down or F4 opens a calendar."))
        self._last: dt.date | None = None
        self.calendar_action = QAction(_calendar_icon(self.palette().text().color()),
                                       _("Calendar"), self)
        self.calendar_action.setToolTip(_("Open a calendar (Alt+Down or F4)"))
        self.calendar_action.triggered.connect(self.open_calendar)
        self.addAction(self.calendar_action, QLineEdit.ActionPosition.TrailingPosition)
        self.calendar: QCalendarWidget | None = None
        self.textChanged.connect(self._text_changed)
        self.editingFinished.connect(self._tidy)
        self.set_day(value or dt.date.today())

    # -- value ----------------------------------------------------------------------------

    def day(self) -> dt.date | None:
        """Return the date typed, or None when the text is not a date."""
        try:
            return parse_day(self.text())
        except InvalidInput:
            return None

    def error(self) -> str:
        """Return the sentence saying what is wrong with the text, or '' when it is a date."""
        try:
            parse_day(self.text())
        except InvalidInput as exc:
            return exc.message
        return ""

    def set_day(self, value: dt.date) -> None:
        """Show *value* as dd/mm/yyyy."""
        self.setText(date_str(value))

    def date(self) -> QDate:
        """Return the date as a QDate (invalid while the text is not a date)."""
        value = self.day()
        return QDate(value.year, value.month, value.day) if value else QDate()

    def setDate(self, value: QDate) -> None:  # noqa: N802 (the name QDateEdit users know)
        """Show a QDate (for code written against QDateEdit)."""
        self.set_day(dt.date(value.year(), value.month(), value.day()))

    def _text_changed(self, _text: str) -> None:
        value = self.day()
        if value is not None and value != self._last:
            self._last = value
            self.dateChanged.emit(QDate(value.year, value.month, value.day))

    def _tidy(self) -> None:
        """On leaving, show a readable date the way paper prints it (7/12/26 → 07/12/2026)."""
        value = self.day()
        if value is not None and self.text() != date_str(value):
            self.set_day(value)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        """Never narrower than a whole date and its calendar button.

        In a crowded row (Configuración's new rate, in Spanish) the layout squeezed the
        field to "2026": she could not see the day she was typing.
        """
        hint = super().minimumSizeHint()
        text = self.fontMetrics().horizontalAdvance("00/00/0000")
        icon = self.sizeHint().height()  # the calendar button is square, a line high
        return QSize(max(hint.width(), text + icon + 14), hint.height())

    def focusInEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """Arriving by keyboard selects the whole date, so typing replaces it."""
        super().focusInEvent(event)
        if event.reason() not in (Qt.FocusReason.MouseFocusReason,
                                  Qt.FocusReason.PopupFocusReason):
            self.selectAll()

    # -- calendar -------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        alt_down = (event.key() == Qt.Key.Key_Down
                    and event.modifiers() & Qt.KeyboardModifier.AltModifier)
        if alt_down or event.key() == Qt.Key.Key_F4:
            self.open_calendar()
            return
        super().keyPressEvent(event)

    def open_calendar(self) -> None:
        """Show a month calendar under the field; Enter or a click picks, Esc closes it."""
        if self.calendar is None:
            self.calendar = _CalendarPopup(self)
            self.calendar.picked.connect(self._picked)
        shown = self.day() or dt.date.today()
        self.calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))
        self.calendar.move(self.mapToGlobal(self.rect().bottomLeft()))
        self.calendar.show()
        self.calendar.setFocus()

    def _picked(self, value: QDate) -> None:
        self.setDate(value)
        self.textEdited.emit(self.text())  # a pick is the coordinator's own change
        self.setFocus()


def _calendar_icon(ink: QColor) -> QIcon:
    """Draw a small calendar page (no theme on the desk's Windows laptop ships one)."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setPen(ink)
    painter.drawRect(1, 2, 13, 12)
    painter.fillRect(1, 2, 14, 4, ink)
    for x in (4, 7, 10):
        for y in (8, 11):
            painter.fillRect(x, y, 2, 2, ink)
    painter.end()
    return QIcon(pixmap)


class _CalendarPopup(QCalendarWidget):
    """The calendar as a pop-up window owned by its field."""

    picked = Signal(QDate)

    def __init__(self, field: DateEdit) -> None:
        super().__init__(field)
        self.setWindowFlags(Qt.WindowType.Popup)
        self.setMinimumDate(QDate(2000, 1, 1))
        self.setMaximumDate(QDate(2099, 12, 31))
        self.setGridVisible(True)
        self.activated.connect(self._pick)
        self.clicked.connect(self._pick)

    def _pick(self, value: QDate) -> None:
        self.hide()
        self.picked.emit(value)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            self.parentWidget().setFocus()
            return
        super().keyPressEvent(event)
