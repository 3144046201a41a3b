"""The one way a screen keeps itself current: refresh when a kind it shows has changed.

A hidden screen only remembers that it is stale and refreshes when it is next shown,
so a change costs nothing for screens nobody is looking at.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from coopdesk.gui.context import AppContext


class WatchingView(QWidget):
    """A screen that refreshes when the operation runner reports a kind in ``watch``."""

    #: The kinds of records whose change makes this screen refresh ("book" always does).
    watch: frozenset[str] = frozenset()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._stale = True
        ctx.runner.changed.connect(self._on_changed)

    def _on_changed(self, kinds: frozenset[str]) -> None:
        if kinds & self.watch or "book" in kinds:
            self._stale = True
            if self.isVisible():
                self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Reload what the screen shows from the services (and clear ``_stale``)."""
        raise NotImplementedError
