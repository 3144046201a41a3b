"""Disk full while saving: a clear sentence, a consistent book, and saving works again after.

SQLite's own ``max_page_count`` makes the book's file unable to grow, which fails
exactly like a full disk (SQLITE_FULL, "database or disk is full").
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from coopdesk.domain.errors import BookError
from coopdesk.domain.trade import SaleLine
from coopdesk.i18n import _
from coopdesk.services.check import check_book
from coopdesk.services.payments import record_expense
from coopdesk.services.trade import record_sale
from tests.small_book import fill_small_book


def _limit_pages(book, extra: int | None) -> None:
    raw = book.engine.raw_connection()
    try:
        conn = raw.driver_connection
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        limit = pages + extra if extra is not None else 1_000_000
        conn.execute(f"PRAGMA max_page_count = {limit}").fetchall()
    finally:
        raw.close()


def _counts(book) -> tuple[int, int, int]:
    with book.read() as session:
        conn = session.connection()
        return tuple(conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar()
                     for t in ("expense", "sale", "sale_line"))


def test_disk_full_while_saving(book):
    fill_small_book(book)
    _limit_pages(book, 2)
    saved = 0
    error = None
    for n in range(400):
        try:
            if n % 2:
                record_expense(book, day=dt.date(2022, 4, 1), category="transporte",
                               amount=Decimal("1.00"), note="x" * 480)
            else:
                record_sale(book, day=dt.date(2022, 4, 2), buyer="Bodega Rosa", paid=False,
                            lines=[SaleLine("Barra", Decimal(1), Decimal("8.50")),
                                   SaleLine("Barra café", Decimal(2), Decimal("9.00"))])
            saved += 1
        except BookError as exc:
            error = exc
            break
    assert error is not None, "the book never filled up"
    assert str(error) == _("The disk is full: nothing was saved. Free some space and try again.")
    counts = _counts(book)
    report = check_book(book)
    assert report.ok, report.lines()  # no half-written sale, receipts contiguous, chain sound
    # Space comes back: the very next save works and nothing before it was lost.
    _limit_pages(book, None)
    record_sale(book, day=dt.date(2022, 4, 3), buyer="Bodega Rosa", paid=True,
                lines=[SaleLine("Barra", Decimal(3), Decimal("8.50"))])
    expenses, sales, lines = _counts(book)
    assert (expenses, sales, lines) == (counts[0], counts[1] + 1, counts[2] + 1)
    assert check_book(book).ok
    assert saved > 0
