"""The surplus distribution keeps the bylaws' articles in force on the day it was approved.

Before this revision the paper of an approved distribution named the articles from
today's settings, so changing a setting changed a filed document. ``reserve_article``
and ``education_article`` are added to ``surplus_distribution`` with a plain ALTER
TABLE (no rebuild, so revision 0003's guards stay: the row is never updated, the new
columns included). Rows approved before keep NULL: the articles then in force were not
recorded, and the paper says so rather than guess. The columns are fingerprinted when
set (:data:`coopdesk.db.ledger.LATER`), so older seals verify unchanged.

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

#: Frozen: the columns this revision adds.
ADDED = ("reserve_article", "education_article")


def upgrade() -> None:
    bind = op.get_bind()
    present = {c["name"] for c in sa.inspect(bind).get_columns("surplus_distribution")}
    for name in ADDED:
        if name not in present:
            # Not batch mode: a rebuild would drop the table's guards and seal triggers.
            op.add_column("surplus_distribution",
                          sa.Column(name, sa.String(length=60), nullable=True))


def downgrade() -> None:
    for name in ADDED:
        op.execute(f"ALTER TABLE surplus_distribution DROP COLUMN {name}")
