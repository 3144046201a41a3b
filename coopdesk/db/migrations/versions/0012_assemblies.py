"""The general assembly: sessions, attendance, agenda, agreements; records that cite them.

- ``assembly_session``: one session (number within the book, ordinary or extraordinary,
  first or second call, day, place, who presided and who took the minutes), with the
  active members and the quorum needed frozen when it was recorded. Written whole with
  its attendance, agenda and agreements, then marked ``complete``: nothing is added to a
  complete session and nothing in it changes; it is voided once with a reason.
- ``assembly_attendance``, ``assembly_agenda_item``, ``assembly_agreement``: posted with
  the session, never changed or deleted. An agreement's votes for, against and
  abstaining never add up to more than the members present, and no agreement is taken
  in a session without quorum: the triggers hold both against the sqlite3 shell.
- ``agreement_uuid`` on ``share_movement`` and ``surplus_distribution``, and
  ``admission_agreement_uuid`` / ``exit_agreement_uuid`` on ``member``: the agreement a
  record cites. Added with a plain ALTER TABLE (NULL on old rows, so their seals stay
  valid: :data:`coopdesk.db.ledger.LATER`); a share movement's citation never changes.

Written to revise 0010 and chained after 0011 at merge; it depends on nothing 0011 adds.

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

#: Frozen: the fingerprinted columns of the new posted tables at this revision.
POSTED = {
    "assembly_session": ("id", "uuid", "created_at", "voided_at", "void_reason", "number",
                         "kind", "call", "day", "place", "president_id", "secretary_id",
                         "active_members", "quorum_needed", "quorum_rule", "quorum_article",
                         "note", "complete"),
    "assembly_attendance": ("id", "uuid", "created_at", "session_id", "member_id"),
    "assembly_agenda_item": ("id", "uuid", "created_at", "session_id", "position", "text"),
    "assembly_agreement": ("id", "uuid", "created_at", "session_id", "number", "text",
                           "votes_for", "votes_against", "abstaining"),
}
CHILDREN = ("assembly_attendance", "assembly_agenda_item", "assembly_agreement")
#: Frozen: the citation columns added to existing tables.
ADDED = {
    "member": ("admission_agreement_uuid", "exit_agreement_uuid"),
    "share_movement": ("agreement_uuid",),
    "surplus_distribution": ("agreement_uuid",),
}
NO_DELETE = "coopdesk: posted records are never deleted; void them"
SESSION_FIXED = "coopdesk: a recorded assembly session cannot be changed; void it with a reason"
CHILD_FIXED = "coopdesk: what an assembly session recorded cannot be changed"
SESSION_COMPLETE = "coopdesk: that assembly session is already recorded; nothing is added to it"
TOO_MANY_VOTES = "coopdesk: the votes of an agreement cannot exceed the members present"
NO_QUORUM = "coopdesk: no agreement is taken in a session without quorum"
BAD_QUORUM = "coopdesk: a session needs a quorum of at least one member"
CITATION_FIXED = "coopdesk: the agreement a contribution cites cannot be changed"
VOID_ONCE = "OLD.voided_at IS NULL AND NEW.voided_at IS NOT NULL AND NEW.void_reason <> ''"


def _same(columns) -> str:
    return " AND ".join(f"NEW.{c} IS OLD.{c}" for c in columns)


def _present(session: str) -> str:
    return f"(SELECT count(*) FROM assembly_attendance WHERE session_id = {session})"


def triggers() -> list[tuple[str, str]]:
    """Return (name, CREATE TRIGGER statement) for every guard of this revision."""
    out = []
    for table in POSTED:
        out.append((f"trg_{table}_no_delete",
                    f"CREATE TRIGGER trg_{table}_no_delete BEFORE DELETE ON {table} BEGIN"
                    f" SELECT RAISE(ABORT, '{NO_DELETE}'); END"))
        out.append((f"trg_{table}_seal_insert",
                    f"CREATE TRIGGER trg_{table}_seal_insert AFTER INSERT ON {table} BEGIN"
                    f" INSERT INTO seal_pending (entity, record_id) VALUES ('{table}', NEW.id);"
                    " END"))
    s = "assembly_session"
    columns = POSTED[s]
    fixed = [c for c in columns if c not in ("voided_at", "void_reason", "complete")]
    # Completing (0 to 1, nothing else) or voiding a complete session once (nothing else).
    allowed = (f"({_same(fixed)} AND NEW.voided_at IS NULL AND OLD.voided_at IS NULL"
               f" AND OLD.complete = 0 AND NEW.complete = 1) OR ({_same(fixed)}"
               f" AND OLD.complete = 1 AND NEW.complete = 1 AND {VOID_ONCE})")
    out += [
        (f"trg_{s}_guard_update",
         f"CREATE TRIGGER trg_{s}_guard_update BEFORE UPDATE ON {s} WHEN NOT ({allowed})"
         f" BEGIN SELECT RAISE(ABORT, '{SESSION_FIXED}'); END"),
        (f"trg_{s}_seal_update",
         f"CREATE TRIGGER trg_{s}_seal_update AFTER UPDATE ON {s} BEGIN"
         f" INSERT INTO seal_pending (entity, record_id) VALUES ('{s}', NEW.id); END"),
        (f"trg_{s}_quorum_positive",
         f"CREATE TRIGGER trg_{s}_quorum_positive BEFORE INSERT ON {s}"
         f" WHEN NEW.quorum_needed < 1 OR NEW.complete <> 0 BEGIN"
         f" SELECT RAISE(ABORT, '{BAD_QUORUM}'); END"),
        (f"trg_{s}_site_fixed",
         f"CREATE TRIGGER trg_{s}_site_fixed BEFORE UPDATE OF uuid, site_id ON {s}"
         " WHEN NEW.uuid IS NOT OLD.uuid OR NEW.site_id IS NOT OLD.site_id BEGIN"
         " SELECT RAISE(ABORT, 'coopdesk: the uuid and the site of a record never change');"
         " END"),
    ]
    for table in CHILDREN:
        out += [
            (f"trg_{table}_no_update",
             f"CREATE TRIGGER trg_{table}_no_update BEFORE UPDATE ON {table} BEGIN"
             f" SELECT RAISE(ABORT, '{CHILD_FIXED}'); END"),
            (f"trg_{table}_session_open",
             f"CREATE TRIGGER trg_{table}_session_open BEFORE INSERT ON {table}"
             f" WHEN (SELECT complete FROM {s} WHERE id = NEW.session_id) IS NOT 0 BEGIN"
             f" SELECT RAISE(ABORT, '{SESSION_COMPLETE}'); END"),
        ]
    a = "assembly_agreement"
    out += [
        (f"trg_{a}_votes_within",
         f"CREATE TRIGGER trg_{a}_votes_within BEFORE INSERT ON {a}"
         " WHEN NEW.votes_for < 0 OR NEW.votes_against < 0 OR NEW.abstaining < 0"
         f" OR NEW.votes_for + NEW.votes_against + NEW.abstaining > {_present('NEW.session_id')}"
         f" BEGIN SELECT RAISE(ABORT, '{TOO_MANY_VOTES}'); END"),
        (f"trg_{a}_quorum",
         f"CREATE TRIGGER trg_{a}_quorum BEFORE INSERT ON {a}"
         f" WHEN {_present('NEW.session_id')} < (SELECT quorum_needed FROM {s}"
         f" WHERE id = NEW.session_id) BEGIN SELECT RAISE(ABORT, '{NO_QUORUM}'); END"),
        ("trg_share_movement_agreement_fixed",
         "CREATE TRIGGER trg_share_movement_agreement_fixed BEFORE UPDATE OF agreement_uuid"
         " ON share_movement WHEN NEW.agreement_uuid IS NOT OLD.agreement_uuid BEGIN"
         f" SELECT RAISE(ABORT, '{CITATION_FIXED}'); END"),
    ]
    return out


def utc_expression(column: str) -> str:
    """The SQL of a stamp's UTC twin, as revision 0009 writes it (frozen here)."""
    return f"strftime('%Y-%m-%dT%H:%M:%SZ', {column}, '+5 hours')"


def _record_columns() -> list[sa.Column]:
    return [sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("uuid", sa.String(length=36), nullable=False),
            sa.Column("created_at", sa.DateTime(), nullable=False)]


def _sited(bind, table: str, stamps: tuple[str, ...]) -> None:
    """Revision 0009's marks: the book's site id as default, UTC twins of the stamps."""
    site = bind.exec_driver_sql("SELECT value FROM setting WHERE key = 'site_id'").scalar()
    op.execute(f"ALTER TABLE {table} ADD COLUMN site_id VARCHAR(36) NOT NULL DEFAULT '{site}'")
    for stamp in stamps:
        twin = stamp.replace("_at", "_utc")
        op.execute(f"ALTER TABLE {table} ADD COLUMN {twin} VARCHAR"
                   f" GENERATED ALWAYS AS ({utc_expression(stamp)}) VIRTUAL")


def _create_tables(bind) -> None:
    s = "assembly_session"
    op.create_table(
        s, *_record_columns(),
        sa.Column("voided_at", sa.DateTime(), nullable=True),
        sa.Column("void_reason", sa.String(length=500), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=13), nullable=False),
        sa.Column("call", sa.String(length=6), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("president_id", sa.Integer(), nullable=False),
        sa.Column("secretary_id", sa.Integer(), nullable=False),
        sa.Column("active_members", sa.Integer(), nullable=False),
        sa.Column("quorum_needed", sa.Integer(), nullable=False),
        sa.Column("quorum_rule", sa.String(length=20), nullable=False),
        sa.Column("quorum_article", sa.String(length=120), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=False),
        sa.Column("complete", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["president_id"], ["member.id"],
                                name="fk_assembly_session_president_id_member"),
        sa.ForeignKeyConstraint(["secretary_id"], ["member.id"],
                                name="fk_assembly_session_secretary_id_member"),
        sa.PrimaryKeyConstraint("id", name="pk_assembly_session"),
        sa.UniqueConstraint("uuid", name="uq_assembly_session_uuid"),
        sa.UniqueConstraint("number", name="uq_assembly_session_number"),
    )
    _sited(bind, s, ("created_at", "voided_at"))
    op.create_index("ix_assembly_session_day", s, ["day"], unique=False)

    def child(table: str, *columns, unique: str, name: str, fks=()) -> None:
        op.create_table(
            table, *_record_columns(),
            sa.Column("session_id", sa.Integer(), nullable=False), *columns,
            sa.ForeignKeyConstraint(["session_id"], ["assembly_session.id"],
                                    name=f"fk_{table}_session_id_assembly_session"),
            *fks,
            sa.PrimaryKeyConstraint("id", name=f"pk_{table}"),
            sa.UniqueConstraint("uuid", name=f"uq_{table}_uuid"),
            sa.UniqueConstraint("session_id", unique, name=f"uq_{table}_session_{name}"),
        )
        _sited(bind, table, ("created_at",))

    child("assembly_attendance", sa.Column("member_id", sa.Integer(), nullable=False),
          unique="member_id", name="member",
          fks=(sa.ForeignKeyConstraint(["member_id"], ["member.id"],
                                       name="fk_assembly_attendance_member_id_member"),))
    child("assembly_agenda_item", sa.Column("position", sa.Integer(), nullable=False),
          sa.Column("text", sa.String(length=500), nullable=False),
          unique="position", name="position")
    child("assembly_agreement", sa.Column("number", sa.Integer(), nullable=False),
          sa.Column("text", sa.String(length=2000), nullable=False),
          sa.Column("votes_for", sa.Integer(), nullable=False),
          sa.Column("votes_against", sa.Integer(), nullable=False),
          sa.Column("abstaining", sa.Integer(), nullable=False),
          unique="number", name="number")


def upgrade() -> None:
    bind = op.get_bind()
    if not sa.inspect(bind).has_table("assembly_session"):
        _create_tables(bind)
    for table, columns in ADDED.items():
        present = {c["name"] for c in sa.inspect(bind).get_columns(table)}
        for name in columns:
            if name not in present:
                # Not batch mode: ADD COLUMN needs no rebuild, and a rebuild drops the guards.
                op.add_column(table, sa.Column(name, sa.String(length=36), nullable=True))
    for name, statement in triggers():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute(statement)


def downgrade() -> None:
    for name, _statement in triggers():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for table in (*reversed(CHILDREN), "assembly_session"):
        op.drop_table(table)
    for table, columns in ADDED.items():
        for name in columns:
            op.execute(f"ALTER TABLE {table} DROP COLUMN {name}")
