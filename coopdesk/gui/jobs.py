"""The desk's one way to do slow work off the GUI thread: a Job, its steps, its end.

Backups and restores, the home screen's chart, documents being prepared and the
warm-up imports all run as a ``Job`` (as Vorta's JobsManager runs every borg
command). A job calls ``fn(step)``: ``step(name)`` reports progress (the name reaches
``on_step`` callbacks on the GUI thread) and raises ``JobCancelled`` once the job was
asked to stop — so a job stops between two steps, never in the middle of one. The
result or the error is kept and ``on_done`` callbacks run on the GUI thread. An error
is never swallowed: it is logged with its traceback when the job ends, and
``error_sentence`` gives the Spanish sentence a screen shows for it.

Every running job is kept here until it ends (Qt aborts when a running QThread object
is destroyed), and ``wait_for_jobs`` lets them all finish before the program quits.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QEventLoop, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from coopdesk.domain.errors import CoopError
from coopdesk.gui.collector import collect_on_gui_thread
from coopdesk.i18n import _

log = logging.getLogger(__name__)

#: Jobs still running (kept alive until they finish).
_RUNNING: set[Job] = set()


class JobCancelled(Exception):
    """Raised by a job's step hook once the job was asked to stop."""


class Job(QThread):
    """Runs ``fn(step)`` off the GUI thread; reports each step; keeps the result or error.

    ``stepped`` and ``finished`` reach the callbacks on the GUI thread (this object
    lives there, so Qt queues them).
    """

    stepped = Signal(str)
    #: Emitted on the GUI thread once the job ended and its error, if any, was logged.
    #: Connect a widget's slot here (not ``on_done``) when the widget may be gone by then.
    done = Signal()

    def __init__(self, fn: Callable[[Callable[[str], None]], object], *, name: str = "job"
                 ) -> None:
        super().__init__()
        self.setObjectName(name)
        self._fn = fn
        self._cancel = threading.Event()
        self.result: object = None
        self.error: BaseException | None = None
        #: threading.get_ident() of the thread that ran fn (tests check it is not the GUI's).
        self.ran_in: int | None = None
        self._on_step: list[Callable[[str], None]] = []
        self._on_done: list[Callable[[], None]] = []
        self.stepped.connect(self._stepped)
        self.finished.connect(self._finished)

    # -- in the worker thread -------------------------------------------------------------

    def run(self) -> None:  # noqa: D102 (QThread's)
        self.ran_in = threading.get_ident()
        try:
            self.result = self._fn(self.step)
        except BaseException as exc:  # handed back to the GUI thread, logged and shown there
            self.error = exc

    def step(self, name: str) -> None:
        """Report step *name*; raise JobCancelled when the job was asked to stop."""
        if self._cancel.is_set():
            raise JobCancelled(name)
        self.stepped.emit(name)

    # -- on the GUI thread ----------------------------------------------------------------

    def cancel(self) -> None:
        """Ask the job to stop at its next step (what it finished stays done)."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        """True when the job was asked to stop and stopped before its end."""
        return isinstance(self.error, JobCancelled)

    def on_step(self, callback: Callable[[str], None]) -> None:
        """Call *callback* with each step's name, on the GUI thread."""
        self._on_step.append(callback)

    def on_done(self, callback: Callable[[], None]) -> None:
        """Call *callback* on the GUI thread once the job ended."""
        self._on_done.append(callback)

    def start(self, *args) -> None:  # noqa: D102 (QThread's)
        collect_on_gui_thread()  # the job must never be the one that collects Qt objects
        _RUNNING.add(self)
        super().start(*args)

    @Slot(str)
    def _stepped(self, name: str) -> None:
        for callback in self._on_step:
            callback(name)

    @Slot()
    def _finished(self) -> None:
        _RUNNING.discard(self)
        if isinstance(self.error, CoopError):  # a refusal, said to her in its sentence
            log.info("job %s refused: %s", self.objectName(), self.error.message)
        elif self.error is not None and not self.cancelled:
            log.error("job %s failed", self.objectName(), exc_info=self.error)
        for callback in self._on_done:
            callback()
        self.done.emit()


def error_sentence(error: BaseException) -> str:
    """The sentence shown for a job that failed: the refusal's own, else what happened."""
    if isinstance(error, CoopError):
        return error.message
    if isinstance(error, OSError):
        from coopdesk.oserrors import os_reason

        return _("The work could not be finished ({reason}). Nothing was changed.").format(
            reason=os_reason(error))
    return _("The work could not be finished ({kind}). Nothing was changed; the details "
             "are in the program's log.").format(kind=type(error).__name__)


def running_jobs() -> list[Job]:
    """Return the jobs still running."""
    return [job for job in _RUNNING if job.isRunning()]


def wait_for(job: Job, timeout_ms: int = 600_000) -> None:
    """Let *job* finish, handling events meanwhile so its steps and its end land."""
    if job.isRunning():
        loop = QEventLoop()
        job.finished.connect(loop.quit)
        if job.isRunning():
            loop.exec()
    # The loop may have been told to quit early (the application quitting): the job
    # still must finish, so wait for it without events.
    job.wait(timeout_ms)
    QApplication.sendPostedEvents()


def wait_for_jobs(timeout_ms: int = 600_000) -> bool:
    """Let every running job finish; True when none is left running."""
    for job in list(_RUNNING):
        wait_for(job, timeout_ms)
    return not running_jobs()


def run_with_progress(parent: QWidget, text: str, fn: Callable[[], object]) -> object:
    """Run *fn* as a job behind a busy progress bar; return its result or raise its error.

    The window is disabled meanwhile, so nothing else uses the book's one connection
    while the job reads it; the window keeps repainting. Nothing to cancel: what it
    prepares takes seconds and changes nothing.
    """
    window = parent.window()
    # Disabling the window takes the focus away; it goes back where she was (the button
    # she pressed), so the keyboard carries on from there once the job ends.
    focused = window.focusWidget()
    job = Job(lambda _step: fn(), name="document")
    progress = QProgressDialog(text, "", 0, 0, window)
    progress.setCancelButton(None)
    progress.setWindowTitle("coopdesk")
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(300)
    window.setEnabled(False)
    try:
        job.start()
        wait_for(job)
    finally:
        progress.reset()
        progress.deleteLater()
        window.setEnabled(True)
        if focused is not None:
            focused.setFocus(Qt.FocusReason.OtherFocusReason)
    if job.error is not None:
        raise job.error
    return job.result
