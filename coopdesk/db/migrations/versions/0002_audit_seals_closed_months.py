"""Audit before → after, the hash chain over posted records, closed months, SQL guards.

The triggers refuse, even from the sqlite3 shell, to delete a posted record or to
change its amounts; the only changes allowed are voiding it once (with a reason)
and marking a sale paid once. Rows dated in a closed month cannot be added or voided.
Existing posted records are sealed as they stand, so an upgraded book checks clean.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 02:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

#: Frozen copy of the columns of each posted table at this revision.
POSTED = {
    "labor_rate": ("id", "uuid", "created_at", "valid_from", "rate"),
    "workday": ("id", "uuid", "created_at", "voided_at", "void_reason", "member_id", "day",
                "line", "fraction", "note"),
    "sale": ("id", "uuid", "created_at", "voided_at", "void_reason", "receipt_number", "day",
             "buyer_id", "paid", "paid_on", "reference", "total"),
    "sale_line": ("id", "sale_id", "position", "product_id", "quantity", "unit_price", "total"),
    "purchase": ("id", "uuid", "created_at", "voided_at", "void_reason", "day", "supplier_id",
                 "item_id", "quantity", "unit", "unit_price", "total", "reference"),
    "member_payment": ("id", "uuid", "created_at", "voided_at", "void_reason", "member_id", "day",
                       "amount", "received_by", "note"),
    "expense": ("id", "uuid", "created_at", "voided_at", "void_reason", "day", "category",
                "amount", "note"),
}
DATED = ("workday", "sale", "purchase", "member_payment", "expense")
APPEND_ONLY = ("audit_event", "seal")
VOID_COLUMNS = ("voided_at", "void_reason")
PAID_COLUMNS = ("paid", "paid_on")


def _same(columns) -> str:
    return " AND ".join(f"NEW.{c} IS OLD.{c}" for c in columns)


VOID_ONCE = "OLD.voided_at IS NULL AND NEW.voided_at IS NOT NULL AND NEW.void_reason <> ''"
PAID_ONCE = (
    "OLD.voided_at IS NULL AND OLD.paid = 0 AND NEW.paid = 1 AND NEW.paid_on IS NOT NULL"
)


def _allowed_update(table: str) -> str:
    columns = POSTED[table]
    if table == "sale":
        fixed = [c for c in columns if c not in VOID_COLUMNS + PAID_COLUMNS]
        return (
            f"{_same(fixed)} AND (({VOID_ONCE} AND {_same(PAID_COLUMNS)})"
            f" OR ({PAID_ONCE} AND {_same(VOID_COLUMNS)}))"
        )
    if "voided_at" in columns:
        fixed = [c for c in columns if c not in VOID_COLUMNS]
        return f"{_same(fixed)} AND {VOID_ONCE}"
    return "0"


def _closed(day: str) -> str:
    return f"EXISTS (SELECT 1 FROM closed_month WHERE month = substr({day}, 1, 7))"


def triggers() -> list[tuple[str, str]]:
    """Return (name, CREATE TRIGGER statement) for every guard of this revision."""
    out = []
    for table in POSTED:
        out.append((
            f"trg_{table}_no_delete",
            f"CREATE TRIGGER trg_{table}_no_delete BEFORE DELETE ON {table} BEGIN"
            " SELECT RAISE(ABORT, 'coopdesk: posted records are never deleted; void them');"
            " END",
        ))
        out.append((
            f"trg_{table}_guard_update",
            f"CREATE TRIGGER trg_{table}_guard_update BEFORE UPDATE ON {table}"
            f" WHEN NOT ({_allowed_update(table)}) BEGIN"
            " SELECT RAISE(ABORT, 'coopdesk: posted amounts cannot be changed; void and record"
            " again'); END",
        ))
        for event in ("INSERT", "UPDATE"):
            out.append((
                f"trg_{table}_seal_{event.lower()}",
                f"CREATE TRIGGER trg_{table}_seal_{event.lower()} AFTER {event} ON {table} BEGIN"
                f" INSERT INTO seal_pending (entity, record_id) VALUES ('{table}', NEW.id); END",
            ))
    for table in DATED:
        out.append((
            f"trg_{table}_closed_insert",
            f"CREATE TRIGGER trg_{table}_closed_insert BEFORE INSERT ON {table}"
            f" WHEN {_closed('NEW.day')} BEGIN"
            " SELECT RAISE(ABORT, 'coopdesk: that month is closed'); END",
        ))
        out.append((
            f"trg_{table}_closed_void",
            f"CREATE TRIGGER trg_{table}_closed_void BEFORE UPDATE OF voided_at ON {table}"
            f" WHEN NEW.voided_at IS NOT OLD.voided_at AND {_closed('OLD.day')} BEGIN"
            " SELECT RAISE(ABORT, 'coopdesk: that month is closed'); END",
        ))
    for table in APPEND_ONLY:
        for event in ("UPDATE", "DELETE"):
            out.append((
                f"trg_{table}_no_{event.lower()}",
                f"CREATE TRIGGER trg_{table}_no_{event.lower()} BEFORE {event} ON {table} BEGIN"
                " SELECT RAISE(ABORT, 'coopdesk: the audit trail is append-only'); END",
            ))
    return out


def upgrade() -> None:
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("before", sa.String(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("after", sa.String(), nullable=False, server_default=""))
        batch_op.add_column(
            sa.Column("reason", sa.String(length=500), nullable=False, server_default="")
        )
    op.create_table(
        "closed_month",
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=False),
        sa.PrimaryKeyConstraint("month", name=op.f("pk_closed_month")),
    )
    op.create_table(
        "seal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entity", sa.String(length=30), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("chain_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_seal")),
    )
    op.create_table(
        "seal_pending",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entity", sa.String(length=30), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_seal_pending")),
    )
    # The records already in the book are sealed as they stand, before the guards exist.
    from coopdesk.db.ledger import seal_everything

    seal_everything(op.get_bind(), POSTED)
    for _name, statement in triggers():
        op.execute(statement)


def downgrade() -> None:
    for name, _statement in triggers():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("seal_pending")
    op.drop_table("seal")
    op.drop_table("closed_month")
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_column("reason")
        batch_op.drop_column("after")
        batch_op.drop_column("before")
