"""The one way a screen keeps itself current: refresh when a kind it shows has changed.

Every screen of the main window inherits this base; none connects to the runner
itself. A hidden screen only remembers that it is stale and refreshes when it is next
shown, so a change costs nothing for screens nobody is looking at. The screen also
says which row actions (Ctrl+M, Ctrl+Del…) it does, so the main window enables them
per screen without guessing from method names.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from coopdesk.domain.changes import Kind, OpChanges
from coopdesk.gui.actions import Action
from coopdesk.gui.context import AppContext


class WatchingView(QWidget):
    """A screen that refreshes when the operation runner reports a kind in ``watch``."""

    #: The kinds of records whose change makes this screen refresh (Kind.BOOK always does).
    watch: frozenset[Kind] = frozenset()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._stale = True
        ctx.runner.changed.connect(self._on_changed)

    # -- watching -----------------------------------------------------------------------

    @property
    def stale(self) -> bool:
        """True when a change it shows happened since its last refresh (or it never had one)."""
        return self._stale

    def _on_changed(self, changes: OpChanges) -> None:
        if changes.touches(self.watch):
            self._stale = True
            self.noticed(changes)
            if self.isVisible():
                self.refresh_if_stale()

    def noticed(self, changes: OpChanges) -> None:
        """Hook: a change it watches happened (before the refresh, shown or not)."""

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self.refresh_if_stale()

    def refresh_if_stale(self) -> None:
        """Refresh now when something it shows changed since the last refresh."""
        if self._stale:
            self.refresh()
            self._stale = False

    def refresh(self) -> None:
        """Reload what the screen shows from the services."""
        raise NotImplementedError

    # -- row actions --------------------------------------------------------------------

    def row_actions(self) -> dict[Action, Callable[[], object]]:
        """The screen actions this screen does: action → what does it (none by default)."""
        return {}

    def can(self, action: Action) -> bool:
        """True when this screen does *action* (the main window greys it out otherwise)."""
        return action in self.row_actions()

    def do(self, action: Action) -> None:
        """Do *action* on this screen; an action it does not do is ignored."""
        doer = self.row_actions().get(action)
        if doer is not None:
            doer()
