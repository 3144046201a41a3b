"""The first book: members, workdays, workshops, trade, payments, expenses, audit.

Column types are plain SQL here (integers for céntimos, thousandths and
ten-thousandths) so this file never changes when the program's types do.

Revision ID: 0001
Revises:
Create Date: 2026-11-22 01:36:38.844264
"""

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table('audit_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('action', sa.String(length=30), nullable=False),
    sa.Column('entity', sa.String(length=30), nullable=False),
    sa.Column('entity_uuid', sa.String(length=36), nullable=False),
    sa.Column('detail', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_event'))
    )
    op.create_table('buyer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('name_key', sa.String(length=120), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_buyer')),
    sa.UniqueConstraint('name_key', name=op.f('uq_buyer_name_key')),
    sa.UniqueConstraint('uuid', name=op.f('uq_buyer_uuid'))
    )
    op.create_table('expense',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('voided_at', sa.DateTime(), nullable=True),
    sa.Column('void_reason', sa.String(length=500), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('category', sa.String(length=60), nullable=False),
    sa.Column('amount', sa.Integer(), nullable=False),
    sa.Column('note', sa.String(length=500), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_expense')),
    sa.UniqueConstraint('uuid', name=op.f('uq_expense_uuid'))
    )
    with op.batch_alter_table('expense', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_expense_day'), ['day'], unique=False)

    op.create_table('input_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('name_key', sa.String(length=120), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_input_item')),
    sa.UniqueConstraint('name_key', name=op.f('uq_input_item_name_key')),
    sa.UniqueConstraint('uuid', name=op.f('uq_input_item_uuid'))
    )
    op.create_table('labor_rate',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('rate', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_labor_rate')),
    sa.UniqueConstraint('uuid', name=op.f('uq_labor_rate_uuid')),
    sa.UniqueConstraint('valid_from', name=op.f('uq_labor_rate_valid_from'))
    )
    op.create_table('member',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('full_name', sa.String(length=120), nullable=False),
    sa.Column('dni', sa.String(length=8), nullable=False),
    sa.Column('joined_on', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('exit_on', sa.Date(), nullable=True),
    sa.Column('role', sa.String(length=120), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_member')),
    sa.UniqueConstraint('code', name=op.f('uq_member_code')),
    sa.UniqueConstraint('uuid', name=op.f('uq_member_uuid'))
    )
    op.create_table('product',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('name_key', sa.String(length=120), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_product')),
    sa.UniqueConstraint('name_key', name=op.f('uq_product_name_key')),
    sa.UniqueConstraint('uuid', name=op.f('uq_product_uuid'))
    )
    op.create_table('setting',
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('value', sa.String(length=2000), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_setting'))
    )
    op.create_table('supplier',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('name_key', sa.String(length=120), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supplier')),
    sa.UniqueConstraint('name_key', name=op.f('uq_supplier_name_key')),
    sa.UniqueConstraint('uuid', name=op.f('uq_supplier_uuid'))
    )
    op.create_table('workshop',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workshop')),
    sa.UniqueConstraint('number', name=op.f('uq_workshop_number'))
    )
    op.create_table('member_payment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('voided_at', sa.DateTime(), nullable=True),
    sa.Column('void_reason', sa.String(length=500), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('amount', sa.Integer(), nullable=False),
    sa.Column('received_by', sa.String(length=120), nullable=False),
    sa.Column('note', sa.String(length=500), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_member_payment_member_id_member')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_member_payment')),
    sa.UniqueConstraint('uuid', name=op.f('uq_member_payment_uuid'))
    )
    with op.batch_alter_table('member_payment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_member_payment_day'), ['day'], unique=False)
        batch_op.create_index('ix_member_payment_member_day', ['member_id', 'day'], unique=False)

    op.create_table('product_price',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('unit_price', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'], name=op.f('fk_product_price_product_id_product')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_product_price')),
    sa.UniqueConstraint('product_id', 'valid_from', name='uq_price_product_day'),
    sa.UniqueConstraint('uuid', name=op.f('uq_product_price_uuid'))
    )
    op.create_table('purchase',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('voided_at', sa.DateTime(), nullable=True),
    sa.Column('void_reason', sa.String(length=500), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('supplier_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('unit', sa.String(length=20), nullable=False),
    sa.Column('unit_price', sa.Integer(), nullable=False),
    sa.Column('total', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=60), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['input_item.id'], name=op.f('fk_purchase_item_id_input_item')),
    sa.ForeignKeyConstraint(['supplier_id'], ['supplier.id'], name=op.f('fk_purchase_supplier_id_supplier')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_purchase')),
    sa.UniqueConstraint('uuid', name=op.f('uq_purchase_uuid'))
    )
    with op.batch_alter_table('purchase', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_purchase_day'), ['day'], unique=False)
        batch_op.create_index('uq_purchase_supplier_reference', ['supplier_id', 'reference'], unique=True, sqlite_where=sa.text("reference <> '' AND voided_at IS NULL"))

    op.create_table('sale',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('voided_at', sa.DateTime(), nullable=True),
    sa.Column('void_reason', sa.String(length=500), nullable=False),
    sa.Column('receipt_number', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('buyer_id', sa.Integer(), nullable=False),
    sa.Column('paid', sa.Boolean(), nullable=False),
    sa.Column('paid_on', sa.Date(), nullable=True),
    sa.Column('reference', sa.String(length=60), nullable=False),
    sa.Column('total', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['buyer_id'], ['buyer.id'], name=op.f('fk_sale_buyer_id_buyer')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sale')),
    sa.UniqueConstraint('receipt_number', name=op.f('uq_sale_receipt_number')),
    sa.UniqueConstraint('uuid', name=op.f('uq_sale_uuid'))
    )
    with op.batch_alter_table('sale', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sale_buyer_id'), ['buyer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sale_day'), ['day'], unique=False)
        batch_op.create_index('uq_sale_reference', ['reference'], unique=True, sqlite_where=sa.text("reference <> '' AND voided_at IS NULL"))

    op.create_table('workday',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('voided_at', sa.DateTime(), nullable=True),
    sa.Column('void_reason', sa.String(length=500), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('line', sa.String(length=12), nullable=False),
    sa.Column('fraction', sa.Integer(), nullable=False),
    sa.Column('note', sa.String(length=500), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_workday_member_id_member')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workday')),
    sa.UniqueConstraint('uuid', name=op.f('uq_workday_uuid'))
    )
    with op.batch_alter_table('workday', schema=None) as batch_op:
        batch_op.create_index('ix_workday_day_member', ['day', 'member_id'], unique=False)
        batch_op.create_index('uq_workday_member_day_line', ['member_id', 'day', 'line'], unique=True, sqlite_where=sa.text('voided_at IS NULL'))

    op.create_table('workshop_session',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('facilitator', sa.String(length=120), nullable=False),
    sa.Column('notes', sa.String(length=500), nullable=False),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshop.id'], name=op.f('fk_workshop_session_workshop_id_workshop')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workshop_session')),
    sa.UniqueConstraint('uuid', name=op.f('uq_workshop_session_uuid')),
    sa.UniqueConstraint('workshop_id', 'held_on', name='uq_session_workshop_day')
    )
    with op.batch_alter_table('workshop_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workshop_session_held_on'), ['held_on'], unique=False)

    op.create_table('attendance',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_attendance_member_id_member')),
    sa.ForeignKeyConstraint(['session_id'], ['workshop_session.id'], name=op.f('fk_attendance_session_id_workshop_session')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attendance')),
    sa.UniqueConstraint('session_id', 'member_id', name='uq_attendance_session'),
    sa.UniqueConstraint('uuid', name=op.f('uq_attendance_uuid'))
    )
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attendance_member_id'), ['member_id'], unique=False)

    op.create_table('sale_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sale_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('unit_price', sa.Integer(), nullable=False),
    sa.Column('total', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'], name=op.f('fk_sale_line_product_id_product')),
    sa.ForeignKeyConstraint(['sale_id'], ['sale.id'], name=op.f('fk_sale_line_sale_id_sale')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sale_line'))
    )
    with op.batch_alter_table('sale_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sale_line_sale_id'), ['sale_id'], unique=False)




def downgrade() -> None:

    with op.batch_alter_table('sale_line', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sale_line_sale_id'))

    op.drop_table('sale_line')
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attendance_member_id'))

    op.drop_table('attendance')
    with op.batch_alter_table('workshop_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_workshop_session_held_on'))

    op.drop_table('workshop_session')
    with op.batch_alter_table('workday', schema=None) as batch_op:
        batch_op.drop_index('uq_workday_member_day_line', sqlite_where=sa.text('voided_at IS NULL'))
        batch_op.drop_index('ix_workday_day_member')

    op.drop_table('workday')
    with op.batch_alter_table('sale', schema=None) as batch_op:
        batch_op.drop_index('uq_sale_reference', sqlite_where=sa.text("reference <> '' AND voided_at IS NULL"))
        batch_op.drop_index(batch_op.f('ix_sale_day'))
        batch_op.drop_index(batch_op.f('ix_sale_buyer_id'))

    op.drop_table('sale')
    with op.batch_alter_table('purchase', schema=None) as batch_op:
        batch_op.drop_index('uq_purchase_supplier_reference', sqlite_where=sa.text("reference <> '' AND voided_at IS NULL"))
        batch_op.drop_index(batch_op.f('ix_purchase_day'))

    op.drop_table('purchase')
    op.drop_table('product_price')
    with op.batch_alter_table('member_payment', schema=None) as batch_op:
        batch_op.drop_index('ix_member_payment_member_day')
        batch_op.drop_index(batch_op.f('ix_member_payment_day'))

    op.drop_table('member_payment')
    op.drop_table('workshop')
    op.drop_table('supplier')
    op.drop_table('setting')
    op.drop_table('product')
    op.drop_table('member')
    op.drop_table('labor_rate')
    op.drop_table('input_item')
    with op.batch_alter_table('expense', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_expense_day'))

    op.drop_table('expense')
    op.drop_table('buyer')
    op.drop_table('audit_event')

