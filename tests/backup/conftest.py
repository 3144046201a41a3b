"""The backups' own small book (January to March 2022), and helpers to compare files.

Not yet tests/small_book.py, the book the other suites share: these tests close its
months, void and edit its records by date and amount with plain SQL, and compare an old
encrypted fixture with its totals, so moving them is a rewrite of their figures of its own.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal
from pathlib import Path

import pytest

from coopdesk.domain.trade import SaleLine
from coopdesk.services.book import Book
from coopdesk.services.members import MemberData, add_member
from coopdesk.services.payments import pay_member, record_expense
from coopdesk.services.trade import record_purchase, record_sale
from coopdesk.services.work import record_workday

#: What the small book holds, written out so tests can check figures independently.
MEMBERS = ("S01", "S02", "S03")
SALES = (  # (day, buyer, quantity, unit price, paid)
    (dt.date(2022, 1, 10), "Thika Thani", Decimal("20"), Decimal("8.50"), True),
    (dt.date(2022, 1, 20), "Bodega Rosa", Decimal("3"), Decimal("8.50"), False),
    (dt.date(2022, 2, 5), "Thika Thani", Decimal("25"), Decimal("8.50"), True),
    (dt.date(2022, 3, 7), "Familia Quispe", Decimal("1.5"), Decimal("9.3333"), True),
)


def fill_small_book(book: Book) -> None:
    """Three members, workdays in January to March 2022, four sales, payments, costs."""
    for n, code in enumerate(MEMBERS, start=1):
        add_member(book, MemberData(code=code, full_name=f"Socia Número {n}",
                                    joined_on=dt.date(2021, 12, 1)))
    for month in (1, 2, 3):
        for day in (3, 4, 5):
            for code in MEMBERS:
                record_workday(book, code=code, day=dt.date(2022, month, day), line="chocolate")
    for day, buyer, qty, price, paid in SALES:
        record_sale(book, day=day, buyer=buyer, lines=[SaleLine("Chocolate 70%", qty, price)],
                    paid=paid)
    pay_member(book, code="S01", day=dt.date(2022, 1, 31), amount=Decimal("30.00"))
    pay_member(book, code="S02", day=dt.date(2022, 2, 28), amount=Decimal("25.50"))
    record_expense(book, day=dt.date(2022, 1, 31), category="INPE", amount=Decimal("41.00"))
    record_purchase(book, day=dt.date(2022, 1, 8), supplier="Cacao Chuncho", item="Cacao",
                    quantity=Decimal("10"), unit="kg", unit_price=Decimal("12.00"))


@pytest.fixture
def small_book(tmp_path):
    """An open small book in tmp_path/book."""
    book = Book.open_folder(tmp_path / "book")
    fill_small_book(book)
    yield book
    book.close()


def sha(path: Path) -> str:
    """SHA-256 of a file's bytes."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def book_files(book_file: Path) -> dict[str, str]:
    """SHA-256 of the book file and of any -wal/-journal/-shm next to it."""
    out = {}
    for suffix in ("", "-wal", "-journal", "-shm"):
        p = Path(str(book_file) + suffix)
        if p.exists():
            out[p.name] = sha(p)
    return out


class FailAt:
    """A backup hook that raises *error* at the *n*-th call (of the named step, if given)."""

    def __init__(self, n: int, error: BaseException, step: str | None = None) -> None:
        self.n = n
        self.error = error
        self.step = step
        self.calls = 0

    def __call__(self, name: str) -> None:
        if self.step is not None and name != self.step:
            return
        self.calls += 1
        if self.calls == self.n:
            raise self.error


@pytest.fixture(autouse=True)
def english():
    """Compare against the English source sentences whatever the catalog holds."""
    from coopdesk.i18n import current_language, set_language

    previous = current_language()
    set_language("en")
    yield
    set_language(previous)
