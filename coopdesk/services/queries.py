"""Read-only queries for the desk's lists: one page at a time, as plain rows.

The SQL lives in `coopdesk.db.queries.lists`; each function here reads one snapshot
of the book through `Book.read()` (no ORM: the first screen uses them).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from coopdesk.db.queries import fund_list, lists, share_list
from coopdesk.db.queries import sales as sale_rows
from coopdesk.db.queries import summary as figures
from coopdesk.db.queries.fund_list import FundRow
from coopdesk.db.queries.lists import (
    PAGE,
    BuyerDebt,
    ExpenseRow,
    ListFilter,
    MemberRow,
    PaymentRow,
    PurchaseRow,
    SaleRow,
)
from coopdesk.db.queries.share_list import ShareRow
from coopdesk.domain.month import Month
from coopdesk.services.book import Book

if TYPE_CHECKING:
    from coopdesk.db.reader import Reader

__all__ = ["PAGE", "BuyerDebt", "ExpenseRow", "FundRow", "ListFilter", "MemberRow",
           "PaymentRow", "PurchaseRow", "SaleRow", "ShareRow"]


def _read(book: Book, query, *args):
    with book.read() as reader:
        return query(reader, *args)


def members_page(
    book: Book, filt: ListFilter, after: MemberRow | None = None, limit: int = PAGE
) -> list[MemberRow]:
    """Return the page of members after *after*, by code (a month shows who was a member)."""
    from coopdesk.services.balances import balances

    with book.read() as reader:
        rows = lists.members_page(reader, filt, after, limit)
        owed = balances(reader) if rows else {}  # the same snapshot as the rows
    zero = Decimal("0.00")
    return [dataclasses.replace(row, balance=owed.get(mid, zero)) for mid, row in rows]


def sales_page(
    book: Book, filt: ListFilter, after: SaleRow | None = None, limit: int = PAGE
) -> list[SaleRow]:
    """Return the page of sales after *after*, newest receipt first (voided ones too)."""
    return _read(book, lists.sales_page, filt, after, limit)


def purchases_page(
    book: Book, filt: ListFilter, after: PurchaseRow | None = None, limit: int = PAGE
) -> list[PurchaseRow]:
    """Return the page of purchases after *after*, newest first (voided ones too)."""
    return _read(book, lists.purchases_page, filt, after, limit)


def payments_page(
    book: Book, filt: ListFilter, after: PaymentRow | None = None, limit: int = PAGE
) -> list[PaymentRow]:
    """Return the page of payments to members after *after*, newest first (voided too)."""
    return _read(book, lists.payments_page, filt, after, limit)


def expenses_page(
    book: Book, filt: ListFilter, after: ExpenseRow | None = None, limit: int = PAGE
) -> list[ExpenseRow]:
    """Return the page of expenses after *after*, newest first (voided ones too)."""
    return _read(book, lists.expenses_page, filt, after, limit)


def shares_page(
    book: Book, filt: ListFilter, after: ShareRow | None = None, limit: int = PAGE
) -> list[ShareRow]:
    """Return the page of share capital movements after *after*, newest first (voided too)."""
    return _read(book, share_list.shares_page, filt, after, limit)


def funds_page(
    book: Book, filt: ListFilter, after: FundRow | None = None, limit: int = PAGE
) -> list[FundRow]:
    """Return the page of the funds' movements after *after*, newest first (voided too)."""
    return _read(book, fund_list.funds_page, filt, after, limit)


def buyer_debts(book: Book) -> list[BuyerDebt]:
    """Return what each buyer owes (live pending sales), largest first."""
    return _read(book, lists.buyer_debts)


def names(book: Book, kind: str) -> list[str]:
    """Return the names of every buyer, supplier, product or input, sorted."""
    return _read(book, lists.names, kind)


def expense_categories(book: Book) -> list[str]:
    """Return the categories already used for expenses, sorted."""
    return _read(book, lists.expense_categories)


def units_used(book: Book) -> list[str]:
    """Return the purchase units already used (kg, unidad...), sorted."""
    return _read(book, lists.units_used)


def bars_sold(book: Book, year: int) -> Decimal:
    """Return the units sold in live sales of *year*."""
    return _read(book, lists.bars_sold, year)


def record_span(book: Book) -> tuple[dt.date, dt.date] | None:
    """Return the first and last day with any record, or None for an empty book."""
    return _read(book, lists.record_span)


def latest_month(book: Book, today: dt.date | None = None) -> tuple[int, int]:
    """Return the month to show first: this month, or the last month with records when later."""
    today = today or dt.date.today()
    span = record_span(book)
    if span and span[1] < today.replace(day=1):
        return span[1].year, span[1].month
    return today.year, today.month


def active_members(book: Book, on: dt.date | None = None) -> list[tuple[str, str]]:
    """Return (code, name) of every member, active ones first, for pickers."""
    return _read(book, lists.active_members, on)


def sales_by_buyer(book: Book, year: int) -> list[tuple[str, Decimal]]:
    """Return (buyer, total of live sales in *year*), largest first."""
    return _read(book, figures.sales_by_buyer, dt.date(year, 1, 1), dt.date(year + 1, 1, 1))


def sales_by_month(reader: Reader, year: int, month: int, count: int = 12):
    """Return (year, month, sales total) for the *count* months ending with this one."""
    last = Month(year, month)
    months = last.step(1 - count).until(last)
    totals = sale_rows.sales_by_month(reader, months[0].first_day, last.next().first_day)
    return tuple(
        (m.year, m.month, totals.get(m.key, Decimal("0.00"))) for m in months
    )


def last_months_sales(book: Book, *, year: int, month: int, count: int = 12):
    """Return (year, month, sales total) for the last *count* months up to this one."""
    with book.read() as reader:
        return sales_by_month(reader, year, month, count)


def is_empty(book: Book) -> bool:
    """True when the book holds no members and no records."""
    return _read(book, lists.is_empty)
