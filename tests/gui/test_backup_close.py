"""Closing the window: the automatic copy is made off the GUI thread, behind a progress dialog."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog

from coopdesk.backup import fileformat
from coopdesk.backup.backup import local_folder
from coopdesk.backup.copies import backup_files
from coopdesk.gui import backup_jobs
from coopdesk.gui.main_window import MainWindow
from coopdesk.i18n import _


class _Hold:
    """Holds the closing copy at its "read back" step until the GUI thread saw the dialog."""

    def __init__(self, monkeypatch):
        self.event = threading.Event()
        self.waiting = threading.Event()
        self.opened = False
        self.threads: list[int] = []
        real = backup_jobs.backup_on_close

        def held(book, settings=None, *, hook=None):
            self.threads.append(threading.get_ident())

            def gated(name: str) -> None:
                hook(name)
                if name == "read back" and not self.waiting.is_set():
                    self.waiting.set()
                    self.opened = self.event.wait(10)

            return real(book, settings, hook=gated)

        monkeypatch.setattr(backup_jobs, "backup_on_close", held)


def _dialog_text() -> str | None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QProgressDialog) and widget.isVisible():
            return widget.labelText()
    return None


@pytest.fixture
def window(qtbot, ctx):
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_closing_makes_a_verified_copy_behind_a_progress_dialog(window, ctx, monkeypatch):
    hold = _Hold(monkeypatch)
    seen = []

    def look() -> None:  # runs on the GUI thread while the copy is being read back
        text = _dialog_text()
        if text and hold.waiting.is_set() and not hold.event.is_set():
            seen.append(text)
            hold.event.set()

    ticker = QTimer()
    ticker.timeout.connect(look)
    ticker.start(10)
    assert backup_files(local_folder(ctx.book)) == []
    window.close()
    ticker.stop()

    assert hold.opened  # the window processed events while the copy was half made
    assert hold.threads and hold.threads[0] != threading.get_ident()
    assert seen and seen[0].startswith(_("Making the backup copy…"))
    copies = backup_files(local_folder(ctx.book))
    assert len(copies) == 1  # finished before close() returned
    backup = fileformat.read_backup(copies[0])
    staged = copies[0].with_name("check.sqlite3")
    staged.write_bytes(fileformat.book_bytes(backup, None))
    fileformat.verify_book_file(staged, backup.manifest)
    assert not window.isVisible()
    assert _dialog_text() is None
    assert ctx.runner.busy is None and not backup_jobs.running_jobs()


def test_closing_during_a_backup_from_respaldo_waits_for_it(window, ctx, qtbot, tmp_path,
                                                            monkeypatch):
    from coopdesk.backup.backup import STICK_FOLDER
    from coopdesk.backup.volumes import Volume

    stick = tmp_path / "KINGSTON"
    stick.mkdir()
    view = window.show_screen("backup")
    view.volume_provider = lambda: [Volume(stick, "KINGSTON", True, 10**9, 10**10)]
    view.refresh_volumes()
    assert view.current_folder() == stick / STICK_FOLDER
    gate = threading.Event()
    from coopdesk.gui.views import backup_view

    real = backup_view.make_backup

    def slow(book, folder, *, passphrase=None, hook=None, volume=None):
        def gated(name):
            hook(name)
            if name == "read back":
                gate.wait(10)

        return real(book, folder, passphrase=passphrase, hook=gated, volume=volume)

    monkeypatch.setattr(backup_view, "make_backup", slow)
    view.back_up_now()
    assert view.job is not None
    qtbot.waitUntil(lambda: window.isEnabled())  # the book is staged: the window is back
    QTimer.singleShot(50, gate.set)
    window.close()  # waits for the Respaldo copy, then makes the closing copies

    assert view.status.text() == _(
        "Copy verified on the memory stick {name}: you can remove it now.").format(
        name="KINGSTON")
    # the stick's copy; no closing copy there, as this stand-in folder is not a mounted
    # stick (tests/backup/test_pulled_stick.py mounts a real one); and one local copy
    assert len(backup_files(stick / STICK_FOLDER)) == 1
    assert len(backup_files(local_folder(ctx.book))) == 1
    assert not backup_jobs.running_jobs() and ctx.runner.busy is None
