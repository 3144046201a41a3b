"""One SQLite connection per open book, with the pragmas that keep it safe.

`BEGIN IMMEDIATE` on every transaction (the pysqlite fix documented by SQLAlchemy)
takes the write lock at the start, so a business operation either commits whole
or not at all; `synchronous=FULL` in WAL mode makes a reported commit survive a
power cut; `locking_mode=EXCLUSIVE` keeps a second program out of an open book.

The connection is a plain `sqlite3` one, opened without SQLAlchemy: the desk reads its
first screen through it and loads the ORM (a second of imports on an old laptop) only
when an operation needs it. The engine then wraps that same connection.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from coopdesk.db.views import create_views

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

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


def sqlite_uri(path: Path, *, read_only: bool = True) -> str:
    """Return the ``file:`` URI of *path* for ``sqlite3.connect(..., uri=True)``.

    Every SQLite URI is made here: the path is made absolute and percent-encoded, so a
    data folder named ``#2``, ``¿?``, ``100%`` or ``%41`` means itself, not a query, a
    fragment or an escaped letter.
    """
    uri = Path(path).absolute().as_uri()
    return f"{uri}?mode=ro" if read_only else uri


def open_connection(path: Path, *, pragmas: tuple[str, ...] = PRAGMAS,
                    views: bool = True) -> sqlite3.Connection:
    """Open the book file *path* with the safety pragmas, transactions in our hands.

    ``isolation_level=None`` takes transactions out of the driver's hands: we issue
    BEGIN ourselves (BEGIN IMMEDIATE for every operation). The named queries' views
    (coopdesk.db.views) are made on it unless *views* is False: an upgrade rebuilds
    tables, which SQLite refuses while a view names them.
    """
    conn = sqlite3.connect(str(path), timeout=2, check_same_thread=False, isolation_level=None)
    try:
        for pragma in pragmas:
            conn.execute(pragma).fetchall()
        if views:
            create_views(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def engine_on(conn: sqlite3.Connection, *, views: bool = True) -> Engine:
    """Return an engine whose one connection is *conn* (already open, pragmas set)."""
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import StaticPool

    # No rollback when SQLAlchemy hands the connection back: the Book decides when a
    # transaction ends, and a plain read may be open on this same connection.
    engine = create_engine("sqlite://", creator=lambda: conn, poolclass=StaticPool,
                           pool_reset_on_return=None)

    if views:
        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection, _record):
            create_views(dbapi_connection)  # already there on *conn*: kept if it is re-made

    @event.listens_for(engine, "begin")
    def _on_begin(sa_conn):
        sa_conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def make_engine(path: Path, *, pragmas: tuple[str, ...] = PRAGMAS,
                views: bool = False) -> Engine:
    """Return an engine on the book file *path* with exactly one connection.

    It is the upgrade's engine: without the read layer's views unless asked (*views*),
    since SQLite checks every view when a migration renames or drops a column.
    """
    return engine_on(open_connection(path, pragmas=pragmas, views=views), views=views)


def open_read_only(path: Path) -> sqlite3.Connection:
    """Open a book file (a backup, a copy being restored) to read it and nothing else.

    ``mode=ro`` and ``query_only``: no lock, no journal switch, nothing written. The
    views are made first, in the connection's own temporary space (not in the file).
    """
    conn = sqlite3.connect(sqlite_uri(path), uri=True)
    try:
        conn.execute("PRAGMA trusted_schema=OFF")
        create_views(conn)
        conn.execute("PRAGMA query_only=ON")
    except BaseException:
        conn.close()
        raise
    return conn
