"""The setting table's rows: the one place that reads and writes them.

A setting is a text value under a key; rows are never deleted (a trigger refuses it),
so a value is emptied instead. Which keys exist, their defaults, their checks and the
audit trail of each change are the settings service's (``services.settings``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlmodel import Session


def stored_settings(reader, prefix: str = "") -> dict[str, str]:
    """Return the stored settings whose key starts with *prefix* (all of them for "").

    *reader* is a Session or the book's plain reader (``Book.read``): the settings
    are read at start, before the ORM is loaded. A book holds a few dozen settings, so
    the prefix is matched here rather than with LIKE (which reads "_" as any character).
    """
    rows = reader.connection().exec_driver_sql("SELECT key, value FROM setting").all()
    return {key: value for key, value in rows if key.startswith(prefix)}


def stored_setting(reader, key: str) -> str | None:
    """Return the stored value of *key*, None when the book has no row for it."""
    row = reader.connection().exec_driver_sql(
        "SELECT value FROM setting WHERE key = ?", (key,)).first()
    return None if row is None else row[0]


def store_setting(session: Session, key: str, value: str) -> str | None:
    """Write *value* under *key* (a row is made the first time); return the value before."""
    # Imported here: the settings are read at start, before the ORM is loaded.
    from coopdesk.db.tables import Setting

    row = session.get(Setting, key)
    before = None if row is None else row.value
    if row is None:
        row = Setting(key=key)
    row.value = value
    session.add(row)
    return before
