"""The one labour-amounts query against a computation made here, workday by workday.

The expected figures are computed in this file from the rows as SQLite keeps them (a
separate read-only sqlite3 connection, integer céntimos and thousandths turned into
Decimal here): the rate in force on each day is looked up with bisect, the pay is
fraction × rate rounded half up to the céntimo, voided workdays are skipped. Nothing
of coopdesk's rate table, rounding or views is used to make them.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

import pytest

from benchmarks.bigbook import write_csvs
from coopdesk.db.queries.labour import labour_by_member, line_labour, workday_amounts
from coopdesk.services.book import Book
from coopdesk.services.importing import import_file
from coopdesk.services.work import add_rate, void_workday

#: What a book pays per full day before its first rate (the program's starting rate).
BEFORE_ANY_RATE = Decimal("10.00")


def expected_labour(book: Book, start: dt.date | None, end: dt.date | None):
    """Return member id → (workdays, earned), and the per-workday rows, computed here."""
    with book.read() as reader:  # the raw tables (the open book holds the file's lock)
        conn = reader.connection()
        rates = sorted((d[:10], Decimal(c) / 100) for d, c in
                       conn.exec_driver_sql("SELECT valid_from, rate FROM labor_rate"))
        rows = conn.exec_driver_sql(
            "SELECT member_id, day, line, fraction, voided_at FROM workday").all()
    days = [d for d, _r in rates]
    totals: dict[int, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    each = []
    for mid, day, line, thousandths, voided in rows:
        if voided is not None:
            continue
        if start and day[:10] < start.isoformat() or end and day[:10] >= end.isoformat():
            continue
        i = bisect.bisect_right(days, day[:10]) - 1
        rate = rates[i][1] if i >= 0 else BEFORE_ANY_RATE
        fraction = Decimal(thousandths) / 1000
        pay = (fraction * rate).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        totals[mid][0] += fraction
        totals[mid][1] += pay
        each.append((mid, day[:10], line, fraction, rate, pay))
    return {mid: tuple(t) for mid, t in totals.items()}, sorted(each)


def assert_same(book: Book, start: dt.date | None, end: dt.date | None) -> None:
    want, want_rows = expected_labour(book, start, end)
    with book.read() as reader:
        got = labour_by_member(reader, start, end)
        rows = workday_amounts(reader, start or dt.date(1900, 1, 1), end or dt.date(9999, 1, 1))
    assert {mid: (t.workdays, t.earned) for mid, t in got.items()} == want
    assert sorted((w.member_id, w.day.isoformat(), w.line, w.fraction, w.rate, w.amount)
                  for w in rows) == want_rows
    assert want, "the period has workdays: an empty comparison proves nothing"


MONTHS = [(dt.date(2022, 3, 1), dt.date(2022, 4, 1)), (dt.date(2022, 7, 1), dt.date(2022, 8, 1)),
          (dt.date(2022, 12, 1), dt.date(2023, 1, 1)), (None, dt.date(2022, 7, 1)), (None, None)]


@pytest.mark.parametrize(("start", "end"), MONTHS)
def test_demo_book_labour_equals_a_workday_by_workday_computation(demo_book, start, end):
    assert_same(demo_book, start, end)


@pytest.fixture(scope="module")
def bench_book(tmp_path_factory):
    """One year of the 10-year bench generator, with rates whose half days round.

    Rates of 10.05 and 12.33 make half days of 5.025 and 6.165: only rounding half up
    per workday gives 5.03 and 6.17. A few workdays are voided afterwards.
    """
    folder = tmp_path_factory.mktemp("bench")
    files = write_csvs(folder / "csv", years=1)
    book = Book.open_folder(folder / "book")
    add_rate(book, valid_from=dt.date(2015, 3, 1), rate=Decimal("10.05"))
    add_rate(book, valid_from=dt.date(2015, 7, 15), rate=Decimal("12.33"))
    for kind in ("members", "workdays"):
        import_file(book, kind, files[kind])
    with book.read() as reader:
        uuids = [u for (u,) in reader.connection().exec_driver_sql(
            "SELECT uuid FROM workday WHERE day IN ('2015-07-14', '2015-07-15') LIMIT 7")]
    for uuid in uuids:
        void_workday(book, uuid=uuid, reason="prueba: jornal anotado dos veces")
    yield book
    book.close()


@pytest.mark.parametrize(("start", "end"), [
    (dt.date(2015, 2, 1), dt.date(2015, 3, 1)),
    (dt.date(2015, 3, 1), dt.date(2015, 4, 1)),
    (dt.date(2015, 7, 1), dt.date(2015, 8, 1)),  # a rate changes mid-month, voided days
    (None, dt.date(2015, 7, 15)),
    (None, None),
])
def test_bench_book_labour_equals_a_workday_by_workday_computation(bench_book, start, end):
    assert_same(bench_book, start, end)


def test_half_days_round_half_up_per_workday(bench_book):
    """The rounding the test relies on really happens in this book (else it proves less)."""
    _totals, rows = expected_labour(bench_book, dt.date(2015, 3, 1), dt.date(2015, 4, 1))
    halves = {pay for _m, _d, _l, fraction, _r, pay in rows if fraction == Decimal("0.5")}
    assert halves == {Decimal("5.03")}
    with bench_book.read() as reader:
        amounts = {w.amount for w in workday_amounts(
            reader, dt.date(2015, 8, 1), dt.date(2015, 9, 1)) if w.fraction == Decimal("0.5")}
    assert amounts == {Decimal("6.17")}


def test_voided_workdays_never_earn(bench_book):
    with bench_book.read() as reader:
        voided = reader.connection().exec_driver_sql(
            "SELECT count(*) FROM workday WHERE voided_at IS NOT NULL").scalar()
        live = len(workday_amounts(reader, dt.date(2015, 1, 1), dt.date(2016, 1, 1)))
        total = reader.connection().exec_driver_sql("SELECT count(*) FROM workday").scalar()
    assert voided == 7
    assert live == total - voided


def test_line_labour_is_the_sum_of_the_line_workdays(bench_book):
    start, end = dt.date(2015, 7, 1), dt.date(2015, 8, 1)
    totals, _rows = expected_labour(bench_book, start, end)
    with bench_book.read() as reader:
        line = line_labour(reader, "chocolate", start, end)
    assert (line.workdays, line.earned) == (sum(t[0] for t in totals.values()),
                                             sum(t[1] for t in totals.values()))
