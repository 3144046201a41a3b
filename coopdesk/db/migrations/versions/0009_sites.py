"""Ready for several sites: a uuid and the site on every record, UTC stamps, uuid-keyed seals.

The books of several prisons will be put together in the programme's central book
(issue #16). Integer ids, codes and names are unique only inside one book, and stamps
were the laptop's local time. Here, in one transaction:

- every table whose rows carry meaning and had no uuid gets one (``sale_line``,
  ``batch_input``, ``workshop``, ``audit_event``, ``payment_receipt``, ``setting``,
  ``closed_month``, ``seal``), filled for the rows already there, unique, and required
  on every later insert (a trigger refuses a row without one);
- the book gets its site id (the ``site_id`` setting, made here when the book has none,
  never changed afterwards: a trigger refuses it) and every table with a uuid gets a
  ``site_id`` column whose default is that id, so every row, old and new, names its
  site; a trigger refuses changing a row's uuid or site afterwards;
- every stamp gets its UTC twin, ``created_utc``, ``voided_utc``, ``at_utc``,
  ``closed_utc``: ISO 8601 with a ``Z``, computed by SQLite from the stamp as written
  (the laptop's wall clock in Quillabamba, America/Lima: UTC−5 all year, no summer
  time). The stamp itself is not rewritten: what was recorded stays as it was;
- the hash chain is keyed by uuid: every row that still matches its last seal is
  sealed once more in the uuid-keyed form (under one ``seal_rekey`` audit event that
  says how many of each table); a row that no longer matches is left as it is, so
  ``check`` still names it. ``payment_receipt`` joins the chain.

Batch mode is not used: no table is rebuilt (rowids stay, and the rowid-keyed seals
of ``setting`` and ``closed_month`` with them). Every trigger is dropped while the
rows are filled and created again afterwards with the very statement it had, except
the delete seals (they now queue the deleted row's uuid) and the payment numbering
(it gives the receipt its uuid).

Revision ID: 0009
Revises: 0008
"""

import datetime as dt
import json
import re

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

#: Frozen: the tables that already had a uuid (the Record base, revision 0001/0003).
HAD_UUID = (
    "member", "labor_rate", "workday", "workshop_session", "attendance", "buyer", "supplier",
    "product", "product_price", "input_item", "purchase", "sale", "member_payment", "expense",
    "production_batch", "stock_adjustment", "distribution_rule", "surplus_distribution",
    "member_credit",
)
#: Frozen: the tables that get one here (with the column naming each row).
NEW_UUID = {
    "sale_line": "id", "batch_input": "id", "workshop": "id", "audit_event": "id",
    "payment_receipt": "payment_id", "setting": "rowid", "closed_month": "rowid", "seal": "id",
}
VOIDABLE = (
    "workday", "sale", "purchase", "member_payment", "expense", "production_batch",
    "stock_adjustment", "member_credit",
)
#: The book's time zone: America/Lima, UTC−5 without summer time (SQLite modifier).
TO_UTC = "'+5 hours'"
#: Stamp column → its UTC twin, per table.
STAMPS = {
    **{t: {"created_at": "created_utc"} for t in HAD_UUID},
    **{t: {"created_at": "created_utc", "voided_at": "voided_utc"} for t in VOIDABLE},
    "audit_event": {"at": "at_utc"},
    "closed_month": {"closed_at": "closed_utc"},
}
#: The master tables whose deletes are queued for a tombstone seal (revision 0007).
DELETE_SEALED = {
    "member": "id", "workshop": "id", "workshop_session": "id", "attendance": "id",
    "buyer": "id", "supplier": "id", "product": "id", "product_price": "id",
    "input_item": "id", "setting": "rowid", "closed_month": "rowid",
}
UUID_FORM = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
#: A version 4 uuid made by SQLite (for the payment receipt numbered by a trigger).
SQL_UUID = (
    "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' ||"
    " substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) ||"
    " substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))"
)


def utc_expression(column: str) -> str:
    """Return the SQL of a stamp's UTC twin (NULL when the stamp is)."""
    return f"strftime('%Y-%m-%dT%H:%M:%SZ', {column}, {TO_UTC})"


def sited_tables() -> tuple[str, ...]:
    """Return every table that has a uuid and a site from this revision on."""
    return HAD_UUID + tuple(NEW_UUID)


def triggers() -> list[tuple[str, str]]:
    """Return (name, CREATE TRIGGER statement) for the triggers this revision writes."""
    out = []
    for table in NEW_UUID:
        out.append((
            f"trg_{table}_uuid_required",
            f"CREATE TRIGGER trg_{table}_uuid_required BEFORE INSERT ON {table}"
            " WHEN NEW.uuid IS NULL BEGIN"
            " SELECT RAISE(ABORT, 'coopdesk: every record needs its uuid'); END",
        ))
    for table in sited_tables():
        out.append((
            f"trg_{table}_site_fixed",
            f"CREATE TRIGGER trg_{table}_site_fixed BEFORE UPDATE OF uuid, site_id ON {table}"
            " WHEN NEW.uuid IS NOT OLD.uuid OR NEW.site_id IS NOT OLD.site_id BEGIN"
            " SELECT RAISE(ABORT, 'coopdesk: the uuid and the site of a record never change');"
            " END",
        ))
    out.append((
        "trg_setting_site_id_fixed",
        "CREATE TRIGGER trg_setting_site_id_fixed BEFORE UPDATE ON setting"
        " WHEN OLD.key = 'site_id' AND (NEW.key IS NOT OLD.key OR NEW.value IS NOT OLD.value)"
        " BEGIN SELECT RAISE(ABORT, 'coopdesk: the site id of a book never changes'); END",
    ))
    for table, key in DELETE_SEALED.items():
        name = f"trg_{table}_seal_delete"
        out.append((
            name,
            f"CREATE TRIGGER {name} AFTER DELETE ON {table} BEGIN"
            " INSERT INTO seal_pending (entity, record_id, record_uuid)"
            f" VALUES ('{table}', OLD.{key}, OLD.uuid); END",
        ))
    out.append((
        "trg_payment_receipt_seal_insert",
        "CREATE TRIGGER trg_payment_receipt_seal_insert AFTER INSERT ON payment_receipt BEGIN"
        " INSERT INTO seal_pending (entity, record_id) VALUES ('payment_receipt',"
        " NEW.payment_id); END",
    ))
    out.append((
        "trg_member_payment_receipt_number",
        "CREATE TRIGGER trg_member_payment_receipt_number AFTER INSERT ON member_payment BEGIN"
        " INSERT INTO payment_receipt (payment_id, number, uuid) VALUES (NEW.id,"
        f" (SELECT coalesce(max(number), 0) + 1 FROM payment_receipt), {SQL_UUID}); END",
    ))
    return out


def _columns(bind, table: str) -> set[str]:
    return {r[1] for r in bind.exec_driver_sql(f"PRAGMA table_xinfo({table})")}


def _site_id(bind) -> tuple[str, int | None]:
    """Return the book's site id and, when it was made here (a new book), its rowid."""
    from coopdesk.db.tables import new_uuid
    from coopdesk.domain.errors import BookError
    from coopdesk.i18n import _

    row = bind.exec_driver_sql("SELECT value FROM setting WHERE key = 'site_id'").first()
    if row is None:
        site = new_uuid()
        made = bind.exec_driver_sql(
            "INSERT INTO setting (key, value) VALUES ('site_id', ?)", (site,)).lastrowid
        return site, made
    if not UUID_FORM.match(row[0]):
        raise BookError(_("The site id of this book ({site}) is not a uuid: it was changed"
                          " outside coopdesk. The book was not upgraded.").format(site=row[0]))
    return row[0], None


def _now() -> str:
    return dt.datetime.now().replace(microsecond=0).strftime("%Y-%m-%d %H:%M:%S.%f")


def upgrade() -> None:
    from coopdesk.db import ledger
    from coopdesk.db.tables import new_uuid

    bind = op.get_bind()
    saved = bind.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all()
    for name, _sql in saved:
        op.execute(f"DROP TRIGGER {name}")
    site, made = _site_id(bind)
    # Each step is skipped when already done: the revision may run again after its
    # version was put back by hand (and a table an older revision made again).
    for table, key in NEW_UUID.items():
        if "uuid" in _columns(bind, table):
            continue
        op.execute(f"ALTER TABLE {table} ADD COLUMN uuid VARCHAR(36)")
        keys = [r[0] for r in bind.exec_driver_sql(f"SELECT {key} FROM {table}")]
        if keys:
            bind.exec_driver_sql(f"UPDATE {table} SET uuid = ? WHERE {key} = ?",
                                 [(new_uuid(), k) for k in keys])
        op.execute(f"CREATE UNIQUE INDEX ix_{table}_uuid ON {table} (uuid)")
    for table in sited_tables():
        if "site_id" not in _columns(bind, table):
            op.execute(f"ALTER TABLE {table} ADD COLUMN site_id VARCHAR(36) NOT NULL"
                       f" DEFAULT '{site}'")
    for table, stamps in STAMPS.items():
        for stamp, twin in stamps.items():
            if twin not in _columns(bind, table):
                op.execute(f"ALTER TABLE {table} ADD COLUMN {twin} VARCHAR"
                           f" GENERATED ALWAYS AS ({utc_expression(stamp)}) VIRTUAL")
    for table in ("seal", "seal_pending"):
        if "record_uuid" not in _columns(bind, table):
            op.execute(f"ALTER TABLE {table} ADD COLUMN record_uuid VARCHAR(36)")

    # The sealed tables this book has at this revision (a later one adds more).
    sealed_here = tuple(t for t in ledger.SEALED if _columns(bind, t))
    # The chain, verified as it stands; every row that still matches is sealed again,
    # keyed by its uuid (once: a row with a uuid-keyed seal is left alone). The others
    # keep only their old seal, which they fail, so check still names them.
    broken = {(f.entity, f.record_id) for f in ledger.chain_findings(bind)
              if f.kind in ("added", "changed", "resealed")
              and f.entity not in ledger.SINCE_SITES} - {("setting", made)}
    if not bind.exec_driver_sql(
            "SELECT 1 FROM audit_event WHERE action = 'seal_rekey' LIMIT 1").first():
        counts = {
            table: bind.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar()
            for table in sealed_here
        }
        counts["audit_event"] += 1
        bind.exec_driver_sql(
            "INSERT INTO audit_event (uuid, at, action, entity, entity_uuid, detail, before,"
            " after, reason) VALUES (?, ?, 'seal_rekey', 'book', ?, ?, '', '', ?)",
            (
                new_uuid(), _now(), site,
                json.dumps({"revision": revision, "site_id": site, "sealed": counts,
                            "left_unsealed": len(broken)}, sort_keys=True),
                "revision 0009: the records were sealed again keyed by their uuid",
            ),
        )
    ledger.seal_everything(bind, sealed_here, skip=broken)

    replaced = dict(triggers())
    for name, sql in saved:
        if name not in replaced:
            op.execute(sql)
    for _name, statement in replaced.items():
        op.execute(statement)


def _older_triggers() -> list[str]:
    """Return the statements this revision replaced, as revisions 0007 and 0008 wrote them."""
    out = [
        f"CREATE TRIGGER trg_{table}_seal_delete AFTER DELETE ON {table} BEGIN"
        f" INSERT INTO seal_pending (entity, record_id) VALUES ('{table}', OLD.{key}); END"
        for table, key in DELETE_SEALED.items()
    ]
    out.append(
        "CREATE TRIGGER trg_member_payment_receipt_number AFTER INSERT ON member_payment BEGIN"
        " INSERT INTO payment_receipt (payment_id, number) VALUES (NEW.id,"
        " (SELECT coalesce(max(number), 0) + 1 FROM payment_receipt)); END")
    return out


def downgrade() -> None:
    """Take the columns away again (for development: the book keeps only its older seals).

    The uuid-keyed seals go with ``record_uuid``: records written since the upgrade are
    then reported by ``check`` as added outside coopdesk. A real book is never downgraded;
    the copy made before the upgrade is restored instead.
    """
    bind = op.get_bind()
    mine = dict(triggers())
    saved = bind.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all()
    for name, _sql in saved:
        op.execute(f"DROP TRIGGER {name}")
    op.execute("DELETE FROM seal WHERE record_uuid IS NOT NULL")
    op.execute("DELETE FROM seal_pending")
    for table, stamps in STAMPS.items():
        for twin in stamps.values():
            op.execute(f"ALTER TABLE {table} DROP COLUMN {twin}")
    for table in sited_tables():
        op.execute(f"ALTER TABLE {table} DROP COLUMN site_id")
    for table in NEW_UUID:
        op.execute(f"DROP INDEX ix_{table}_uuid")
        op.execute(f"ALTER TABLE {table} DROP COLUMN uuid")
    op.execute("ALTER TABLE seal DROP COLUMN record_uuid")
    op.execute("ALTER TABLE seal_pending DROP COLUMN record_uuid")
    for name, sql in saved:
        if name not in mine:
            op.execute(sql)
    for sql in _older_triggers():
        op.execute(sql)
