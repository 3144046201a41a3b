"""The description a backup carries: what it holds, readable without opening the book.

Split from ``backup.py``; the copy is described from the staged file once it is on
the laptop, and the description is signed with the site's key (``signature.py``) so
that a copy re-packed elsewhere is told apart from one this computer made.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from coopdesk import __version__
from coopdesk.backup import crypto, fileformat, signature
from coopdesk.backup.anchor import chain_head
from coopdesk.db.engine import open_read_only
from coopdesk.db.queries import backups
from coopdesk.db.reader import Snapshot


def describe_copy(staged: Path, book_sha: str, when: dt.datetime,
                  key: tuple[str, str] | None, book_folder: Path) -> dict:
    """Describe the copy and sign the description with the key kept in *book_folder*.

    An encrypted copy's description says nothing of its figures: only what is needed
    to pick a file stays readable (cooperative, site, date, app and schema version, the
    chain head — hashes say nothing of amounts — and the key).
    """
    conn = open_read_only(staged)
    try:
        copy = Snapshot(conn)
        settings = backups.settings(copy)
        counts = backups.counts(copy)
        totals = {name: str(value) for name, value in backups.live_totals(copy).items()}
        first_day, last_day = backups.day_span(copy)
        manifest = {
            "app": "coopdesk",
            "app_version": __version__,
            "format": fileformat.FORMAT,
            "schema": backups.schema_revision(copy),
            "created_at": when.isoformat(),
            "cooperative": settings.get("cooperative_name", ""),
            "site_id": settings.get("site_id", ""),
            "book_sha256": book_sha,
            "book_size": staged.stat().st_size,
            "counts": counts,
            "totals": totals,
            "last_receipt": backups.last_receipt(copy),
            "first_day": first_day,
            "last_day": last_day,
            "chain": chain_head(copy),
            "encryption": (None if key is None else
                           {"scheme": crypto.AGE, "recipient": key[0], "identity": key[1]}),
        }
    finally:
        conn.close()
    if key is not None:
        for private in ("counts", "totals", "last_receipt", "first_day", "last_day"):
            del manifest[private]
    if manifest["chain"] is None:  # a book from before the hash chain
        del manifest["chain"]
    return signature.signed(manifest, book_folder)
