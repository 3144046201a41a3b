"""The cooperative's funds: the reserve and the education fund, one ledger of movements.

- ``fund_movement``: what goes into or out of each fund, posted and sealed like the share
  capital (never deleted, voided once with a reason, nothing added or voided in a closed
  month). What caused it is named: the year's distribution (its uuid), a training
  workshop session whose cost the education fund paid (its uuid), or a manual entry
  with its note.
- Triggers hold the funds' two rules against the sqlite3 shell too: nothing ever leaves
  the reserve, and no fund is ever below zero on any day (a movement out, or voiding a
  movement in, may not leave a day with a negative balance).

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

#: Frozen: the fingerprinted columns of the new posted table at this revision.
COLUMNS = ("id", "uuid", "created_at", "voided_at", "void_reason", "fund", "day",
           "direction", "amount", "source", "source_uuid", "note")
VOID_ONCE = "OLD.voided_at IS NULL AND NEW.voided_at IS NOT NULL AND NEW.void_reason <> ''"
CHANGED = "coopdesk: posted amounts cannot be changed; void and record again"
CLOSED = "coopdesk: that month is closed"
RESERVE_OUT = "coopdesk: nothing is ever paid out of the reserve fund"
BELOW_ZERO = "coopdesk: a fund is never below zero"
INVALID = "coopdesk: a fund movement needs a fund, a direction, a source and an amount above zero"


def _closed(day: str) -> str:
    return f"EXISTS (SELECT 1 FROM closed_month WHERE month = substr({day}, 1, 7))"


def _short_on_some_day(fund: str, day: str, amount: str) -> str:
    """SQL true when taking *amount* from *fund* from *day* on leaves some day below zero.

    The balance is checked on *day* and on every later day that has a movement, so an
    entry dated back cannot spend money a later payment already spent.
    """
    balance = ("(SELECT coalesce(sum(CASE m.direction WHEN 'in' THEN m.amount"
               " ELSE -m.amount END), 0) FROM fund_movement m WHERE m.voided_at IS NULL"
               f" AND m.fund = {fund} AND m.day <= d.day)")
    return (f"EXISTS (SELECT 1 FROM (SELECT {day} AS day UNION SELECT day FROM fund_movement"
            f" WHERE fund = {fund} AND voided_at IS NULL AND day > {day}) d"
            f" WHERE {balance} < {amount})")


def triggers() -> list[tuple[str, str]]:
    """Return (name, CREATE TRIGGER statement) for every guard of this revision."""
    t = "fund_movement"
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
        (f"trg_{t}_site_fixed",
         f"CREATE TRIGGER trg_{t}_site_fixed BEFORE UPDATE OF uuid, site_id ON {t}"
         " WHEN NEW.uuid IS NOT OLD.uuid OR NEW.site_id IS NOT OLD.site_id BEGIN"
         " SELECT RAISE(ABORT, 'coopdesk: the uuid and the site of a record never change');"
         " END"),
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
        (f"trg_{t}_reserve_never_out",
         f"CREATE TRIGGER trg_{t}_reserve_never_out BEFORE INSERT ON {t}"
         " WHEN NEW.fund = 'reserve' AND NEW.direction <> 'in'"
         f" BEGIN SELECT RAISE(ABORT, '{RESERVE_OUT}'); END"),
        (f"trg_{t}_out_within",
         f"CREATE TRIGGER trg_{t}_out_within BEFORE INSERT ON {t}"
         " WHEN NEW.voided_at IS NULL AND NEW.direction = 'out' AND"
         f" {_short_on_some_day('NEW.fund', 'NEW.day', 'NEW.amount')}"
         f" BEGIN SELECT RAISE(ABORT, '{BELOW_ZERO}'); END"),
        (f"trg_{t}_void_within",
         f"CREATE TRIGGER trg_{t}_void_within BEFORE UPDATE OF voided_at ON {t}"
         f" WHEN {voiding} AND OLD.direction = 'in' AND"
         f" {_short_on_some_day('OLD.fund', 'OLD.day', 'OLD.amount')}"
         f" BEGIN SELECT RAISE(ABORT, '{BELOW_ZERO}'); END"),
        # Last, so it runs first: SQLite runs a table's triggers newest first.
        (f"trg_{t}_valid",
         f"CREATE TRIGGER trg_{t}_valid BEFORE INSERT ON {t}"
         " WHEN NEW.fund NOT IN ('reserve', 'education') OR NEW.direction NOT IN ('in', 'out')"
         " OR NEW.source NOT IN ('distribution', 'workshop', 'manual')"
         " OR typeof(NEW.amount) <> 'integer' OR NEW.amount <= 0"
         f" BEGIN SELECT RAISE(ABORT, '{INVALID}'); END"),
    ]


def utc_expression(column: str) -> str:
    """The SQL of a stamp's UTC twin, as revision 0009 writes it (frozen here)."""
    return f"strftime('%Y-%m-%dT%H:%M:%SZ', {column}, '+5 hours')"


def upgrade() -> None:
    bind = op.get_bind()
    if not sa.inspect(bind).has_table("fund_movement"):
        op.create_table(
            "fund_movement",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("uuid", sa.String(length=36), nullable=False),
            sa.Column("created_at", sa.DateTime(), nullable=False),
            sa.Column("voided_at", sa.DateTime(), nullable=True),
            sa.Column("void_reason", sa.String(length=500), nullable=False),
            sa.Column("fund", sa.String(length=12), nullable=False),
            sa.Column("day", sa.Date(), nullable=False),
            sa.Column("direction", sa.String(length=3), nullable=False),
            sa.Column("amount", sa.Integer(), nullable=False),
            sa.Column("source", sa.String(length=12), nullable=False),
            sa.Column("source_uuid", sa.String(length=36), nullable=True),
            sa.Column("note", sa.String(length=500), nullable=False),
            sa.PrimaryKeyConstraint("id", name="pk_fund_movement"),
            sa.UniqueConstraint("uuid", name="uq_fund_movement_uuid"),
        )
        # Revision 0009's marks of a record made at this site: the book's site id as the
        # column's default, UTC twins of the stamps (the guard is in triggers()).
        site = bind.exec_driver_sql("SELECT value FROM setting WHERE key = 'site_id'").scalar()
        op.execute("ALTER TABLE fund_movement ADD COLUMN site_id VARCHAR(36) NOT NULL"
                   f" DEFAULT '{site}'")
        for stamp, twin in (("created_at", "created_utc"), ("voided_at", "voided_utc")):
            op.execute(f"ALTER TABLE fund_movement ADD COLUMN {twin} VARCHAR"
                       f" GENERATED ALWAYS AS ({utc_expression(stamp)}) VIRTUAL")
        op.create_index("ix_fund_movement_fund_day", "fund_movement", ["fund", "day"],
                        unique=False)
    for name, statement in triggers():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute(statement)


def downgrade() -> None:
    for name, _statement in triggers():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_index("ix_fund_movement_fund_day", table_name="fund_movement")
    op.drop_table("fund_movement")
