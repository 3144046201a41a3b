"""What a write to the book changed, declared once by the service that writes it.

Screens refresh when a kind of record they show changed. The service knows what it
writes, so it says so with ``@changes(Kind.SALES)`` above its ``def``; whoever calls it
(the desk's operation runner, a test) learns the kinds from the declaration instead of
choosing strings itself (as Anki's typed ``OpChanges``). Plain Python: no Qt here.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum
from typing import Any, TypeVar


class Kind(Enum):
    """A kind of record a write can touch (what a screen watches)."""

    MEMBERS = "members"
    WORKDAYS = "workdays"
    RATES = "rates"
    WORKSHOPS = "workshops"
    ATTENDANCE = "attendance"
    SALES = "sales"
    PURCHASES = "purchases"
    PAYMENTS = "payments"
    EXPENSES = "expenses"
    SETTINGS = "settings"
    PRODUCTS = "products"
    PRODUCTION = "production"
    MONTHS = "months"
    CREDITS = "credits"
    DISTRIBUTIONS = "distributions"
    #: The members' share capital (subscriptions, payments, deductions, returns).
    SHARES = "shares"
    #: The general assembly's sessions and agreements (the minutes book).
    ASSEMBLIES = "assemblies"
    #: The cooperative's funds (reserve and education): their movements.
    FUNDS = "funds"
    #: Numbered documents given out (a certificate's number taken from its series).
    DOCUMENTS = "documents"
    #: What was delivered to the programme and acknowledged (kept beside the book).
    DELIVERIES = "deliveries"
    #: The whole book (a restore, the demo opened): every screen refreshes.
    BOOK = "book"


@dataclass(frozen=True)
class OpChanges:
    """The kinds of records one operation changed."""

    kinds: frozenset[Kind] = frozenset()

    def __or__(self, other: OpChanges) -> OpChanges:
        return OpChanges(self.kinds | other.kinds)

    def __bool__(self) -> bool:
        return bool(self.kinds)

    def touches(self, watched: frozenset[Kind]) -> bool:
        """True when a screen watching *watched* must refresh (a whole-book change always)."""
        return Kind.BOOK in self.kinds or bool(self.kinds & watched)


#: The changes declared by the services called inside ``collecting()`` (None outside).
_DECLARED: contextvars.ContextVar[set[Kind] | None] = contextvars.ContextVar(
    "coopdesk_declared_changes", default=None)

F = TypeVar("F", bound=Callable[..., Any])


def changes(*kinds: Kind) -> Callable[[F], F]:
    """Declare what the decorated service writes.

    The declaration is kept on the function (``fn.op_changes``) and, each time it is
    called inside ``collecting()``, added to what is collected there, so an operation
    made of several services announces all of them. A failed call adds nothing.
    """
    if not kinds or not all(isinstance(kind, Kind) for kind in kinds):
        raise TypeError("@changes needs at least one Kind")
    declared = OpChanges(frozenset(kinds))

    def decorate(fn: F) -> F:
        @functools.wraps(fn)
        def service(*args: Any, **kwargs: Any) -> Any:
            result = fn(*args, **kwargs)
            collected = _DECLARED.get()
            if collected is not None:
                collected.update(declared.kinds)
            return result

        service.op_changes = declared  # type: ignore[attr-defined]
        return service  # type: ignore[return-value]

    return decorate


def declared_changes(fn: Callable[..., Any]) -> OpChanges | None:
    """What *fn* declares it changes, or None when it declares nothing."""
    return getattr(fn, "op_changes", None)


@contextlib.contextmanager
def collecting() -> Iterator[set[Kind]]:
    """Collect the kinds declared by every service that succeeds inside the block."""
    collected: set[Kind] = set()
    token = _DECLARED.set(collected)
    try:
        yield collected
    finally:
        _DECLARED.reset(token)
