"""Helpers for the import attacks: run `coopdesk import` on a book, dump every table."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from coopdesk import cli


def dump(folder: Path) -> dict[str, list]:
    """Every row of every table of the (closed) book, as plain sqlite3 sees it."""
    conn = sqlite3.connect(folder / "coopdesk.sqlite3")
    try:
        tables = [t for (t,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {t: sorted(map(repr, conn.execute(f'SELECT * FROM "{t}"'))) for t in tables}
    finally:
        conn.close()


def count(folder: Path, table: str) -> int:
    conn = sqlite3.connect(folder / "coopdesk.sqlite3")
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


def run(capsys, folder: Path, *args) -> tuple[int, list[str]]:
    """Run the CLI in this process; return its exit code and its stderr lines."""
    capsys.readouterr()
    code = cli.main(["--data-dir", str(folder), *map(str, args)])
    return code, capsys.readouterr().err.splitlines()


def book_copy(master: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "book"
    folder.mkdir()
    shutil.copy(master, folder / "coopdesk.sqlite3")
    return folder


def refused(capsys, folder: Path, kind: str, path: Path, *args) -> list[str]:
    """Import *path*, expecting a refusal that leaves every table as it was; return stderr."""
    before = dump(folder)
    code, err = run(capsys, folder, "import", kind, path, *args)
    assert code == 1, err
    assert dump(folder) == before
    return err
