"""Exact money and quantities: Decimal in the program, integers in the book.

One rounding rule everywhere (half away from zero to the céntimo), as the
interchange contract says: a line total is quantity × unit price rounded, and
every total is the sum of rounded line totals.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from coopdesk.domain.errors import InvalidInput
from coopdesk.i18n import _

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
#: Scale of the integers kept in SQLite: céntimos, thousandths, ten-thousandths.
MONEY_PLACES = 2
QTY_PLACES = 3
PRICE_PLACES = 4
#: Nothing this cooperative records comes near these; larger numbers are typing mistakes.
#: MAX_AMOUNT is the one cap on money: any single amount, line total or record total.
MAX_AMOUNT = Decimal("10000000.00")
MAX_QUANTITY = Decimal("1000000.000")
MAX_UNIT_PRICE = Decimal("100000.0000")

_PLAIN_DECIMAL = re.compile(r"^[+-]?(\d+)(\.(\d+))?$")


def round_money(value: Decimal) -> Decimal:
    """Round to the céntimo, half away from zero (ROUND_HALF_UP in Decimal's terms)."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def line_total(quantity: Decimal, unit_price: Decimal) -> Decimal:
    """Return quantity × unit price rounded to the céntimo."""
    return round_money(Decimal(quantity) * Decimal(unit_price))


def to_units(value: Decimal, places: int) -> int:
    """Return *value* as an integer count of 10^-places (it must already fit exactly)."""
    scaled = Decimal(value).scaleb(places)
    if scaled != scaled.to_integral_value():
        raise ValueError(f"{value} has more than {places} decimals")
    return int(scaled)


def from_units(units: int, places: int) -> Decimal:
    """Return the Decimal for an integer count of 10^-places."""
    return Decimal(int(units)).scaleb(-places).quantize(Decimal(1).scaleb(-places))


def to_cents(value: Decimal) -> int:
    """Return an amount as integer céntimos."""
    return to_units(value, MONEY_PLACES)


def from_cents(cents: int) -> Decimal:
    """Return integer céntimos as an amount."""
    return from_units(cents, MONEY_PLACES)


def parse_number(
    text: str,
    *,
    places: int,
    what: str,
    allow_zero: bool = False,
    maximum: Decimal | None = None,
) -> Decimal:
    """Read a decimal typed or imported with a point (``8.50``), or say what is wrong.

    Commas, currency signs, spaces inside the number, exponents, NaN and infinity are
    refused with a sentence rather than guessed at: "1.234,50" could mean two things.

    Args:
        text: what the person typed or the CSV cell held.
        places: the most decimals allowed (2 amounts, 3 quantities, 4 unit prices).
        what: the name of the field in the sentence ("the amount").
        allow_zero: whether 0 is acceptable (unit prices may be zero).
        maximum: the largest sensible value.
    """
    raw = (text or "").strip()
    if not raw:
        raise InvalidInput(_("Write {what}; it is empty.").format(what=what))
    match = _PLAIN_DECIMAL.match(raw)
    if not match:
        if "," in raw:
            hint = _("use a point for decimals and no thousands separator, e.g. 1234.50")
        elif any(ch.isalpha() or ch in "/$" for ch in raw):
            hint = _("write only the number, without letters or the S/ sign, e.g. 8.50")
        else:
            hint = _("write a number such as 8.50")
        raise InvalidInput(
            _("{what} “{text}” is not a number: {hint}.").format(
                what=what.capitalize(), text=raw[:30], hint=hint
            )
        )
    decimals = match.group(3) or ""
    if len(decimals.rstrip("0")) > places:
        raise InvalidInput(
            _("{what} “{text}” has more than {places} decimals.").format(
                what=what.capitalize(), text=raw[:30], places=places
            )
        )
    try:
        value = Decimal(raw).quantize(Decimal(1).scaleb(-places))
    except InvalidOperation as exc:  # only for absurdly long digit strings
        raise InvalidInput(
            _("{what} “{text}” is too large.").format(what=what.capitalize(), text=raw[:30])
        ) from exc
    check_positive(value, what=what, allow_zero=allow_zero, maximum=maximum)
    return value


def check_positive(
    value: Decimal, *, what: str, allow_zero: bool = False, maximum: Decimal | None = None
) -> Decimal:
    """Refuse a negative (or zero) or absurdly large value with a sentence."""
    if not isinstance(value, Decimal) or not value.is_finite():
        raise InvalidInput(_("{what} must be a number.").format(what=what.capitalize()))
    if value < 0 or (value == 0 and not allow_zero):
        if allow_zero:
            msg = _("{what} cannot be negative.")
        else:
            msg = _("{what} must be greater than zero.")
        raise InvalidInput(msg.format(what=what.capitalize()))
    if maximum is not None and value > maximum:
        raise InvalidInput(
            _("{what} {value} is larger than coopdesk accepts; check the figure.").format(
                what=what.capitalize(), value=value
            )
        )
    return value


def parse_amount(text: str, *, what: str) -> Decimal:
    """Read an amount of money (at most 2 decimals, greater than zero)."""
    return check_amount(parse_number(text, places=MONEY_PLACES, what=what), what=what)


def parse_quantity(text: str, *, what: str) -> Decimal:
    """Read a quantity (at most 3 decimals, greater than zero)."""
    return parse_number(text, places=QTY_PLACES, what=what, maximum=MAX_QUANTITY)


def parse_unit_price(text: str, *, what: str) -> Decimal:
    """Read a unit price (at most 4 decimals, zero or more)."""
    return parse_number(
        text, places=PRICE_PLACES, what=what, allow_zero=True, maximum=MAX_UNIT_PRICE
    )


def check_amount(value: Decimal, *, what: str, allow_zero: bool = False) -> Decimal:
    """Refuse an amount of money that is not positive or exceeds the one cap, MAX_AMOUNT."""
    return check_positive(value, what=what, allow_zero=allow_zero, maximum=MAX_AMOUNT)


def checked_line_total(quantity: Decimal, unit_price: Decimal) -> Decimal:
    """Return quantity × unit price rounded, refusing a total above MAX_AMOUNT.

    Each factor has its own cap, but their product could still reach S/ 100,000 million;
    a line is a single record of money, so it obeys the same cap as any amount.
    """
    total = line_total(quantity, unit_price)
    check_total(total, what=_("the line total (quantity × unit price)"))
    return total


def check_total(total: Decimal, *, what: str) -> Decimal:
    """Refuse a computed total (a line's, a sale's) above MAX_AMOUNT, saying the cap."""
    if total > MAX_AMOUNT:
        raise InvalidInput(
            _("{what} would be {total}, more than the {cap} coopdesk accepts for one record;"
              " check the quantity and the price.").format(
                what=what.capitalize(), total=money_str(total), cap=money_str(MAX_AMOUNT)
            ),
            field="quantity",
        )
    return total


def money_str(value: Decimal) -> str:
    """Return an amount as the interchange writes it: exactly 2 decimals, no grouping."""
    return f"{round_money(value):.2f}"


def quantity_str(value: Decimal) -> str:
    """Return a quantity with 2 decimals, or 3 when the thousandth is not zero."""
    q = Decimal(value).quantize(Decimal("0.001"))
    return f"{q:.3f}" if q != q.quantize(CENT) else f"{q:.2f}"


def plain_str(value: Decimal) -> str:
    """Return a Decimal without trailing zeros ('8.5', '10', '0.125') for CSV export."""
    text = f"{Decimal(value):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def price_str(value: Decimal) -> str:
    """Return a unit price with 2 decimals, or up to 4 when it needs them ('8.50', '0.1234')."""
    q = Decimal(value).quantize(Decimal("0.0001"))
    return f"{q:.2f}" if q == q.quantize(CENT) else plain_str(q)
