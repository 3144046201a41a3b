"""Finding a record by its uuid, whatever its table: the first step of voiding or correcting it."""

from __future__ import annotations

from coopdesk.db.reader import Reader

#: The tables whose records are looked up by uuid (the name is never taken from input).
BY_UUID = frozenset({
    "member", "workday", "sale", "purchase", "member_payment", "expense", "member_credit",
    "production_batch", "stock_adjustment", "workshop_session", "labor_rate",
})


def record_id(reader: Reader, table: str, uuid: str) -> int | None:
    """The id of the record of *table* with *uuid*, or None."""
    if table not in BY_UUID:
        raise ValueError(f"no uuid lookup for {table}")
    return reader.connection().exec_driver_sql(
        f"SELECT id FROM {table} WHERE uuid = ?", (uuid,)).scalar()
