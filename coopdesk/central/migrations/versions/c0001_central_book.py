"""The programme's central book: programme keys, sites, deliveries, records.

Records live in one table keyed by (site, table, record id) with the row's values as
JSONB, exactly as the site sealed them: the book's tables change with its revisions,
and a row must be kept as signed (its fingerprint is recomputed from these values).
The few values the programme's month reads (days, a sale line's sale, an attendance's
session) are indexed as expressions, so a month costs the same whatever the history.

Revision ID: c0001
Revises:
"""

from alembic import op

revision = "c0001"
down_revision = None
branch_labels = None
depends_on = None

GENESIS = "0" * 64


def upgrade() -> None:
    op.execute("""
CREATE TABLE programme (
    id integer PRIMARY KEY CHECK (id = 1),
    signing_key text NOT NULL,
    public_key text NOT NULL,
    age_identity text NOT NULL,
    age_recipient text NOT NULL,
    created_utc timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE site (
    site_id text PRIMARY KEY,
    cooperative text NOT NULL,
    site_name text NOT NULL,
    public_key text NOT NULL,
    enrolled_utc timestamptz NOT NULL DEFAULT now(),
    last_seq bigint NOT NULL DEFAULT 0,
    head text NOT NULL DEFAULT '""" + GENESIS + """'
);
CREATE TABLE delivery (
    id bigserial PRIMARY KEY,
    site_id text NOT NULL REFERENCES site,
    sha256 text NOT NULL UNIQUE,
    first_seq bigint NOT NULL,
    last_seq bigint NOT NULL,
    head_after text NOT NULL,
    records bigint NOT NULL,
    received_utc timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE record (
    site_id text NOT NULL REFERENCES site,
    entity text NOT NULL,
    record_id bigint NOT NULL,
    uuid text,
    seq bigint NOT NULL,
    data jsonb NOT NULL,
    PRIMARY KEY (site_id, entity, record_id)
);
CREATE INDEX record_by_day ON record (entity, (data->>'day') COLLATE "C", site_id);
CREATE INDEX record_by_held_on ON record ((data->>'held_on') COLLATE "C")
    WHERE entity = 'workshop_session';
CREATE INDEX record_sale_lines ON record (site_id, ((data->>'sale_id')::bigint))
    WHERE entity = 'sale_line';
CREATE INDEX record_attendance ON record (site_id, ((data->>'session_id')::bigint))
    WHERE entity = 'attendance';
""")


def downgrade() -> None:
    op.execute("DROP TABLE record; DROP TABLE delivery; DROP TABLE site; DROP TABLE programme;")
