"""The outside anchor: each backup's description holds the head of the book's hash chain.

Someone who rewrites the book and recomputes its whole hash chain leaves no trace
inside the book. A copy on a stick in a drawer holds the chain head as it was
(the hash of the last seal and how many seals there were); the live book must still
have that very seal at that position. If it does not, history before the copy was
rewritten. ``chain_extends`` asks the ledger (``coopdesk.db.ledger.anchor_problem``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from coopdesk.db import ledger
from coopdesk.db.queries.checks import has_table
from coopdesk.db.reader import Reader
from coopdesk.i18n import _


def chain_head(reader: Reader) -> dict | None:
    """Return {"seals": count, "head": hash of the last seal}, or None for a book without chain.

    *reader*: the book's read, or ``Snapshot(conn)`` on a copy's plain connection.
    """
    if not has_table(reader.connection(), "seal"):
        return None
    head = ledger.chain_head(reader.connection())
    return {"seals": head.count, "head": head.hash}


def chain_extends(conn: Reader, head: str, count: int) -> bool:
    """Return True when the chain, recomputed from its first seal, passes through (*head*, *count*).

    The ledger recomputes every link up to seal number *count* rather than trusting the
    stored chain hashes, so a history edited and re-sealed before the copy fails here.
    """
    if count == 0:
        return True
    if not has_table(conn.connection(), "seal"):
        return False
    return ledger.anchor_problem(conn.connection(), head, count) is None


@dataclass(frozen=True)
class AnchorCheck:
    """Whether the live book continues a backup: ``ok`` (None: the copy cannot tell)."""

    ok: bool | None
    sentence: str
    made_on: dt.datetime


def check_against(book, path: Path) -> AnchorCheck:
    """Compare the live *book*'s chain with the head written in the backup at *path*.

    Reads only the backup's description (no passphrase needed), after checking the
    whole file's checksum.

    Raises:
        BookError: the file is not a sound coopdesk backup.
    """
    from coopdesk.backup import fileformat

    backup = fileformat.read_backup(Path(path))
    return _compare(book, backup.manifest, Path(path))


def check_against_description(book, manifest: dict, path: Path) -> AnchorCheck:
    """The same as ``check_against`` from a description already read (the Respaldo screen)."""
    return _compare(book, manifest, Path(path))


def _compare(book, manifest: dict, path: Path) -> AnchorCheck:
    made_on = dt.datetime.fromisoformat(manifest["created_at"])
    when = made_on.strftime("%d/%m/%Y")
    chain = manifest.get("chain")
    if chain is None:
        return AnchorCheck(None, _(
            "The copy of {when} ({name}) holds no chain head (it was made by an older "
            "coopdesk); make a new copy to have one.").format(when=when, name=path.name),
            made_on)
    with book.read() as conn:
        live = chain_head(conn) or {"seals": 0, "head": ""}
        extends = chain_extends(conn, chain["head"], chain["seals"])
    if extends:
        return AnchorCheck(True, _("The book continues the copy of {when} ✓").format(
            when=when), made_on)
    if live["seals"] < chain["seals"]:
        return AnchorCheck(False, _(
            "The book has fewer sealed records ({live}) than the copy of {when} had "
            "({copy}): records sealed before that copy were removed or the chain was "
            "rebuilt.").format(live=live["seals"], copy=chain["seals"], when=when), made_on)
    return AnchorCheck(False, _(
        "The history before the copy of {when} was rewritten: the book's seal number "
        "{n} is not the one the copy recorded. Compare the book with that copy before "
        "going on.").format(when=when, n=chain["seals"]), made_on)


def against_backup(book, path: Path) -> tuple[str, list[str]]:
    """`check --against BACKUP`: the section saying whether the book extends the copy's chain.

    The backup's description holds the chain head when it was made (an anchor outside
    the book); the book must still have that seal at that position.
    """
    found = check_against(book, path)
    name = _("Continues the backup of {when}").format(when=found.made_on.strftime("%d/%m/%Y"))
    return name, [] if found.ok else [found.sentence]
