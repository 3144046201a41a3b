"""What a read needs from the book: one connection that runs a SELECT with parameters.

Both a SQLModel Session (inside an operation, seeing its unsaved changes once flushed)
and `Book.read_sql()`'s plain-sqlite3 reader answer it, so a query function in
`coopdesk.db.queries` takes either without asking which one it got.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Protocol


class Rows(Protocol):
    """The rows of one statement (the few Result methods the queries use)."""

    def __iter__(self) -> Iterator[tuple]: ...

    def all(self) -> list[tuple]: ...  # noqa: A003 (SQLAlchemy's name)

    def first(self) -> tuple | None: ...

    def scalar(self) -> Any: ...


class Connection(Protocol):
    """Runs one statement with DB-API parameters given as a tuple."""

    def exec_driver_sql(self, sql: str, params: tuple = ...) -> Rows: ...


class Reader(Protocol):
    """A Session or `Book.read_sql()`'s reader: both hand out the book's one connection."""

    def connection(self) -> Connection: ...


def flush_pending(reader: Reader) -> None:
    """Let an operation's own unsaved changes count in what it reads next.

    A Session keeps new rows in memory until it flushes; a plain reader has none.
    """
    flush = getattr(reader, "flush", None)
    if flush is not None:
        flush()
