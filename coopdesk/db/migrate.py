"""Bring a book to the newest schema, safely, when it is opened.

Order matters: look at the file without changing it; refuse a foreign file or a book
from a newer coopdesk untouched; copy an older book aside and verify the copy; only
then upgrade, in one transaction, so a migration cut short leaves the old book.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from coopdesk.db.engine import APPLICATION_ID, make_engine, sqlite_uri
from coopdesk.domain.errors import BookError
from coopdesk.i18n import _
from coopdesk.oserrors import book_sentence, sqlite_reason

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SQLITE_HEADER = b"SQLite format 3\x00"
#: Where a verified copy of the book is put before its schema is upgraded.
PRE_UPGRADE_FOLDER = "antes-de-actualizar"


def alembic_config():
    """Return an Alembic configuration pointing at the migrations inside the package."""
    # Alembic is imported only when needed: it costs a third of a second at every start.
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    """Return the newest schema revision this coopdesk knows."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def known_revisions() -> set[str]:
    """Return every schema revision this coopdesk knows."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


_REVISION_LINE = re.compile(
    r"^(revision|down_revision)\s*(?::[^=\n]*)?=\s*(?:[\"']([^\"'\n]*)[\"']|None)\s*$", re.M
)


@functools.cache
def head_from_files() -> str | None:
    """Return the newest revision as the migration files name it, without Alembic.

    Only the start of a book that is already up to date uses it (Alembic is imported
    for anything else); None when the files do not make one plain chain.
    """
    revisions, parents = set(), set()
    for script in (MIGRATIONS / "versions").glob("*.py"):
        if script.name == "__init__.py":
            continue
        found = dict(_REVISION_LINE.findall(script.read_text("utf-8")))
        if "revision" not in found or "down_revision" not in found:
            return None  # a form this reader does not know: let Alembic decide
        revisions.add(found["revision"])
        if found["down_revision"]:
            parents.add(found["down_revision"])
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 and parents <= revisions else None


@dataclass(frozen=True)
class BookState:
    """What a file on disk is, seen without changing it."""

    exists: bool
    revision: str | None
    application_id: int


def inspect_book(path: Path) -> BookState:
    """Look at *path* without writing to it; raise BookError for a file that is not a book."""
    if not path.exists() or path.stat().st_size == 0:
        return BookState(exists=False, revision=None, application_id=0)
    with open(path, "rb") as fh:
        header = fh.read(16)
    if header != SQLITE_HEADER:
        raise BookError(
            _("The file {path} is not a coopdesk book (it is not a SQLite database).").format(
                path=path
            )
        )
    try:
        conn = sqlite3.connect(sqlite_uri(path), uri=True)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            has_version = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
            ).fetchone()
            revision = None
            if has_version:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
            tables = conn.execute(
                "SELECT count(*) FROM sqlite_master WHERE type='table'"
            ).fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        if "locked" in str(exc):
            raise BookError(_("This book is already open in another window.")) from exc
        reason = sqlite_reason(exc, path.parent)
        if (sentence := book_sentence(reason, path.parent)) is not None:
            raise BookError(sentence) from exc
        raise BookError(
            _("The book {path} cannot be read: {reason}.").format(path=path, reason=reason)
        ) from exc
    if app_id != APPLICATION_ID and not (app_id == 0 and tables == 0):
        raise BookError(
            _("The file {path} is a database, but not a coopdesk book.").format(path=path)
        )
    return BookState(exists=tables > 0, revision=revision, application_id=app_id)


def check_openable(state: BookState, path: Path) -> None:
    """Refuse a book written by a newer coopdesk, leaving it untouched."""
    if state.revision is not None and state.revision not in known_revisions():
        raise BookError(
            _(
                "The book {path} was made by a newer version of coopdesk. "
                "Install that version to open it; this one leaves it untouched."
            ).format(path=path)
        )


def copy_verified(source: Path, target: Path) -> Path:
    """Copy a book with SQLite's online backup API and check the copy's integrity."""
    target.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(str(source))
    dst = sqlite3.connect(str(target))
    try:
        src.backup(dst)
        result = dst.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        dst.close()
        src.close()
    if result != "ok":
        target.unlink(missing_ok=True)
        raise BookError(_("The safety copy of the book did not verify; nothing was changed."))
    return target


def upgrade(path: Path) -> str | None:
    """Create or upgrade the book at *path* to the newest schema.

    Returns the path of the safety copy made before upgrading an existing book,
    or None when nothing needed copying.
    """
    state = inspect_book(path)
    if state.revision is not None and state.revision == head_from_files():
        return None  # already the newest schema: the usual start, without Alembic
    check_openable(state, path)
    head = head_revision()
    if state.revision == head:
        return None
    copy_path = None
    if state.exists:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        target = path.parent / PRE_UPGRADE_FOLDER / f"coopdesk-{state.revision}-{stamp}.sqlite3"
        copy_path = str(copy_verified(path, target))
    # Batch migrations rebuild tables, which foreign keys would refuse mid-way, so they
    # are off for this one connection and checked before the commit instead.
    pragmas = ("PRAGMA foreign_keys=OFF", "PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL")
    from alembic import command

    engine = make_engine(path, pragmas=pragmas)
    try:
        with engine.connect() as conn:
            with conn.begin():
                cfg = alembic_config()
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise BookError(
                        _("The upgrade would break links between records; it was undone.")
                    )
                conn.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
    finally:
        engine.dispose()
    return copy_path
