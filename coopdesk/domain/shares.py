"""A member's share capital (aportaciones): the four movements and the two rules they keep.

She subscribes an amount (``subscription``), pays it in cash (``payment``) or from what
the cooperative owes her for her work (``deduction``, which lowers her balance like a
payment), and is paid back on exit (``return``). At every day of her history what she
paid (cash and deductions, less nothing) never exceeds what she subscribed, and what was
returned never exceeds what she paid: both are checked in date order, so a payment
dated before its subscription is refused even when the totals would agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from coopdesk.domain.errors import InvalidInput
from coopdesk.i18n import _

ZERO = Decimal("0.00")


class ShareKind(StrEnum):
    SUBSCRIPTION = "subscription"
    PAYMENT = "payment"
    DEDUCTION = "deduction"
    RETURN = "return"


#: The words of the import file (``tipo``) for each kind.
TIPOS = {
    "suscripcion": ShareKind.SUBSCRIPTION,
    "pago": ShareKind.PAYMENT,
    "descuento": ShareKind.DEDUCTION,
    "devolucion": ShareKind.RETURN,
}
#: Paid into her capital (cash or from her pay).
PAID_KINDS = (ShareKind.PAYMENT, ShareKind.DEDUCTION)


def parse_share_kind(text: str) -> ShareKind:
    """Read suscripcion / pago / descuento / devolucion (accents and case ignored)."""
    raw = (text or "").strip().lower()
    key = raw.translate(str.maketrans("áéíóú", "aeiou"))
    if key not in TIPOS:
        raise InvalidInput(
            _("The type “{text}” is not known; use suscripcion, pago, descuento or"
              " devolucion.").format(text=raw[:30]),
            field="kind",
        )
    return TIPOS[key]


def kind_label(kind: str) -> str:
    """The word the coordinator reads for a movement."""
    return {
        ShareKind.SUBSCRIPTION: _("Subscription"),
        ShareKind.PAYMENT: _("Payment in cash"),
        ShareKind.DEDUCTION: _("Deducted from her pay"),
        ShareKind.RETURN: _("Returned"),
    }[ShareKind(kind)]


@dataclass(frozen=True)
class ShareMove:
    """One movement as the rules see it: its day, kind and amount (Decimal, > 0)."""

    day: dt.date
    kind: ShareKind
    amount: Decimal


@dataclass(frozen=True)
class CapitalTotals:
    """Her capital at a moment: subscribed, paid (cash + deductions) and returned."""

    subscribed: Decimal = ZERO
    paid: Decimal = ZERO
    returned: Decimal = ZERO

    @property
    def paid_net(self) -> Decimal:
        """What she has in the cooperative: paid less what was returned."""
        return self.paid - self.returned

    def plus(self, move: ShareMove) -> CapitalTotals:
        if move.kind is ShareKind.SUBSCRIPTION:
            return CapitalTotals(self.subscribed + move.amount, self.paid, self.returned)
        if move.kind in PAID_KINDS:
            return CapitalTotals(self.subscribed, self.paid + move.amount, self.returned)
        return CapitalTotals(self.subscribed, self.paid, self.returned + move.amount)


def totals(moves: Iterable[ShareMove]) -> CapitalTotals:
    result = CapitalTotals()
    for move in moves:
        result = result.plus(move)
    return result


def history_problem(moves: Iterable[ShareMove]) -> str | None:
    """Return the sentence for the first day her history breaks a rule, or None.

    Movements of one day count together, subscriptions first, so a subscription and its
    first payment may share a date.
    """
    order = {ShareKind.SUBSCRIPTION: 0, ShareKind.PAYMENT: 1, ShareKind.DEDUCTION: 1,
             ShareKind.RETURN: 2}
    running = CapitalTotals()
    for move in sorted(moves, key=lambda m: (m.day, order[m.kind])):
        running = running.plus(move)
        day = move.day.strftime("%d/%m/%Y")
        if running.paid > running.subscribed:
            return _("by {day} she would have paid S/ {paid} of a subscription of S/ {sub};"
                     " she cannot pay more than she subscribed").format(
                day=day, paid=running.paid, sub=running.subscribed)
        if running.returned > running.paid:
            return _("by {day} S/ {returned} would have been returned to her but she paid"
                     " S/ {paid}; she cannot be returned more than she paid").format(
                day=day, returned=running.returned, paid=running.paid)
    return None
