"""Keeping the book's file in shape: checkpoints, copies, erasing freed pages, quick checks.

SQLite statements that act on the file rather than on records, for the backup and the
restore; each takes a plain sqlite3 connection (the book's own, or one on a copy).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

#: A copy is checked with a bounded page cache (8 MB) and no memory map.
VERIFY_PRAGMAS = ("PRAGMA cache_size=-8000", "PRAGMA mmap_size=0")


def checkpoint(conn: sqlite3.Connection) -> None:
    """Move the write-ahead log into the book file and empty it."""
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()


def self_contained(conn: sqlite3.Connection) -> None:
    """Switch a copy to a rollback journal, so it is one file with nothing beside it."""
    conn.execute("PRAGMA journal_mode=DELETE").fetchall()


def bounded_memory(conn: sqlite3.Connection) -> None:
    """A small page cache and no memory map (a check beside the desk, on a big book)."""
    for pragma in VERIFY_PRAGMAS:
        conn.execute(pragma).fetchall()


def erase_freed_pages(statements) -> None:
    """From now on, SQLite overwrites what it deletes (``secure_delete``).

    *statements* answers ``exec_driver_sql`` (an operation's connection).
    """
    statements.exec_driver_sql("PRAGMA secure_delete=ON")


def vacuum_erasing(conn: sqlite3.Connection) -> None:
    """Rewrite the file so no free page keeps an old value, and empty the WAL."""
    conn.execute("PRAGMA secure_delete=ON")
    conn.execute("VACUUM")
    checkpoint(conn)


def quick_check(path: Path) -> str:
    """SQLite's quick check of the file at *path* (``"ok"`` when sound)."""
    conn = sqlite3.connect(str(path))
    try:
        return conn.execute("PRAGMA quick_check").fetchone()[0]
    finally:
        conn.close()


def application_id(conn: sqlite3.Connection) -> int:
    """The application id stamped in the file's header."""
    return conn.execute("PRAGMA application_id").fetchone()[0]
