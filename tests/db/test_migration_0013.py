"""Revision 0013: the distribution keeps the bylaws' articles in force when it was approved.

The frozen book of revision 0012 (a 2021 distribution approved, an assembly session)
upgrades keeping every record and seal; its old distribution has no articles (NULL) and
its paper says so instead of borrowing today's settings. A distribution approved after
the upgrade keeps the articles of its day: changing the settings does not change its
paper (read with pdftotext), and the stored article cannot be rewritten with the sqlite3
shell.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import subprocess
from decimal import Decimal as D
from pathlib import Path

import pytest

from coopdesk import cli
from coopdesk.db import defences, migrate
from coopdesk.i18n import _
from coopdesk.services.book import Book
from coopdesk.services.check import check_book
from tests.db.fixtures.make_books import book_path

REFUSED = "coopdesk: posted amounts cannot be changed; void and record again"


def _dump(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def _every_table(path: Path) -> dict[str, list]:
    tables = [t for (t,) in _dump(path, "SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {t: _dump(path, f'SELECT * FROM "{t}" ORDER BY rowid') for t in tables}


def _paper(folder: Path, year: int, name: str) -> str:
    """Print the year's distribution with the command line; return its text (pdftotext)."""
    out = folder.parent / f"{name}.pdf"
    code = cli.main(["--data-dir", str(folder), "distribution", "--year", str(year),
                     "--out", str(out), "--force"])
    assert code == 0
    text = subprocess.run(["pdftotext", str(out), "-"], check=True,
                          capture_output=True, text=True).stdout
    return " ".join(text.split())


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("COOPDESK_LANG", "en")
    target = tmp_path / "book"
    target.mkdir()
    shutil.copy(book_path("0012"), target / "coopdesk.sqlite3")
    return target


def test_a_0012_book_upgrades_keeping_its_records_seals_and_the_old_paper_says_not_recorded(
        folder):
    book_file = folder / "coopdesk.sqlite3"
    assert migrate.inspect_book(book_file).revision == "0012"
    tables = [t for (t,) in _dump(book_file, "SELECT name FROM sqlite_master WHERE type ="
                                             " 'table' AND name <> 'alembic_version'")]
    columns = {t: ", ".join(c for (_i, c, *_r) in _dump(book_file, f"PRAGMA table_info({t})"))
               for t in tables}
    before = {t: _dump(book_file, f"SELECT {columns[t]} FROM {t} ORDER BY rowid")
              for t in tables}
    assert before["surplus_distribution"] and before["assembly_session"] and before["seal"]

    with Book(book_file) as book:
        report = check_book(book)
    assert report.ok, report.lines()
    assert migrate.inspect_book(book_file).revision == defences.REVISION == "0013"
    for table in tables:
        after = _dump(book_file, f"SELECT {columns[table]} FROM {table} ORDER BY rowid")
        if table in ("audit_event", "seal", "setting"):  # the upgrade appends to these
            assert after[:len(before[table])] == before[table], table
        else:
            assert after == before[table], table
    assert _dump(book_file, "SELECT year, reserve_article, education_article FROM"
                            " surplus_distribution") == [(2021, None, None)]

    # Today's settings name articles; the 2021 paper does not borrow them.
    code = cli.main(["--data-dir", str(folder), "fund-rule", "--reserve", "10",
                     "--education", "5", "--reserve-article", "art. 45",
                     "--education-article", "art. 46"])
    assert code == 0
    text = _paper(folder, 2021, "old")
    assert text.count(_("(article of the bylaws not recorded when it was approved)")) == 2
    assert "art. 45" not in text and "art. 46" not in text
    assert _("Approved by the assembly on {day}.").format(day="25/11/2022") in text


def _approve_2023(folder: Path) -> None:
    from coopdesk.services import distribution

    with Book.open_folder(folder) as book:
        distribution.set_rule(book, reserve_percent="20", education_percent="5",
                              reserve_article="art. 45 del estatuto",
                              education_article="art. 46 del estatuto")
        distribution.approve_distribution(book, year=2022, approved_on=dt.date(2023, 2, 15),
                                          surplus=D("1000.00"))


def test_a_distribution_approved_after_the_upgrade_keeps_its_articles(folder, capsys):
    _approve_2023(folder)
    book_file = folder / "coopdesk.sqlite3"
    assert _dump(book_file, "SELECT reserve_article, education_article, reserve, education"
                            " FROM surplus_distribution WHERE year = 2022") == [
        ("art. 45 del estatuto", "art. 46 del estatuto", 20000, 5000)]
    first = _paper(folder, 2022, "first")
    assert _("(bylaws, {article})").format(article="art. 45 del estatuto") in first
    assert _("(bylaws, {article})").format(article="art. 46 del estatuto") in first

    # The assembly later changes the bylaws' articles (and percentages) in the settings.
    code = cli.main(["--data-dir", str(folder), "fund-rule", "--reserve", "30",
                     "--education", "10", "--reserve-article", "art. 9 (reforma 2024)",
                     "--education-article", ""])
    assert code == 0
    assert _paper(folder, 2022, "again") == first
    draft_2023 = cli.main(["--data-dir", str(folder), "fund-rule"])
    assert draft_2023 == 0
    assert "art. 9 (reforma 2024)" in capsys.readouterr().out
    with Book(book_file) as book:
        assert check_book(book).ok


@pytest.mark.parametrize("sql", [
    "UPDATE surplus_distribution SET reserve_article = 'art. 99' WHERE year = 2022",
    "UPDATE surplus_distribution SET education_article = NULL WHERE year = 2022",
    "UPDATE surplus_distribution SET reserve_article = 'art. 1' WHERE year = 2021",
])
def test_the_shell_cannot_rewrite_a_kept_article(folder, sql):
    _approve_2023(folder)
    book_file = folder / "coopdesk.sqlite3"
    before = _every_table(book_file)
    conn = sqlite3.connect(book_file)
    try:
        with pytest.raises(sqlite3.DatabaseError) as caught, conn:
            conn.execute(sql)
    finally:
        conn.close()
    assert str(caught.value) == REFUSED
    assert _every_table(book_file) == before


def test_an_article_slipped_in_with_the_guard_dropped_is_named_by_check(folder):
    """With the guard dropped the row can be rewritten; its seal still names it."""
    _approve_2023(folder)
    book_file = folder / "coopdesk.sqlite3"
    conn = sqlite3.connect(book_file)
    try:
        with conn:
            conn.execute("DROP TRIGGER trg_surplus_distribution_guard_update")
            conn.execute("UPDATE surplus_distribution SET reserve_article = 'art. 99'"
                         " WHERE year = 2022")
    finally:
        conn.close()
    with Book(book_file) as book:
        report = check_book(book)
    assert not report.ok
    text = "\n".join(report.lines())
    assert "trg_surplus_distribution_guard_update" in text
