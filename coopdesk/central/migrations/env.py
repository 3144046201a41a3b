"""Alembic environment of the central book: run on a connection handed over by central.db."""

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, transactional_ddl=True,
                  version_table="central_schema_version")
with context.begin_transaction():
    context.run_migrations()
