"""An index that hands each member's whole history of workdays over in member order.

Every balance (what the cooperative owes each member, on Inicio, in the monthly report
and on statements) sums all live workdays before a month, grouped by member and
fraction. The day-first index of 0004 makes SQLite sort ten years of rows for that;
this one gives them already grouped (42 ms → 17 ms on the 10-year benchmark book).

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_workday_live_member_fraction_day",
        "workday",
        ["member_id", "fraction", "day", "voided_at"],
        unique=False,
        sqlite_where=sa.text("voided_at IS NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_workday_live_member_fraction_day", table_name="workday")
