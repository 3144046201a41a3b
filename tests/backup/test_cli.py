"""`coopdesk backup` and `coopdesk restore` as the interchange contract says."""

from __future__ import annotations

from pathlib import Path

from coopdesk.i18n import _
from tests.backup.conftest import book_files
from tests.conftest import run_cli


def test_backup_prints_the_path_and_restore_brings_it_back(demo_dir, tmp_path):
    stick = tmp_path / "stick"
    stick.mkdir()
    made = run_cli("backup", "--to", stick, data_dir=demo_dir)
    assert made.returncode == 0, made.stderr
    path = Path(made.stdout.strip())
    assert path.parent == stick and path.exists()
    assert "Copy verified" in made.stderr
    restored = run_cli("restore", path, "--yes", data_dir=demo_dir)
    assert restored.returncode == 0, restored.stderr
    checked = run_cli("check", data_dir=demo_dir)
    assert checked.returncode == 0, checked.stdout


def test_backup_to_a_missing_stick_fails_with_a_sentence(demo_dir, tmp_path):
    made = run_cli("backup", "--to", tmp_path / "gone" / "x", data_dir=demo_dir)
    assert made.returncode == 1
    assert made.stdout == ""
    assert made.stderr.strip() == _(
        "The folder {folder} does not exist (is the memory stick plugged in?), so no copy "
        "was made. Plug in the stick or check the folder's name. The book and the older "
        "copies are untouched.").format(folder=tmp_path / "gone")


def test_restore_of_a_damaged_file_is_refused_untouched(demo_dir, tmp_path):
    bad = tmp_path / "bad.respaldo"
    bad.write_bytes(b"COOPDESK-BACKUP\x00" + b"\x01" * 100)
    before = book_files(demo_dir / "coopdesk.sqlite3")
    refused = run_cli("restore", bad, data_dir=demo_dir)
    assert refused.returncode == 1
    assert "damaged" in refused.stderr and "Traceback" not in refused.stderr
    assert book_files(demo_dir / "coopdesk.sqlite3") == before
