"""Data folders and sticks whose names hold URI characters: ``#``, ``?``, ``%``, ``%41``.

Found by an adversarial test: paths were pasted into SQLite ``file:`` URIs unescaped, so
in a folder named ``#1`` a backup failed saying "free some space", and a folder named
``%41`` could not be opened at all. Every command here runs as the person runs it and
must work, with the same figures, wherever the folder is.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.faults.test_output_files import coopdesk

FIXTURES = Path(__file__).resolve().parent.parent / "db" / "fixtures"
ODD_NAMES = ["libro #1", "¿qué? dónde", "100%", "%41", "Año ñandú é con espacios",
             "a%2Fb?c=d#e"]


def _summary(folder: Path, cwd: Path) -> dict:
    done = coopdesk("summary", "--month", "2022-10", "--json", cwd=cwd, data_dir=folder)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize("name", ODD_NAMES)
def test_an_old_book_is_upgraded_inside_such_a_folder(tmp_path, name):
    folder = tmp_path / name
    folder.mkdir()
    shutil.copy(FIXTURES / "book-0001-demo.sqlite3", folder / "coopdesk.sqlite3")
    expected = json.loads((FIXTURES / "book-0001-demo.summary-2022-10.json").read_text("utf-8"))
    assert _summary(folder, tmp_path) == expected
    copies = list((folder / "antes-de-actualizar").glob("*.sqlite3"))
    assert len(copies) == 1
    done = coopdesk("check", cwd=tmp_path, data_dir=folder)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("name", ODD_NAMES)
def test_open_backup_and_restore_in_such_folders(demo_book_file, tmp_path, name):
    folder = tmp_path / name
    folder.mkdir()
    shutil.copy(demo_book_file, folder / "coopdesk.sqlite3")
    before = _summary(folder, tmp_path)
    done = coopdesk("check", cwd=tmp_path, data_dir=folder)
    assert done.returncode == 0, done.stdout + done.stderr
    done = coopdesk("backup", cwd=tmp_path, data_dir=folder)
    assert done.returncode == 0, done.stderr
    local = Path(done.stdout.strip())
    assert local.parent == folder / "respaldos" and local.is_file()
    stick = tmp_path / f"USB {name}"
    stick.mkdir()
    done = coopdesk("backup", "--to", stick / name, cwd=tmp_path, data_dir=folder)
    assert done.returncode == 0, done.stderr
    copy = Path(done.stdout.strip())
    assert copy.parent == stick / name and copy.is_file()
    # A sale more, then the copy on the stick brings the book back to what it was.
    sale = tmp_path / "venta.csv"
    sale.write_text("fecha,comprador,producto,cantidad,precio_unitario,pagado,comprobante\n"
                    "2022-10-30,Bodega Rosa,Barra,2,8.50,si,\n", encoding="utf-8")
    done = coopdesk("import", "sales", sale, cwd=tmp_path, data_dir=folder)
    assert done.returncode == 0, done.stderr
    assert _summary(folder, tmp_path)["sales"]["count"] == before["sales"]["count"] + 1
    done = coopdesk("restore", copy, "--yes", cwd=tmp_path, data_dir=folder)
    assert done.returncode == 0, done.stderr
    assert _summary(folder, tmp_path) == before


def test_the_demo_is_loaded_into_such_a_folder(tmp_path):
    folder = tmp_path / "Año #1 ¿? 100% %41 ñ"
    done = coopdesk("demo", cwd=tmp_path, data_dir=folder)
    assert done.returncode == 0, done.stderr
    assert (folder / "coopdesk.sqlite3").is_file()
    assert _summary(folder, tmp_path)["members"]
