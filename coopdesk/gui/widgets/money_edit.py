"""A line edit for money typed as Decimal (never a floating-point spin box), with its sentence."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, Signal
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

#: What each kind of number allows: decimals, zero allowed, largest value.
KINDS = {
    "amount": (MONEY_PLACES, False, MAX_AMOUNT),
    "quantity": (QTY_PLACES, False, MAX_QUANTITY),
    "unit_price": (PRICE_PLACES, True, MAX_UNIT_PRICE),
}


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

    def error(self) -> str:
        """Return the sentence saying what is wrong with the text, or '' when it is fine."""
        try:
            parse_number(
                self.text(),
                places=self._places,
                what=self._what,
                allow_zero=self._allow_zero,
                maximum=self._maximum,
            )
        except InvalidInput as exc:
            return exc.message
        return ""

    def value(self) -> Decimal | None:
        """Return the typed number, or None when it is not acceptable."""
        try:
            return parse_number(
                self.text(),
                places=self._places,
                what=self._what,
                allow_zero=self._allow_zero,
                maximum=self._maximum,
            )
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
