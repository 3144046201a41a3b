"""Reads about the book itself: whether it was given its first rows."""

from __future__ import annotations

from coopdesk.db.reader import Reader


def setting_keys(reader: Reader) -> set[str]:
    """The keys of every setting the book has."""
    return {key for (key,) in reader.connection().exec_driver_sql("SELECT key FROM setting")}


def has_workshops(reader: Reader) -> bool:
    """True when the book has its workshops."""
    return reader.connection().exec_driver_sql(
        "SELECT 1 FROM workshop LIMIT 1").first() is not None


def has_labor_rate(reader: Reader) -> bool:
    """True when the book has a labor rate."""
    return reader.connection().exec_driver_sql(
        "SELECT 1 FROM labor_rate LIMIT 1").first() is not None
