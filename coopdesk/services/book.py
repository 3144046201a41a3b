"""Opening a book and running one business operation as one transaction."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy.exc import OperationalError
from sqlmodel import Session, select

from coopdesk.backup import lock
from coopdesk.db import ledger, migrate
from coopdesk.db.engine import make_engine
from coopdesk.db.tables import AuditEvent, LaborRate, Setting, Workshop, new_uuid
from coopdesk.domain.errors import BookError
from coopdesk.domain.work import STARTING_RATE, STARTING_RATE_FROM
from coopdesk.domain.workshops import PROGRAMME
from coopdesk.i18n import _
from coopdesk.paths import book_path

#: Settings every book has, with the values a new book starts with.
DEFAULT_SETTINGS = {
    "cooperative_name": "",
    "site": "",
    "institution": "",
    "currency": "PEN",
    "receipt_series": "001",
    "formalised": "no",
    "language": "es",
    "break_even_units": "12000",
    "target_units": "20000",
}


class Book:
    """An open book: one SQLite file, one connection, transactions on demand."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._session: Session | None = None
        # One program per book: the lock is taken before the file is even looked at.
        lock.acquire(self.path)
        try:
            self.upgrade_copy: str | None = migrate.upgrade(self.path)
            self.engine = make_engine(self.path)
        except BaseException:
            lock.release(self.path)
            raise
        try:
            with self.transaction() as session:
                _seed(session)
        except OperationalError as exc:
            self.close()
            raise _book_error(exc) from exc
        except BaseException:
            self.close()
            raise

    @classmethod
    def open_folder(cls, folder: Path) -> Book:
        """Open (creating when needed) the book inside *folder*."""
        Path(folder).mkdir(parents=True, exist_ok=True)
        return cls(book_path(Path(folder)))

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Session]:
        """Run one business operation: everything inside commits together or not at all.

        Nested calls join the outer transaction, so an operation made of other
        operations (the demo, a correction that voids and re-records) is still one.
        """
        if self._session is not None:
            yield self._session
            return
        session = Session(self.engine, expire_on_commit=False)
        self._session = session
        try:
            with session.begin():
                mark = ledger.pending_mark(session.connection())
                yield session
                # Seal what this operation posted, in the same commit (the hash chain).
                session.flush()
                ledger.seal_pending(session.connection(), mark)
        except OperationalError as exc:
            raise _book_error(exc) from exc
        finally:
            self._session = None
            session.close()

    def read(self) -> contextlib.AbstractContextManager[Session]:
        """Open a session for reading (the same single connection)."""
        return self.transaction()

    def close(self) -> None:
        """Close the connection (SQLite checkpoints the WAL into the book) and free the lock."""
        if getattr(self, "engine", None) is not None:
            self.engine.dispose()
            self.engine = None
            lock.release(self.path)

    def __enter__(self) -> Book:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _book_error(exc: OperationalError) -> BookError:
    text = str(exc.orig) if getattr(exc, "orig", None) else str(exc)
    if "locked" in text:
        return BookError(_("This book is already open in another window."))
    if "disk" in text and "full" in text or "full" in text:
        return BookError(
            _("The disk is full: nothing was saved. Free some space and try again.")
        )
    return BookError(_("The book could not be written: {reason}.").format(reason=text))


def _seed(session: Session) -> None:
    """Give a new book its settings, the nine workshops and the starting labor rate."""
    existing = {s.key for s in session.exec(select(Setting)).all()}
    for key, value in DEFAULT_SETTINGS.items():
        if key not in existing:
            session.add(Setting(key=key, value=value))
    if "site_id" not in existing:
        session.add(Setting(key="site_id", value=new_uuid()))
    if session.exec(select(Workshop)).first() is None:
        for number, title in enumerate(PROGRAMME, start=1):
            session.add(Workshop(number=number, title=title))
    if session.exec(select(LaborRate)).first() is None:
        session.add(LaborRate(valid_from=STARTING_RATE_FROM, rate=STARTING_RATE))


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
