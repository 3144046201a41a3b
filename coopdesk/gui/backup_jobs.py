"""Backups and restores off the GUI thread: the worker, its progress, and the closing copy.

The book has one SQLite connection. While a job runs, the operation runner refuses
every change (``OperationRunner.busy``); while the job copies the live book (its
first steps, until the copy is staged on the laptop) the window is disabled too, so
not even a read shares the connection with the worker.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from coopdesk.backup.backup import backup_on_close, get_backup_settings
from coopdesk.backup.copies import CHUNK
from coopdesk.domain.errors import CoopError
from coopdesk.gui import jobs
from coopdesk.gui.context import AppContext
from coopdesk.gui.jobs import Job
from coopdesk.i18n import N_, _

#: What each step of a backup (coopdesk.backup.backup's hook names) is called on screen,
#: and the stretch of the progress bar (0–100) it covers.
STEPS = {
    "check copy": (N_("Checking the backup file…"), 0, 0),
    "backup current": (N_("Copying the current book first…"), 0, 0),
    "checkpoint": (N_("Preparing the book…"), 0, 3),
    "copy": (N_("Copying the book on this computer…"), 3, 25),
    "manifest": (N_("Describing the copy…"), 25, 35),
    "open": (N_("Writing the copy to the memory stick…"), 35, 35),
    "write": (N_("Writing the copy to the memory stick…"), 35, 72),
    "flush": (N_("Making sure the memory stick wrote everything…"), 72, 76),
    "read back": (N_("Reading the copy back from the memory stick…"), 76, 90),
    "verify": (N_("Checking the copy…"), 90, 97),
    "rename": (N_("Finishing…"), 97, 99),
    "prune": (N_("Finishing…"), 99, 100),
}
#: After this step the worker no longer uses the book's connection (the copy is staged).
STAGED = "manifest"


class StepProgress:
    """Turns the stream of step names into a percentage that only moves forward.

    Steps repeated per block (``copy``, ``write``) advance within their stretch by the
    number of blocks a book of *size* bytes needs.
    """

    def __init__(self, size: int, page_size: int = 4096) -> None:
        self.expected = {
            "copy": max(1, math.ceil(size / (4096 * page_size))),
            "write": max(1, math.ceil(size / CHUNK)) + 2,
        }
        self.seen: dict[str, int] = {}
        self.percent = 0

    def step(self, name: str) -> tuple[str, int]:
        """Record step *name*; return its sentence and the bar's value."""
        if name == "checkpoint" and "checkpoint" in self.seen:  # the next copy begins
            self.seen.clear()
            self.percent = 0
        text, low, high = STEPS.get(name, (N_("Working…"), self.percent, self.percent))
        count = self.seen[name] = self.seen.get(name, 0) + 1
        share = min(1.0, count / self.expected.get(name, 1))
        self.percent = max(self.percent, round(low + (high - low) * share))
        return _(text), self.percent


class BackupJob(Job):
    """A backup or restore job (coopdesk.gui.jobs) that keeps the book to itself.

    Started with ``start_guarded``: operations are refused while it runs, and the
    window stays disabled until the copy is staged (then the book's connection is free).
    """

    def __init__(self, fn: Callable[[Callable[[str], None]], object]) -> None:
        super().__init__(fn, name="backup")
        self._guard: _WindowGuard | None = None
        self._ctx: AppContext | None = None
        self.on_step(self._staged)
        self.on_done(self._release)

    def start_guarded(self, ctx: AppContext, busy: str, window: QWidget | None) -> None:
        """Start, refusing operations meanwhile and disabling *window* until the copy is staged."""
        ctx.book.engine  # noqa: B018 (made here, on the GUI thread, when the book makes it lazily)
        self._ctx = ctx
        ctx.runner.busy = busy
        self._guard = _WindowGuard(window)
        self.start()

    def _staged(self, name: str) -> None:
        if name == STAGED and self._guard is not None:
            self._guard.release()

    def _release(self) -> None:
        if self._guard is not None:
            self._guard.release()
        if self._ctx is not None:
            self._ctx.runner.busy = None


class _WindowGuard:
    """Keeps a window disabled until released (once)."""

    def __init__(self, window: QWidget | None) -> None:
        self.window = window
        if window is not None:
            window.setEnabled(False)

    def release(self) -> None:
        if self.window is not None:
            self.window.setEnabled(True)
            self.window = None


def backup_message() -> str:
    """Return the sentence that refuses an operation while a backup is made."""
    return _("A backup is being made; try again in a moment.")


def restore_message() -> str:
    """Return the sentence that refuses an operation while a backup is restored."""
    return _("A backup is being restored; try again in a moment.")


def running_jobs() -> list[Job]:
    """Return the backup and restore jobs still running."""
    return [job for job in jobs.running_jobs() if isinstance(job, BackupJob)]


def wait_for_backup_jobs(timeout_ms: int = 600_000) -> bool:
    """Let the running backup and restore jobs finish, handling events meanwhile."""
    for job in running_jobs():
        jobs.wait_for(job, timeout_ms)
    return not running_jobs()


class _NoClose(QObject):
    """Swallows close requests of the window while its closing copy is made."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's)
        if event.type() == QEvent.Type.Close:
            event.ignore()
            return True
        return False


def backup_with_progress(window: QWidget, ctx: AppContext) -> list[tuple[bool, str]]:
    """Make the closing backup off the GUI thread behind a small modal progress dialog.

    Returns only when the copies are finished (a backup still running from the Respaldo
    screen is let finish first), so nothing is lost when the program then exits.
    """
    progress = QProgressDialog(_("Making the backup copy…"), "", 0, 100, window)
    progress.setCancelButton(None)
    progress.setWindowTitle("coopdesk")
    progress.setWindowModality(Qt.WindowModality.ApplicationModal)
    progress.setMinimumDuration(0)
    progress.setAutoClose(False)
    progress.setMinimumWidth(420)
    progress.setValue(0)
    no_close = _NoClose(window)
    window.installEventFilter(no_close)
    try:
        progress.show()
        wait_for_backup_jobs()
        book = ctx.book  # a restore that just finished may have reopened it
        settings = get_backup_settings(book)
        meter = StepProgress(file_size(book.path))

        def show(name: str) -> None:
            text, percent = meter.step(name)
            progress.setLabelText(_("Making the backup copy…") + "\n" + text)
            progress.setValue(percent)

        job = BackupJob(lambda hook: backup_on_close(book, settings, hook=hook))
        job.on_step(show)
        job.start_guarded(ctx, backup_message(), None)  # the dialog is modal already
        jobs.wait_for(job, 600_000)
    finally:
        window.removeEventFilter(no_close)
        progress.hide()
        progress.deleteLater()
    if job.error is not None:  # backup_on_close never raises; this is a program error
        return [(False, _("The automatic copy failed ({kind}).").format(
            kind=type(job.error).__name__))]
    return list(job.result)


def warn_about_failures(window: QWidget, results: list[tuple[bool, str]]) -> None:
    """Tell the coordinator which closing copies were not made (the book itself is safe)."""
    failed = [sentence for ok, sentence in results if not ok]
    if failed:
        QMessageBox.warning(
            window, _("The automatic copy was not made"),
            "\n\n".join(failed) + "\n\n" + _(
                "The book itself is safe. Make a copy from the Backup screen next time."),
        )


def failure_sentence(error: BaseException) -> str:
    """Return the sentence for a backup or restore that did not succeed (never a traceback)."""
    if isinstance(error, CoopError):
        return error.message
    if isinstance(error, OSError):
        from coopdesk.oserrors import os_reason

        return _("The copy could not be made ({reason}). The book is untouched.").format(
            reason=os_reason(error))
    return _("The copy could not be made ({kind}). The book is untouched.").format(
        kind=type(error).__name__)


def file_size(path: Path) -> int:
    """Return the size of the file at *path* in bytes (0 when it cannot be read)."""
    try:
        return Path(path).stat().st_size
    except OSError:
        return 0
