"""Share capital, the register of members' agreements, and the accountant's columns.

- ``share_movement``: each member's subscriptions, payments, deductions from her pay and
  returns, posted and sealed like payments (never deleted, voided once with a reason,
  nothing added or voided in a closed month). Triggers also hold the two rules of the
  share capital against the sqlite3 shell: what she paid (cash and deductions) never
  exceeds what she subscribed, and what was returned never exceeds what she paid.
- ``member``: the agreement that admitted her and the one that recorded her exit.
- ``buyer`` / ``supplier``: the tax document (RUC or DNI) for the registers.
- ``sale`` / ``purchase``: the paper receipt's type and series-number.

The new columns are added with a plain ALTER TABLE (no rebuild keeps every guard) and
are NULL on existing rows, so their seals stay valid: the ledger fingerprints them only
when set (:data:`coopdesk.db.ledger.LATER`).

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

#: Frozen: the fingerprinted columns of the new posted table at this revision.
COLUMNS = ("id", "uuid", "created_at", "voided_at", "void_reason", "corrects_uuid",
           "member_id", "day", "kind", "amount", "agreement", "note")
#: Frozen: the columns added to existing tables.
ADDED = {
    "member": (("admission_agreement", 120), ("exit_agreement", 120)),
    "buyer": (("doc_type", 3), ("doc_number", 11)),
    "supplier": (("doc_type", 3), ("doc_number", 11)),
    "sale": (("receipt_type", 2), ("receipt_series", 20)),
    "purchase": (("receipt_type", 2), ("receipt_series", 20)),
}
VOID_ONCE = "OLD.voided_at IS NULL AND NEW.voided_at IS NOT NULL AND NEW.void_reason <> ''"
CHANGED = "coopdesk: posted amounts cannot be changed; void and record again"
CLOSED = "coopdesk: that month is closed"
OVERPAID = "coopdesk: share payments cannot exceed the subscribed capital"
OVERRETURNED = "coopdesk: a share return cannot exceed what she paid"


def _sum(member: str, kinds: str) -> str:
    return ("(SELECT coalesce(sum(amount), 0) FROM share_movement WHERE member_id = "
            f"{member} AND voided_at IS NULL AND kind IN ({kinds}))")


def _closed(day: str) -> str:
    return f"EXISTS (SELECT 1 FROM closed_month WHERE month = substr({day}, 1, 7))"


SUBSCRIBED = "'subscription'"
PAID = "'payment', 'deduction'"
RETURNED = "'return'"


def triggers() -> list[tuple[str, str]]:
    """Return (name, CREATE TRIGGER statement) for every guard of this revision."""
    return [*_guards(), (
        "trg_share_movement_site_fixed",
        "CREATE TRIGGER trg_share_movement_site_fixed BEFORE UPDATE OF uuid, site_id ON"
        " share_movement WHEN NEW.uuid IS NOT OLD.uuid OR NEW.site_id IS NOT OLD.site_id BEGIN"
        " SELECT RAISE(ABORT, 'coopdesk: the uuid and the site of a record never change');"
        " END",
    )]


def _guards() -> list[tuple[str, str]]:
    """The share capital's own guards."""
    t = "share_movement"
    fixed = " AND ".join(f"NEW.{c} IS OLD.{c}" for c in COLUMNS
                         if c not in ("voided_at", "void_reason"))
    voiding = "NEW.voided_at IS NOT NULL AND OLD.voided_at IS NULL"
    return [
        (f"trg_{t}_no_delete",
         f"CREATE TRIGGER trg_{t}_no_delete BEFORE DELETE ON {t} BEGIN"
         " SELECT RAISE(ABORT, 'coopdesk: posted records are never deleted; void them'); END"),
        (f"trg_{t}_guard_update",
         f"CREATE TRIGGER trg_{t}_guard_update BEFORE UPDATE ON {t}"
         f" WHEN NOT ({fixed} AND {VOID_ONCE}) BEGIN SELECT RAISE(ABORT, '{CHANGED}'); END"),
        (f"trg_{t}_corrects_fixed",
         f"CREATE TRIGGER trg_{t}_corrects_fixed BEFORE UPDATE OF corrects_uuid ON {t}"
         f" WHEN NEW.corrects_uuid IS NOT OLD.corrects_uuid BEGIN"
         f" SELECT RAISE(ABORT, '{CHANGED}'); END"),
        (f"trg_{t}_seal_insert",
         f"CREATE TRIGGER trg_{t}_seal_insert AFTER INSERT ON {t} BEGIN"
         f" INSERT INTO seal_pending (entity, record_id) VALUES ('{t}', NEW.id); END"),
        (f"trg_{t}_seal_update",
         f"CREATE TRIGGER trg_{t}_seal_update AFTER UPDATE ON {t} BEGIN"
         f" INSERT INTO seal_pending (entity, record_id) VALUES ('{t}', NEW.id); END"),
        (f"trg_{t}_closed_insert",
         f"CREATE TRIGGER trg_{t}_closed_insert BEFORE INSERT ON {t}"
         f" WHEN {_closed('NEW.day')} BEGIN SELECT RAISE(ABORT, '{CLOSED}'); END"),
        (f"trg_{t}_closed_void",
         f"CREATE TRIGGER trg_{t}_closed_void BEFORE UPDATE OF voided_at ON {t}"
         f" WHEN NEW.voided_at IS NOT OLD.voided_at AND {_closed('OLD.day')} BEGIN"
         f" SELECT RAISE(ABORT, '{CLOSED}'); END"),
        (f"trg_{t}_paid_within",
         f"CREATE TRIGGER trg_{t}_paid_within BEFORE INSERT ON {t}"
         f" WHEN NEW.voided_at IS NULL AND NEW.kind IN ({PAID}) AND"
         f" {_sum('NEW.member_id', PAID)} + NEW.amount > {_sum('NEW.member_id', SUBSCRIBED)}"
         f" BEGIN SELECT RAISE(ABORT, '{OVERPAID}'); END"),
        (f"trg_{t}_returned_within",
         f"CREATE TRIGGER trg_{t}_returned_within BEFORE INSERT ON {t}"
         f" WHEN NEW.voided_at IS NULL AND NEW.kind IN ({RETURNED}) AND"
         f" {_sum('NEW.member_id', RETURNED)} + NEW.amount > {_sum('NEW.member_id', PAID)}"
         f" BEGIN SELECT RAISE(ABORT, '{OVERRETURNED}'); END"),
        (f"trg_{t}_void_subscription",
         f"CREATE TRIGGER trg_{t}_void_subscription BEFORE UPDATE OF voided_at ON {t}"
         f" WHEN {voiding} AND OLD.kind IN ({SUBSCRIBED}) AND"
         f" {_sum('OLD.member_id', PAID)} > {_sum('OLD.member_id', SUBSCRIBED)} - OLD.amount"
         f" BEGIN SELECT RAISE(ABORT, '{OVERPAID}'); END"),
        (f"trg_{t}_void_payment",
         f"CREATE TRIGGER trg_{t}_void_payment BEFORE UPDATE OF voided_at ON {t}"
         f" WHEN {voiding} AND OLD.kind IN ({PAID}) AND"
         f" {_sum('OLD.member_id', RETURNED)} > {_sum('OLD.member_id', PAID)} - OLD.amount"
         f" BEGIN SELECT RAISE(ABORT, '{OVERRETURNED}'); END"),
    ]


def utc_expression(column: str) -> str:
    """The SQL of a stamp's UTC twin, as revision 0009 writes it (frozen here)."""
    return f"strftime('%Y-%m-%dT%H:%M:%SZ', {column}, '+5 hours')"


def upgrade() -> None:
    bind = op.get_bind()
    if not sa.inspect(bind).has_table("share_movement"):
        op.create_table(
            "share_movement",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("uuid", sa.String(length=36), nullable=False),
            sa.Column("created_at", sa.DateTime(), nullable=False),
            sa.Column("voided_at", sa.DateTime(), nullable=True),
            sa.Column("void_reason", sa.String(length=500), nullable=False),
            sa.Column("corrects_uuid", sa.String(length=36), nullable=True),
            sa.Column("member_id", sa.Integer(), nullable=False),
            sa.Column("day", sa.Date(), nullable=False),
            sa.Column("kind", sa.String(length=12), nullable=False),
            sa.Column("amount", sa.Integer(), nullable=False),
            sa.Column("agreement", sa.String(length=120), nullable=False),
            sa.Column("note", sa.String(length=500), nullable=False),
            sa.ForeignKeyConstraint(["member_id"], ["member.id"],
                                    name="fk_share_movement_member_id_member"),
            sa.PrimaryKeyConstraint("id", name="pk_share_movement"),
            sa.UniqueConstraint("uuid", name="uq_share_movement_uuid"),
        )
        # Revision 0009's marks of a record made at this site: the book's site id as the
        # column's default, UTC twins of the stamps, and uuid and site never changed.
        site = bind.exec_driver_sql("SELECT value FROM setting WHERE key = 'site_id'").scalar()
        op.execute("ALTER TABLE share_movement ADD COLUMN site_id VARCHAR(36) NOT NULL"
                   f" DEFAULT '{site}'")
        for stamp, twin in (("created_at", "created_utc"), ("voided_at", "voided_utc")):
            op.execute(f"ALTER TABLE share_movement ADD COLUMN {twin} VARCHAR"
                       f" GENERATED ALWAYS AS ({utc_expression(stamp)}) VIRTUAL")
        op.create_index("ix_share_movement_day", "share_movement", ["day"], unique=False)
        op.create_index("ix_share_movement_member_day", "share_movement", ["member_id", "day"],
                        unique=False)
    for table, columns in ADDED.items():
        present = {c["name"] for c in sa.inspect(bind).get_columns(table)}
        for name, length in columns:
            if name not in present:
                # Not batch mode: ADD COLUMN needs no rebuild, and a rebuild drops the guards.
                op.add_column(table, sa.Column(name, sa.String(length=length), nullable=True))
    for name, statement in triggers():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute(statement)


def downgrade() -> None:
    for name, _statement in triggers():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_index("ix_share_movement_member_day", table_name="share_movement")
    op.drop_index("ix_share_movement_day", table_name="share_movement")
    op.drop_table("share_movement")
    for table, columns in ADDED.items():
        for name, _length in columns:
            op.execute(f"ALTER TABLE {table} DROP COLUMN {name}")
