"""Direction and invisible characters (U+202E etc.) in names and notes.

"Ana\u202eQuispe" shows on a screen as "Ana" followed by "Quispe" reversed, and a
note can hide or reorder an amount the same way; on a signed paper it must read as
typed. They are refused wherever text comes in (the one rule is
``coopdesk.domain.text.clean_text``), and anything a book from before the rule holds is
printed with a visible mark in its place.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
from decimal import Decimal

import pytest

from coopdesk.domain.errors import ImportRejected, InvalidInput
from coopdesk.domain.text import HIDDEN_MARK, clean_text
from coopdesk.services.importing import import_file
from coopdesk.services.members import MemberData, add_member
from coopdesk.services.payments import record_expense
from coopdesk.services.settings import get_settings, update_settings
from tests.conftest import run_cli

JAN = dt.date(2022, 1, 10)
HIDDEN = ["\u202e", "\u202d", "\u2066", "\u2067", "\u2068", "\u2069", "\u200f", "\u200e",
          "\u061c", "\u200b", "\ufeff"]


def sentence(what: str, char: str) -> str:
    return (f"{what} contains an invisible character that changes how the text is shown "
            f"(U+{ord(char):04X}); type it again without it.")


@pytest.mark.parametrize("char", HIDDEN, ids=[f"U+{ord(c):04X}" for c in HIDDEN])
def test_the_one_rule_refuses_each_with_its_code(char):
    with pytest.raises(InvalidInput) as refused:
        clean_text(f"Ana{char}Quispe", what="the name", required=True)
    assert str(refused.value) == sentence("The name", char)


def test_letters_of_every_language_still_pass():
    for name in ("María Ñahui Ccorimanya", "Sonqo Ayllu", "Zoë Ünal", "ناديا", "שרה"):
        assert clean_text(name, what="the name", required=True) == name


def _count(book, table: str) -> int:
    with book.read() as session:
        return session.connection().exec_driver_sql(f"SELECT count(*) FROM {table}").scalar()


def test_a_member_a_note_and_the_cooperatives_name_are_refused(members_book):
    members, expenses = _count(members_book, "member"), _count(members_book, "expense")
    name = get_settings(members_book).cooperative_name
    with pytest.raises(InvalidInput) as refused:
        add_member(members_book, MemberData(code="S09", full_name="Ana\u202eQuispe",
                                            joined_on=JAN))
    assert str(refused.value).endswith("(U+202E); type it again without it.")
    with pytest.raises(InvalidInput) as refused:
        record_expense(members_book, day=JAN, category="luz", amount=Decimal("12.00"),
                       note="pagado \u202e00.021 S/")
    assert str(refused.value).endswith("(U+202E); type it again without it.")
    with pytest.raises(InvalidInput) as refused:
        update_settings(members_book, cooperative_name="Dulce\u2066 Esperanza")
    assert str(refused.value).endswith("(U+2066); type it again without it.")
    assert (_count(members_book, "member"), _count(members_book, "expense")) == (
        members, expenses)
    assert get_settings(members_book).cooperative_name == name


def test_an_import_names_the_line(members_book, tmp_path):
    csv = tmp_path / "socias.csv"
    csv.write_text("codigo,nombre,dni,fecha_ingreso,estado,fecha_salida,cargo\n"
                   "S20,Rosa Huamán,,2022-01-03,activa,,\n"
                   "S21,Ana\u202eQuispe,,2022-01-03,activa,,\n", encoding="utf-8")
    before = _count(members_book, "member")
    with pytest.raises(ImportRejected) as rejected:
        import_file(members_book, "members", csv)
    [(line, problem)] = rejected.value.problems
    assert (line, problem) == (3, "the column “nombre” holds an invisible character (U+202E "
                               "RIGHT-TO-LEFT OVERRIDE) in “AnaQuispe”; delete it and type "
                               "the text again")
    assert _count(members_book, "member") == before


def test_an_old_books_hidden_character_is_printed_visibly(small_book, tmp_path):
    """A name written before the rule (set here with the sqlite3 module) on a statement."""
    path = small_book.path
    small_book.close()
    conn = sqlite3.connect(str(path), isolation_level=None)
    try:
        triggers = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type='trigger' AND tbl_name='member'"
        ).fetchall()
        for name, _sql in triggers:
            conn.execute(f'DROP TRIGGER "{name}"')
        conn.execute("UPDATE member SET full_name = 'Ana\u202eatsiuQ' WHERE code = 'S01'")
        for _name, sql in triggers:
            conn.execute(sql)
    finally:
        conn.close()
    out = tmp_path / "s01.pdf"
    done = run_cli("statement", "--month", "2022-11", "--member", "S01", "--out", out,
                   data_dir=path.parent)
    assert done.returncode == 0, done.stderr
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "\u202e" not in text
    assert f"Ana{HIDDEN_MARK}atsiuQ" in text
    small_book.__init__(path)
