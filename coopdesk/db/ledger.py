"""The hash chain over every record that carries meaning: each write is sealed at commit.

SQL triggers put every inserted, updated or deleted row of a sealed table in
``seal_pending``; when a business operation commits, :func:`seal_pending` fingerprints
those rows and appends them to the chain in ``seal`` (a row the program deleted gets a
:data:`TOMBSTONE`). A row changed, added or deleted behind the program's back (the sqlite3
shell, another tool) no longer matches its last seal, and :func:`chain_problems` names
it. Only rows made pending inside the program's own transaction are sealed.

Posted records (:data:`POSTED`) are sealed since revision 0002/0003; master data, the
attendance record, settings, closed months and the audit trail (:data:`MASTER`) since
revision 0007, which sealed the rows already there once (its "baseline" audit event).

For later migrations: a batch migration that rebuilds a sealed table drops its
triggers with the old table, so it must create them again (see 0002's ``triggers()``);
a new column stays out of the fingerprint unless a migration reseals the table, or it
is listed in :data:`LATER` (fingerprinted only when set, so older seals still verify).
The triggers and indexes the head revision must have are listed in
:mod:`coopdesk.db.defences`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from coopdesk.db.record_names import describe
from coopdesk.i18n import _

GENESIS = "0" * 64

#: The posted tables and the columns that make up each record's fingerprint. Frozen:
#: a later migration that adds a column keeps it out of the fingerprint.
POSTED: dict[str, tuple[str, ...]] = {
    "labor_rate": ("id", "uuid", "created_at", "valid_from", "rate"),
    "workday": (
        "id", "uuid", "created_at", "voided_at", "void_reason", "member_id", "day", "line",
        "fraction", "note",
    ),
    "sale": (
        "id", "uuid", "created_at", "voided_at", "void_reason", "receipt_number", "day",
        "buyer_id", "paid", "paid_on", "reference", "total",
    ),
    "sale_line": ("id", "sale_id", "position", "product_id", "quantity", "unit_price", "total"),
    "purchase": (
        "id", "uuid", "created_at", "voided_at", "void_reason", "day", "supplier_id", "item_id",
        "quantity", "unit", "unit_price", "total", "reference",
    ),
    "member_payment": (
        "id", "uuid", "created_at", "voided_at", "void_reason", "member_id", "day", "amount",
        "received_by", "note",
    ),
    "expense": (
        "id", "uuid", "created_at", "voided_at", "void_reason", "day", "category", "amount",
        "note",
    ),
    # Revision 0003: production, stock counts, the surplus distribution, members' credits.
    "production_batch": (
        "id", "uuid", "created_at", "voided_at", "void_reason", "day", "product_id", "units",
        "workdays", "inputs_cost", "note",
    ),
    "batch_input": ("id", "batch_id", "position", "item_id", "quantity", "cost"),
    "stock_adjustment": (
        "id", "uuid", "created_at", "voided_at", "void_reason", "day", "item_id", "product_id",
        "expected", "counted", "difference", "reason",
    ),
    "distribution_rule": (
        "id", "uuid", "created_at", "valid_from", "reserve_percent", "education_percent", "note",
    ),
    "surplus_distribution": (
        "id", "uuid", "created_at", "year", "approved_on", "surplus", "reserve_percent",
        "education_percent", "reserve", "education", "to_members", "note",
    ),
    "member_credit": (
        "id", "uuid", "created_at", "voided_at", "void_reason", "member_id", "day", "amount",
        "kind", "distribution_id", "workdays", "note",
    ),
    # Revision 0010: members' share capital (corrects_uuid fingerprinted from the start).
    "share_movement": (
        "id", "uuid", "created_at", "voided_at", "void_reason", "corrects_uuid", "member_id",
        "day", "kind", "amount", "agreement", "note",
    ),
}

#: Revision 0007: the tables that are not posted money but carry meaning (who a member
#: is, her attendance, whom the cooperative trades with, prices, settings, which months
#: are closed, the audit trail). Frozen like :data:`POSTED`; they may be updated through
#: the program (a member's name, a setting) and are sealed again at each commit. Tables
#: keyed by text are sealed under their rowid, which coopdesk never renumbers (no VACUUM).
MASTER: dict[str, tuple[str, ...]] = {
    "member": (
        "id", "uuid", "created_at", "code", "full_name", "dni", "joined_on", "status",
        "exit_on", "role",
    ),
    "workshop": ("id", "number", "title"),
    "workshop_session": ("id", "uuid", "created_at", "workshop_id", "held_on", "facilitator",
                         "notes"),
    "attendance": ("id", "uuid", "created_at", "session_id", "member_id", "status"),
    "buyer": ("id", "uuid", "created_at", "name", "name_key"),
    "supplier": ("id", "uuid", "created_at", "name", "name_key"),
    "product": ("id", "uuid", "created_at", "name", "name_key"),
    "product_price": ("id", "uuid", "created_at", "product_id", "valid_from", "unit_price"),
    "input_item": ("id", "uuid", "created_at", "name", "name_key"),
    "setting": ("rowid", "key", "value"),
    "closed_month": ("rowid", "month", "closed_at", "note"),
    "audit_event": (
        "id", "at", "action", "entity", "entity_uuid", "detail", "before", "after", "reason",
    ),
}

#: Every sealed table and its fingerprinted columns (the first one identifies the row).
SEALED: dict[str, tuple[str, ...]] = {**POSTED, **MASTER}

#: The content of the seal of a row the program deleted (a month reopened).
TOMBSTONE = "deleted"


#: Columns added after the chain began (revision 0005: what a correction corrects). A
#: row's fingerprint includes them, as one trailing {name: value} object, only when one
#: is set: the rows sealed before they existed (all NULL) keep their fingerprints, and
#: setting or clearing one behind the program's back changes the fingerprint.
LATER: dict[str, tuple[str, ...]] = {
    entity: ("corrects_uuid",)
    for entity in ("workday", "sale", "purchase", "member_payment", "expense", "member_credit")
}
#: Revision 0010: the register's agreements, tax documents and paper receipts.
LATER["member"] = ("admission_agreement", "exit_agreement")
LATER["buyer"] = LATER["supplier"] = ("doc_type", "doc_number")
LATER["sale"] = LATER["purchase"] = ("corrects_uuid", "receipt_type", "receipt_series")


def _columns(conn, entity: str) -> tuple[str, ...]:
    """Return the columns fingerprinted for *entity* in this book (older books lack LATER)."""
    later = LATER.get(entity)
    if not later:
        return SEALED[entity]
    raw = conn.connection.driver_connection
    present = {r[0] for r in raw.execute("SELECT name FROM pragma_table_info(?)", (entity,))}
    return SEALED[entity] + tuple(c for c in later if c in present)


def _sealed_form(entity: str, row) -> tuple:
    """Return the values a row's fingerprint is made of (see :data:`LATER`)."""
    n = len(SEALED[entity])
    if len(row) == n or (len(row) == n + 1 and row[n] is None):
        return tuple(row[:n])  # the usual row: no later column set
    extra = {name: value for name, value in zip(LATER[entity], row[n:]) if value is not None}
    return (*row[:n], extra) if extra else tuple(row[:n])


def fingerprint(entity: str, row) -> str:
    """Return the fingerprint of a row selected with :func:`_columns` (LATER values included)."""
    return content_hash(entity, _sealed_form(entity, row))


def _present(conn, entities: Iterable[str] | None = None) -> list[str]:
    """Return the sealed tables this book has (an older book lacks the later ones).

    Without *entities*: every table the book's chain covers (:data:`POSTED` only
    when revision 0007's baseline is not in the chain: an older backup is checked as
    it was sealed).
    """
    rows = conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")
    names = {r[0] for r in rows}
    if entities is None:
        # Revision 0007 seals its baseline audit event first of all: without that seal
        # the book (an older backup) has only its posted records sealed. The version
        # number is not asked: it can be put back by hand, the chain cannot.
        master = "seal" in names and conn.exec_driver_sql(
            "SELECT 1 FROM seal WHERE entity = 'audit_event' LIMIT 1").first()
        entities = SEALED if master else POSTED
    return [entity for entity in entities if entity in names]


def _fingerprint_encoder() -> Callable[[list], str]:
    """Return the one encoder of fingerprints (the text that is hashed).

    It writes exactly what ``json.dumps(..., ensure_ascii=False, separators=(",", ":"),
    default=str)`` writes. json.dumps builds a new encoder at every call, which is most of
    the cost of sealing 100,000 imported rows; the C encoder is built here once instead
    (circular checks off: a row is a flat list), falling back to the same settings.
    """
    encoder = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=str)
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:
        return encoder.encode
    c_encode = make(None, str, json.encoder.encode_basestring, None, ":", ",", False, False,
                    True)
    return lambda value: "".join(c_encode(value, 0))


_ENCODE = _fingerprint_encoder()


def content_hash(entity: str, row: Iterable) -> str:
    """Return the fingerprint of one posted row as stored (SQL values, fixed column order)."""
    return hashlib.sha256(_ENCODE([entity, *row]).encode("utf-8")).hexdigest()


def link_hash(previous: str, entity: str, record_id: int, content: str) -> str:
    """Return the chain hash of a seal that follows *previous*."""
    return hashlib.sha256(f"{previous}|{entity}|{record_id}|{content}".encode()).hexdigest()


def pending_mark(conn) -> int:
    """Return the last pending id now, so only rows made pending later get sealed."""
    return conn.exec_driver_sql("SELECT coalesce(max(id), 0) FROM seal_pending").scalar()


def _rows(conn, entity: str, after_id: int) -> dict[int, tuple]:
    """Return the rows of *entity* made pending after *after_id*, by id (one query)."""
    columns = _columns(conn, entity)
    cols = ", ".join(columns)
    raw = conn.connection.driver_connection  # plain sqlite3 rows, as chain_problems reads them
    return {
        row[0]: row
        for row in raw.execute(
            f"SELECT {cols} FROM {entity} WHERE {columns[0]} IN"
            " (SELECT record_id FROM seal_pending WHERE id > ? AND entity = ?)",
            (after_id, entity),
        ).fetchall()
    }


def _append(conn, items: list[tuple[str, int, str]]) -> None:
    previous = conn.exec_driver_sql(
        "SELECT chain_hash FROM seal ORDER BY id DESC LIMIT 1"
    ).scalar() or GENESIS
    values = []
    for entity, record_id, content in items:
        previous = link_hash(previous, entity, record_id, content)
        values.append((entity, record_id, content, previous))
    if values:
        conn.exec_driver_sql(
            "INSERT INTO seal (entity, record_id, content_hash, chain_hash) VALUES (?, ?, ?, ?)",
            values,
        )


def seal_pending(conn, after_id: int) -> int:
    """Seal the rows made pending after *after_id* (in this transaction); return how many."""
    pending = conn.exec_driver_sql(
        "SELECT entity, record_id FROM seal_pending WHERE id > ? ORDER BY id", (after_id,)
    ).all()
    if not pending:
        return 0
    order: dict[tuple[str, int], None] = {}
    for entity, record_id in pending:
        order.pop((entity, record_id), None)
        order[(entity, record_id)] = None  # the last write of a record decides its place
    rows = {entity: _rows(conn, entity, after_id) for entity in {e for e, _i in order}}
    items = [
        (entity, record_id,
         fingerprint(entity, rows[entity][record_id]) if record_id in rows[entity]
         else TOMBSTONE)  # deleted by this operation (a reopened month)
        for entity, record_id in order
    ]
    _append(conn, items)
    conn.exec_driver_sql("DELETE FROM seal_pending WHERE id > ?", (after_id,))
    return len(items)


def seal_everything(conn, entities: Iterable[str]) -> int:
    """Seal every row of *entities* as it stands (once, when a table joins the chain).

    A row that already has a seal is left alone: a revision run a second time (its
    version put back by hand) must not bless rows changed outside coopdesk.
    """
    sealed = set(conn.exec_driver_sql("SELECT entity, record_id FROM seal").all())
    count = 0
    for entity in _present(conn, entities):
        cols = _columns(conn, entity)
        rows = [
            row
            for row in conn.exec_driver_sql(
                f"SELECT {', '.join(cols)} FROM {entity} ORDER BY {cols[0]}"
            ).all()
            if (entity, row[0]) not in sealed
        ]
        _append(conn, [(entity, row[0], fingerprint(entity, row)) for row in rows])
        count += len(rows)
    return count


def _most_seals(entity: str, cols: tuple[str, ...]) -> Callable[[tuple], int] | None:
    """Return how many seals a posted row may have, as a function of the row (None: any).

    The guards let coopdesk change a posted row only by voiding it once and, for a sale,
    marking it paid once; each such change seals it again. A posted row with more seals
    than that was re-sealed by someone appending to the chain — the one re-seal the
    outside anchor cannot see, because it extends the chain instead of rewriting it.
    """
    if entity not in POSTED:
        return None  # master data is updated through the program any number of times
    voided = cols.index("voided_at") if "voided_at" in cols else None
    paid = cols.index("paid") if entity == "sale" else None
    return lambda row: (1 + (voided is not None and row[voided] is not None)
                        + (paid is not None and bool(row[paid])))


def chain_problems(conn) -> list[str]:
    """Return one sentence per broken link or per record altered outside the program."""
    raw = conn.connection.driver_connection  # plain sqlite3 rows: this walks every record
    problems: list[str] = []
    previous = GENESIS
    latest: dict[tuple[str, int], str] = {}
    times: dict[tuple[str, int], int] = {}
    for seal_id, entity, record_id, content, chain in raw.execute(
        "SELECT id, entity, record_id, content_hash, chain_hash FROM seal ORDER BY id"
    ).fetchall():
        if link_hash(previous, entity, record_id, content) != chain:
            problems.append(
                _("the seal {n} of the hash chain was altered ({what})").format(
                    n=seal_id, what=describe(conn, entity, record_id))
            )
        previous = chain
        latest[(entity, record_id)] = content
        times[(entity, record_id)] = times.get((entity, record_id), 0) + 1
    for entity in _present(conn):
        cols = _columns(conn, entity)
        hash_of = fingerprint if len(cols) > len(SEALED[entity]) else content_hash
        most = _most_seals(entity, cols)
        for row in raw.execute(
            f"SELECT {', '.join(cols)} FROM {entity} ORDER BY {cols[0]}"
        ).fetchall():
            sealed = latest.pop((entity, row[0]), None)
            if sealed is None or sealed == TOMBSTONE:
                problems.append(
                    _("{what} was added outside coopdesk").format(
                        what=describe(conn, entity, row[0]))
                )
            elif sealed != hash_of(entity, row):
                problems.append(
                    _("{what} was changed outside coopdesk").format(
                        what=describe(conn, entity, row[0]))
                )
            elif most is not None and times[(entity, row[0])] > most(row):
                problems.append(
                    _("{what} was sealed again without being voided or paid: it was changed"
                      " outside coopdesk").format(what=describe(conn, entity, row[0]))
                )
    for entity, record_id in sorted(k for k, v in latest.items() if v != TOMBSTONE):
        problems.append(
            _("{what} was deleted outside coopdesk").format(
                what=describe(conn, entity, record_id))
        )
    return problems


# --- the outside anchor -------------------------------------------------------------
#
# The chain lives in the same file it protects: someone who edits a row and recomputes
# every later seal with these same functions leaves a chain that verifies. What they
# cannot change is a copy of the head taken earlier and kept elsewhere (printed on the
# monthly report and the statements, written into each backup's description). The live
# chain must still pass through that head: the seal at that position has that hash.


@dataclass(frozen=True)
class ChainHead:
    """The end of the hash chain: the last chain hash and how many seals lead to it."""

    hash: str
    count: int

    def short(self) -> str:
        """Return the printable form, e.g. ``Sello 3f9a1c0b7e21·4812`` (12 hex + count)."""
        return _("Seal {hash}·{count}").format(hash=self.hash[:12], count=self.count)


def _fetch(conn, sql: str, params: tuple = ()) -> list[tuple]:
    """Return the rows of *sql* from a SQLAlchemy connection, a book reader or plain sqlite3."""
    if hasattr(conn, "exec_driver_sql"):
        return [tuple(row) for row in conn.exec_driver_sql(sql, params)]
    return conn.execute(sql, params).fetchall()


def chain_head(conn) -> ChainHead:
    """Return the head of the book's chain (GENESIS and 0 for a book without seals).

    *conn* may be the book's SQLAlchemy connection, ``Book.read_sql()``'s reader or a
    plain ``sqlite3`` connection (a backup file opened read-only).
    """
    count = _fetch(conn, "SELECT count(*) FROM seal")[0][0]
    last = _fetch(conn, "SELECT chain_hash FROM seal ORDER BY id DESC LIMIT 1")
    return ChainHead(last[0][0] if last else GENESIS, int(count))


def anchor_problem(conn, hash: str, count: int) -> str | None:
    """Return None when the live chain extends the head (*hash*, *count*), else why not.

    The chain is recomputed from its first seal (the stored chain hashes are not
    trusted), and the hash after seal number *count* must be exactly *hash*. A book
    whose history before that point was edited and re-sealed, rebuilt or cut fails,
    even though :func:`chain_problems` alone finds its chain consistent. *hash* may
    also be the 12 (or more) hex digits printed on paper (``Sello 3f9a1c0b7e21·4812``).
    """
    head = ChainHead(hash.strip().lower(), int(count))
    if len(head.hash) < 12:
        raise ValueError("a chain head needs at least 12 hex digits")
    previous = GENESIS
    position = 0
    if head.count > 0:
        rows = _fetch(
            conn,
            "SELECT entity, record_id, content_hash FROM seal ORDER BY id LIMIT ?",
            (head.count,),
        )
        for entity, record_id, content in rows:
            previous = link_hash(previous, entity, record_id, content)
        position = len(rows)
    if position < head.count:
        return _(
            "the book has only {have} seals, fewer than the {want} of the recorded seal"
            " {short}: its history was cut or rewritten"
        ).format(have=position, want=head.count, short=head.short())
    if not previous.startswith(head.hash):
        return _(
            "the history of the book up to seal {count} was rewritten: it no longer"
            " passes through the recorded seal {short}"
        ).format(count=head.count, short=head.short())
    return None
