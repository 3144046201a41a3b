"""A line edit for money typed as Decimal (never a floating-point spin box), with its sentence.

On screen a decimal comma is read as a point when that is unambiguous ("13,40" is
13.40, "0,1234" is 0.1234); thousands separators are never accepted, so a comma followed
by exactly three digits ("1,234": a thousand, or one and a bit?) or a number with both a
comma and a point ("1,234.5") is refused with a sentence. Files keep the strict point
(domain.money.parse_number), the same for the screen once the comma is read.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QLineEdit, QWidget

from coopdesk.domain.errors import InvalidInput
from coopdesk.domain.money import (
    MAX_AMOUNT,
    MAX_QUANTITY,
    MAX_UNIT_PRICE,
    MONEY_PLACES,
    PRICE_PLACES,
    QTY_PLACES,
    parse_number,
)
from coopdesk.i18n import _

#: What each kind of number allows: decimals, zero allowed, largest value.
KINDS = {
    "amount": (MONEY_PLACES, False, MAX_AMOUNT),
    "quantity": (QTY_PLACES, False, MAX_QUANTITY),
    "unit_price": (PRICE_PLACES, True, MAX_UNIT_PRICE),
}


def read_typed_comma(text: str, *, what: str) -> str:
    """Return *text* with an unambiguous decimal comma turned into a point, or raise InvalidInput.

    Args:
        text: what the coordinator typed.
        what: the name of the field in the sentence ("the amount").
    """
    raw = (text or "").strip()
    if "," not in raw:
        return raw
    what_cap = what[:1].upper() + what[1:]
    shown = raw[:30]
    if "." in raw:
        raise InvalidInput(
            _("{what} “{text}” has both a comma and a point: write it without thousands "
              "separators and with one decimal mark, e.g. 1234.50 or 1234,50.").format(
                what=what_cap, text=shown)
        )
    whole, _comma, decimals = raw.partition(",")
    if "," in decimals:
        raise InvalidInput(
            _("{what} “{text}” has more than one comma: write it without thousands "
              "separators, e.g. 1234.50 or 1234,50.").format(what=what_cap, text=shown)
        )
    if len(decimals) == 3 and decimals.isdigit() and whole.strip("+-").isdigit():
        raise InvalidInput(
            _("{what} “{text}” can be read two ways: write {thousands} without the comma, "
              "or {decimal} with a point for the decimals.").format(
                what=what_cap, text=shown, thousands=whole + decimals,
                decimal=whole + "." + decimals)
        )
    return whole + "." + decimals


class DecimalEdit(QLineEdit):
    """Types a number with a point; ``value()`` is a Decimal or None, ``error()`` says why not.

    Parsing goes through domain.money, so the screen refuses exactly what the CLI
    refuses, with the same sentence.
    """

    #: Emitted whenever the text changes: the Decimal or None.
    valueChanged = Signal(object)

    def __init__(self, what: str, kind: str = "amount", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._what = what
        self._places, self._allow_zero, self._maximum = KINDS[kind]
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setPlaceholderText("0.00")
        self.setMaxLength(20)
        self.textChanged.connect(lambda _t: self.valueChanged.emit(self.value()))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        """Never narrower than "0000.00": a squeezed field showed "0..." and hid the amount."""
        hint = super().minimumSizeHint()
        text = self.fontMetrics().horizontalAdvance("0000.00")
        return QSize(max(hint.width(), text + 16), hint.height())

    def parse(self) -> Decimal:
        """Return the typed number, or raise InvalidInput with the sentence saying why not."""
        raw = self.text().strip()
        text = read_typed_comma(raw, what=self._what)
        try:
            return parse_number(
                text,
                places=self._places,
                what=self._what,
                allow_zero=self._allow_zero,
                maximum=self._maximum,
            )
        except InvalidInput as exc:
            if text != raw:  # say it with what she typed, comma and all
                raise InvalidInput(exc.message.replace(text, raw)) from None
            raise

    def error(self) -> str:
        """Return the sentence saying what is wrong with the text, or '' when it is fine."""
        try:
            self.parse()
        except InvalidInput as exc:
            return exc.message
        return ""

    def value(self) -> Decimal | None:
        """Return the typed number, or None when it is not acceptable."""
        try:
            return self.parse()
        except InvalidInput:
            return None

    def set_value(self, value: Decimal | None) -> None:
        """Show *value* (None clears the field)."""
        if value is None:
            self.clear()
        elif self._places == PRICE_PLACES:
            from coopdesk.domain.money import price_str

            self.setText(price_str(value))
        elif self._places == QTY_PLACES:
            from coopdesk.domain.money import plain_str

            self.setText(plain_str(value))
        else:
            self.setText(f"{Decimal(value):.2f}")


class MoneyEdit(DecimalEdit):
    """An amount of money in soles (at most 2 decimals, greater than zero)."""

    def __init__(self, what: str, parent: QWidget | None = None) -> None:
        super().__init__(what, "amount", parent)
