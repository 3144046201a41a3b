"""Helpers for the backup tests: files compared byte for byte, failures injected.

The book they back up is the shared small book (tests/small_book.py, the ``small_book``
fixture of tests/conftest.py).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from coopdesk.db import ledger


def sha(path: Path) -> str:
    """SHA-256 of a file's bytes."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def book_files(book_file: Path) -> dict[str, str]:
    """SHA-256 of the book file and of any -wal/-journal/-shm next to it."""
    out = {}
    for suffix in ("", "-wal", "-journal", "-shm"):
        p = Path(str(book_file) + suffix)
        if p.exists():
            out[p.name] = sha(p)
    return out


class FailAt:
    """A backup hook that raises *error* at the *n*-th call (of the named step, if given)."""

    def __init__(self, n: int, error: BaseException, step: str | None = None) -> None:
        self.n = n
        self.error = error
        self.step = step
        self.calls = 0

    def __call__(self, name: str) -> None:
        if self.step is not None and name != self.step:
            return
        self.calls += 1
        if self.calls == self.n:
            raise self.error


@pytest.fixture(autouse=True)
def english():
    """Compare against the English source sentences whatever the catalog holds."""
    from coopdesk.i18n import current_language, set_language

    previous = current_language()
    set_language("en")
    yield
    set_language(previous)


def rewrite_history(book_file: Path) -> None:
    """Raise S09's payment to 300.00 and rebuild the whole hash chain, as an insider could.

    The chain is replayed in its own order, seal for seal (voids and payments marked
    included), with the new content for the payment: as many seals as before, each link
    consistent, so the book alone looks sound and only an anchor kept outside it shows it.
    """
    engine = create_engine(f"sqlite:///{book_file}")
    with engine.begin() as conn:
        triggers = conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type='trigger'").all()
        for name, _sql in triggers:
            conn.exec_driver_sql(f'DROP TRIGGER "{name}"')
        paid = conn.exec_driver_sql(
            "SELECT id FROM member_payment WHERE amount = 3000").scalar_one()
        conn.exec_driver_sql("UPDATE member_payment SET amount = 30000 WHERE id = ?", (paid,))
        # Since revision 0009 a seal names its record by uuid and fingerprints its uuid and
        # site too; the payment's newest (uuid-keyed) seals get the new content.
        cols = ledger._selected(conn, "member_payment", True)
        row = conn.exec_driver_sql(
            f"SELECT {', '.join(cols)} FROM member_payment WHERE id = ?", (paid,)).one()
        new_content = ledger.fingerprint("member_payment", row, True)
        paid_uuid = conn.exec_driver_sql(
            "SELECT uuid FROM member_payment WHERE id = ?", (paid,)).scalar_one()
        seals = conn.exec_driver_sql(
            "SELECT id, entity, record_id, record_uuid, content_hash FROM seal ORDER BY id").all()
        previous = ledger.GENESIS
        for seal_id, entity, record_id, record_uuid, content in seals:
            if entity == "member_payment" and record_uuid == paid_uuid:
                content = new_content
            previous = ledger.link_hash(previous, entity, record_id, content, record_uuid)
            conn.exec_driver_sql("UPDATE seal SET content_hash = ?, chain_hash = ? WHERE id = ?",
                                 (content, previous, seal_id))
        conn.exec_driver_sql("DELETE FROM seal_pending")
        for _name, sql in triggers:
            conn.exec_driver_sql(sql)
    engine.dispose()
