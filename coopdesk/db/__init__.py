"""The book on disk: SQLite through SQLModel/SQLAlchemy, versioned by Alembic."""
