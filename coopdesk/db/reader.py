"""What a named query reads through: the one method both a snapshot and an operation have.

A query function takes a `Reader` and calls ``reader.connection().exec_driver_sql(sql,
params)``. The book's read-only snapshot (`Snapshot`, from ``Book.read()``) answers it
over the plain sqlite3 connection without loading SQLAlchemy; an operation's Session
answers it too (and flushes first, so the operation's own unsaved rows count). Nothing
else about the reader is assumed, so no query needs to ask which of the two it got.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any, Protocol


class Rows(Protocol):
    """The rows of one statement (the part of SQLAlchemy's Result the queries use)."""

    def __iter__(self) -> Iterator[Any]: ...

    def all(self) -> list[Any]: ...  # noqa: A003 (SQLAlchemy's name)

    def first(self) -> Any: ...

    def one(self) -> Any: ...

    def scalar(self) -> Any: ...


class Statements(Protocol):
    """Something that runs one SQL statement with DB-API parameters (a tuple)."""

    def exec_driver_sql(self, sql: str, params: tuple = ...) -> Rows: ...


class Reader(Protocol):
    """The one thing a query needs: the connection its statements run on."""

    def connection(self) -> Statements: ...


class SnapshotRows:
    """The rows of one statement, with the few SQLAlchemy Result methods queries use."""

    def __init__(self, cursor: sqlite3.Cursor) -> None:
        self._cursor = cursor

    def __iter__(self) -> Iterator[tuple]:
        return iter(self._cursor)

    def all(self) -> list[tuple]:  # noqa: A003 (SQLAlchemy's name)
        """Every row."""
        return self._cursor.fetchall()

    def first(self) -> tuple | None:
        """The first row, or None."""
        return self._cursor.fetchone()

    def one(self) -> tuple:
        """The only row (aggregate queries)."""
        rows = self._cursor.fetchall()
        if len(rows) != 1:
            raise LookupError(f"expected one row, got {len(rows)}")
        return rows[0]

    def scalar(self) -> Any:
        """The first column of the first row, or None."""
        row = self._cursor.fetchone()
        return None if row is None else row[0]


class Snapshot:
    """A read-only view of the book at one moment, over its plain sqlite3 connection.

    `Book.read()` opens it in a BEGIN DEFERRED transaction with ``query_only`` set, so a
    statement that would write is refused by SQLite itself rather than by convention.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def connection(self) -> Snapshot:
        """Itself: statements run on the one connection, as Session.connection() does."""
        return self

    def exec_driver_sql(self, sql: str, params: tuple = ()) -> SnapshotRows:
        """Run one statement with DB-API parameters (a tuple, as a Session requires too)."""
        if not isinstance(params, tuple):
            raise TypeError("exec_driver_sql takes its parameters as a tuple")
        return SnapshotRows(self._conn.execute(sql, params))


def sqlite_connection(statements: Statements) -> sqlite3.Connection:
    """The plain sqlite3 connection under *statements* (a snapshot or SQLAlchemy's).

    For the few reads that walk every record and want plain tuples at sqlite3's speed
    (the seal chain).
    """
    if isinstance(statements, Snapshot):
        return statements._conn
    return statements.connection.driver_connection


def begin_snapshot(conn: sqlite3.Connection) -> None:
    """Start a read on *conn*: BEGIN DEFERRED (no write lock) with writes refused.

    ``query_only`` makes SQLite itself refuse any statement that would write, so a read
    cannot change the book even by mistake; `end_snapshot` lifts it.
    """
    conn.execute("BEGIN DEFERRED")
    conn.execute("PRAGMA query_only=ON")


def end_snapshot(conn: sqlite3.Connection) -> None:
    """End a read: nothing was written in it, so it is rolled back; writes allowed again."""
    if conn.in_transaction:
        try:
            conn.execute("ROLLBACK")
        except sqlite3.Error:
            conn.rollback()
    conn.execute("PRAGMA query_only=OFF")


def flush_pending(reader: Reader) -> None:
    """Let an operation's own unsaved changes count in what it reads next.

    A Session keeps new rows in memory until it flushes; a snapshot has none.
    """
    flush = getattr(reader, "flush", None)
    if flush is not None:
        flush()
