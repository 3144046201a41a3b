"""Records keyed by (site, uuid): a record is the same record whatever its id at the site.

Issue #16 asks the central book to upsert "by (site, uuid)", as OpenMRS matches records
across sites: a void or a correction arriving in a later delivery updates the record of
the same uuid. Every sealed row carries a uuid since the site's revision 0009 (and no
delivery comes from an older book), so ``uuid`` becomes required and the primary key.
The site's integer id stays, unique per (site, table), because the site's rows point at
each other by id (a sale line's ``sale_id``) and the month's joins follow those links.

Revision ID: c0002
Revises: c0001
"""

from alembic import op

revision = "c0002"
down_revision = "c0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A row stored without its seal's uuid still has it among its values.
    op.execute("UPDATE record SET uuid = data->>'uuid' WHERE uuid IS NULL")
    op.execute("""
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM record WHERE uuid IS NULL) THEN
        RAISE EXCEPTION 'coopdesk: a record of the central book has no uuid';
    END IF;
END $$;
ALTER TABLE record DROP CONSTRAINT record_pkey;
ALTER TABLE record ALTER COLUMN uuid SET NOT NULL;
ALTER TABLE record ADD CONSTRAINT record_pkey PRIMARY KEY (site_id, uuid);
CREATE UNIQUE INDEX record_by_id ON record (site_id, entity, record_id);
""")


def downgrade() -> None:
    op.execute("""
DROP INDEX record_by_id;
ALTER TABLE record DROP CONSTRAINT record_pkey;
ALTER TABLE record ALTER COLUMN uuid DROP NOT NULL;
ALTER TABLE record ADD CONSTRAINT record_pkey PRIMARY KEY (site_id, entity, record_id);
""")
