"""The Respaldo screen: volumes from an injected provider, back up, list, restore."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from coopdesk.backup.backup import STICK_FOLDER, backup_files, verified_message  # noqa: E402
from coopdesk.backup.volumes import Volume  # noqa: E402


@pytest.fixture
def view(qtbot, small_book, tmp_path):
    from coopdesk.gui.context import AppContext
    from coopdesk.gui.operations import OperationRunner
    from coopdesk.gui.views.backup_view import BackupView

    sticks = {"disk": Volume(tmp_path / "disk", "Disco", False, 10**10, 10**11)}
    (tmp_path / "disk").mkdir()
    ctx = AppContext(book=small_book, runner=OperationRunner())
    widget = BackupView(ctx, volume_provider=lambda: list(sticks.values()))
    qtbot.addWidget(widget)
    widget.sticks = sticks
    widget.stick_root = tmp_path / "KINGSTON"
    yield widget
    if ctx.book is not small_book:
        ctx.book.close()


def _wait(view, qtbot, action) -> None:
    """Start *action* (a backup or restore, run off the GUI thread) and wait for its end."""
    with qtbot.waitSignal(view.work_done, timeout=30_000):
        action()


def _plug(view) -> Path:
    view.stick_root.mkdir(exist_ok=True)
    view.sticks["stick"] = Volume(view.stick_root, "KINGSTON", True, 10**9, 10**10)
    view.refresh_volumes()
    return view.stick_root / STICK_FOLDER


def test_a_stick_plugged_in_is_chosen_and_marked(view):
    assert "USB" not in view.volume.currentText()
    folder = _plug(view)
    assert view.current_folder() == folder
    assert "KINGSTON" in view.volume.currentText()


def test_back_up_now_says_the_stick_may_be_removed(view, qtbot):
    folder = _plug(view)
    from PySide6.QtCore import Qt

    _wait(view, qtbot, lambda: qtbot.mouseClick(view.backup_button, Qt.MouseButton.LeftButton))
    assert view.status.text() == verified_message()
    files = backup_files(folder)
    assert len(files) == 1
    assert view.copies.rowCount() == 1
    assert view.copies.item(0, 3).text() == "4"  # last receipt of the small book


def test_a_stick_pulled_out_gives_a_sentence(view, qtbot):
    folder = _plug(view)
    import shutil

    shutil.rmtree(view.stick_root)
    _wait(view, qtbot, view.back_up_now)
    assert "disappeared" in view.status.text()
    assert not folder.exists()


def test_restore_asks_first_and_shows_what_the_copy_holds(view, qtbot):
    _plug(view)
    _wait(view, qtbot, view.back_up_now)
    view.copies.selectRow(0)
    asked = []
    view.confirm = lambda title, text: asked.append(text) or False
    view.restore_selected()
    assert asked and "Last receipt number: 4" in asked[0]
    old_book = view.ctx.book
    view.confirm = lambda title, text: True
    view.copies.selectRow(0)
    _wait(view, qtbot, view.restore_selected)
    assert view.ctx.book is not old_book
    assert "restored" in view.status.text()


def test_restoring_a_copy_of_another_book_says_so(view, tmp_path):
    from coopdesk.services.book import Book

    other = Book.open_folder(tmp_path / "other")
    folder = _plug(view)
    from coopdesk.backup.backup import make_backup

    make_backup(other, folder)
    other.close()
    view.refresh_copies()
    view.copies.selectRow(0)
    asked = []
    view.confirm = lambda title, text: asked.append(text) or False
    view.restore_selected()
    assert "another book" in asked[0]
