"""`coopdesk restore` asks (or needs --yes), guards another cooperative's copy, holds the lock;
`coopdesk check --against` proves the book continues a copy's hash chain."""

from __future__ import annotations

import datetime as dt
import os
import pty
import subprocess
import sys
from pathlib import Path

from coopdesk.backup.backup import make_backup
from coopdesk.services.book import Book
from coopdesk.services.members import MemberData, add_member
from coopdesk.services.settings import get_settings, update_settings
from tests.backup.conftest import book_files as _all_files
from tests.backup.conftest import rewrite_history
from tests.conftest import ROOT, run_cli


def book_files(book_file: Path) -> dict[str, str]:
    """The book and its journal, byte for byte (SQLite's -shm index is not the book)."""
    return {k: v for k, v in _all_files(book_file).items() if not k.endswith("-shm")}


def _copy_of(book: Book, tmp_path: Path) -> Path:
    return make_backup(book, tmp_path / "stick").path


def _payments(book_file: Path) -> list[int]:
    import sqlite3

    conn = sqlite3.connect(f"file:{book_file}?mode=ro", uri=True)
    try:
        return [r[0] for r in conn.execute("SELECT amount FROM member_payment ORDER BY id")]
    finally:
        conn.close()


def test_without_a_terminal_restore_needs_yes(small_book, tmp_path):
    copy = _copy_of(small_book, tmp_path)
    small_book.close()
    before = book_files(small_book.path)
    done = run_cli("restore", copy, data_dir=small_book.path.parent)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert lines[-1] == ("There is no terminal to confirm the restore: add --yes to restore "
                         "without asking. Nothing was changed.")
    # Whose backup it is was said first: cooperative, site, date, versions.
    site = lines[1].split(": ", 1)[1]
    assert lines[0] == "Cooperative: Dulce Esperanza" and len(site) == 36
    # The book is at the newest migration: read its number from the files, not a constant
    # (this said 0006 and failed once 0007 and 0008 were merged).
    import coopdesk.db.migrations as migrations

    folder = Path(migrations.__file__).parent / "versions"
    newest = max(p.name[:4] for p in folder.glob("[0-9][0-9][0-9][0-9]_*.py"))
    assert lines[3].startswith("Made by coopdesk ") and lines[3].endswith(f"book version {newest}")
    assert book_files(small_book.path) == before
    small_book.__init__(small_book.path)


def test_a_yes_piped_in_is_not_a_confirmation(small_book, tmp_path):
    """`echo yes | coopdesk restore F`: only a person at a terminal, or --yes, confirms."""
    copy = _copy_of(small_book, tmp_path)
    small_book.close()
    before = book_files(small_book.path)
    done = run_cli("restore", copy, data_dir=small_book.path.parent, input_bytes=b"yes\n")
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1] == (
        "There is no terminal to confirm the restore: add --yes to restore without asking. "
        "Nothing was changed.")
    assert book_files(small_book.path) == before
    done = run_cli("restore", copy, "--yes", data_dir=small_book.path.parent,
                   input_bytes=b"no\n")
    assert done.returncode == 0, done.stderr  # --yes: nothing is asked, the "no" is not read
    assert [p.name.startswith("antes-de-restaurar") for p in small_book.path.parent.iterdir()
            ].count(True) == 1
    small_book.__init__(small_book.path)


def _on_a_terminal(data_dir: Path, copy: Path, answer: bytes) -> subprocess.CompletedProcess:
    """Run restore with a pseudo-terminal as its input and type *answer*."""
    leader, follower = pty.openpty()
    try:
        os.write(leader, answer)
        env = {**os.environ, "COOPDESK_LANG": "en"}
        return subprocess.run(
            [sys.executable, "-m", "coopdesk", "--data-dir", str(data_dir), "restore",
             str(copy)], stdin=follower, capture_output=True, text=True, env=env, cwd=ROOT,
            timeout=120)
    finally:
        os.close(follower)
        os.close(leader)


def test_on_a_terminal_restore_asks_and_no_keeps_the_book(small_book, tmp_path):
    copy = _copy_of(small_book, tmp_path)
    from coopdesk.services.payments import pay_member

    pay_member(small_book, code="S02", day=dt.date(2022, 12, 31), amount=__import__(
        "decimal").Decimal("12.00"))
    small_book.close()
    before = book_files(small_book.path)
    said_no = _on_a_terminal(small_book.path.parent, copy, b"no\n")
    assert said_no.returncode == 1
    assert "Restore it? Write “yes” and press Enter:" in said_no.stderr
    assert said_no.stderr.strip().endswith("The restore was cancelled. Nothing was changed.")
    assert book_files(small_book.path) == before
    said_yes = _on_a_terminal(small_book.path.parent, copy, b"yes\n")
    assert said_yes.returncode == 0, said_yes.stderr
    # The small book's payments (tests/small_book.py); the 12.00 paid after the copy is gone.
    assert _payments(small_book.path) == [400, 1500, 1500, 3000]
    small_book.__init__(small_book.path)


def test_another_cooperatives_backup_needs_other_cooperative(small_book, tmp_path):
    other = Book.open_folder(tmp_path / "otra")
    update_settings(other, cooperative_name="Mujeres del Cacao")
    add_member(other, MemberData(code="M01", full_name="Rosa Huamán",
                                 joined_on=dt.date(2023, 1, 2)))
    site = get_settings(other).site_id
    copy = _copy_of(other, tmp_path)
    other.close()
    small_book.close()
    before = book_files(small_book.path)
    done = run_cli("restore", copy, "--yes", data_dir=small_book.path.parent)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1] == (
        f"This backup belongs to another cooperative's book: “Mujeres del Cacao” (site {site}), "
        "not the one on this computer. To replace this book with it anyway, add "
        "--other-cooperative. Nothing was changed.")
    assert book_files(small_book.path) == before
    done = run_cli("restore", copy, "--yes", "--other-cooperative", "--unconfirmed",
                   data_dir=small_book.path.parent)
    assert done.returncode == 0, done.stderr
    assert _payments(small_book.path) == []
    small_book.__init__(small_book.path)


def test_the_lock_is_held_while_the_book_is_replaced(small_book, tmp_path):
    """A coopdesk restoring (a process the lock recognises) keeps a second one out."""
    import json
    import textwrap

    copy = _copy_of(small_book, tmp_path)
    folder = small_book.path.parent
    small_book.close()
    # The restore runs in a child whose command line names coopdesk, as the desk's does:
    # the lock takes a holder that is no coopdesk (pytest here) for a reused pid.
    child = tmp_path / "coopdesk_restore_child.py"
    child.write_text(textwrap.dedent(f"""
        import json, os, subprocess, sys
        from pathlib import Path
        from coopdesk.backup.restore import restore_backup
        from coopdesk.services.book import Book

        seen = {{}}

        def slow(step):
            # Between closing the old book and opening the restored one, another
            # program tries to open the book.
            if step == "quick check":
                other = subprocess.run(
                    [sys.executable, "-m", "coopdesk", "--data-dir", {str(folder)!r}, "check"],
                    capture_output=True, text=True)
                seen.update(rc=other.returncode, err=other.stderr, out=other.stdout)

        book = Book.open_folder(Path({str(folder)!r}))
        result = restore_backup(book, Path({str(copy)!r}), hook=slow)
        result.book.close()
        print(json.dumps(seen))
    """))
    env = {**os.environ, "COOPDESK_LANG": "en"}
    done = subprocess.run([sys.executable, str(child)], capture_output=True, text=True,
                          env=env, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    other = json.loads(done.stdout.strip().splitlines()[-1])
    assert other["rc"] == 1
    assert other["err"].strip().startswith(
        "This book is already open in another coopdesk window: ")
    assert other["out"] == ""
    small_book.__init__(small_book.path)


def test_check_against_a_backup_sees_history_rewritten_before_it(small_book, tmp_path):
    copy = _copy_of(small_book, tmp_path)
    from decimal import Decimal

    from coopdesk.services.payments import pay_member

    pay_member(small_book, code="S02", day=dt.date(2022, 12, 31), amount=Decimal("12.00"))
    small_book.close()
    made = dt.date.today().strftime("%d/%m/%Y")
    extends = run_cli("check", "--against", copy, data_dir=small_book.path.parent)
    assert extends.returncode == 0, extends.stdout
    assert f"Continues the backup of {made}: ok" in extends.stdout.splitlines()

    rewrite_history(small_book.path)
    inside = run_cli("check", data_dir=small_book.path.parent)
    assert inside.returncode == 0, inside.stdout  # the book alone cannot see it
    against = run_cli("check", "--against", copy, data_dir=small_book.path.parent)
    assert against.returncode == 1
    lines = against.stdout.splitlines()
    assert lines[-2:] == [
        f"Continues the backup of {made}: WRONG",
        f"  - The history before the copy of {made} was rewritten: the book's seal number "
        f"{copy_seals(copy)} is not the one the copy recorded. Compare the book with that "
        "copy before going on."]
    small_book.__init__(small_book.path)


def copy_seals(copy: Path) -> int:
    from coopdesk.backup import fileformat

    return fileformat.read_manifest(copy)["chain"]["seals"]


def test_check_against_a_damaged_file_is_a_sentence(small_book, tmp_path):
    bad = tmp_path / "bad.respaldo"
    bad.write_bytes(b"COOPDESK-BACKUP\x00" + b"\x01" * 100)
    small_book.close()
    done = run_cli("check", "--against", bad, data_dir=small_book.path.parent)
    assert done.returncode == 1
    assert done.stderr.strip() == ("The backup bad.respaldo is damaged or incomplete (its "
                                   "checksum does not match); it was not used.")
    small_book.__init__(small_book.path)


def test_check_against_an_encrypted_copy_needs_no_passphrase(small_book, tmp_path):
    from coopdesk.backup.backup import set_backup_settings

    set_backup_settings(small_book, passphrase="Cacao-Chuncho-2026")
    copy = _copy_of(small_book, tmp_path)
    small_book.close()
    done = run_cli("check", "--against", copy, data_dir=small_book.path.parent)
    assert done.returncode == 0, done.stdout + done.stderr
    made = dt.date.today().strftime("%d/%m/%Y")
    assert done.stdout.splitlines()[-1] == f"Continues the backup of {made}: ok"
    small_book.__init__(small_book.path)
