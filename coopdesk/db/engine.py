"""One SQLite connection per open book, with the pragmas that keep it safe.

`BEGIN IMMEDIATE` on every transaction (the pysqlite fix documented by SQLAlchemy)
takes the write lock at the start, so a business operation either commits whole
or not at all; `synchronous=FULL` in WAL mode makes a reported commit survive a
power cut; `locking_mode=EXCLUSIVE` keeps a second program out of an open book.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.pool import StaticPool

#: "COOP" in ASCII: marks a SQLite file as a coopdesk book.
APPLICATION_ID = 0x434F4F50

PRAGMAS = (
    "PRAGMA foreign_keys=ON",
    "PRAGMA locking_mode=EXCLUSIVE",
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA trusted_schema=OFF",
    "PRAGMA busy_timeout=2000",
)


def make_engine(path: Path, *, pragmas: tuple[str, ...] = PRAGMAS) -> Engine:
    """Return an engine on the book file *path* with exactly one connection."""
    engine = create_engine(
        f"sqlite:///{path}",
        poolclass=StaticPool,
        connect_args={"check_same_thread": False, "timeout": 2},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Take transactions out of the driver's hands; we issue BEGIN ourselves.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        for pragma in pragmas:
            cursor.execute(pragma).fetchall()
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine
