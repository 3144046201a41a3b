"""Attacks of the adversarial review (r1): files that never end, headers that never end.

A FIFO named like a backup, or ``/dev/zero`` given to ``restore``, made coopdesk wait
forever (a FIFO) or read without end until the memory ran out (``/dev/zero``); a CSV
header of millions of equal columns printed one line per repeated cell. Each attack
runs the real command in a subprocess with a timeout, asserts the exact Spanish
sentence the coordinator reads, and that the book's bytes did not change.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def coopdesk(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    """Run the real CLI in Spanish; a hang fails the test instead of the suite."""
    env = {**os.environ, "COOPDESK_LANG": "es"}
    return subprocess.run(
        [sys.executable, "-m", "coopdesk", "--data-dir", str(data_dir), *args],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=60,
    )


def digest(folder: Path) -> str:
    return hashlib.sha256((folder / "coopdesk.sqlite3").read_bytes()).hexdigest()


@pytest.mark.parametrize("command", [["restore", "{f}", "--yes"], ["check", "--against", "{f}"]])
def test_a_fifo_named_like_a_backup_is_refused_at_once(demo_dir, tmp_path, command):
    fifo = tmp_path / "coopdesk-2026-12-07_06-00-00.respaldo"
    os.mkfifo(fifo)
    before = digest(demo_dir)
    done = coopdesk(demo_dir, *[a.format(f=fifo) for a in command])
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1] == (
        "El archivo coopdesk-2026-12-07_06-00-00.respaldo no es una copia de respaldo"
        " de coopdesk.")
    assert "Traceback" not in done.stderr
    assert digest(demo_dir) == before


def test_dev_zero_is_not_read_as_a_backup(demo_dir):
    before = digest(demo_dir)
    done = coopdesk(demo_dir, "restore", "/dev/zero", "--yes")
    assert done.returncode == 1
    assert done.stderr.strip() == "El archivo zero no es una copia de respaldo de coopdesk."
    assert digest(demo_dir) == before


def test_a_header_of_a_million_equal_columns_says_each_name_once(demo_dir, tmp_path):
    wide = tmp_path / "ancho.csv"
    wide.write_text("codigo_socia,fecha,monto,nota" + ",x" * 1_000_000 + "\n", encoding="utf-8")
    before = digest(demo_dir)
    done = coopdesk(demo_dir, "import", "payments", str(wide))
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"{wide}:1: la columna “x” aparece dos veces",
        f"{wide}:1: columnas desconocidas: x; las columnas son: codigo_socia,fecha,monto,nota",
        "No se importó nada.",
    ]
    assert digest(demo_dir) == before
