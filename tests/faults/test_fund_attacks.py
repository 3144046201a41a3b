"""Attacks on the funds: paying from the reserve by the command line and by the sqlite3 shell.

Every refusal asserts the exact sentence and an unchanged book (every table dumped).
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from decimal import Decimal as D

import pytest

from tests.faults.import_attack import dump, run

INSERT = ("INSERT INTO fund_movement (uuid, created_at, void_reason, fund, day, direction,"
          " amount, source, source_uuid, note) VALUES ('x', '2023-03-01', '', {fund}, {day},"
          " {direction}, {amount}, {source}, NULL, '')")


@pytest.fixture(scope="module")
def _funded_file(tmp_path_factory):
    """A book whose 2022 surplus (S/ 650.00) was approved: reserve 65.00, education 32.50."""
    from coopdesk.services import distribution
    from coopdesk.services.book import Book
    from coopdesk.services.workshops import add_session
    from tests.services.costing_helpers import fill_costing_book

    folder = tmp_path_factory.mktemp("funded")
    with Book.open_folder(folder) as book:
        fill_costing_book(book)
        distribution.set_rule(book, reserve_percent="10", education_percent="5")
        distribution.approve_distribution(book, year=2022, approved_on=dt.date(2023, 2, 15),
                                          surplus=D("650.00"))
        add_session(book, workshop=3, held_on=dt.date(2023, 3, 10))
    return folder / "coopdesk.sqlite3"


@pytest.fixture
def folder(_funded_file, tmp_path, monkeypatch):
    monkeypatch.setenv("COOPDESK_LANG", "en")
    target = tmp_path / "book"
    target.mkdir()
    shutil.copy(_funded_file, target / "coopdesk.sqlite3")
    return target


def _out(capsys, folder, *args) -> tuple[int, str]:
    """Run the CLI in this process; return its exit code and what it printed on stdout."""
    from coopdesk import cli

    capsys.readouterr()
    code = cli.main(["--data-dir", str(folder), *args])
    return code, capsys.readouterr().out


RESERVE_REFUSAL = ("Nothing is ever paid out of the reserve fund: the bylaws keep it for the"
                   " cooperative. Nothing was recorded.")


def test_paying_from_the_reserve_on_the_command_line_is_refused(folder, capsys):
    before = dump(folder)
    code, err = run(capsys, folder, "fund-entry", "reserve", "out", "10.00", "--date",
                    "2023-03-01", "--note", "préstamo a una socia")
    assert (code, err) == (1, [RESERVE_REFUSAL])
    assert dump(folder) == before


def test_a_workshop_cost_beyond_the_education_fund_is_refused(folder, capsys):
    before = dump(folder)
    code, err = run(capsys, folder, "workshop-cost", "--workshop", "3", "--date", "2023-03-10",
                    "--amount", "32.51")
    assert (code, err) == (1, [
        "The education fund can pay at most S/ 32.50 on 10/03/2023, counting what it pays"
        " later; S/ 32.51 cannot be paid from it. Nothing was recorded."])
    assert dump(folder) == before
    code, err = run(capsys, folder, "workshop-cost", "--workshop", "3", "--date", "2023-03-10",
                    "--amount", "32.50", "--note", "refrigerio")
    assert code == 0, err
    code, _err = run(capsys, folder, "check")
    assert code == 0
    code, out = _out(capsys, folder, "funds", "--month", "2023-03")
    assert "Education fund: opening S/\xa032.50, in S/\xa00.00, out S/\xa032.50, closing" \
           " S/\xa00.00" in out


@pytest.mark.parametrize("sql, refusal", [
    # Money out of the reserve, typed in the shell: refused however it is labelled.
    (INSERT.format(fund="'reserve'", day="'2023-03-01'", direction="'out'", amount=100,
                   source="'manual'"),
     "coopdesk: nothing is ever paid out of the reserve fund"),
    (INSERT.format(fund="'reserve'", day="'2023-03-01'", direction="'OUT'", amount=100,
                   source="'manual'"),
     "coopdesk: a fund movement needs a fund, a direction, a source and an amount above zero"),
    (INSERT.format(fund="'caja'", day="'2023-03-01'", direction="'out'", amount=100,
                   source="'manual'"),
     "coopdesk: a fund movement needs a fund, a direction, a source and an amount above zero"),
    # A negative amount "in" would lower the reserve.
    (INSERT.format(fund="'reserve'", day="'2023-03-01'", direction="'in'", amount=-6500,
                   source="'manual'"),
     "coopdesk: a fund movement needs a fund, a direction, a source and an amount above zero"),
    # More out of the education fund than it has (32.50).
    (INSERT.format(fund="'education'", day="'2023-03-01'", direction="'out'", amount=3251,
                   source="'workshop'"),
     "coopdesk: a fund is never below zero"),
    # Out before the money came in (15/02/2023).
    (INSERT.format(fund="'education'", day="'2023-02-14'", direction="'out'", amount=1,
                   source="'workshop'"),
     "coopdesk: a fund is never below zero"),
    ("UPDATE fund_movement SET direction = 'out' WHERE fund = 'reserve'",
     "coopdesk: posted amounts cannot be changed; void and record again"),
    ("UPDATE fund_movement SET amount = 1 WHERE fund = 'reserve'",
     "coopdesk: posted amounts cannot be changed; void and record again"),
    ("DELETE FROM fund_movement", "coopdesk: posted records are never deleted; void them"),
])
def test_the_shell_cannot_take_money_out_of_the_reserve(folder, sql, refusal):
    before = dump(folder)
    conn = sqlite3.connect(folder / "coopdesk.sqlite3")
    try:
        with pytest.raises(sqlite3.DatabaseError) as exc:
            conn.execute(sql)
            conn.commit()
    finally:
        conn.close()
    assert str(exc.value) == refusal
    assert dump(folder) == before


def test_voiding_spent_money_in_the_shell_is_refused(folder, capsys):
    code, err = run(capsys, folder, "workshop-cost", "--workshop", "3", "--date", "2023-03-10",
                    "--amount", "30.00")
    assert code == 0, err
    before = dump(folder)
    conn = sqlite3.connect(folder / "coopdesk.sqlite3")
    try:
        with pytest.raises(sqlite3.DatabaseError) as exc:
            conn.execute("UPDATE fund_movement SET voided_at = '2023-03-11', void_reason = 'x'"
                         " WHERE fund = 'education' AND direction = 'in'")
    finally:
        conn.close()
    assert str(exc.value) == "coopdesk: a fund is never below zero"
    assert dump(folder) == before


def test_a_row_slipped_in_with_the_triggers_dropped_is_named_by_check(folder, capsys):
    conn = sqlite3.connect(folder / "coopdesk.sqlite3")
    conn.execute("DROP TRIGGER trg_fund_movement_reserve_never_out")
    conn.execute(INSERT.format(fund="'reserve'", day="'2023-03-01'", direction="'out'",
                               amount=100, source="'manual'"))
    conn.commit()
    conn.close()
    code, out = _out(capsys, folder, "check")
    assert code == 1
    assert "Reserve and education funds: WRONG" in out
    assert "  - the reserve fund paid out S/ 1.00 on 01/03/2023" in out
    assert "trg_fund_movement_reserve_never_out" in out
