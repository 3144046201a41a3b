"""Alembic environment: always run on a connection handed over by coopdesk.db.migrate."""

from alembic import context

from coopdesk.db.tables import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,
    transactional_ddl=True,
    compare_type=True,
)
context.run_migrations()
