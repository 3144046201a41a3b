"""Records found by what the coordinator calls them: a buyer, supplier or product by name.

These return the table objects themselves (not plain values): the services that look
them up go on to link new records to them in the same operation. A member is found by
code with ``db.queries.members.member_coded`` (a value: records link to her id).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coopdesk.db.reader import Statements

if TYPE_CHECKING:
    from sqlmodel import Session


def named_row(session: Session, model, key: str):
    """Return the buyer/supplier/product/input (*model*) whose name key is *key*, or None."""
    from sqlmodel import select

    return session.exec(select(model).where(model.name_key == key)).first()


def name_ids(conn: Statements, table: str) -> dict[str, int]:
    """Return name_key → id of every row of a named *table* (buyer, supplier, ...).

    On a statement runner (``session.connection()``, an import's connection), as both
    the desk's lookups and an import's chunks call it inside their operation.
    """
    return dict(conn.exec_driver_sql(
        f"SELECT name_key, id FROM {table}").all())  # noqa: S608 (a table name of ours)
