"""Seals on everything that carries meaning; closed months guarded by triggers.

Until now only posted money was sealed: a member's code, an attendance mark, a buyer,
a price, a setting, a closed month or an audit event could be changed with the sqlite3
shell and ``check`` saw nothing. Here those tables join the hash chain: SQL triggers
put every insert, update and delete in ``seal_pending`` (the program seals them at
commit; a delete gets a tombstone), and every row already in the book is sealed once,
as it stands, under one audit event ``seal_baseline`` that says how many of each table.

Closed months: nothing dated in one may be added, changed or deleted — workshop
sessions and their attendance, a line added to one of its sales or an input to one of
its batches, a surplus distribution approved in it, a labor rate in force over it, a
sale marked paid in it —
and the ``closed_month`` rows themselves are never changed; one is deleted only by the
program's reopen (which writes its ``reopen`` audit event first, in the same transaction).
The other tables' rows are never deleted by coopdesk, and now not from outside either.
No table is rebuilt, so the guards of 0002, 0003 and 0005 stay in place.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07 05:00:00
"""

import datetime as dt
import json

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

#: Frozen: the tables sealed from this revision on, and the column naming each row.
MASTER = {
    "member": "id",
    "workshop": "id",
    "workshop_session": "id",
    "attendance": "id",
    "buyer": "id",
    "supplier": "id",
    "product": "id",
    "product_price": "id",
    "input_item": "id",
    "setting": "rowid",
    "closed_month": "rowid",
    "audit_event": "id",
}
#: The audit trail is already append-only (0002): only its inserts are sealed.
INSERT_ONLY = ("audit_event",)
CLOSED = "coopdesk: that month is closed"


def _closed(day: str) -> str:
    return f"EXISTS (SELECT 1 FROM closed_month WHERE month = substr({day}, 1, 7))"


def _session_closed(session_id: str) -> str:
    return (
        "EXISTS (SELECT 1 FROM workshop_session s JOIN closed_month c"
        f" ON c.month = substr(s.held_on, 1, 7) WHERE s.id = {session_id})"
    )


def _seal_triggers() -> list[tuple[str, str]]:
    out = []
    for table, key in MASTER.items():
        events = ("INSERT",) if table in INSERT_ONLY else ("INSERT", "UPDATE", "DELETE")
        for event in events:
            row = "OLD" if event == "DELETE" else "NEW"
            name = f"trg_{table}_seal_{event.lower()}"
            out.append((
                name,
                f"CREATE TRIGGER {name} AFTER {event} ON {table} BEGIN"
                f" INSERT INTO seal_pending (entity, record_id) VALUES ('{table}', {row}.{key});"
                " END",
            ))
    return out


def _closed_month_triggers() -> list[tuple[str, str]]:
    reopen_in_this_operation = (
        "EXISTS (SELECT 1 FROM seal_pending p JOIN audit_event a ON a.id = p.record_id"
        " WHERE p.entity = 'audit_event' AND a.action = 'reopen' AND a.entity = 'month'"
        " AND a.entity_uuid = OLD.month)"
    )
    guards = [
        ("trg_closed_month_no_update", "BEFORE UPDATE ON closed_month", "1",
         "coopdesk: a closed month cannot be changed"),
        ("trg_closed_month_guard_delete", "BEFORE DELETE ON closed_month",
         f"NOT {reopen_in_this_operation}",
         "coopdesk: a closed month is reopened only in coopdesk, with a reason"),
        ("trg_workshop_session_closed_insert", "BEFORE INSERT ON workshop_session",
         _closed("NEW.held_on"), CLOSED),
        ("trg_workshop_session_closed_update", "BEFORE UPDATE ON workshop_session",
         f"{_closed('OLD.held_on')} OR {_closed('NEW.held_on')}", CLOSED),
        ("trg_workshop_session_closed_delete", "BEFORE DELETE ON workshop_session",
         _closed("OLD.held_on"), CLOSED),
        ("trg_attendance_closed_insert", "BEFORE INSERT ON attendance",
         _session_closed("NEW.session_id"), CLOSED),
        ("trg_attendance_closed_update", "BEFORE UPDATE ON attendance",
         f"{_session_closed('OLD.session_id')} OR {_session_closed('NEW.session_id')}", CLOSED),
        ("trg_attendance_closed_delete", "BEFORE DELETE ON attendance",
         _session_closed("OLD.session_id"), CLOSED),
        ("trg_labor_rate_closed_insert", "BEFORE INSERT ON labor_rate",
         "EXISTS (SELECT 1 FROM closed_month WHERE month >= substr(NEW.valid_from, 1, 7))",
         CLOSED),
        ("trg_sale_line_closed_insert", "BEFORE INSERT ON sale_line",
         "EXISTS (SELECT 1 FROM sale s JOIN closed_month c ON c.month = substr(s.day, 1, 7)"
         " WHERE s.id = NEW.sale_id)", CLOSED),
        ("trg_batch_input_closed_insert", "BEFORE INSERT ON batch_input",
         "EXISTS (SELECT 1 FROM production_batch b JOIN closed_month c"
         " ON c.month = substr(b.day, 1, 7) WHERE b.id = NEW.batch_id)", CLOSED),
        ("trg_surplus_distribution_closed_insert", "BEFORE INSERT ON surplus_distribution",
         _closed("NEW.approved_on"), CLOSED),
        ("trg_sale_closed_paid", "BEFORE UPDATE OF paid, paid_on ON sale",
         f"(NEW.paid IS NOT OLD.paid OR NEW.paid_on IS NOT OLD.paid_on)"
         f" AND {_closed('NEW.paid_on')}", CLOSED),
    ]
    return [
        (name, f"CREATE TRIGGER {name} {timing} WHEN {when} BEGIN"
               f" SELECT RAISE(ABORT, '{message}'); END")
        for name, timing, when, message in guards
    ]


def _no_delete_triggers() -> list[tuple[str, str]]:
    """coopdesk never deletes these rows (a member with records stays, as a former one)."""
    return [
        (f"trg_{table}_no_delete",
         f"CREATE TRIGGER trg_{table}_no_delete BEFORE DELETE ON {table} BEGIN"
         " SELECT RAISE(ABORT, 'coopdesk: these records are never deleted'); END")
        for table in MASTER
        if table not in ("closed_month", "audit_event")  # guarded above, and by 0002
    ]


def triggers() -> list[tuple[str, str]]:
    """Return (name, CREATE TRIGGER statement) for every guard of this revision."""
    return _seal_triggers() + _closed_month_triggers() + _no_delete_triggers()


def _now() -> str:
    return dt.datetime.now().replace(microsecond=0).strftime("%Y-%m-%d %H:%M:%S.%f")


def upgrade() -> None:
    from coopdesk.db.ledger import seal_everything

    bind = op.get_bind()
    already = bind.exec_driver_sql(
        "SELECT count(*) FROM seal WHERE entity IN (%s)" % ", ".join("?" * len(MASTER)),
        tuple(MASTER),
    ).scalar()
    if not already:
        # The baseline: every row as it stands now is sealed once, under one audit event
        # (itself sealed) that says so. Skipped when this revision runs again on a book
        # that already has these seals (its version put back by hand): rows changed
        # since must not be blessed.
        counts = {
            table: bind.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar()
            for table in MASTER
        }
        counts["audit_event"] += 1
        bind.exec_driver_sql(
            "INSERT INTO audit_event (at, action, entity, entity_uuid, detail, before, after,"
            " reason) VALUES (?, 'seal_baseline', 'book', '', ?, '', '', ?)",
            (
                _now(),
                json.dumps({"revision": revision, "sealed": counts}, sort_keys=True),
                "revision 0007: the rows already in the book were sealed as they stood",
            ),
        )
        seal_everything(bind, tuple(MASTER))
    for name, statement in triggers():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")  # a trigger left by hand is replaced
        op.execute(statement)


def downgrade() -> None:
    for name, _statement in triggers():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
