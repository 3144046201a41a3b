"""The Session of one business operation, readable by the named queries like a snapshot."""

from __future__ import annotations

from sqlmodel import Session


class OperationSession(Session):
    """A Session whose ``connection()`` flushes first (the `Reader` method queries call).

    The named queries read with plain SQL on ``connection()``; an ORM query would flush
    the operation's unsaved rows before reading, so this does too: inside an operation
    a query sees what the operation has done so far, exactly as before.
    """

    def connection(self, *args, **kwargs):
        """The operation's connection, after flushing its pending changes."""
        self._autoflush()
        return super().connection(*args, **kwargs)
