"""The optional income split as a dated setting, and each member's balance per part.

Off by default. Stored in the book's settings as a list of dated entries, so the
split in force on any day (and whether it was on) can be answered for old payments.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

from coopdesk.db.queries.payments import live_payments_of
from coopdesk.domain.changes import Kind, changes
from coopdesk.domain.errors import InvalidInput
from coopdesk.domain.income_split import PARTS, IncomeSplit
from coopdesk.domain.money import ZERO
from coopdesk.domain.text import check_plausible_date
from coopdesk.i18n import _
from coopdesk.services.book import Book
from coopdesk.services.lookups import member_by_code
from coopdesk.services.settings import read_setting, write_setting

if TYPE_CHECKING:
    from coopdesk.db.reader import Reader

SETTING_KEY = "income_split"


def split_entries(reader: Reader) -> list[dict]:
    """Return the dated entries of the split kept in the book (oldest first)."""
    text = read_setting(reader, SETTING_KEY)
    return json.loads(text) if text else []


@changes(Kind.SETTINGS)
def set_income_split(book: Book, *, valid_from: dt.date, on: bool,
                     split: IncomeSplit | None = None) -> None:
    """Turn the split on (with its percentages) or off from *valid_from* on."""
    check_plausible_date(valid_from, what=_("the date"))
    split = (split or IncomeSplit()).check()
    entry = {"from": valid_from.isoformat(), "on": bool(on),
             **{key: f"{Decimal(getattr(split, key)):f}" for key, _label in PARTS}}
    with book.transaction() as session:
        entries = [e for e in split_entries(session) if e["from"] != entry["from"]]
        entries.append(entry)
        entries.sort(key=lambda e: e["from"])
        text = json.dumps(entries, sort_keys=True)
        if len(text) > 2000:
            raise InvalidInput(_("Too many changes of the income split are kept in the book."))
        # One event: the audit keeps the entry added or replaced, not the whole list again.
        write_setting(session, SETTING_KEY, text, audit_key=SETTING_KEY,
                      shown=lambda before, _after: (before[SETTING_KEY], entry))


def split_in_force(entries: list[dict], day: dt.date) -> IncomeSplit | None:
    """Return the split of *entries* in force on *day*, or None when it is off."""
    current = None
    for entry in entries:
        if entry["from"] <= day.isoformat():
            current = entry
    if not current or not current["on"]:
        return None
    return IncomeSplit(*(Decimal(current[key]) for key, _label in PARTS))


def income_split_on(book: Book, day: dt.date) -> IncomeSplit | None:
    """Return the split in force on *day*, or None when it is off (the default)."""
    with book.read() as session:
        return split_in_force(split_entries(session), day)


def split_of(book: Book, day: dt.date, amount: Decimal) -> list[tuple[str, Decimal]]:
    """Return the parts of a payment of *amount* on *day* ([] when the split is off)."""
    split = income_split_on(book, day)
    return split.split(amount) if split else []


def balances_per_part(book: Book, *, code: str, until: dt.date | None = None
                      ) -> dict[str, Decimal]:
    """Return what went to each part of a member's payments (while the split was on)."""
    totals: dict[str, Decimal] = defaultdict(lambda: ZERO)
    with book.read() as session:
        entries = split_entries(session)
        member = member_by_code(session, code)
        for paid in live_payments_of(session, member.id, until or dt.date(9999, 12, 31)):
            split = split_in_force(entries, paid.day)
            if split is None:
                continue
            for key, amount in split.split(paid.amount):
                totals[key] += amount
    return {key: totals[key] for key, _label in PARTS}
