"""The reads of `coopdesk check`: raw rows for its own, independent recomputation.

Kept apart from the queries the statements and the summary use on purpose: the check
recomputes each identity row by row in Python, so a mistake in those queries (or in
the views) shows up as a mismatch instead of being repeated here. That is also why
these spell out ``voided_at IS NULL`` rather than reading the ``live_*`` views.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from coopdesk.db.reader import Reader, Statements
from coopdesk.db.scales import MONEY, PRICE, QTY, as_day


def integrity(reader: Reader) -> list[str]:
    """SQLite's own verdict on the file (``["ok"]`` when sound)."""
    return [r[0] for r in reader.connection().exec_driver_sql("PRAGMA integrity_check").all()]


def broken_links(reader: Reader) -> list[tuple[str, int, str]]:
    """(table, rowid, parent table) of each row pointing to a missing record."""
    return [(t, r, p) for t, r, p, _i in
            reader.connection().exec_driver_sql("PRAGMA foreign_key_check").all()]


def has_table(conn: Statements, name: str) -> bool:
    """True when the book has the table *name* (an older book may lack it).

    On a statement runner (``reader.connection()``, ``session.connection()``), as the
    share, fund and assembly reads that ask it hold one.
    """
    found = conn.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).first()
    return found is not None


@dataclass(frozen=True)
class SaleSum:
    """A sale's total and the sum of its lines (zero without lines)."""

    receipt_number: int
    total: Decimal
    lines_sum: Decimal


def sale_sums(reader: Reader) -> list[SaleSum]:
    """Every sale with the sum of its lines."""
    return [SaleSum(n, MONEY.decode(total), MONEY.value(lines))
            for n, total, lines in reader.connection().exec_driver_sql(
                "SELECT s.receipt_number, s.total, sum(l.total) FROM sale s"
                " LEFT JOIN sale_line l ON l.sale_id = s.id GROUP BY s.id")]


@dataclass(frozen=True)
class PricedLine:
    """A quantity, a unit price and the total stored for them (a sale line or a purchase)."""

    ref: int  # the sale's receipt number, or the purchase's id
    quantity: Decimal
    unit_price: Decimal
    total: Decimal


def sale_lines(reader: Reader) -> list[PricedLine]:
    """Every sale line, voided sales too."""
    return [PricedLine(n, QTY.decode(q), PRICE.decode(p), MONEY.decode(t))
            for n, q, p, t in reader.connection().exec_driver_sql(
                "SELECT s.receipt_number, l.quantity, l.unit_price, l.total FROM sale_line l"
                " JOIN sale s ON s.id = l.sale_id")]


def purchases(reader: Reader) -> list[PricedLine]:
    """Every purchase, voided ones too."""
    return [PricedLine(i, QTY.decode(q), PRICE.decode(p), MONEY.decode(t))
            for i, q, p, t in reader.connection().exec_driver_sql(
                "SELECT id, quantity, unit_price, total FROM purchase")]


def live_workday_fractions(reader: Reader) -> list[tuple[int, dt.date, Decimal]]:
    """(member_id, day, fraction) of every live workday."""
    return [(mid, as_day(day), QTY.decode(fraction))
            for mid, day, fraction in reader.connection().exec_driver_sql(
                "SELECT member_id, day, fraction FROM workday WHERE voided_at IS NULL")]


def live_amounts(reader: Reader, table: str) -> list[tuple[int, Decimal]]:
    """(member_id, amount) of every live payment or credit (*table*)."""
    if table not in ("member_payment", "member_credit"):
        raise ValueError(table)
    return [(mid, MONEY.decode(amount)) for mid, amount in reader.connection().exec_driver_sql(
        f"SELECT member_id, amount FROM {table} WHERE voided_at IS NULL")]


def member_codes(reader: Reader) -> dict[int, str]:
    """Member id → code."""
    return dict(reader.connection().exec_driver_sql("SELECT id, code FROM member").all())


def receipt_numbers(reader: Reader) -> list[int]:
    """Every sale's receipt number, in order."""
    return [n for (n,) in reader.connection().exec_driver_sql(
        "SELECT receipt_number FROM sale ORDER BY 1")]


def workdays_breaking_rules(reader: Reader) -> list[tuple[str, str]]:
    """(code, day as stored) of live workdays outside her membership or not 1 or 0.5."""
    return [(code, day) for code, day in reader.connection().exec_driver_sql(
        "SELECT m.code, w.day FROM workday w JOIN member m ON m.id = w.member_id"
        " WHERE w.voided_at IS NULL AND (w.day < m.joined_on"
        " OR (m.exit_on IS NOT NULL AND w.day > m.exit_on) OR w.fraction NOT IN (500, 1000))")]
