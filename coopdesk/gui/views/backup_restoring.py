"""Restoring a copy from the Respaldo screen: what it holds, its signature, then the swap.

Split from ``backup_view.py``. The copy is checked and the current book backed up off
the GUI thread (``prepare_restore``); only the swap runs on it (``finish_restore``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit

from coopdesk.backup.restore import finish_restore, peek_backup, prepare_restore
from coopdesk.backup.signature import backup_authenticity
from coopdesk.domain.errors import CoopError
from coopdesk.formats import date_time_str
from coopdesk.gui.backup_jobs import BackupJob, failure_sentence, restore_message
from coopdesk.i18n import _
from coopdesk.services.settings import get_settings


def restore_selected(view) -> None:
    """Show what the selected copy holds, ask to confirm, then restore it.

    *view* is the Respaldo screen (``BackupView``): its selection, passphrase field,
    question and status line, and its one running job.
    """
    path = view.selected_copy()
    if path is None or view.job is not None:
        return
    try:
        info = peek_backup(path)  # the worker checks the whole file before the restore
        found = backup_authenticity(path, Path(view.ctx.book.path).parent)  # forged: raises
    except (CoopError, OSError) as exc:
        view._say(failure_sentence(exc), False)
        return
    lines = [_("Restoring replaces the book on this computer by this copy:"), "",
             *info.lines(), ""]
    if found.confirmed:
        lines += [found.sentence, ""]
    else:
        lines += [_("Careful: the authenticity of this copy cannot be confirmed."),
                  found.sentence,
                  _("Restore it only if you know where this copy comes from."), ""]
    if info.site_id and info.site_id != get_settings(view.ctx.book).site_id:
        lines += [_("Careful: this copy comes from another book (another site or "
                    "cooperative)."), ""]
    lines.append(_("The current book is kept in a folder “antes-de-restaurar” next to it."))
    text = "\n".join(lines)
    if not view.confirm(_("Restore this copy?"), text):
        return
    passphrase = view.passphrase.text() or None
    if info.encrypted and not passphrase:
        passphrase, accepted = QInputDialog.getText(
            view, _("Passphrase"), _("This copy is encrypted. Its passphrase:"),
            QLineEdit.EchoMode.Password)
        if not accepted:
            return
    view._say(_("Checking the copy before restoring it…"), True)
    book = view.ctx.book

    def prepare(hook):
        hook("check copy")
        return prepare_restore(book, path, passphrase=passphrase, hook=hook,
                               backup_hook=hook, unconfirmed_ok=not found.confirmed)

    job = BackupJob(prepare)
    view._start(job, restore_message(), lambda: _restore_prepared(view, job, info))

def _restore_prepared(view, job: BackupJob, info) -> None:
    """Put the verified copy in place on the GUI thread (the book is closed and reopened)."""
    if job.error is not None:
        view._say(failure_sentence(job.error), False)
        view.refresh_copies()
        return
    prepared = job.result

    def operation():
        result = finish_restore(view.ctx.book, prepared)
        view.ctx.book = result.book
        return result

    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        ok, result = view.ctx.runner.run(operation, parent=view,
                                         show_errors=False)
    except Exception as exc:  # said in a sentence; the previous book is back
        ok, result = False, exc
    finally:
        QApplication.restoreOverrideCursor()
        prepared.discard()
    if ok:
        view._say(_("The copy of {when} was restored.").format(
            when=date_time_str(info.created_at)), True)
    else:
        view._say(failure_sentence(result), False)
    view.refresh_copies()

# -- the worker -----------------------------------------------------------------
