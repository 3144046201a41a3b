"""Production batches, stock counts, the surplus distribution and members' credits.

The new posted tables get the same SQL guards as revision 0002 (never deleted,
amounts never changed, voided once with a reason, nothing added or voided in a
closed month) and join the hash chain. They start empty, so nothing is sealed here.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 02:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

#: Frozen copy of the columns of each posted table added at this revision.
POSTED = {
    "production_batch": ("id", "uuid", "created_at", "voided_at", "void_reason", "day",
                         "product_id", "units", "workdays", "inputs_cost", "note"),
    "batch_input": ("id", "batch_id", "position", "item_id", "quantity", "cost"),
    "stock_adjustment": ("id", "uuid", "created_at", "voided_at", "void_reason", "day",
                         "item_id", "product_id", "expected", "counted", "difference", "reason"),
    "distribution_rule": ("id", "uuid", "created_at", "valid_from", "reserve_percent",
                          "education_percent", "note"),
    "surplus_distribution": ("id", "uuid", "created_at", "year", "approved_on", "surplus",
                             "reserve_percent", "education_percent", "reserve", "education",
                             "to_members", "note"),
    "member_credit": ("id", "uuid", "created_at", "voided_at", "void_reason", "member_id", "day",
                      "amount", "kind", "distribution_id", "workdays", "note"),
}
DATED = ("production_batch", "stock_adjustment", "member_credit")
VOID_COLUMNS = ("voided_at", "void_reason")
VOID_ONCE = "OLD.voided_at IS NULL AND NEW.voided_at IS NOT NULL AND NEW.void_reason <> ''"


def _same(columns) -> str:
    return " AND ".join(f"NEW.{c} IS OLD.{c}" for c in columns)


def _allowed_update(table: str) -> str:
    columns = POSTED[table]
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
    return out


def upgrade() -> None:
    op.create_table('distribution_rule',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('reserve_percent', sa.Integer(), nullable=False),
    sa.Column('education_percent', sa.Integer(), nullable=False),
    sa.Column('note', sa.String(length=500), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_distribution_rule')),
    sa.UniqueConstraint('uuid', name=op.f('uq_distribution_rule_uuid')),
    sa.UniqueConstraint('valid_from', name=op.f('uq_distribution_rule_valid_from'))
    )
    op.create_table('surplus_distribution',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('approved_on', sa.Date(), nullable=False),
    sa.Column('surplus', sa.Integer(), nullable=False),
    sa.Column('reserve_percent', sa.Integer(), nullable=False),
    sa.Column('education_percent', sa.Integer(), nullable=False),
    sa.Column('reserve', sa.Integer(), nullable=False),
    sa.Column('education', sa.Integer(), nullable=False),
    sa.Column('to_members', sa.Integer(), nullable=False),
    sa.Column('note', sa.String(length=500), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_surplus_distribution')),
    sa.UniqueConstraint('uuid', name=op.f('uq_surplus_distribution_uuid')),
    sa.UniqueConstraint('year', name=op.f('uq_surplus_distribution_year'))
    )
    op.create_table('member_credit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('voided_at', sa.DateTime(), nullable=True),
    sa.Column('void_reason', sa.String(length=500), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('amount', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('distribution_id', sa.Integer(), nullable=True),
    sa.Column('workdays', sa.Integer(), nullable=False),
    sa.Column('note', sa.String(length=500), nullable=False),
    sa.ForeignKeyConstraint(['distribution_id'], ['surplus_distribution.id'], name=op.f('fk_member_credit_distribution_id_surplus_distribution')),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_member_credit_member_id_member')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_member_credit')),
    sa.UniqueConstraint('uuid', name=op.f('uq_member_credit_uuid'))
    )
    with op.batch_alter_table('member_credit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_member_credit_day'), ['day'], unique=False)
        batch_op.create_index('ix_member_credit_member_day', ['member_id', 'day'], unique=False)

    op.create_table('production_batch',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('voided_at', sa.DateTime(), nullable=True),
    sa.Column('void_reason', sa.String(length=500), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('units', sa.Integer(), nullable=False),
    sa.Column('workdays', sa.Integer(), nullable=False),
    sa.Column('inputs_cost', sa.Integer(), nullable=False),
    sa.Column('note', sa.String(length=500), nullable=False),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'], name=op.f('fk_production_batch_product_id_product')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_production_batch')),
    sa.UniqueConstraint('uuid', name=op.f('uq_production_batch_uuid'))
    )
    with op.batch_alter_table('production_batch', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_production_batch_day'), ['day'], unique=False)
        batch_op.create_index(batch_op.f('ix_production_batch_product_id'), ['product_id'], unique=False)

    op.create_table('stock_adjustment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('voided_at', sa.DateTime(), nullable=True),
    sa.Column('void_reason', sa.String(length=500), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=True),
    sa.Column('product_id', sa.Integer(), nullable=True),
    sa.Column('expected', sa.Integer(), nullable=False),
    sa.Column('counted', sa.Integer(), nullable=False),
    sa.Column('difference', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=500), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['input_item.id'], name=op.f('fk_stock_adjustment_item_id_input_item')),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'], name=op.f('fk_stock_adjustment_product_id_product')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stock_adjustment')),
    sa.UniqueConstraint('uuid', name=op.f('uq_stock_adjustment_uuid'))
    )
    with op.batch_alter_table('stock_adjustment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stock_adjustment_day'), ['day'], unique=False)

    op.create_table('batch_input',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('cost', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['production_batch.id'], name=op.f('fk_batch_input_batch_id_production_batch')),
    sa.ForeignKeyConstraint(['item_id'], ['input_item.id'], name=op.f('fk_batch_input_item_id_input_item')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_batch_input'))
    )
    with op.batch_alter_table('batch_input', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_batch_input_batch_id'), ['batch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_batch_input_item_id'), ['item_id'], unique=False)

    for _name, statement in triggers():
        op.execute(statement)


def downgrade() -> None:
    for name, _statement in triggers():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for table in ("batch_input", "stock_adjustment", "production_batch", "member_credit",
                  "surplus_distribution", "distribution_rule"):
        op.drop_table(table)
