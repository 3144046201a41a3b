"""Settings kept as rows of the `setting` table, read by families of keys."""

from __future__ import annotations

from coopdesk.db.reader import Reader


def highest_certificate(reader: Reader) -> int:
    """Return the highest certificate number given to a member (0: none yet)."""
    return int(reader.connection().exec_driver_sql(
        "SELECT max(CAST(value AS INTEGER)) FROM setting WHERE key LIKE 'certificate_%'"
        " AND key != 'certificate_last'").scalar() or 0)
