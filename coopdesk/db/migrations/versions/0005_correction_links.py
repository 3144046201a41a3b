"""A correction says which record it corrects: ``corrects_uuid`` on the financial records.

The column is written once, when the correction is recorded, and never changed:
a trigger refuses any UPDATE that changes it, even from the sqlite3 shell. It is
added with a plain ALTER TABLE (no table rebuild), so the guards of 0002 and 0003
stay in place. Existing rows get NULL, which keeps their seals valid (the ledger
fingerprints the column only when it is set).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22 04:20:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

#: Frozen: the records a correction can point at (and be), at this revision.
CORRECTABLE = ("workday", "sale", "purchase", "member_payment", "expense", "member_credit")


def triggers() -> list[tuple[str, str]]:
    """Return (name, CREATE TRIGGER statement) for every guard of this revision."""
    return [
        (
            f"trg_{table}_corrects_fixed",
            f"CREATE TRIGGER trg_{table}_corrects_fixed BEFORE UPDATE OF corrects_uuid ON {table}"
            " WHEN NEW.corrects_uuid IS NOT OLD.corrects_uuid BEGIN"
            " SELECT RAISE(ABORT, 'coopdesk: posted amounts cannot be changed; void and record"
            " again'); END",
        )
        for table in CORRECTABLE
    ]


def upgrade() -> None:
    for table in CORRECTABLE:
        # Not batch mode: ADD COLUMN needs no rebuild, and a rebuild would drop the guards.
        op.add_column(table, sa.Column("corrects_uuid", sa.String(length=36), nullable=True))
    for _name, statement in triggers():
        op.execute(statement)


def downgrade() -> None:
    for name, _statement in triggers():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for table in CORRECTABLE:
        op.execute(f"ALTER TABLE {table} DROP COLUMN corrects_uuid")
