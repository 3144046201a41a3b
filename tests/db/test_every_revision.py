"""A frozen book of every schema revision upgrades to the head with nothing changed.

The books (``fixtures/book-000N-sites.sqlite3``, built by ``fixtures/make_books.py``)
hold rows in every table their revision has. Each is upgraded the way coopdesk
upgrades a book (opening it), then: ``check`` finds the chain whole; every figure of
every month equals the one computed here, with plain SQL on the frozen file before
the upgrade; every row keeps every value it had; and every row now has a uuid, the
book's site id and UTC twins of its stamps.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from coopdesk.db import migrate
from coopdesk.services.book import Book
from coopdesk.services.check import check_book
from coopdesk.services.summary import month_summary
from tests.db.fixtures.make_books import REVISIONS, book_path

MONTHS = ((2022, 10), (2022, 11))
#: Tables the upgrade appends to (its audit event, its seals, a new book's site id).
APPENDED = ("audit_event", "seal", "setting")
CENT = Decimal("0.01")


def _ro(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def _tables(conn) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        " AND name NOT IN ('alembic_version', 'seal_pending') ORDER BY name")]


def _snapshot(path: Path) -> dict[str, tuple[list[str], list[tuple]]]:
    """Every row of every table, with the columns the frozen book has, by rowid."""
    conn = _ro(path)
    try:
        out = {}
        for table in _tables(conn):
            cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
            rows = conn.execute(f"SELECT {', '.join(cols)} FROM {table} ORDER BY rowid")
            out[table] = (cols, rows.fetchall())
        return out
    finally:
        conn.close()


def _money(cents) -> str:
    return str((Decimal(cents or 0) / 100).quantize(CENT))


def _independent_figures(path: Path, year: int, month: int) -> dict:
    """The month's figures from the frozen file with plain SQL (revision 0001's columns)."""
    first = dt.date(year, month, 1)
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    span = (first.isoformat(), nxt.isoformat())
    conn = _ro(path)
    try:
        def one(sql, params=()):
            return conn.execute(sql, params).fetchone()

        tables = set(_tables(conn))
        rates = conn.execute(
            "SELECT valid_from, rate FROM labor_rate ORDER BY valid_from").fetchall()

        def earned(member, lo, hi) -> Decimal:
            total = Decimal(0)
            for day, fraction in conn.execute(
                    "SELECT day, fraction FROM workday WHERE voided_at IS NULL AND member_id = ?"
                    " AND day >= ? AND day < ?", (member, lo, hi)):
                rate = [r for f, r in rates if f <= day[:10]][-1]
                total += Decimal(fraction) * rate / 100000
            return total.quantize(CENT, ROUND_HALF_UP)

        def paid(member, lo, hi) -> Decimal:
            return Decimal(one("SELECT coalesce(sum(amount), 0) FROM member_payment WHERE"
                               " voided_at IS NULL AND member_id = ? AND day >= ? AND day < ?",
                               (member, lo, hi))[0]) / 100

        def credited(member, lo, hi) -> Decimal:
            if "member_credit" not in tables:
                return Decimal(0)
            return Decimal(one("SELECT coalesce(sum(amount), 0) FROM member_credit WHERE"
                               " voided_at IS NULL AND member_id = ? AND day >= ? AND day < ?",
                               (member, lo, hi))[0]) / 100

        members, labor = [], {}
        for mid, code in conn.execute("SELECT id, code FROM member ORDER BY code").fetchall():
            opening = (earned(mid, "0000", span[0]) + credited(mid, "0000", span[0])
                       - paid(mid, "0000", span[0]))
            days = one("SELECT coalesce(sum(fraction), 0) FROM workday WHERE voided_at IS NULL"
                       " AND member_id = ? AND day >= ? AND day < ?", (mid, *span))[0]
            e, p, c = earned(mid, *span), paid(mid, *span), credited(mid, *span)
            labor[code] = e
            members.append({  # a member's statement shows her credits with her earnings
                "code": code, "workdays": str((Decimal(days) / 1000).quantize(CENT)),
                "earned": str((e + c).quantize(CENT)), "paid": str(p.quantize(CENT)),
                "opening_balance": str(opening.quantize(CENT)),
                "closing_balance": str((opening + e + c - p).quantize(CENT)),
            })
        sales = one("SELECT count(*), coalesce(sum(total), 0),"
                    " coalesce(sum(CASE WHEN paid THEN 0 ELSE total END), 0) FROM sale"
                    " WHERE voided_at IS NULL AND day >= ? AND day < ?", span)
        units = one("SELECT coalesce(sum(l.quantity), 0) FROM sale_line l JOIN sale s"
                    " ON s.id = l.sale_id WHERE s.voided_at IS NULL AND s.day >= ?"
                    " AND s.day < ?", span)[0]
        purchases = one("SELECT coalesce(sum(total), 0) FROM purchase WHERE voided_at IS NULL"
                        " AND day >= ? AND day < ?", span)[0]
        expenses = one("SELECT coalesce(sum(amount), 0) FROM expense WHERE voided_at IS NULL"
                       " AND day >= ? AND day < ?", span)[0]
        by_buyer = dict(conn.execute(
            "SELECT b.name, sum(s.total) FROM sale s JOIN buyer b ON b.id = s.buyer_id"
            " WHERE s.voided_at IS NULL AND s.day >= ? AND s.day < ? GROUP BY b.name", span))
        present = dict(conn.execute(
            "SELECT w.number, count(a.id) FROM workshop w LEFT JOIN workshop_session s"
            " ON s.workshop_id = w.id AND s.held_on >= ? AND s.held_on < ?"
            " LEFT JOIN attendance a ON a.session_id = s.id AND a.status = 'present'"
            " GROUP BY w.number", span))
    finally:
        conn.close()
    earned_total = sum(labor.values())
    return {
        "labor": {"workdays": str(sum(Decimal(m["workdays"]) for m in members)),
                  "earned": str(earned_total),
                  "paid": str(sum(Decimal(m["paid"]) for m in members))},
        "sales": {"count": sales[0], "total": _money(sales[1]), "unpaid": _money(sales[2]),
                  "units": str((Decimal(units) / 1000).quantize(CENT)),
                  "by_buyer": {name: _money(total) for name, total in by_buyer.items()}},
        "purchases": {"total": _money(purchases)},
        "expenses": {"total": _money(expenses)},
        "result": str(((Decimal(sales[1]) - purchases - expenses) / 100 - earned_total)
                      .quantize(CENT)),
        "attendance": {str(n): c for n, c in present.items()},
        "members": members,
    }


def _comparable(summary: dict) -> dict:
    out = {k: summary[k] for k in ("labor", "sales", "purchases", "expenses", "result")}
    out["attendance"] = {str(k): v for k, v in summary["attendance"].items()}
    out["members"] = [{k: m[k] for k in ("code", "workdays", "earned", "paid",
                                         "opening_balance", "closing_balance")}
                      for m in summary["members"]]
    out["sales"] = {**out["sales"], "by_buyer": dict(out["sales"]["by_buyer"])}
    return out


@pytest.fixture(params=REVISIONS)
def frozen(request, tmp_path):
    revision = request.param
    book_file = tmp_path / "coopdesk.sqlite3"
    shutil.copy(book_path(revision), book_file)
    assert migrate.inspect_book(book_file).revision == revision
    return revision, book_file


def test_every_revision_upgrades_with_the_same_figures_and_rows(frozen):
    revision, book_file = frozen
    before = _snapshot(book_file)
    expected = {m: _independent_figures(book_file, *m) for m in MONTHS}
    assert expected[(2022, 10)]["sales"]["count"] > 0  # the frozen book has a real month
    with Book(book_file) as book:
        report = check_book(book)
        figures = {m: month_summary(book, *m).as_json_dict() for m in MONTHS}
    assert report.ok, report.lines()
    assert migrate.inspect_book(book_file).revision == migrate.head_revision()
    for m in MONTHS:
        assert _comparable(figures[m]) == expected[m], m

    after = _snapshot(book_file)
    for table, (cols, rows) in before.items():
        conn = _ro(book_file)
        try:
            now = conn.execute(f"SELECT {', '.join(cols)} FROM {table} ORDER BY rowid").fetchall()
        finally:
            conn.close()
        if table in APPENDED:
            assert now[: len(rows)] == rows, table
        else:
            assert now == rows, table  # every value of every row as it was
    assert set(after) >= set(before)


def test_every_row_has_a_uuid_the_site_and_utc_stamps_after_the_upgrade(frozen):
    _revision, book_file = frozen
    Book(book_file).close()
    conn = _ro(book_file)
    try:
        (site,), = conn.execute("SELECT value FROM setting WHERE key = 'site_id'").fetchall()
        for table in _tables(conn):
            cols = {r[1] for r in conn.execute(f"PRAGMA table_xinfo({table})")}
            assert {"uuid", "site_id"} <= cols, table
            uuids = [r[0] for r in conn.execute(f"SELECT uuid FROM {table}")]
            assert all(uuids) and len(set(uuids)) == len(uuids), table
            assert {r[0] for r in conn.execute(f"SELECT DISTINCT site_id FROM {table}")} <= {
                site}, table
            for stamp, twin in (("created_at", "created_utc"), ("voided_at", "voided_utc"),
                                ("at", "at_utc"), ("closed_at", "closed_utc")):
                if stamp not in cols:
                    continue
                for local, utc in conn.execute(f"SELECT {stamp}, {twin} FROM {table}"):
                    if local is None:
                        assert utc is None
                        continue
                    moment = dt.datetime.fromisoformat(local[:19]) + dt.timedelta(hours=5)
                    assert utc == moment.strftime("%Y-%m-%dT%H:%M:%SZ"), (table, local)
    finally:
        conn.close()


def test_every_past_revision_has_a_frozen_book():
    """A new schema revision needs the book of the one before it frozen here (issue #15)."""
    past = set(migrate.known_revisions()) - {migrate.head_revision()}
    assert past <= set(REVISIONS)
    assert all(book_path(r).exists() for r in REVISIONS)
