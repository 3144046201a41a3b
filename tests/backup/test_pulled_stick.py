"""A pulled stick: its empty mount folder is the laptop's disk and never receives a copy.

A real mount point (a tmpfs mounted on a temporary folder, as root) stands for the
stick; ``umount`` pulls it out, leaving the empty folder behind exactly as a desktop
does when a stick is yanked. Without root these tests are skipped; the stand-in
folders of test_backup_view.py cover the same view without a mount.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from coopdesk.backup.backup import (
    STICK_FOLDER,
    BackupSettings,
    backup_on_close,
    local_folder,
    make_backup,
)
from coopdesk.backup.copies import backup_files
from coopdesk.backup.volumes import Volume, free_space, is_mounted, volume_at
from coopdesk.domain.errors import BookError

GONE = ("The memory stick RESPALDO_A is no longer connected, so no copy was made. Put it back "
        "in and press “Back up now” again. The book and the older copies are untouched.")

can_mount = pytest.mark.skipif(
    os.name != "posix" or os.geteuid() != 0 or not shutil.which("mount"),
    reason="mounting a tmpfs stick needs root")


def _mount(folder: Path) -> None:
    folder.mkdir(exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(folder)],
                   check=True)


def _umount(folder: Path) -> None:
    subprocess.run(["umount", "-l", str(folder)], check=True)


@pytest.fixture
def stick(tmp_path):
    """A mounted "stick" named RESPALDO_A; unmounted again whatever the test did."""
    root = tmp_path / "RESPALDO_A"
    _mount(root)
    yield root
    while os.path.ismount(root):
        _umount(root)


def _sha(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@can_mount
def test_a_mounted_stick_is_mounted_and_its_empty_folder_is_not(stick):
    volume = volume_at(stick, "RESPALDO_A", True)
    assert volume.device is not None and volume.is_mounted()
    _umount(stick)
    assert stick.is_dir() and not any(stick.iterdir())  # the folder stays, empty
    assert not volume.is_mounted()
    assert not is_mounted(stick, os.stat(stick).st_dev)  # not even as "some" volume


@can_mount
def test_another_stick_mounted_at_the_same_place_is_not_the_chosen_one(stick, tmp_path):
    volume = volume_at(stick, "RESPALDO_A", True)
    _umount(stick)
    other = tmp_path / "OTRA"
    _mount(other)  # takes the device number just freed (Linux reuses it)
    try:
        _mount(stick)  # another stick at the same place: another device number
        assert os.path.ismount(stick) and os.stat(stick).st_dev != volume.device
        assert not volume.is_mounted()
    finally:
        _umount(other)


@can_mount
def test_a_copy_to_a_stick_says_where_it_is(small_book, stick):
    volume = volume_at(stick, "RESPALDO_A", True)
    result = make_backup(small_book, stick / STICK_FOLDER, volume=volume)
    assert result.path.parent == stick / STICK_FOLDER
    assert result.message == (
        "Copy verified on the memory stick RESPALDO_A: you can remove it now.")


@can_mount
def test_a_stick_pulled_before_the_click_gets_nothing_written(small_book, stick):
    volume = volume_at(stick, "RESPALDO_A", True)  # listed while it was there
    _umount(stick)
    book_before = _sha(small_book.path)
    with pytest.raises(BookError) as refused:
        make_backup(small_book, stick / STICK_FOLDER, volume=volume)
    assert refused.value.message == GONE
    assert list(stick.iterdir()) == []  # nothing landed on the laptop's disk
    assert _sha(small_book.path) == book_before


@pytest.mark.parametrize("step", ["manifest", "rename"])
@can_mount
def test_a_stick_pulled_during_the_copy_is_refused_before_writing_or_renaming(
        small_book, stick, step):
    volume = volume_at(stick, "RESPALDO_A", True)

    def pull(name: str) -> None:
        if name == step:
            _umount(stick)

    with pytest.raises(BookError) as refused:
        make_backup(small_book, stick / STICK_FOLDER, volume=volume, hook=pull)
    assert refused.value.message == GONE
    assert list(stick.iterdir()) == []
    assert backup_files(stick / STICK_FOLDER) == []


@can_mount
def test_the_closing_copy_skips_the_empty_folder_of_a_pulled_stick(small_book, stick):
    settings = BackupSettings(folder=str(stick / STICK_FOLDER))
    results = backup_on_close(small_book, settings)
    assert [ok for ok, _s in results] == [True, True]
    assert len(backup_files(stick / STICK_FOLDER)) == 1
    _umount(stick)
    results = backup_on_close(small_book, settings)
    assert [ok for ok, _s in results] == [True]  # only the copy next to the book
    assert list(stick.iterdir()) == []
    assert len(backup_files(local_folder(small_book))) == 2


def test_a_stand_in_folder_is_checked_for_being_there(tmp_path):
    volume = Volume(tmp_path / "KINGSTON", "KINGSTON", True, 10**9, 10**10)
    assert not volume.is_mounted()
    (tmp_path / "KINGSTON").mkdir()
    assert volume.is_mounted()


def test_a_plain_folder_is_no_volume(tmp_path):
    folder = tmp_path / "plain"
    folder.mkdir()
    assert not is_mounted(folder, os.stat(folder).st_dev)


@pytest.mark.parametrize(("free", "said"), [
    (0, "0 MB free"),
    (12_345_678, "12 MB free"),
    (999_999_999, "999 MB free"),
    (1_000_000_000, "1.0 GB free"),
    (14_250_000_000, "14.2 GB free"),
])
def test_free_space_reads_in_mb_under_a_gigabyte(free, said):
    assert free_space(free) == said


def test_a_small_stick_shows_megabytes_in_the_picker(tmp_path):
    stick = Volume(tmp_path, "RESPALDO_A", True, 350_000_000, 512_000_000)
    assert stick.display() == "RESPALDO_A (USB memory, 350 MB free)"


def test_a_windows_stick_is_named_with_its_drive():
    from pathlib import PureWindowsPath

    stick = Volume(PureWindowsPath("E:\\"), "RESPALDO_A", True)
    assert stick.name == "RESPALDO_A (E:)"
    assert Volume(PureWindowsPath("E:\\"), "E:", True).name == "E:"
