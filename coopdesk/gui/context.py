"""What every screen of the desk is given: the open book and the operation runner."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from coopdesk.gui.operations import OperationRunner

if TYPE_CHECKING:
    from coopdesk.services.book import Book


@dataclass
class AppContext:
    """The open book and the one operation runner; passed to every view and dialog."""

    book: Book
    runner: OperationRunner
    #: True when the book open is the demo cooperative's separate book.
    demo: bool = False
