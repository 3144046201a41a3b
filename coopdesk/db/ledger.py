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

Revision 0009 (ready for several sites) keys the chain by each record's uuid: every
sealed row carries a ``uuid`` and the book's ``site_id``, and every seal written since
names the record by ``record_uuid`` (its link hash covers the uuid, not the integer id)
and fingerprints the row with both (:data:`SITE`). Seals written before keep their
first form (``record_uuid`` NULL) and are verified as they were made; 0009 sealed every
row that still matched its last seal once more in the new form (its ``seal_rekey``
audit event), so from then on a row is verified by its newest, uuid-keyed seal.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from coopdesk.db.reader import sqlite_connection
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
    # Revision 0011: the reserve and the education fund.
    "fund_movement": (
        "id", "uuid", "created_at", "voided_at", "void_reason", "fund", "day", "direction",
        "amount", "source", "source_uuid", "note",
    ),
    # Revision 0012: the general assembly (a session is completed in the commit that
    # records it, so it is sealed once, and once more if voided).
    "assembly_session": (
        "id", "uuid", "created_at", "voided_at", "void_reason", "number", "kind", "call", "day",
        "place", "president_id", "secretary_id", "active_members", "quorum_needed",
        "quorum_rule", "quorum_article", "note", "complete",
    ),
    "assembly_attendance": ("id", "uuid", "created_at", "session_id", "member_id"),
    "assembly_agenda_item": ("id", "uuid", "created_at", "session_id", "position", "text"),
    "assembly_agreement": (
        "id", "uuid", "created_at", "session_id", "number", "text", "votes_for",
        "votes_against", "abstaining",
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

#: Revision 0009: tables that join the chain with the uuid-keyed seals only.
SINCE_SITES: dict[str, tuple[str, ...]] = {
    "payment_receipt": ("payment_id", "number"),
}

#: Every sealed table and its fingerprinted columns (the first one identifies the row).
SEALED: dict[str, tuple[str, ...]] = {**POSTED, **MASTER, **SINCE_SITES}

#: Revision 0009: the columns a uuid-keyed seal adds to every fingerprint, as one
#: trailing {name: value} object (the row's uuid and the site that made it).
SITE: tuple[str, ...] = ("uuid", "site_id")

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
#: Revision 0012: the recorded agreement a record cites.
LATER["member"] += ("admission_agreement_uuid", "exit_agreement_uuid")
LATER["share_movement"] = ("agreement_uuid",)
LATER["surplus_distribution"] = ("agreement_uuid",)
#: Revision 0013: the bylaws' articles in force when a distribution was approved.
LATER["surplus_distribution"] += ("reserve_article", "education_article")


def _columns(conn, entity: str) -> tuple[str, ...]:
    """Return the columns fingerprinted for *entity* in this book (older books lack LATER)."""
    later = LATER.get(entity)
    if not later:
        return SEALED[entity]
    raw = sqlite_connection(conn)
    present = {r[0] for r in raw.execute("SELECT name FROM pragma_table_info(?)", (entity,))}
    return SEALED[entity] + tuple(c for c in later if c in present)


def keyed_by_uuid(conn) -> bool:
    """Return True when this book's seals name records by uuid (revision 0009 on)."""
    raw = conn if isinstance(conn, sqlite3.Connection) else sqlite_connection(conn)
    return any(r[0] == "record_uuid" for r in raw.execute(
        "SELECT name FROM pragma_table_info('seal')"))


def _selected(conn, entity: str, by_uuid: bool) -> tuple[str, ...]:
    """Return the columns read for *entity*: the fingerprinted ones, then :data:`SITE`."""
    columns = _columns(conn, entity)
    return columns + SITE if by_uuid else columns


def _sealed_form(entity: str, row) -> tuple:
    """Return the values a row's fingerprint is made of (see :data:`LATER`)."""
    n = len(SEALED[entity])
    if len(row) == n or (len(row) == n + 1 and row[n] is None):
        return tuple(row[:n])  # the usual row: no later column set
    extra = {name: value for name, value in zip(LATER[entity], row[n:]) if value is not None}
    return (*row[:n], extra) if extra else tuple(row[:n])


def fingerprint(entity: str, row, by_uuid: bool = False) -> str:
    """Return the fingerprint of a row selected with :func:`_selected` (LATER values included).

    *by_uuid*: the row ends with the :data:`SITE` columns and is fingerprinted in the
    uuid-keyed form of revision 0009.
    """
    if not by_uuid:
        return content_hash(entity, _sealed_form(entity, row))
    site = dict(zip(SITE, row[-len(SITE):]))
    return content_hash(entity, (*_sealed_form(entity, row[:-len(SITE)]), site))


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
        entities = ({**POSTED, **MASTER} if master else POSTED)
        if master and keyed_by_uuid(conn):
            entities = SEALED
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


def link_hash(previous: str, entity: str, record_id: int, content: str,
              record_uuid: str | None = None) -> str:
    """Return the chain hash of a seal that follows *previous*.

    A uuid-keyed seal (revision 0009 on) links the record's uuid instead of its id.
    """
    key = record_id if record_uuid is None else record_uuid
    return hashlib.sha256(f"{previous}|{entity}|{key}|{content}".encode()).hexdigest()


def pending_mark(conn) -> int:
    """Return the last pending id now, so only rows made pending later get sealed."""
    return conn.exec_driver_sql("SELECT coalesce(max(id), 0) FROM seal_pending").scalar()


def _rows(conn, entity: str, after_id: int, by_uuid: bool) -> dict[int, tuple]:
    """Return the rows of *entity* made pending after *after_id*, by id (one query)."""
    columns = _selected(conn, entity, by_uuid)
    cols = ", ".join(columns)
    raw = sqlite_connection(conn)  # plain sqlite3 rows, as chain_problems reads them
    return {
        row[0]: row
        for row in raw.execute(
            f"SELECT {cols} FROM {entity} WHERE {columns[0]} IN"
            " (SELECT record_id FROM seal_pending WHERE id > ? AND entity = ?)",
            (after_id, entity),
        ).fetchall()
    }


def _append(conn, items: list[tuple[str, int, str | None, str]]) -> None:
    """Append seals (entity, record id, record uuid or None, content) to the chain."""
    from coopdesk.db.tables import new_uuid

    previous = conn.exec_driver_sql(
        "SELECT chain_hash FROM seal ORDER BY id DESC LIMIT 1"
    ).scalar() or GENESIS
    values = []
    for entity, record_id, record_uuid, content in items:
        previous = link_hash(previous, entity, record_id, content, record_uuid)
        values.append((entity, record_id, record_uuid, content, previous))
    if not values:
        return
    if keyed_by_uuid(conn):
        conn.exec_driver_sql(
            "INSERT INTO seal (uuid, entity, record_id, record_uuid, content_hash, chain_hash)"
            " VALUES (?, ?, ?, ?, ?, ?)", [(new_uuid(), *v) for v in values])
    else:  # a book still being upgraded to revision 0009
        conn.exec_driver_sql(
            "INSERT INTO seal (entity, record_id, content_hash, chain_hash) VALUES (?, ?, ?, ?)",
            [(e, i, c, h) for e, i, _u, c, h in values],
        )


def seal_pending(conn, after_id: int) -> int:
    """Seal the rows made pending after *after_id* (in this transaction); return how many."""
    by_uuid = keyed_by_uuid(conn)
    uuid_column = ", record_uuid" if by_uuid else ", NULL"
    pending = conn.exec_driver_sql(
        f"SELECT entity, record_id{uuid_column} FROM seal_pending WHERE id > ? ORDER BY id",
        (after_id,),
    ).all()
    if not pending:
        return 0
    order: dict[tuple[str, int], str | None] = {}
    for entity, record_id, record_uuid in pending:
        order.pop((entity, record_id), None)
        order[(entity, record_id)] = record_uuid  # the last write decides its place
    rows = {entity: _rows(conn, entity, after_id, by_uuid) for entity in {e for e, _i in order}}
    items = []
    for (entity, record_id), gone_uuid in order.items():
        row = rows[entity].get(record_id)
        if row is None:  # deleted by this operation (a reopened month): its uuid was queued
            items.append((entity, record_id, gone_uuid if by_uuid else None, TOMBSTONE))
        else:
            items.append((entity, record_id, row[-2] if by_uuid else None,
                          fingerprint(entity, row, by_uuid)))
    _append(conn, items)
    conn.exec_driver_sql("DELETE FROM seal_pending WHERE id > ?", (after_id,))
    return len(items)


def seal_everything(conn, entities: Iterable[str],
                    skip: set[tuple[str, int]] | frozenset = frozenset()) -> int:
    """Seal every row of *entities* as it stands (once, when a table joins the chain).

    A row that already has a seal (a uuid-keyed one, in a book keyed by uuid) is left
    alone, and so is every (entity, id) in *skip*: a revision run a second time (its
    version put back by hand) must not bless rows changed outside coopdesk.
    """
    by_uuid = keyed_by_uuid(conn)
    key = "record_uuid IS NOT NULL" if by_uuid else "1"
    sealed = set(conn.exec_driver_sql(f"SELECT entity, record_id FROM seal WHERE {key}").all())
    count = 0
    for entity in _present(conn, entities):
        cols = _selected(conn, entity, by_uuid)
        rows = [
            row
            for row in conn.exec_driver_sql(
                f"SELECT {', '.join(cols)} FROM {entity} ORDER BY {cols[0]}"
            ).all()
            if (entity, row[0]) not in sealed and (entity, row[0]) not in skip
        ]
        _append(conn, [(entity, row[0], row[-2] if by_uuid else None,
                        fingerprint(entity, row, by_uuid)) for row in rows])
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


@dataclass(frozen=True)
class Finding:
    """One thing wrong with the chain, for the sentences of ``check`` and for 0009's re-seal.

    *kind* is altered_seal, added, changed, resealed or deleted; *entity* and
    *record_id* name the record (the seal's, for altered_seal).
    """

    kind: str
    entity: str
    record_id: int
    seal_id: int = 0


def _seals(raw, by_uuid: bool) -> list[tuple]:
    uuid_column = "record_uuid" if by_uuid else "NULL"
    return raw.execute(
        f"SELECT id, entity, record_id, {uuid_column}, content_hash, chain_hash FROM seal"
        " ORDER BY id").fetchall()


def chain_findings(conn) -> list[Finding]:
    """Return every broken link and every record altered outside the program.

    A record is verified against its newest seal: the uuid-keyed one (revision 0009 on)
    when it has one, else the id-keyed one it had before. A row whose id has a
    uuid-keyed seal but whose uuid matches none had its uuid changed.
    """
    raw = sqlite_connection(conn)  # plain sqlite3 rows: this walks every record
    by_uuid = keyed_by_uuid(raw)
    found: list[Finding] = []
    previous = GENESIS
    by_id: dict[tuple[str, int], str] = {}
    id_times: dict[tuple[str, int], int] = {}
    by_key: dict[tuple[str, str], tuple[str, int]] = {}
    key_times: dict[tuple[str, str], int] = {}
    rekeyed: set[tuple[str, int]] = set()
    for seal_id, entity, record_id, record_uuid, content, chain in _seals(raw, by_uuid):
        if link_hash(previous, entity, record_id, content, record_uuid) != chain:
            found.append(Finding("altered_seal", entity, record_id, seal_id))
        previous = chain
        if record_uuid is None:
            by_id[(entity, record_id)] = content
            id_times[(entity, record_id)] = id_times.get((entity, record_id), 0) + 1
        else:
            by_key[(entity, record_uuid)] = (content, record_id)
            key_times[(entity, record_uuid)] = key_times.get((entity, record_uuid), 0) + 1
            rekeyed.add((entity, record_id))
    changed: set[tuple[str, int]] = set()
    for entity in _present(conn):
        cols = _selected(conn, entity, by_uuid)
        most = _most_seals(entity, cols)
        for row in raw.execute(
            f"SELECT {', '.join(cols)} FROM {entity} ORDER BY {cols[0]}"
        ).fetchall():
            record_id = row[0]
            old = by_id.pop((entity, record_id), None)
            key = (entity, row[-2]) if by_uuid else None
            if key in by_key:
                content, sealed_id = by_key.pop(key)
                times, hash_now = key_times[key], fingerprint(entity, row, True)
                if sealed_id != record_id:
                    content = None  # the row was renumbered
            elif (entity, record_id) in rekeyed:
                found.append(Finding("changed", entity, record_id))  # its uuid was changed
                changed.add((entity, record_id))
                continue
            else:
                content, times = old, id_times.get((entity, record_id), 0)
                hash_now = fingerprint(entity, row[:-len(SITE)] if by_uuid else row)
            if content is None or content == TOMBSTONE:
                found.append(Finding("added", entity, record_id))
            elif content != hash_now:
                found.append(Finding("changed", entity, record_id))
            elif most is not None and times > most(row):
                found.append(Finding("resealed", entity, record_id))
    gone = {(e, i) for (e, i), v in by_id.items() if v != TOMBSTONE and (e, i) not in rekeyed}
    gone |= {(e, i) for (e, _u), (v, i) in by_key.items()
             if v != TOMBSTONE and (e, i) not in changed}
    found.extend(Finding("deleted", e, i) for e, i in sorted(gone))
    return found


def chain_problems(conn) -> list[str]:
    """Return one sentence per broken link or per record altered outside the program."""
    sentences = {
        "added": _("{what} was added outside coopdesk"),
        "changed": _("{what} was changed outside coopdesk"),
        "resealed": _("{what} was sealed again without being voided or paid: it was changed"
                      " outside coopdesk"),
        "deleted": _("{what} was deleted outside coopdesk"),
    }
    problems = []
    for f in chain_findings(conn):
        what = describe(conn, f.entity, f.record_id)
        if f.kind == "altered_seal":
            problems.append(_("the seal {n} of the hash chain was altered ({what})").format(
                n=f.seal_id, what=what))
        else:
            problems.append(sentences[f.kind].format(what=what))
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
    return list(_stream(conn, sql, params))


def _stream(conn, sql: str, params: tuple = ()) -> Iterator[tuple]:
    """Yield the rows of *sql* one by one (a chain of ten years is 300,000 seals: never a list)."""
    if hasattr(conn, "exec_driver_sql"):
        return (tuple(row) for row in conn.exec_driver_sql(sql, params))
    return iter(conn.execute(sql, params))


def chain_head(conn) -> ChainHead:
    """Return the head of the book's chain (GENESIS and 0 for a book without seals).

    *conn* may be the book's SQLAlchemy connection, ``Book.read()``'s snapshot or a
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
        has_uuid = any(r[0] == "record_uuid" for r in _fetch(
            conn, "SELECT name FROM pragma_table_info('seal')"))
        rows = _stream(
            conn,
            f"SELECT entity, record_id, {'record_uuid' if has_uuid else 'NULL'}, content_hash"
            " FROM seal ORDER BY id LIMIT ?",
            (head.count,),
        )
        for entity, record_id, record_uuid, content in rows:
            previous = link_hash(previous, entity, record_id, content, record_uuid)
            position += 1
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
