"""The reads of a delivery: the book's seals in chain order and the rows they seal.

The only module that knows how seals name their rows: by ``(table, record id)`` before
revision 0009, and also by the record's uuid (``record_uuid``) in the seals written since;
a uuid-keyed seal fingerprints the row with its uuid and site id (:data:`ledger.SITE`).
"""

from __future__ import annotations

from collections.abc import Iterator

from coopdesk.db.ledger import GENESIS, LATER, SEALED, SITE

#: Seals read per query, and ids per ``IN (...)``: memory stays flat on a large book.
CHUNK = 5000
IDS_PER_QUERY = 900


def seal_count(conn) -> int:
    """Return how many seals the chain has (the sequence number of its last seal)."""
    return int(conn.exec_driver_sql("SELECT count(*) FROM seal").scalar())


def chain_hash_at(conn, seq: int) -> str:
    """Return the chain hash after seal number *seq* (GENESIS before the first)."""
    if seq <= 0:
        return GENESIS
    row = conn.exec_driver_sql("SELECT chain_hash FROM seal WHERE id = ?", (seq,)).first()
    return row[0] if row else ""


def keyed_by_uuid(conn) -> bool:
    """Return whether this book's seals can name records by uuid (revision 0009 on)."""
    return any(r[0] == "record_uuid" for r in conn.exec_driver_sql(
        "SELECT name FROM pragma_table_info('seal')").all())


def seals_between(conn, after: int, upto: int) -> Iterator[list[tuple]]:
    """Yield chunks of (seq, table, record id, record uuid, content hash, chain hash).

    after < seq <= upto; the record uuid is None for a seal written before revision 0009.
    """
    uuid_column = "record_uuid" if keyed_by_uuid(conn) else "NULL"
    while after < upto:
        rows = [tuple(r) for r in conn.exec_driver_sql(
            f"SELECT id, entity, record_id, {uuid_column}, content_hash, chain_hash FROM seal"
            " WHERE id > ? AND id <= ? ORDER BY id LIMIT ?", (after, upto, CHUNK)).all()]
        if not rows:
            return
        yield rows
        after = rows[-1][0]


def sealed_columns(conn, table: str) -> tuple[str, ...]:
    """Return the columns a delivery carries for *table*.

    The fingerprinted ones (LATER ones when present), then the :data:`SITE` ones when
    the book has them (revision 0009 on).
    """
    present = {r[0] for r in conn.exec_driver_sql(
        "SELECT name FROM pragma_table_info(?)", (table,)).all()}
    cols = SEALED[table] + tuple(c for c in LATER.get(table, ()) if c in present)
    return cols + (SITE if all(c in present for c in SITE) else ())


def rows_by_id(conn, table: str, ids: list[int]) -> dict[int, tuple]:
    """Return the sealed columns of the rows of *table* with these ids, by id."""
    cols = sealed_columns(conn, table)
    found: dict[int, tuple] = {}
    for start in range(0, len(ids), IDS_PER_QUERY):
        part = ids[start:start + IDS_PER_QUERY]
        marks = ",".join("?" * len(part))
        for row in conn.exec_driver_sql(
                f"SELECT {', '.join(cols)} FROM {table} WHERE {cols[0]} IN ({marks})",
                tuple(part)).all():
            found[row[0]] = tuple(row)
    return found
