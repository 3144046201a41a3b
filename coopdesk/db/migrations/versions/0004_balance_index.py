"""A covering index for members' balances over ten years of workdays.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_workday_live_day_member_fraction",
        "workday",
        ["day", "member_id", "fraction", "voided_at"],
        unique=False,
        sqlite_where=sa.text("voided_at IS NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_workday_live_day_member_fraction", table_name="workday")
