"""The book's TEMP VIEWs, made on every connection that reads it.

`voided_at IS NULL` is written once here, not in every query: a query reads `live_sale`
and cannot forget it. `labour_amount` is the one place a workday meets its rate: each
live workday with the rate in force on its day and what it earns, rounded half away
from zero to the céntimo as `coopdesk.domain.work.workday_pay` does, in integer céntimos.

TEMP views live in the connection, never in the file: a book stays what Alembic made,
and a program that does not know them reads it unchanged. They are not made on the
connection that upgrades a book: SQLite checks every view when a table is renamed, and
the batch migrations rename tables.
"""

from __future__ import annotations

import sqlite3

from coopdesk.domain.money import MONEY_PLACES, to_units
from coopdesk.domain.work import STARTING_RATE

#: The tables whose voided rows never count, each read through its `live_<table>` view.
VOIDABLE = ("workday", "sale", "purchase", "expense", "member_payment", "member_credit",
            "production_batch", "stock_adjustment")

#: Rate periods: [since, until) with the rate in force; before the first rate, the
#: starting rate (as `RateTable.rate_on`). Dates are cut to the day, as `rate_table` does.
_RATE_PERIOD = (
    "SELECT substr(valid_from, 1, 10) AS since,"
    " coalesce(lead(substr(valid_from, 1, 10)) OVER (ORDER BY valid_from), '9999-12-31')"
    " AS until, rate FROM labor_rate"
    " UNION ALL SELECT '0000-01-01',"
    " coalesce((SELECT min(substr(valid_from, 1, 10)) FROM labor_rate), '9999-12-31'),"
    f" {to_units(STARTING_RATE, MONEY_PLACES)}"
)

#: fraction (thousandths) × rate (céntimos) is in thousandths of a céntimo: + 500 and
#: integer division round half up; a negative product rounds away from zero too.
def _pay(fraction: str) -> str:
    """The SQL of what *fraction* (a column of thousandths of a day) earns at `p.rate`."""
    product = f"{fraction} * p.rate"
    return (f"CASE WHEN {product} >= 0 THEN ({product} + 500) / 1000"
            f" ELSE -((500 - {product}) / 1000) END")


_LABOUR_AMOUNT = (
    "SELECT w.id AS workday_id, w.member_id, w.day, w.line, w.fraction, w.corrects_uuid,"
    f" p.rate, {_pay('w.fraction')} AS amount"
    " FROM live_workday w JOIN rate_period p ON +w.day >= p.since AND +w.day < p.until"
)

#: The live production batches with the pay of the workdays assigned to each (costing).
_BATCH_LABOUR = (
    "SELECT b.id AS batch_id, b.product_id, b.day, b.units, b.workdays, b.inputs_cost,"
    f" p.rate, {_pay('b.workdays')} AS amount"
    " FROM live_production_batch b JOIN rate_period p ON +b.day >= p.since AND +b.day < p.until"
)

# The unary + keeps SQLite from reading the day index between a rate period's bounds: it
# reads it between the query's own (a month: a thousand rows, not every row since the rate
# changed), and finds each row's period among the few in memory.

#: (name, SELECT) of every view, in the order they are made (later ones read earlier ones).
VIEWS: list[tuple[str, str]] = [
    *((f"live_{table}", f"SELECT * FROM {table} WHERE voided_at IS NULL")  # noqa: S608
      for table in VOIDABLE),
    ("rate_period", _RATE_PERIOD),
    ("labour_amount", _LABOUR_AMOUNT),
    ("batch_labour", _BATCH_LABOUR),
]


def create_views(conn: sqlite3.Connection) -> None:
    """Make the views on *conn* (a plain sqlite3 connection); a second call changes nothing."""
    for name, sql in VIEWS:
        conn.execute(f"CREATE TEMP VIEW IF NOT EXISTS {name} AS {sql}")
