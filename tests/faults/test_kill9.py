"""kill -9 in the middle of business operations: nothing reported committed is ever lost.

A forked child runs up to 1,000 operations (sales with two lines, workdays, payments,
expenses, voids) and prints one line after each commit; the parent kills it with
SIGKILL after a random number of them, 20 times on the same book. After each kill:
the book opens (the crashed program's lock is recovered), integrity and every check
hold, every reported operation is there, and no sale is half written.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import sqlite3
import time
from decimal import Decimal

import pytest

from coopdesk.services.book import Book
from coopdesk.services.check import check_book
from coopdesk.services.members import MemberData, add_member

RUNS = 20
OPERATIONS = 1000
CODES = ("K01", "K02", "K03")
LINES = ("chocolate", "textil", "carpinteria")
FIRST_DAY = dt.date(2023, 1, 2)
#: Workdays are spread one date per nine operations from here: all before today (a
#: workday cannot be in the future), one line per member and date.
FIRST_WORKDAY = dt.date(2010, 1, 4)

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork (POSIX)")


def _child(book_dir, run: int, out_fd: int) -> None:
    """Run the operations and report each commit on *out_fd* (never returns)."""
    from coopdesk.domain.trade import SaleLine
    from coopdesk.services.payments import pay_member, record_expense
    from coopdesk.services.trade import record_sale, void_sale
    from coopdesk.services.work import record_workday

    out = os.fdopen(out_fd, "w", buffering=1)
    book = Book.open_folder(book_dir)
    out.write("open\n")
    out.flush()
    for k in range(OPERATIONS):
        g = run * OPERATIONS + k
        kind = k % 5
        if kind == 0:
            lines = [SaleLine("Barra 70%", Decimal(1 + k % 7), Decimal("8.50")),
                     SaleLine("Barra café", Decimal(2), Decimal("9.25"))]
            sale = record_sale(book, day=FIRST_DAY, buyer="Thika Thani", lines=lines,
                               paid=k % 2 == 0)
            report = f"sale {sale.receipt_number} {sale.total} 2"
        elif kind == 1:
            w = record_workday(book, code=CODES[g % 3],
                               day=FIRST_WORKDAY + dt.timedelta(days=g // 9),
                               line=LINES[(g // 3) % 3])
            report = f"workday {w.uuid}"
        elif kind == 2:
            p = pay_member(book, code=CODES[g % 3], day=FIRST_DAY, amount=Decimal("1.25"),
                           confirm_advance=True)
            report = f"payment {p.uuid}"
        elif kind == 3:
            e = record_expense(book, day=FIRST_DAY, category="transporte",
                               amount=Decimal("3.10"), note=f"run {run} op {k}")
            report = f"expense {e.uuid}"
        else:
            with book.read() as session:
                last = session.connection().exec_driver_sql(
                    "SELECT max(receipt_number) FROM sale WHERE voided_at IS NULL").scalar()
            void_sale(book, receipt_number=last, reason=f"run {run} op {k}")
            report = f"void {last}"
        out.write(report + "\n")
        out.flush()
    out.write("done\n")
    out.flush()
    os._exit(0)


def _run_and_kill(book_dir, run: int, after: int) -> list[str]:
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read_fd)
        try:
            _child(book_dir, run, write_fd)
        finally:
            os._exit(3)
    os.close(write_fd)
    reported: list[str] = []
    with os.fdopen(read_fd) as pipe:
        assert pipe.readline().strip() == "open"
        while len(reported) < after:
            line = pipe.readline()
            if not line:
                break
            reported.append(line.strip())
        time.sleep(random.random() * 0.01)  # land somewhere inside the next operation
        os.kill(pid, signal.SIGKILL)
        reported.extend(line.strip() for line in pipe.read().splitlines() if line.strip())
    _pid, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    return [r for r in reported if r != "done"]


def test_kill_9_never_loses_a_reported_commit(tmp_path):
    random.seed(20221001)
    book_dir = tmp_path / "book"
    with Book.open_folder(book_dir) as book:
        for code in CODES:
            add_member(book, MemberData(code=code, full_name=f"Socia {code}",
                                        joined_on=dt.date(2010, 1, 1)))
    sales: dict[int, str] = {}
    voided: set[int] = set()
    uuids: dict[str, set[str]] = {"workday": set(), "payment": set(), "expense": set()}
    for run in range(RUNS):
        reported = _run_and_kill(book_dir, run, after=random.randint(0, 40))
        for line in reported:
            kind, key, *rest = line.split()
            if kind == "sale":
                sales[int(key)] = rest[0]
            elif kind == "void":
                voided.add(int(key))
            else:
                uuids[kind].add(key)
        with Book.open_folder(book_dir) as book:
            report = check_book(book)
            assert report.ok, (run, report.lines())
        conn = sqlite3.connect(book_dir / "coopdesk.sqlite3")
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            rows = {n: (str(Decimal(t).scaleb(-2)), v, lines) for n, t, v, lines in conn.execute(
                "SELECT s.receipt_number, s.total, s.voided_at IS NOT NULL,"
                " (SELECT count(*) FROM sale_line l WHERE l.sale_id = s.id) FROM sale s")}
            for number, total in sales.items():
                assert number in rows, f"run {run}: reported sale {number} is missing"
                assert rows[number][0] == total
            for number in voided:
                assert rows[number][1], f"run {run}: reported void of {number} is missing"
            assert all(lines == 2 for _t, _v, lines in rows.values()), "a half-written sale"
            for kind, table in (("workday", "workday"), ("payment", "member_payment"),
                                ("expense", "expense")):
                present = {u for (u,) in conn.execute(f"SELECT uuid FROM {table}")}
                assert uuids[kind] <= present, f"run {run}: a reported {kind} is missing"
        finally:
            conn.close()
    assert len(sales) > 20  # the children did real work between the kills
