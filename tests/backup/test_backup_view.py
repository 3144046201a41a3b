"""The Respaldo screen: volumes from an injected provider, back up, list, restore."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from coopdesk.backup.backup import STICK_FOLDER  # noqa: E402
from coopdesk.backup.copies import backup_files  # noqa: E402
from coopdesk.backup.volumes import Volume  # noqa: E402
from tests.small_book import SALES


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


STICK_VERIFIED = "Copy verified on the memory stick KINGSTON: you can remove it now."


def _(text: str) -> str:
    from coopdesk.i18n import _ as translate

    return translate(text)


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
    assert view.status.text() == STICK_VERIFIED
    files = backup_files(folder)
    assert len(files) == 1
    assert view.copies.rowCount() == 1
    assert view.copies.item(0, 3).text() == str(SALES)  # last receipt of the small book


def test_a_stick_pulled_out_gives_a_sentence(view, qtbot):
    folder = _plug(view)
    import shutil

    shutil.rmtree(view.stick_root)
    view.back_up_now()  # refused before any copying: no job starts
    assert view.job is None
    assert view.status.text() == _(
        "The memory stick KINGSTON is no longer connected, so no copy was made. Put it back "
        "in and press “Back up now” again. The book and the older copies are untouched.")
    assert not folder.exists()


def test_restore_asks_first_and_shows_what_the_copy_holds(view, qtbot):
    _plug(view)
    _wait(view, qtbot, view.back_up_now)
    view.copies.selectRow(0)
    asked = []
    view.confirm = lambda title, text: asked.append(text) or False
    view.restore_selected()
    assert asked and f"Last receipt number: {SALES}" in asked[0]
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


# -- off the GUI thread -------------------------------------------------------------------


class _Gate:
    """Holds the backup worker at one step until the GUI thread has looked at the screen.

    If the backup ran on the GUI thread, the timer below could not fire while it waits
    and ``opened`` would stay False.
    """

    def __init__(self, monkeypatch, step: str = "read back", fail: OSError | None = None):
        import threading

        from coopdesk.gui.views import backup_view

        self.event = threading.Event()
        self.opened = False
        self.step = step
        real = backup_view.make_backup

        def held(book, folder, *, passphrase=None, hook=None, volume=None):
            def gated(name: str) -> None:
                hook(name)
                if name == self.step:
                    self.opened = self.event.wait(10)
                    if fail is not None:
                        raise fail

            return real(book, folder, passphrase=passphrase, hook=gated, volume=volume)

        monkeypatch.setattr(backup_view, "make_backup", held)


def _member_count(book) -> int:
    from sqlmodel import func, select

    from coopdesk.db.tables import Member

    with book.transaction() as session:
        return session.exec(select(func.count()).select_from(Member)).one()


def test_the_backup_runs_off_the_gui_thread_and_operations_wait(view, qtbot, monkeypatch):
    import datetime as dt

    from PySide6.QtCore import QTimer

    from coopdesk.i18n import _
    from coopdesk.services.members import MemberData, add_member

    folder = _plug(view)
    gate = _Gate(monkeypatch)
    members_before = _member_count(view.ctx.book)
    seen = {}

    def look() -> None:  # on the GUI thread, while the worker waits at "read back"
        reading_back = _("Reading the copy back from the memory stick…")
        if view.job is None or "refused" in seen or view.step_text.text() != reading_back:
            return
        seen["buttons"] = (view.backup_button.isEnabled(), view.restore_button.isEnabled())
        seen["progress"] = (view.progress.isVisible(), view.step_text.text())
        seen["refused"] = view.ctx.runner.run(
            lambda: add_member(view.ctx.book, MemberData(
                code="S99", full_name="Socia Nueva", joined_on=dt.date(2022, 5, 1))),
            show_errors=False)
        gate.event.set()

    ticker = QTimer()
    ticker.timeout.connect(look)
    ticker.start(10)
    view.show()
    _wait(view, qtbot, view.back_up_now)
    ticker.stop()

    assert gate.opened  # the GUI thread ran while the backup was half done
    assert view.job is None
    ok, error = seen["refused"]
    assert not ok
    assert error.message == _("A backup is being made; try again in a moment.")
    assert seen["buttons"] == (False, False)
    assert seen["progress"] == (True, _("Reading the copy back from the memory stick…"))
    assert _member_count(view.ctx.book) == members_before  # nothing was written
    assert view.status.text() == STICK_VERIFIED
    assert len(backup_files(folder)) == 1
    assert view.backup_button.isEnabled() and not view.progress.isVisible()
    assert view.ctx.runner.busy is None  # operations are allowed again
    ok, member = view.ctx.runner.run(lambda: add_member(view.ctx.book, MemberData(
        code="S99", full_name="Socia Nueva", joined_on=dt.date(2022, 5, 1))))
    assert ok and member.code == "S99"
    assert _member_count(view.ctx.book) == members_before + 1


def test_the_job_ran_in_another_thread(view, qtbot):
    import threading

    _plug(view)
    started = []
    original = view._start

    def spy(job, busy, done):
        started.append(job)
        original(job, busy, done)

    view._start = spy
    _wait(view, qtbot, view.back_up_now)
    assert started and started[0].ran_in not in (None, threading.get_ident())


def test_a_read_only_stick_is_said_and_the_book_is_unchanged(view, qtbot, monkeypatch):
    import errno

    from coopdesk.services.check import check_book

    folder = _plug(view)
    _wait(view, qtbot, view.back_up_now)
    old = backup_files(folder)
    old_bytes = old[0].read_bytes()
    counts_before = _counts(view.ctx.book)
    gate = _Gate(monkeypatch, step="open", fail=OSError(errno.EROFS, "Read-only file system"))
    gate.event.set()
    _wait(view, qtbot, view.back_up_now)
    from coopdesk.i18n import _

    assert view.status.text() == _(
        "The memory stick (or folder) {folder} is read-only, so no copy was made. "
        "Unlock the stick or choose another one. The book and the older copies are "
        "untouched.").format(folder=folder)
    assert backup_files(folder) == old and old[0].read_bytes() == old_bytes
    assert _counts(view.ctx.book) == counts_before
    assert check_book(view.ctx.book).ok
    assert view.backup_button.isEnabled() and view.ctx.runner.busy is None


def test_a_damaged_copy_is_refused_in_a_sentence_and_the_book_stays(view, qtbot):
    folder = _plug(view)
    _wait(view, qtbot, view.back_up_now)
    path = backup_files(folder)[0]
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    book = view.ctx.book
    counts_before = _counts(book)
    view.refresh_copies()
    view.copies.selectRow(0)
    view.confirm = lambda title, text: True
    # the confirmation reads only the header: the worker finds the damage
    _wait(view, qtbot, view.restore_selected)
    assert "damaged" in view.status.text()
    assert view.ctx.book is book and _counts(book) == counts_before
    assert not list(Path(book.path).parent.glob(".restaurando-*"))


def _counts(book) -> dict:
    """Rows per counted table, read through the services' session."""
    from sqlalchemy import text

    from coopdesk.db.queries.backups import COUNTED

    with book.transaction() as session:
        return {t: session.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()
                for t in COUNTED}


def test_a_passphrase_typed_and_saved_makes_a_key_and_is_not_kept(view, qtbot):
    """Typed with key events: the passphrase, Tab to “Save passphrase”, Space."""
    from PySide6.QtCore import Qt

    from coopdesk.backup.backup import get_backup_settings

    view.show()
    view.passphrase.setFocus()
    qtbot.keyClicks(view.passphrase, "corta")
    qtbot.keyClick(view.passphrase, Qt.Key.Key_Tab)
    assert view.focusWidget() is view.save_passphrase
    qtbot.keyClick(view.save_passphrase, Qt.Key.Key_Space)
    assert view.status.text() == "Use a passphrase of at least 8 characters, or none."
    assert not get_backup_settings(view.ctx.book).encrypted
    view.passphrase.setFocus()
    view.passphrase.selectAll()
    qtbot.keyClicks(view.passphrase, "Cacao-Chuncho-2026")
    qtbot.keyClick(view.passphrase, Qt.Key.Key_Tab)
    qtbot.keyClick(view.save_passphrase, Qt.Key.Key_Space)
    assert view.status.text() == "Passphrase saved."
    assert get_backup_settings(view.ctx.book).encrypted
    assert view.passphrase.text() == ""  # never shown again: the book does not keep it
    assert view.passphrase.placeholderText() == (
        "set: copies are encrypted (write a new one to change it)")
    # “Back up now” encrypts with the book's key without asking anything.
    folder = _plug(view)
    _wait(view, qtbot, view.back_up_now)
    from coopdesk.backup import fileformat

    assert fileformat.read_backup(backup_files(folder)[0]).encrypted


def _anchor_shown(view, qtbot, action) -> None:
    """Do *action* (a refresh) and wait for the anchor check's verdict (it runs in a job)."""
    with qtbot.waitSignal(view.anchor_check.shown, timeout=30_000):
        action()


def test_the_screen_says_the_book_continues_the_newest_copy(view, qtbot):
    import datetime as dt

    from tests.backup.conftest import rewrite_history

    folder = _plug(view)
    with qtbot.waitSignal(view.anchor_check.shown, timeout=30_000):
        _wait(view, qtbot, view.back_up_now)
    made = dt.date.today().strftime("%d/%m/%Y")
    assert view.anchor.text() == f"The book continues the copy of {made} ✓"
    book = view.ctx.book
    book.close()
    rewrite_history(book.path)
    book.__init__(book.path)
    _anchor_shown(view, qtbot, view.refresh_copies)
    seals = __import__("coopdesk.backup.fileformat", fromlist=["x"]).read_manifest(
        backup_files(folder)[0])["chain"]["seals"]
    assert view.anchor.text() == (
        f"The history before the copy of {made} was rewritten: the book's seal number {seals} "
        "is not the one the copy recorded. Compare the book with that copy before going on.")
    assert "b71c1c" in view.anchor.styleSheet()


def test_the_anchor_is_checked_off_the_gui_thread_and_the_screen_answers_meanwhile(
        view, qtbot):
    """The chain is recomputed in a job: "Checking the book…" first, the keys still work."""
    import threading

    from PySide6.QtCore import Qt

    folder = _plug(view)
    with qtbot.waitSignal(view.anchor_check.shown, timeout=30_000):
        _wait(view, qtbot, view.back_up_now)
    view.show()
    qtbot.waitExposed(view)
    view.refresh_copies()
    job = view.anchor_check.job
    assert job is not None and view.anchor.text() == "Checking the book…"
    assert "555" in view.anchor.styleSheet()
    view.refresh_copies()  # asked again while it runs: no second check at once
    assert view.anchor_check.job is job
    view.passphrase.setFocus()
    qtbot.keyClicks(view.passphrase, "abc")  # the screen takes keys while the check runs
    qtbot.keyClick(view.passphrase, Qt.Key.Key_Tab)
    assert view.passphrase.text() == "abc" and view.focusWidget() is view.save_passphrase
    qtbot.waitUntil(lambda: view.anchor_check.job is None, timeout=30_000)
    assert job.ran_in not in (None, threading.get_ident())
    assert view.anchor_check.job is None
    assert view.anchor.text().startswith("The book continues the copy of ")
    assert backup_files(folder)


def test_a_seal_changed_with_the_sqlite3_shell_shows_the_rewrite_on_the_screen(view, qtbot):
    """The attack: triggers dropped and the first seal edited by the sqlite3 shell."""
    import datetime as dt
    import hashlib
    import subprocess

    folder = _plug(view)
    with qtbot.waitSignal(view.anchor_check.shown, timeout=30_000):
        _wait(view, qtbot, view.back_up_now)
    book = view.ctx.book
    book.close()
    drops = subprocess.run(
        ["sqlite3", str(book.path),
         "SELECT 'DROP TRIGGER \"' || name || '\";' FROM sqlite_master WHERE type='trigger'"],
        capture_output=True, text=True, check=True).stdout
    subprocess.run(["sqlite3", str(book.path),
                    drops + "UPDATE seal SET content_hash = 'f' || substr(content_hash, 2)"
                            " WHERE id = (SELECT min(id) FROM seal);"],
                   capture_output=True, text=True, check=True)
    tampered = hashlib.sha256(book.path.read_bytes()).hexdigest()
    book.__init__(book.path)
    _anchor_shown(view, qtbot, view.refresh_copies)
    from coopdesk.backup.fileformat import read_manifest

    made = dt.date.today().strftime("%d/%m/%Y")
    seals = read_manifest(backup_files(folder)[0])["chain"]["seals"]
    assert view.anchor.text() == (
        f"The history before the copy of {made} was rewritten: the book's seal number {seals} "
        "is not the one the copy recorded. Compare the book with that copy before going on.")
    assert "b71c1c" in view.anchor.styleSheet()
    book.close()
    assert hashlib.sha256(book.path.read_bytes()).hexdigest() == tampered  # nothing written
    book.__init__(book.path)


# -- the target and what is said about it (issue #12) ---------------------------------


def test_a_stick_present_is_the_default_even_after_a_copy_on_this_computer(
        small_book, qtbot, tmp_path):
    from coopdesk.backup.backup import local_folder, set_backup_settings
    from coopdesk.gui.context import AppContext
    from coopdesk.gui.operations import OperationRunner
    from coopdesk.gui.views.backup_view import BackupView

    set_backup_settings(small_book, folder=str(local_folder(small_book)))  # an older desk did
    stick = tmp_path / "RESPALDO_A"
    stick.mkdir()
    sticks = [Volume(stick, "RESPALDO_A", True, 350_000_000, 512_000_000)]
    view = BackupView(AppContext(book=small_book, runner=OperationRunner()),
                      volume_provider=lambda: list(sticks))
    qtbot.addWidget(view)
    assert view.current_folder() == stick / STICK_FOLDER
    assert view.volume.currentText() == "RESPALDO_A (USB memory, 350 MB free)"
    pulled = sticks.pop()
    view.refresh_volumes()
    assert "USB" not in view.volume.currentText()
    sticks.append(pulled)  # it comes back: it is chosen again
    view.refresh_volumes()
    assert view.current_folder() == stick / STICK_FOLDER


def test_a_copy_on_this_computer_says_it_is_no_usb_copy(view, qtbot):
    from PySide6.QtCore import Qt

    from coopdesk.backup.backup import get_backup_settings, local_folder

    _plug(view)
    view.show()
    view.volume.setFocus()
    local = view.volume.findData(str(local_folder(view.ctx.book)))
    while view.volume.currentIndex() != local:  # chosen by keyboard, as the coordinator does
        qtbot.keyClick(view.volume, Qt.Key.Key_Down)
    _wait(view, qtbot, view.back_up_now)
    assert view.status.text() == (
        "Copy verified on this computer — this is not a copy on a USB memory stick.")
    assert "remove" not in view.status.text()
    assert len(backup_files(local_folder(view.ctx.book))) == 1
    assert get_backup_settings(view.ctx.book).folder == ""  # the closing copy's stick: none


def test_an_error_is_cleared_when_another_target_is_chosen(view, qtbot):
    import shutil

    from PySide6.QtCore import Qt

    _plug(view)
    shutil.rmtree(view.stick_root)
    view.back_up_now()
    assert "no longer connected" in view.status.text()
    view.show()
    view.volume.setFocus()
    qtbot.keyClick(view.volume, Qt.Key.Key_Down)
    assert view.status.text() == ""


def test_a_copy_to_another_folder_names_it(view, qtbot, tmp_path):
    folder = tmp_path / "carpeta"
    folder.mkdir()
    view.select_folder(folder)
    _wait(view, qtbot, view.back_up_now)
    assert view.status.text() == (
        f"Copy verified in {folder} — this is not a copy on a USB memory stick.")


def test_a_mounted_stick_pulled_two_seconds_before_the_click_is_refused(
        view, qtbot, tmp_path):
    import hashlib
    import os
    import shutil
    import subprocess

    from coopdesk.backup.backup import get_backup_settings
    from coopdesk.backup.volumes import volume_at

    if os.name != "posix" or os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a tmpfs stick needs root")
    root = tmp_path / "RESPALDO_A"
    root.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(root)], check=True)
    try:
        view.sticks["stick"] = volume_at(root, "RESPALDO_A", True)
        view.refresh_volumes()
        assert view.current_folder() == root / STICK_FOLDER
        _wait(view, qtbot, view.back_up_now)
        assert view.status.text() == STICK_VERIFIED.replace("KINGSTON", "RESPALDO_A")
        settings_before = get_backup_settings(view.ctx.book)
        subprocess.run(["umount", str(root)], check=True)  # pulled; the list is not re-read
        book_before = hashlib.sha256(Path(view.ctx.book.path).read_bytes()).hexdigest()
        view.back_up_now()
        assert view.job is None
        assert view.status.text() == (
            "The memory stick RESPALDO_A is no longer connected, so no copy was made. Put it "
            "back in and press “Back up now” again. The book and the older copies are "
            "untouched.")
        assert list(root.iterdir()) == []  # the laptop's empty folder got nothing
        assert hashlib.sha256(Path(view.ctx.book.path).read_bytes()).hexdigest() == book_before
        assert get_backup_settings(view.ctx.book) == settings_before
    finally:
        while os.path.ismount(root):
            subprocess.run(["umount", "-l", str(root)], check=True)


def test_the_refusal_stays_when_the_list_drops_the_pulled_stick(view):
    import shutil

    folder = _plug(view)
    shutil.rmtree(view.stick_root)
    del view.sticks["stick"]  # the system no longer lists it; the picker still shows it
    assert view.current_folder() == folder
    view.back_up_now()
    assert view.status.text().startswith("The memory stick KINGSTON is no longer connected")
    assert "USB" not in view.volume.currentText()
    assert not folder.exists()


# -- authenticity: the copy's signature ---------------------------------------------------


def _forged_copy(view, folder: Path, *, keep_signature: bool) -> Path:
    """The newest copy on the stick with its book raised and its chain rebuilt (every
    checksum recomputed), its signature kept or removed."""
    import hashlib
    import sqlite3

    from coopdesk.backup import fileformat
    from coopdesk.backup.anchor import chain_head
    from coopdesk.db.reader import Snapshot
    from tests.backup.conftest import rewrite_history

    genuine = fileformat.read_backup(backup_files(folder)[0])
    inner = folder.parent / "inner.sqlite3"
    inner.write_bytes(genuine.payload)
    rewrite_history(inner)
    conn = sqlite3.connect(str(inner))
    try:
        head = chain_head(Snapshot(conn))
    finally:
        conn.close()
    payload = inner.read_bytes()
    inner.unlink()
    manifest = {**genuine.manifest, "book_sha256": hashlib.sha256(payload).hexdigest(),
                "book_size": len(payload), "chain": head}
    if not keep_signature:
        del manifest["signature"]
    body = fileformat.pack_head(fileformat.manifest_bytes(manifest)) + payload
    genuine.path.write_bytes(body + hashlib.sha256(body).digest())
    return genuine.path


def test_a_forged_copy_is_refused_before_asking(view, qtbot):
    from tests.backup.conftest import book_files

    folder = _plug(view)
    _wait(view, qtbot, view.back_up_now)
    copy = _forged_copy(view, folder, keep_signature=True)
    view.refresh_copies()
    view.copies.selectRow(0)
    before = book_files(view.ctx.book.path)
    old_book = view.ctx.book
    view.restore_selected()  # no question opens: nothing to answer
    assert view.job is None and view.ctx.book is old_book
    assert view.status.text() == _(
        "The copy {name} was changed after this computer made it: its signature does not "
        "match what it holds. It was not restored; the current book was not touched."
    ).format(name=copy.name)
    assert book_files(view.ctx.book.path) == before


def test_an_unsigned_copy_is_restored_only_after_the_warning(view, qtbot):
    from tests.backup.conftest import book_files
    from tests.gui.keys import ESC, answer_question

    folder = _plug(view)
    _wait(view, qtbot, view.back_up_now)
    copy = _forged_copy(view, folder, keep_signature=False)
    view.refresh_copies()
    view.copies.selectRow(0)
    before = book_files(view.ctx.book.path)
    seen = answer_question(ESC)
    view.restore_selected()
    qtbot.waitUntil(lambda: bool(seen))
    lines = seen[0]["text"].splitlines()
    warning = lines.index(_("Careful: the authenticity of this copy cannot be confirmed."))
    assert lines[warning + 1:warning + 3] == [
        _("The copy {name} carries no signature (an older coopdesk made it, or its signature "
          "was removed): nothing proves it left this book unchanged.").format(name=copy.name),
        _("Restore it only if you know where this copy comes from.")]
    assert view.job is None  # Esc: nothing started
    assert book_files(view.ctx.book.path) == before


def test_a_genuine_copy_says_it_is_signed_by_this_computer(view, qtbot):
    from tests.gui.keys import ESC, answer_question

    _plug(view)
    _wait(view, qtbot, view.back_up_now)
    view.copies.selectRow(0)
    seen = answer_question(ESC)
    view.restore_selected()
    qtbot.waitUntil(lambda: bool(seen))
    assert _("Signed by this computer when it was made, and unchanged since ✓") in (
        seen[0]["text"].splitlines())
    assert _("Careful: the authenticity of this copy cannot be confirmed.") not in seen[0]["text"]
