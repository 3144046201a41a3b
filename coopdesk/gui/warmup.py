"""Loading the rest of the desk once the first screen is up, so no click waits for it.

The first screen (Inicio) reads the book through plain sqlite3 (`Book.read`), so the
window appears without SQLAlchemy, the table classes and the services behind the other
screens: about half a second of imports on the workshop laptop. Those load here, in a
background thread, right after the window is shown; then the screens' own modules load on
the GUI thread, one per idle moment, so a first visit only builds the screen.

A click that comes earlier still works: Python's import lock makes it wait for a module
being loaded, exactly as if nothing had been loaded ahead.
"""

from __future__ import annotations

import importlib

from PySide6.QtCore import QObject, QThread, QTimer, Signal

from coopdesk.gui.collector import collect_on_gui_thread

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


class _Imports(QThread):
    """Imports the modules in BACKGROUND (a module that fails is left for its screen)."""

    def run(self) -> None:
        for name in BACKGROUND:
            try:
                importlib.import_module(name)
            except Exception:  # noqa: BLE001, S112 (the screen that needs it will say why)
                continue
        try:
            from coopdesk.db.orm import prepare

            prepare()  # what the first query would do: links the table classes
        except Exception:  # noqa: BLE001, S110 (the first query will raise it again)
            pass


class Warmup(QObject):
    """The background imports, then the screens' modules one per idle moment."""

    finished = Signal()

    def __init__(self, screen_modules: list[str], then=None) -> None:
        super().__init__()
        self._screens = list(screen_modules)
        self._then = then
        self._thread = _Imports()
        self._thread.finished.connect(self._next_screen)
        self.done = False

    def start(self) -> None:
        """Begin loading (returns at once)."""
        self._thread.start()

    def _next_screen(self) -> None:
        if self._then is not None:
            then, self._then = self._then, None
            try:
                then()  # on the GUI thread: may use the book's connection
            except Exception:  # noqa: BLE001 (the first operation will report it)
                pass
        if not self._screens:
            self.done = True
            self.finished.emit()
            return
        name = self._screens.pop(0)
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 (the screen itself will report it when opened)
            pass
        QTimer.singleShot(0, self._next_screen)

    def wait(self) -> bool:
        """Wait for the background thread (Qt aborts if it is destroyed while it runs).

        No time limit: the imports always end, and quitting earlier would crash.
        """
        return self._thread.wait()


_CURRENT: Warmup | None = None


def start(screen_modules: list[str], then=None) -> Warmup:
    """Start the warm-up once per program; return it (a second call returns the first).

    *then* runs on the GUI thread once the background imports are done (the book's
    engine is made there: it talks to the book's one connection).
    """
    global _CURRENT
    if _CURRENT is None:
        collect_on_gui_thread()  # the imports allocate a lot: never collect Qt objects there
        _CURRENT = Warmup(screen_modules, then)
        _CURRENT.start()
    return _CURRENT


def current() -> Warmup | None:
    """The warm-up started by this program, if any."""
    return _CURRENT


def wait_for_warmup() -> bool:
    """Let the background imports finish before the program quits."""
    return _CURRENT is None or _CURRENT.wait()
