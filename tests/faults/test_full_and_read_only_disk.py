"""A completely full disk, and a read-only one, under the book: every command says so.

Found by an adversarial test: on a full disk every command, even ``check``, ended in a
Python traceback, and the crash log was written into the current folder. Here the data
folder is a real 1 MB filesystem, filled to the last byte (or remounted read-only), and
every command must end with exit 1, one sentence, and the book's bytes unchanged.
"""

from __future__ import annotations

import shutil

import pytest

from coopdesk.i18n import _
from tests.faults.test_output_files import coopdesk, sha

COMMANDS = [
    ["check"],
    ["summary", "--month", "2022-10", "--json"],
    ["demo"],
    ["backup"],
    ["statement", "--month", "2022-10", "--out", "estado.pdf"],
    ["report", "--month", "2022-10", "--out", "informe.pdf"],
    ["receipt", "1", "--out", "boleta.pdf"],
    ["export", "members", "socias.csv"],
    ["import", "expenses", "gastos.csv"],
]


@pytest.fixture
def book_on_small_disk(_member_book_file, small_disk, tmp_path):
    """The one-member book alone on a 1 MB disk; the person works from another folder."""
    shutil.copy(_member_book_file, small_disk.path / "coopdesk.sqlite3")
    desk = tmp_path / "escritorio"
    desk.mkdir()
    (desk / "gastos.csv").write_text("fecha,categoria,monto,nota\n2022-10-03,transporte,5.00,\n",
                                     encoding="utf-8")
    return small_disk, desk


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
def test_a_full_disk_is_a_sentence_for_every_command(book_on_small_disk, args):
    disk, desk = book_on_small_disk
    disk.fill()
    book = disk.path / "coopdesk.sqlite3"
    before = sha(book)
    done = coopdesk(*args, cwd=desk, data_dir=disk.path)
    assert (done.returncode, done.stderr.strip()) == (1, _(
        "The disk that holds the book ({folder}) is full, so the book was not opened and "
        "nothing was changed. Free some space on it and try again.").format(folder=disk.path))
    assert done.stdout == ""
    assert sha(book) == before
    assert sorted(p.name for p in desk.iterdir()) == ["gastos.csv"]  # no log, no half file


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
def test_a_read_only_disk_is_a_sentence_for_every_command(book_on_small_disk, args):
    disk, desk = book_on_small_disk
    book = disk.path / "coopdesk.sqlite3"
    before = sha(book)
    disk.read_only()
    done = coopdesk(*args, cwd=desk, data_dir=disk.path)
    assert (done.returncode, done.stderr.strip()) == (1, _(
        "The book in {folder} is on a disk or memory stick that cannot be written "
        "(read-only), so it was not opened and nothing was changed. Unlock the stick, or "
        "copy the folder to the computer's disk and open it there.").format(folder=disk.path))
    assert sha(book) == before
    assert sorted(p.name for p in desk.iterdir()) == ["gastos.csv"]


def test_a_data_folder_that_cannot_be_made_is_a_sentence(small_disk, tmp_path):
    small_disk.read_only()
    done = coopdesk("check", cwd=tmp_path, data_dir=small_disk.path / "nuevo")
    assert (done.returncode, done.stderr.strip()) == (1, _(
        "The data folder {folder} cannot be created ({reason}). Give --data-dir (or "
        "{variable}) a folder on a disk that can be written.").format(
        folder=small_disk.path / "nuevo", reason=_("the disk or memory stick is read-only"),
        variable="COOPDESK_DATA_DIR"))


def test_a_data_folder_that_is_a_file_is_a_sentence(tmp_path):
    (tmp_path / "libro.txt").write_text("not a folder")
    done = coopdesk("--data-dir", tmp_path / "libro.txt", "check", cwd=tmp_path)
    assert (done.returncode, done.stderr.strip()) == (1, _(
        "The data folder {folder} is a file, not a folder. Give --data-dir (or {variable}) "
        "the folder that holds coopdesk.sqlite3.").format(folder=tmp_path / "libro.txt",
                                                        variable="COOPDESK_DATA_DIR"))
    assert (tmp_path / "libro.txt").read_text() == "not a folder"


def _crash(args) -> int:
    raise RuntimeError("a bug")


def test_the_crash_log_never_goes_to_the_current_folder(
        monkeypatch, tmp_path, small_disk, capsys):
    """A bug's details go to the data folder, else the temp folder; the person is told where."""
    import tempfile

    from coopdesk import cli

    cwd = tmp_path / "pendrive"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    monkeypatch.setattr(cli.book, "check", _crash)
    data = tmp_path / "datos"
    assert cli.main(["--data-dir", str(data), "check"]) == cli.EXIT_BUG
    log = data / cli.CRASH_LOG
    assert capsys.readouterr().err.strip() == _(
        "coopdesk hit an unexpected problem ({kind}). Nothing more was written. Details are "
        "in {log}.").format(kind="RuntimeError", log=log)
    assert "RuntimeError: a bug" in log.read_text(encoding="utf-8")
    # The data folder's disk is full: the temp folder takes the log.
    small_disk.fill()
    assert cli.main(["--data-dir", str(small_disk.path), "check"]) == cli.EXIT_BUG
    assert capsys.readouterr().err.strip() == _(
        "coopdesk hit an unexpected problem ({kind}). Nothing more was written. Details are "
        "in {log}.").format(kind="RuntimeError", log=temp / cli.CRASH_LOG)
    # Both full (the temp folder on the same full disk): said, and still no traceback.
    monkeypatch.setattr(tempfile, "tempdir", str(small_disk.path))
    assert cli.main(["--data-dir", str(small_disk.path), "check"]) == cli.EXIT_BUG
    assert capsys.readouterr().err.strip() == _(
        "coopdesk hit an unexpected problem ({kind}). Nothing more was written. The details "
        "could not be saved either (the disk may be full).").format(kind="RuntimeError")
    assert list(cwd.iterdir()) == []


def test_backup_to_a_full_stick_is_a_sentence(demo_dir, small_disk, tmp_path):
    stick = small_disk.path / "coopdesk-respaldos"
    before = sha(demo_dir / "coopdesk.sqlite3")
    done = coopdesk("backup", "--to", stick, cwd=tmp_path, data_dir=demo_dir)  # > 1 MB
    assert (done.returncode, done.stderr.strip()) == (1, _(
        "The memory stick (or folder) {folder} is full, so no copy was made. Delete other "
        "files from it or use another stick. The book and the older copies are untouched."
    ).format(folder=stick))
    assert done.stdout == ""
    assert list(stick.iterdir()) == []  # no half copy left on the stick
    assert sha(demo_dir / "coopdesk.sqlite3") == before


def test_backup_to_a_read_only_stick_is_a_sentence(demo_dir, small_disk, tmp_path):
    small_disk.read_only()
    stick = small_disk.path / "coopdesk-respaldos"
    done = coopdesk("backup", "--to", stick, cwd=tmp_path, data_dir=demo_dir)
    assert (done.returncode, done.stderr.strip()) == (1, _(
        "The memory stick (or folder) {folder} is read-only, so no copy was made. Unlock the "
        "stick or choose another one. The book and the older copies are untouched."
    ).format(folder=stick))
    assert not stick.exists()
