"""The Respaldo screen's anchor line, checked off the GUI thread (one check at a time).

Whether the book still extends the chain head kept in the newest copy is found by
recomputing the whole hash chain (``coopdesk.backup.anchor``): about a second on a
ten-year book. Run on the GUI thread, every refresh of the screen froze the window that
long; here it runs as a ``Job`` while the line says "Checking the book…", and the verdict
replaces it when it comes back. A refresh while a check runs waits for it and then
checks again (never two at once, never a stale verdict shown over a newer question).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel

from coopdesk.gui.context import AppContext
from coopdesk.gui.jobs import Job, error_sentence
from coopdesk.gui.views.backup_copies import anchor_verdict
from coopdesk.i18n import _

#: "Nothing asked yet" (None is a real question: no copy, nothing to say).
_NOTHING = object()
QUIET_STYLE = "color: #555;"


class AnchorCheck(QObject):
    """Fills *label* with the anchor verdict for the newest copy, computed in a job."""

    #: Emitted once a verdict (or its failure) is shown on the label.
    shown = Signal()

    def __init__(self, ctx: AppContext, label: QLabel, ok_style: str, error_style: str
                 ) -> None:
        super().__init__(label)
        self.ctx = ctx
        self.label = label
        self.styles = {True: ok_style, None: QUIET_STYLE, False: error_style}
        #: The check running, if any (kept until it ends).
        self.job: Job | None = None
        self._next: object = _NOTHING  # the newest copy asked about while a check ran

    def check(self, newest: Path | None) -> None:
        """Check the book against *newest* (None: no copy, the line is emptied)."""
        if self.job is not None:  # one check at a time: this one follows it
            self._next = newest
            return
        if newest is None:
            self._show("", None)
            self.shown.emit()
            return
        self._show(_("Checking the book…"), None)
        book = self.ctx.book
        job = Job(lambda _step: anchor_verdict(book, newest), name="anchor check")
        job.done.connect(self._checked)  # not called once the screen is gone
        self.job = job
        job.start()

    def _checked(self) -> None:
        job, self.job = self.job, None
        if self._next is not _NOTHING:  # asked again meanwhile: that answer is the one shown
            newest, self._next = self._next, _NOTHING
            self.check(newest)
            return
        if job.error is not None:  # logged by the job; said here in its sentence
            self._show(error_sentence(job.error), None)
        else:
            self._show(*job.result)
        self.shown.emit()

    def _show(self, text: str, ok: bool | None) -> None:
        self.label.setText(text)
        self.label.setStyleSheet(self.styles[ok])
