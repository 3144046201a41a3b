"""Records found by what the coordinator calls them: a member by code, a buyer by name.

These return the table objects themselves (not plain values): the services that look
them up go on to link new records to them in the same operation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coopdesk.db.reader import Reader

if TYPE_CHECKING:
    from sqlmodel import Session

    from coopdesk.db.tables import Member


def member_row(session: Session, code: str) -> Member | None:
    """Return the member with *code* (already cleaned and upper case), or None."""
    from sqlmodel import select

    from coopdesk.db.tables import Member

    return session.exec(select(Member).where(Member.code == code)).first()


def named_row(session: Session, model, key: str):
    """Return the buyer/supplier/product/input (*model*) whose name key is *key*, or None."""
    from sqlmodel import select

    return session.exec(select(model).where(model.name_key == key)).first()


def name_ids(reader: Reader, table: str) -> dict[str, int]:
    """Return name_key → id of every row of a named *table* (buyer, supplier, ...)."""
    return dict(reader.connection().exec_driver_sql(
        f"SELECT name_key, id FROM {table}").all())  # noqa: S608 (a table name of ours)
