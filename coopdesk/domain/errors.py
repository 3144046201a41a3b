"""Errors whose message is a whole sentence for the coordinator.

The GUI shows the message next to the field named in ``field``; the CLI prints it.
Raising one of these means nothing was written.
"""

from __future__ import annotations


class CoopError(Exception):
    """A problem the person can fix; ``str(error)`` is the sentence to show."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message


class InvalidInput(CoopError):
    """A value typed or imported is not acceptable (the message says why and what to do)."""


class NotFound(CoopError):
    """The record asked for (a member code, a receipt number) is not in the book."""


class Conflict(CoopError):
    """The operation clashes with what the book already holds (duplicate, closed month...)."""


class BookError(CoopError):
    """The book file itself cannot be used (newer version, foreign file, damaged, locked)."""


class ImportRejected(CoopError):
    """A file had bad rows; ``problems`` holds one ``(line, sentence)`` per bad row shown.

    ``more`` counts the bad rows beyond those listed; ``duplicates`` how many of all the
    bad rows only look like records already in the book (importing again would accept them).
    """

    def __init__(
        self, message: str, problems: list[tuple[int, str]], *, more: int = 0, duplicates: int = 0
    ) -> None:
        super().__init__(message)
        self.problems = problems
        self.more = more
        self.duplicates = duplicates


class AlreadyImported(Conflict):
    """The very same file (same bytes) was imported before; importing it again needs consent."""
