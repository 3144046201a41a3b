"""Opening a book and running one business operation as one transaction.

The book is opened with plain sqlite3 (`engine.open_connection`); SQLAlchemy and the
table classes are loaded the first time an operation needs a Session. Reads go through
`Book.read()`, a read-only snapshot over plain sqlite3 that the named queries
(coopdesk.db.queries) understand, so the desk's first screen appears without them.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from coopdesk.db import lock, migrate
from coopdesk.db.engine import engine_on, open_connection
from coopdesk.db.queries.book import has_labor_rate, has_workshops, setting_keys
from coopdesk.db.reader import Reader, Snapshot, begin_snapshot, end_snapshot
from coopdesk.domain.changes import Kind, changes
from coopdesk.domain.errors import BookError
from coopdesk.i18n import _
from coopdesk.oserrors import book_sentence, sqlite_reason
from coopdesk.paths import book_path

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlmodel import Session

#: Settings every book has, with the values a new book starts with.
DEFAULT_SETTINGS = {
    "cooperative_name": "",
    "site": "",
    "institution": "",
    "currency": "PEN",
    "receipt_series": "001",
    "formalised": "no",
    "language": "es",
    # Empty until she sets them (or takes the case study's): a new book must not
    # pretend she entered a break-even and a goal.
    "break_even_units": "",
    "target_units": "",
}

#: Settings read with these values when the book lacks them; never seeded, so an older
#: book opens unchanged (and is not rewritten just for a new key).
OPTIONAL_SETTINGS = {
    "rate_confirmed": "no",
    "goals_from_case_study": "no",
}


#: Why a statement that writes was refused inside `Book.read()` (a programming mistake).
WRITE_IN_READ = "Book.read() is a read-only snapshot: write through Book.transaction()"


class Book:
    """An open book: one SQLite file, one connection, transactions on demand.

    The one connection is used by one thread at a time: an operation, a read or a backup's
    copy holds ``connection_lock()`` (re-entrant) from start to end, so a job off the GUI
    thread and a timer on it never interleave statements or share a Session.
    """

    def __init__(self, path: Path, *, starting_rate: Decimal | None = None) -> None:
        """Open the book at *path*; a new one is made with *starting_rate* from its first day.

        The rate a new book starts with is asked at the first run: posted rates cannot be
        changed afterwards, and one added from that day would pay the old rate for every
        day of the past months she records.
        """
        self.path = Path(path)
        # Kept when a restore re-opens this object: a thread may be waiting on it.
        self._lock: threading.RLock = getattr(self, "_lock", None) or threading.RLock()
        self._reading = 0
        self._session: Session | None = None
        self._conn: sqlite3.Connection | None = None
        self._engine: Engine | None = None
        # One program per book: the lock is taken before the file is even looked at.
        lock.acquire(self.path)
        try:
            self.upgrade_copy: str | None = migrate.upgrade(self.path)
            self._conn = open_connection(self.path)
        except sqlite3.OperationalError as exc:
            lock.release(self.path)
            raise _book_error(exc, folder=self.path.parent) from exc
        except BaseException:
            lock.release(self.path)
            raise
        try:
            if _needs_seed(self._conn):
                with self.transaction() as session:
                    _seed(session, starting_rate)
        except sqlite3.OperationalError as exc:
            self.close()
            raise _book_error(exc, folder=self.path.parent) from exc
        except BaseException:
            self.close()
            raise

    @classmethod
    @changes(Kind.BOOK)
    def open_folder(cls, folder: Path, *, starting_rate: Decimal | None = None) -> Book:
        """Open (creating when needed, with *starting_rate*) the book inside *folder*."""
        Path(folder).mkdir(parents=True, exist_ok=True)
        return cls(book_path(Path(folder)), starting_rate=starting_rate)

    @property
    def closed(self) -> bool:
        """True once the book is closed (or before it finished opening)."""
        return self._conn is None

    def connection_lock(self) -> threading.RLock:
        """The lock to hold while using the book's connection outside an operation or read."""
        return self._lock

    @property
    def engine(self) -> Engine | None:
        """The SQLAlchemy engine on the book's one connection (None once closed).

        Made on first use: loading SQLAlchemy and the table classes is most of a start.
        """
        if self._engine is None:
            with self._lock:
                if self._engine is None and self._conn is not None:
                    self._engine = engine_on(self._conn)
        return self._engine

    def meet_engine(self) -> None:
        """Make the engine and let SQLAlchemy meet the connection, ahead of an operation.

        The desk calls it in an idle moment after the start (see coopdesk.gui.warmup).
        """
        with self._lock:
            if self.engine is not None and self._session is None and not self._reading:
                with self.engine.connect():
                    pass

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Session]:
        """Run one business operation: everything inside commits together or not at all.

        Nested calls join the outer transaction, so an operation made of other
        operations (the demo, a correction that voids and re-records) is still one.
        """
        with self._lock:
            if self._session is not None:
                yield self._session
                return
            if self._reading:
                raise RuntimeError("an operation cannot start inside Book.read()")
            yield from self._operation()

    def _operation(self) -> Iterator[Session]:
        """One Session in one BEGIN IMMEDIATE, sealed and committed together."""
        from sqlalchemy.exc import OperationalError

        from coopdesk.db import ledger
        from coopdesk.db.operation_session import OperationSession

        session = OperationSession(self.engine, expire_on_commit=False)
        self._session = session
        try:
            with session.begin():
                mark = ledger.pending_mark(session.connection())
                yield session
                # Seal what this operation posted, in the same commit (the hash chain).
                session.flush()
                ledger.seal_pending(session.connection(), mark)
        except (OperationalError, sqlite3.OperationalError) as exc:
            raise _book_error(exc) from exc
        finally:
            self._session = None
            session.close()

    @contextlib.contextmanager
    def read(self) -> Iterator[Reader]:
        """Read the book as it stands: one consistent snapshot, nothing written.

        A BEGIN DEFERRED on the one connection with ``query_only`` set: no write lock,
        no sealing, and a statement that would write is refused by SQLite. The ORM is not
        loaded. Inside an operation it hands over the operation's own Session instead
        (its unsaved changes count, as they do in the operation's other reads).
        """
        with self._lock:
            if self._session is not None:
                yield self._session
                return
            if self._conn is None:
                raise BookError(_("The book is closed."))
            conn = self._conn
            if self._reading:  # a read inside a read: the same snapshot
                self._reading += 1
                try:
                    yield Snapshot(conn)
                finally:
                    self._reading -= 1
                return
            try:
                begin_snapshot(conn)
            except sqlite3.OperationalError as exc:
                end_snapshot(conn)
                raise _book_error(exc, reading=True) from exc
            self._reading = 1
            try:
                yield Snapshot(conn)
            except sqlite3.OperationalError as exc:
                if getattr(exc, "sqlite_errorname", "") == "SQLITE_READONLY":
                    # query_only refused a write: a mistake in the program, not the disk
                    raise RuntimeError(WRITE_IN_READ) from exc
                raise _book_error(exc, reading=True) from exc
            finally:
                self._reading = 0
                end_snapshot(conn)

    def close(self) -> None:
        """Close the connection (SQLite checkpoints the WAL into the book) and free the lock."""
        with self._lock:
            if self._conn is None:
                return
            if self._engine is not None:
                self._engine.dispose()
            self._conn.close()  # also when the engine never used it (closing twice is harmless)
            self._engine = None
            self._conn = None
            lock.release(self.path)

    def __enter__(self) -> Book:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _book_error(exc: Exception, *, reading: bool = False,
                folder: Path | None = None) -> BookError:
    """Say in a sentence why the book could not be read or written (SQLite's error code)."""
    orig = getattr(exc, "orig", None) or exc
    name = getattr(orig, "sqlite_errorname", "")
    text = str(orig)
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or (not name and "locked" in text):
        return BookError(_("This book is already open in another window."))
    reason = sqlite_reason(orig, folder)
    if folder is not None and (sentence := book_sentence(reason, folder)) is not None:
        return BookError(sentence)
    if reason == _("the disk is full"):
        return BookError(
            _("The disk is full: nothing was saved. Free some space and try again.")
        )
    if reading:
        return BookError(_("The book could not be read: {reason}.").format(reason=reason))
    return BookError(_("The book could not be written: {reason}.").format(reason=reason))


def _needs_seed(conn: sqlite3.Connection) -> bool:
    """True when the book lacks a setting, the workshops or a labor rate (a new book)."""
    book = Snapshot(conn)
    return (
        not (set(DEFAULT_SETTINGS) | {"site_id"}) <= setting_keys(book)
        or not has_workshops(book)
        or not has_labor_rate(book)
    )


def _seed(session: Session, starting_rate: Decimal | None = None) -> None:
    """Give a new book its settings, the nine workshops and the starting labor rate."""
    from coopdesk.db.tables import LaborRate, Setting, Workshop, new_uuid
    from coopdesk.domain.work import STARTING_RATE, STARTING_RATE_FROM
    from coopdesk.domain.workshops import PROGRAMME

    existing = setting_keys(session)
    for key, value in DEFAULT_SETTINGS.items():
        if key not in existing:
            session.add(Setting(key=key, value=value))
    if "site_id" not in existing:
        session.add(Setting(key="site_id", value=new_uuid()))
    if not has_workshops(session):
        for number, title in enumerate(PROGRAMME, start=1):
            session.add(Workshop(number=number, title=title))
    if not has_labor_rate(session):
        rate = STARTING_RATE if starting_rate is None else Decimal(starting_rate)
        session.add(LaborRate(valid_from=STARTING_RATE_FROM, rate=rate))


def audit(session: Session, action: str, entity: str, uuid: str = "", **detail) -> None:
    """Record what was done in the same transaction as the change itself.

    ``before``, ``after`` and ``reason`` in *detail* go to their own columns (what the
    record was, what it became, and why); the rest is kept as JSON.
    """
    before = detail.pop("before", "")
    after = detail.pop("after", "")
    reason = str(detail.pop("reason", "") or "")
    if action == "void" and not before and not after:
        before, after = {"state": "posted"}, {"state": "voided"}
    elif action == "create" and not before and not after:
        after = dict(detail)  # nothing before; what was recorded

    def _json(value) -> str:
        if value == "":
            return ""
        return json.dumps(value, ensure_ascii=False, default=str, sort_keys=True)

    if reason:
        detail["reason"] = reason  # kept in the detail too, as before this column existed
    from coopdesk.db.tables import AuditEvent

    session.add(
        AuditEvent(
            action=action,
            entity=entity,
            entity_uuid=uuid,
            detail=json.dumps(detail, ensure_ascii=False, default=str, sort_keys=True),
            before=_json(before),
            after=_json(after),
            reason=reason[:500],
        )
    )
