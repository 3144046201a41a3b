"""The connection to the programme's central book on PostgreSQL, and its schema (Alembic)."""

from __future__ import annotations

import os
from pathlib import Path

from coopdesk.domain.errors import CoopError
from coopdesk.i18n import _

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
ENV_URL = "COOPDESK_CENTRAL_DB"


class CentralRefused(CoopError):
    """The central book refused a file or a command; nothing was written."""


def central_url(given: str | None) -> str:
    """Return the database URL from ``--db`` or COOPDESK_CENTRAL_DB."""
    url = given or os.environ.get(ENV_URL, "")
    if not url.startswith(("postgresql://", "postgres://")):
        raise CentralRefused(_("Say which central book to use: --db postgresql://user@host:port/"
                               "db (or the COOPDESK_CENTRAL_DB variable)."))
    return url


def connect(url: str):
    """Return a psycopg connection to the central book.

    In autocommit: each command opens its own ``conn.transaction()``, a real transaction
    (not a savepoint), so one delivery is one transaction.
    """
    import psycopg

    try:
        return psycopg.connect(url, autocommit=True)
    except psycopg.OperationalError as exc:
        host = url.split("@")[-1]
        raise CentralRefused(_("The central book at {host} cannot be reached ({reason}).")
                             .format(host=host, reason=str(exc).strip().splitlines()[0])) from exc


def upgrade(url: str, revision: str = "head") -> None:
    """Bring the central book's schema to *revision*, the newest by default (one transaction)."""
    import sqlalchemy
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    engine = sqlalchemy.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1)
                                      .replace("postgres://", "postgresql+psycopg://", 1))
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
    finally:
        engine.dispose()


def require_schema(conn) -> None:
    """Refuse a database that ``central init`` has not prepared."""
    ready = conn.execute("SELECT to_regclass('programme') IS NOT NULL").fetchone()[0]
    if not ready or not conn.execute("SELECT 1 FROM programme").fetchone():
        raise CentralRefused(_("This database is not a central book yet: run coopdesk central"
                               " init first."))
