"""Getting the ORM ready ahead of the first operation, without the GUI knowing SQLAlchemy."""

from __future__ import annotations


def prepare() -> None:
    """Load the table classes and link them, as the first query would.

    Called by the desk's warm-up off the GUI thread, so no click waits for it.
    """
    from sqlalchemy.orm import configure_mappers

    import coopdesk.db.tables  # noqa: F401 (the classes the mappers link)

    configure_mappers()
