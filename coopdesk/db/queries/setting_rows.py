"""Settings kept as rows of the `setting` table, read by families of keys."""

from __future__ import annotations

from coopdesk.db.reader import Reader


def settings_starting(reader: Reader, prefix: str) -> dict[str, str]:
    """Return key → value of the settings whose key starts with *prefix*."""
    like = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return dict(reader.connection().exec_driver_sql(
        "SELECT key, value FROM setting WHERE key LIKE ? ESCAPE '\\'", (like,)).all())


def highest_certificate(reader: Reader) -> int:
    """Return the highest certificate number given to a member (0: none yet)."""
    return int(reader.connection().exec_driver_sql(
        "SELECT max(CAST(value AS INTEGER)) FROM setting WHERE key LIKE 'certificate_%'"
        " AND key != 'certificate_last'").scalar() or 0)
