"""Reads of a book copy for the backup and the restore: its soundness, identity and figures.

They run on a plain sqlite3 connection to a staged or restored file, wrapped in a
`Snapshot` (``Snapshot(conn)``), so they are the same functions whatever reads them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from coopdesk.db.reader import Reader
from coopdesk.db.scales import MONEY, QTY

#: The manifest counts these tables.
COUNTED = (
    "member", "workday", "sale", "sale_line", "purchase", "member_payment", "expense",
    "workshop_session", "attendance", "audit_event",
)


def has_broken_links(reader: Reader) -> bool:
    """True when a row points to a missing record (foreign_key_check)."""
    return bool(reader.connection().exec_driver_sql("PRAGMA foreign_key_check").all())


def schema_revision(reader: Reader) -> str | None:
    """The Alembic revision of the file, or None."""
    row = reader.connection().exec_driver_sql("SELECT version_num FROM alembic_version").first()
    return None if row is None else row[0]


def settings(reader: Reader) -> dict[str, str]:
    """Every setting, key → value."""
    return dict(reader.connection().exec_driver_sql("SELECT key, value FROM setting").all())


def is_fresh(reader: Reader) -> bool:
    """True for a book with no member, sale or purchase yet (a new laptop's first start)."""
    return reader.connection().exec_driver_sql(
        "SELECT 1 FROM member UNION ALL SELECT 1 FROM sale UNION ALL"
        " SELECT 1 FROM purchase LIMIT 1").first() is None


@dataclass(frozen=True)
class SaleMismatch:
    """A sale whose total is not the sum of its lines."""

    receipt_number: int
    total: Decimal
    lines_sum: Decimal


def sales_not_summing(reader: Reader, limit: int = 5) -> list[SaleMismatch]:
    """Up to *limit* sales whose total is not the sum of their rounded lines."""
    return [SaleMismatch(n, MONEY.decode(total), MONEY.value(lines))
            for n, total, lines in reader.connection().exec_driver_sql(
                "SELECT s.receipt_number, s.total, coalesce(sum(l.total), 0) FROM sale s"
                " LEFT JOIN sale_line l ON l.sale_id = s.id GROUP BY s.id"
                " HAVING s.total <> coalesce(sum(l.total), 0) LIMIT ?", (limit,))]


def lines_not_rounded(reader: Reader) -> int:
    """How many sale lines and purchases differ from quantity × price rounded half up.

    In stored units: thousandths × ten-thousandths = 10⁻⁷, to céntimos (10⁻²) is a
    division by 10⁵, half up by adding half of it first (amounts are never negative).
    """
    conn = reader.connection()
    return sum(conn.exec_driver_sql(
        f"SELECT count(*) FROM {table}"
        " WHERE total <> (quantity * unit_price + 50000) / 100000").scalar()
        for table in ("sale_line", "purchase"))


def receipt_span(reader: Reader) -> tuple[int, int | None, int | None]:
    """(how many sales, the first receipt number, the last)."""
    return tuple(reader.connection().exec_driver_sql(
        "SELECT count(*), min(receipt_number), max(receipt_number) FROM sale").one())


def counts(reader: Reader) -> dict[str, int]:
    """How many rows each COUNTED table has."""
    conn = reader.connection()
    return {t: conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar() for t in COUNTED}


def live_totals(reader: Reader) -> dict[str, Decimal]:
    """The sums of the live sales, purchases, payments, expenses and workdays."""
    conn = reader.connection()

    def total(column: str, table: str) -> int:
        return conn.exec_driver_sql(f"SELECT sum({column}) FROM live_{table}").scalar()

    return {
        "sales": MONEY.value(total("total", "sale")),
        "purchases": MONEY.value(total("total", "purchase")),
        "payments": MONEY.value(total("amount", "member_payment")),
        "expenses": MONEY.value(total("amount", "expense")),
        "workdays": QTY.value(total("fraction", "workday")),
    }


def last_receipt(reader: Reader) -> int:
    """The largest receipt number (0 without sales)."""
    return reader.connection().exec_driver_sql(
        "SELECT coalesce(max(receipt_number), 0) FROM sale").scalar()


def day_span(reader: Reader) -> tuple[str | None, str | None]:
    """The first and last day (as stored) of the workdays and sales together.

    min()/max() of an indexed column each read one index entry.
    """
    conn = reader.connection()

    def one(sql: str):
        return conn.exec_driver_sql(sql).scalar()

    first = min(filter(None, (one("SELECT min(day) FROM workday"),
                              one("SELECT min(day) FROM sale"))), default=None)
    last = max(filter(None, (one("SELECT max(day) FROM workday"),
                             one("SELECT max(day) FROM sale"))), default=None)
    return first, last
