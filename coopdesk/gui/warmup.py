"""Loading the rest of the desk once the first screen is up, so no click waits for it.

The first screen (Inicio) reads the book through plain sqlite3 (`Book.read`), so the
window appears without SQLAlchemy, the table classes and the services behind the other
screens: about half a second of imports on the workshop laptop. Those load here, in a
background thread, right after the window is shown; then the screens' own modules load on
the GUI thread, one per idle moment, so a first visit only builds the screen.

A click that comes earlier still works: Python's import lock makes it wait for a module
being loaded, exactly as if nothing had been loaded ahead. Nothing here hides an error: a
module that fails to import ends the background job, which logs it with its traceback
(coopdesk.gui.jobs); a screen module or the engine that fails is logged the same way,
and the screen's own visit then fails loudly.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from coopdesk.gui.jobs import Job

log = logging.getLogger(__name__)

#: Modules without Qt, loaded off the GUI thread: the ORM and every service a screen calls.
BACKGROUND = (
    "sqlmodel",
    "coopdesk.db.tables",
    "coopdesk.db.ledger",
    "coopdesk.services.lookups",
    "coopdesk.services.members",
    "coopdesk.services.work",
    "coopdesk.services.workshops",
    "coopdesk.services.trade",
    "coopdesk.services.payments",
    "coopdesk.services.months",
    "coopdesk.services.production",
    "coopdesk.services.costing",
    "coopdesk.services.distribution",
    "coopdesk.services.sheets",
    "coopdesk.services.documents",
    "coopdesk.services.check",
    "coopdesk.db.queries.statements",
    "coopdesk.db.queries.sheets",
    "coopdesk.db.queries.costing",
    "coopdesk.db.queries.distribution",
    "coopdesk.backup.backup",
)


#: Qt modules the screens open on demand (the preview dialog checks the printers).
DIALOGS = ("coopdesk.gui.dialogs.document_preview", "coopdesk.gui.printing")


def load_background(step: Callable[[str], None]) -> None:
    """Import the modules in BACKGROUND (run as a job; stops between two on quitting)."""
    for name in BACKGROUND:
        step(name)
        importlib.import_module(name)
    step("mappers")
    from coopdesk.db.orm import prepare

    prepare()  # what the first query would do: links the table classes


class Warmup(QObject):
    """The background imports, then the screens' modules one per idle moment."""

    finished = Signal()

    def __init__(self, screen_modules: list[str], then=None) -> None:
        super().__init__()
        self._screens = list(screen_modules)
        self._then = then
        self.job = Job(load_background, name="warm-up")
        self.job.on_done(self._next_screen)
        self.done = False

    def start(self) -> None:
        """Begin loading (returns at once)."""
        self.job.start()

    def cancel(self) -> None:
        """Stop loading: the program is quitting (what is loaded stays loaded)."""
        self.job.cancel()
        self._screens.clear()

    def _next_screen(self) -> None:
        if self.job.cancelled:  # quitting: nothing more to prepare
            self._then = None
            self._screens.clear()
        if self._then is not None:
            then, self._then = self._then, None
            try:
                then()  # on the GUI thread: may use the book's connection
            except Exception:
                log.exception("the warm-up could not prepare the book's engine")
        if not self._screens:
            self.done = True
            self.finished.emit()
            return
        name = self._screens.pop(0)
        try:
            importlib.import_module(name)
        except Exception:
            log.exception("the warm-up could not load %s", name)
        QTimer.singleShot(0, self._next_screen)


_CURRENT: Warmup | None = None


def start(screen_modules: list[str], then=None) -> Warmup:
    """Start the warm-up once per program; return it (a second call returns the first).

    *then* runs on the GUI thread once the background imports are done (the book's
    engine is made there: it talks to the book's one connection).
    """
    global _CURRENT
    if _CURRENT is None:
        _CURRENT = Warmup(screen_modules, then)
        _CURRENT.start()
    return _CURRENT


def current() -> Warmup | None:
    """The warm-up started by this program, if any."""
    return _CURRENT


def cancel() -> None:
    """Stop the warm-up started by this program, if any (the program is quitting)."""
    if _CURRENT is not None:
        _CURRENT.cancel()
