"""Attacks on the files the commands write: never the book, never blind, never half.

Found by an adversarial test: ``coopdesk receipt 1 --out coopdesk.sqlite3`` run in the
data folder replaced the book with a PDF and said nothing (exit 0). Every command that
writes a file goes through coopdesk.outputs; each attack here asserts the exact sentence,
exit 1, and a book whose bytes did not change.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from coopdesk.i18n import _
from tests.conftest import ROOT

BOOK = "coopdesk.sqlite3"
#: Every command that writes a file, with its arguments before --out (or the file).
WRITERS = {
    "statement": ["statement", "--month", "2022-10", "--member", "S01", "--out"],
    "report": ["report", "--month", "2022-10", "--out"],
    "receipt": ["receipt", "1", "--out"],
    "export": ["export", "sales"],
}


def coopdesk(*args, cwd, data_dir=None):
    """Run the command line as the person does, from the folder *cwd*."""
    env = {**os.environ, "COOPDESK_LANG": "en", "PYTHONPATH": str(ROOT)}
    if data_dir is not None:
        env["COOPDESK_DATA_DIR"] = str(data_dir)
    return subprocess.run([sys.executable, "-m", "coopdesk", *map(str, args)], cwd=cwd,
                          env=env, capture_output=True, text=True, timeout=120)


def sha(path) -> str:
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def book_sentence(path) -> str:
    return _("{path} is the book or one of its backups; coopdesk never writes a document "
             "over it. Choose a file outside the data folder, for example in Documents."
             ).format(path=path)


def exists_sentence(path) -> str:
    return _("The file {path} already exists and was not replaced. {rest}").format(
        path=path, rest=_("Add --force to replace it, or choose another name."))


#: Every name for the receipt (the finding); the book and a backup for the other writers.
PROTECTED = [("receipt", name) for name in (
    BOOK, BOOK + "-wal", BOOK + "-shm", BOOK + "-journal", BOOK + ".lock", "COOPDESK.SQLITE3",
    "respaldos/estado.pdf", "./respaldos/../coopdesk.sqlite3")] + [
    (command, name) for command in ("statement", "report", "export")
    for name in (BOOK, "respaldos/ventas.csv" if command == "export" else "respaldos/x.pdf")]


@pytest.mark.parametrize(("command", "name"), PROTECTED)
def test_the_book_and_its_copies_are_never_written_over(demo_dir, command, name):
    (demo_dir / "respaldos").mkdir()
    before = sha(demo_dir / BOOK)
    done = coopdesk(*WRITERS[command], name, cwd=demo_dir, data_dir=demo_dir)
    assert (done.returncode, done.stderr.strip()) == (1, book_sentence(Path(name)))
    assert done.stdout == ""
    assert sha(demo_dir / BOOK) == before
    assert sorted(p.name for p in demo_dir.iterdir()) == [BOOK, "respaldos"]
    assert list((demo_dir / "respaldos").iterdir()) == []


@pytest.mark.parametrize("command", sorted(WRITERS))
def test_a_symlink_or_a_hard_link_to_the_book_is_the_book(demo_dir, tmp_path, command):
    ending = ".csv" if command == "export" else ".pdf"
    soft = tmp_path / ("enlace" + ending)
    soft.symlink_to(demo_dir / BOOK)
    hard = tmp_path / ("copia" + ending)
    os.link(demo_dir / BOOK, hard)
    before = sha(demo_dir / BOOK)
    for target in (soft, hard):
        done = coopdesk(*WRITERS[command], target, "--force", cwd=tmp_path, data_dir=demo_dir)
        assert (done.returncode, done.stderr.strip()) == (1, book_sentence(target))
    assert sha(demo_dir / BOOK) == before and soft.is_symlink()


@pytest.mark.parametrize("command", sorted(WRITERS))
def test_an_existing_file_is_replaced_only_with_force(demo_dir, tmp_path, command):
    target = tmp_path / ("firmado.csv" if command == "export" else "firmado.pdf")
    target.write_bytes(b"signed with a thumbprint last month")
    done = coopdesk(*WRITERS[command], target, cwd=tmp_path, data_dir=demo_dir)
    assert (done.returncode, done.stderr.strip()) == (1, exists_sentence(target))
    assert target.read_bytes() == b"signed with a thumbprint last month"
    done = coopdesk(*WRITERS[command], target, "--force", cwd=tmp_path, data_dir=demo_dir)
    assert done.returncode == 0, done.stderr
    head = target.read_bytes()[:5]
    assert head == (b"%PDF-" if command != "export" else b"fecha")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo", target.name]  # no leftovers


@pytest.mark.parametrize("command, name, endings", [
    ("statement", "estado.txt", ".pdf"), ("report", "informe", ".pdf"),
    ("receipt", "boleta.PDF.bak", ".pdf"), ("export", "ventas.pdf", ".csv or .xlsx"),
])
def test_the_ending_must_be_the_documents(demo_dir, tmp_path, command, name, endings):
    done = coopdesk(*WRITERS[command], name, cwd=tmp_path, data_dir=demo_dir)
    assert (done.returncode, done.stderr.strip()) == (1, _(
        "The file name {name} must end in {endings}.").format(name=name, endings=endings))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo"]


def test_upper_case_endings_are_the_same_ending(demo_dir, tmp_path):
    done = coopdesk(*WRITERS["receipt"], "BOLETA.PDF", cwd=tmp_path, data_dir=demo_dir)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "BOLETA.PDF").read_bytes()[:5] == b"%PDF-"


def test_a_folder_or_a_missing_folder_is_a_sentence(demo_dir, tmp_path):
    (tmp_path / "carpeta.pdf").mkdir()
    done = coopdesk(*WRITERS["report"], "carpeta.pdf", cwd=tmp_path, data_dir=demo_dir)
    assert (done.returncode, done.stderr.strip()) == (1, _(
        "{path} is a folder. Give the name of a file inside it, for example {example}."
    ).format(path="carpeta.pdf", example=os.path.join("carpeta.pdf", "documento.pdf")))
    done = coopdesk(*WRITERS["report"], "no-hay/informe.pdf", cwd=tmp_path, data_dir=demo_dir)
    assert (done.returncode, done.stderr.strip()) == (1, _(
        "The folder {folder} does not exist. Create it first, or choose another place to "
        "write {name}.").format(folder=tmp_path / "no-hay", name="informe.pdf"))
    assert not (tmp_path / "no-hay").exists()


def test_a_full_disk_leaves_no_half_file_and_the_old_one_whole(demo_dir, small_disk):
    target = small_disk.path / "estado.pdf"
    target.write_bytes(b"last month's statement")
    small_disk.fill()
    done = coopdesk(*WRITERS["statement"], target, "--force", cwd=small_disk.path,
                    data_dir=demo_dir)
    assert (done.returncode, done.stderr.strip()) == (1, _(
        "The file {path} could not be written ({reason}). Nothing was written there."
    ).format(path=target, reason=_("the disk is full")))
    assert target.read_bytes() == b"last month's statement"
    assert not [p for p in small_disk.path.iterdir() if "partial" in p.name]


def test_a_read_only_disk_is_a_sentence(demo_dir, small_disk):
    small_disk.read_only()
    target = small_disk.path / "ventas.xlsx"
    done = coopdesk(*WRITERS["export"], target, cwd=small_disk.path, data_dir=demo_dir)
    assert (done.returncode, done.stderr.strip()) == (1, _(
        "The file {path} could not be written ({reason}). Nothing was written there."
    ).format(path=target, reason=_("the disk or memory stick is read-only")))
    assert list(small_disk.path.iterdir()) == []


def test_a_written_document_is_readable_like_any_new_file(demo_dir, tmp_path):
    probe = tmp_path / "probe"
    probe.write_bytes(b"")
    done = coopdesk(*WRITERS["receipt"], "boleta.pdf", cwd=tmp_path, data_dir=demo_dir)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "boleta.pdf").stat().st_mode & 0o777 == probe.stat().st_mode & 0o777


def test_a_symlink_loop_is_replaced_only_with_force(demo_dir, tmp_path):
    (tmp_path / "a.pdf").symlink_to(tmp_path / "b.pdf")
    (tmp_path / "b.pdf").symlink_to(tmp_path / "a.pdf")
    done = coopdesk(*WRITERS["report"], "a.pdf", cwd=tmp_path, data_dir=demo_dir)
    assert (done.returncode, done.stderr.strip()) == (1, exists_sentence(tmp_path / "a.pdf"))
    assert (tmp_path / "a.pdf").is_symlink()
    done = coopdesk(*WRITERS["report"], "a.pdf", "--force", cwd=tmp_path, data_dir=demo_dir)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "a.pdf").read_bytes()[:5] == b"%PDF-" and (tmp_path / "b.pdf").is_symlink()
