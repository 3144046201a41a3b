"""Attacks on the share capital: crafted import files and the sqlite3 shell.

Every refusal asserts the exact sentence and an unchanged book (every table dumped).
"""

from __future__ import annotations

import sqlite3

import pytest

from tests.faults.import_attack import book_copy, count, dump, refused, run

HEADER = "codigo_socia,fecha,tipo,monto,nota"
NOTHING = "Nothing was imported."


@pytest.fixture
def folder(_member_book_file, tmp_path, monkeypatch):
    monkeypatch.setenv("COOPDESK_LANG", "en")
    return book_copy(_member_book_file, tmp_path)


def _csv(tmp_path, *rows: str):
    path = tmp_path / "aportes.csv"
    path.write_text("\n".join((HEADER, *rows)) + "\n", encoding="utf-8")
    return path


def test_paying_more_than_subscribed_refuses_the_whole_file(folder, tmp_path, capsys):
    path = _csv(tmp_path, "S01,2022-01-05,suscripcion,200.00,Asamblea 1",
                "S01,2022-01-31,pago,150.00,", "S01,2022-02-28,pago,50.01,")
    assert refused(capsys, folder, "shares", path) == [
        f"{path}:4: S01: by 28/02/2022 she would have paid S/ 200.01 of a subscription of"
        " S/ 200.00; she cannot pay more than she subscribed",
        NOTHING,
    ]


def test_returning_more_than_paid_is_refused_on_its_line(folder, tmp_path, capsys):
    path = _csv(tmp_path, "S01,2022-01-05,suscripcion,200.00,", "S01,2022-01-06,pago,80,",
                "S01,2022-03-01,devolucion,80.50,a su familia")
    assert refused(capsys, folder, "shares", path) == [
        f"{path}:4: S01: by 01/03/2022 S/ 80.50 would have been returned to her but she paid"
        " S/ 80.00; she cannot be returned more than she paid",
        NOTHING,
    ]


def test_a_deduction_from_pay_she_has_not_earned_is_refused(folder, tmp_path, capsys):
    path = _csv(tmp_path, "S01,2022-01-05,suscripcion,200.00,",
                "S01,2022-01-31,descuento,20.00,")
    assert refused(capsys, folder, "shares", path) == [
        f"{path}:3: S01 is owed S/ 0.00 on 31/01/2022; S/ 20.00 cannot be deducted from her pay",
        NOTHING,
    ]


def test_a_crafted_file_is_refused_line_by_line(folder, tmp_path, capsys):
    path = _csv(tmp_path, "S01,2022-01-05,regalo,200.00,", "S09,2022-01-05,pago,1,",
                "S01,2020-12-31,suscripcion,10,", "S01,2022-01-05,suscripcion,-5,")
    err = refused(capsys, folder, "shares", path)
    assert err[0] == (f"{path}:2: The type “regalo” is not known; use suscripcion, pago,"
                      " descuento or devolucion.")
    assert err[1] == f"{path}:3: there is no member with the code “S09”"
    assert err[2] == (f"{path}:4: S01 joined on 04/01/2021; a contribution before that is not"
                      " possible")
    assert err[3].startswith(f"{path}:5: ")
    assert err[4:] == [NOTHING]


def test_a_good_file_imports_and_check_holds(folder, tmp_path, capsys):
    path = _csv(tmp_path, "S01,2022-01-05,suscripcion,200.00,", "S01,2022-01-06,pago,80,",
                "S01,2022-03-01,devolucion,80,")
    code, err = run(capsys, folder, "import", "shares", path)
    assert code == 0, err
    assert count(folder, "share_movement") == 3
    code, _err = run(capsys, folder, "check")
    assert code == 0


@pytest.mark.parametrize("sql, refusal", [
    # A payment beyond the subscription, typed in the shell.
    ("INSERT INTO share_movement (uuid, created_at, void_reason, member_id, day, kind, amount,"
     " agreement, note) VALUES ('x', '2022-02-01', '', 1, '2022-02-01', 'payment', 10001, '', '')",
     "coopdesk: share payments cannot exceed the subscribed capital"),
    # A return beyond what she paid.
    ("INSERT INTO share_movement (uuid, created_at, void_reason, member_id, day, kind, amount,"
     " agreement, note) VALUES ('x', '2022-02-01', '', 1, '2022-02-01', 'return', 5001, '', '')",
     "coopdesk: a share return cannot exceed what she paid"),
    # Voiding the subscription under her payment.
    ("UPDATE share_movement SET voided_at = '2022-02-01', void_reason = 'x' WHERE kind ="
     " 'subscription'", "coopdesk: share payments cannot exceed the subscribed capital"),
    ("UPDATE share_movement SET amount = 1 WHERE kind = 'payment'",
     "coopdesk: posted amounts cannot be changed; void and record again"),
    ("DELETE FROM share_movement", "coopdesk: posted records are never deleted; void them"),
])
def test_the_shell_cannot_break_the_rules(folder, tmp_path, capsys, sql, refusal):
    path = _csv(tmp_path, "S01,2022-01-05,suscripcion,100.00,", "S01,2022-01-06,pago,50,")
    code, err = run(capsys, folder, "import", "shares", path)
    assert code == 0, err
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
