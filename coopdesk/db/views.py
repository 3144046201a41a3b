"""The book's recurring rules as SQL views, made afresh each time a connection opens.

They are TEMP views: they live in the connection, not in the file, so no migration is
needed to change one and nobody can edit one inside a book. Each is plain SQL that
PostgreSQL runs too. A named query reads ``live_sale`` instead of repeating
``voided_at IS NULL`` (a voided record stays in the book, it just no longer counts).
"""

from __future__ import annotations

import sqlite3

#: Every table whose records are voided rather than deleted.
VOIDABLE_TABLES = (
    "workday",
    "sale",
    "purchase",
    "member_payment",
    "expense",
    "member_credit",
    "production_batch",
    "stock_adjustment",
)

#: (name, SELECT) of each view, in the order they are made (a view may use an earlier one).
VIEWS: list[tuple[str, str]] = [
    (f"live_{table}", f"SELECT * FROM {table} WHERE voided_at IS NULL")
    for table in VOIDABLE_TABLES
]


def create_views(conn: sqlite3.Connection) -> None:
    """Make the views on *conn* (a plain sqlite3 connection); harmless when they exist."""
    for name, select in VIEWS:
        conn.execute(f"CREATE TEMP VIEW IF NOT EXISTS {name} AS {select}")
