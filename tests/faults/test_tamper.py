"""Tampering with a closed book from outside coopdesk: each attack is made, then ``check`` runs.

The attacks use the sqlite3 shell on the book file, as someone with the laptop would.
Where a trigger refuses the write, the refusal is shown and the book is unchanged; where
the attacker first drops (and even puts back) the triggers, ``coopdesk check`` exits 1
and names the table and the record. The expected sentences are built here from the
rows read with plain sqlite3, not from the code under test.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess

import pytest

from coopdesk.db.defences import TRIGGERS
from coopdesk.services.book import Book
from coopdesk.services.months import close_month
from tests.conftest import run_cli

CHANGED = "  - {what} was changed outside coopdesk"
CHAIN_WRONG = "Hash chain of posted records: WRONG"
DEFENCES_WRONG = "Protections of the book: WRONG"


@pytest.fixture(scope="module")
def closed_demo_file(demo_book_file, tmp_path_factory):
    """The demo book with March 2022 closed (its statements printed), made once."""
    folder = tmp_path_factory.mktemp("tamper-master")
    shutil.copy2(demo_book_file, folder / "coopdesk.sqlite3")
    with Book.open_folder(folder) as book:
        close_month(book, year=2022, month=3, note="Boletas de marzo firmadas")
    return folder / "coopdesk.sqlite3"


@pytest.fixture
def folder(closed_demo_file, tmp_path):
    """A private copy of the closed demo book, closed (no coopdesk holds it)."""
    target = tmp_path / "book"
    target.mkdir()
    shutil.copy2(closed_demo_file, target / "coopdesk.sqlite3")
    return target


def book_file(folder):
    return folder / "coopdesk.sqlite3"


def shell(folder, sql: str) -> subprocess.CompletedProcess:
    """Run *sql* with the sqlite3 command-line shell on the book file."""
    return subprocess.run(["sqlite3", str(book_file(folder)), sql], capture_output=True,
                          text=True, check=False)


def attack(folder, sql: str) -> None:
    done = shell(folder, sql)
    assert done.returncode == 0, done.stderr


def one(folder, sql: str, params=()):
    conn = sqlite3.connect(f"file:{book_file(folder)}?mode=ro", uri=True)
    try:
        return conn.execute(sql, params).fetchone()
    finally:
        conn.close()


def contents(folder) -> dict[str, list]:
    """Every row of every table, to show a refused attack changed nothing."""
    conn = sqlite3.connect(f"file:{book_file(folder)}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return {t: conn.execute(f"SELECT rowid, * FROM {t} ORDER BY rowid").fetchall()
                for t in tables}
    finally:
        conn.close()


def refused(folder, sql: str, *messages: str) -> None:
    """A trigger refuses *sql* with one of *messages*, and not one row changed."""
    before = contents(folder)
    done = shell(folder, sql)
    assert done.returncode != 0
    assert any(f", {message} (19)" in done.stderr for message in messages), done.stderr
    assert contents(folder) == before


def check(folder, lang="en") -> tuple[int, list[str]]:
    done = run_cli("check", data_dir=folder, env={"COOPDESK_LANG": lang})
    assert "Traceback" not in done.stderr + done.stdout
    return done.returncode, done.stdout.splitlines()


def problems_under(lines: list[str], heading: str) -> list[str]:
    """The problem lines printed under *heading*."""
    start = lines.index(heading) + 1
    out = []
    for line in lines[start:]:
        if not line.startswith("  "):
            break
        out.append(line)
    return out


def triggers_sql(folder) -> list[str]:
    conn = sqlite3.connect(f"file:{book_file(folder)}?mode=ro", uri=True)
    try:
        return [r[0] for r in conn.execute("SELECT sql FROM sqlite_master WHERE type='trigger'")]
    finally:
        conn.close()


def test_the_clean_demo_book_checks_clean(folder):
    code, lines = check(folder)
    assert code == 0, lines
    assert all(line.endswith(": ok") for line in lines)
    assert "Protections of the book: ok" in lines


def test_swapping_two_members_codes_is_named(folder):
    first = one(folder, "SELECT id, full_name FROM member WHERE code='S01'")
    second = one(folder, "SELECT id, full_name FROM member WHERE code='S02'")
    attack(folder, "UPDATE member SET code='X' WHERE code='S01';"
                   " UPDATE member SET code='S01' WHERE code='S02';"
                   " UPDATE member SET code='S02' WHERE code='X';")
    code, lines = check(folder)
    assert code == 1
    assert problems_under(lines, CHAIN_WRONG) == [
        CHANGED.format(what=f"the member S02 ({first[1]}) [member {first[0]}]"),
        CHANGED.format(what=f"the member S01 ({second[1]}) [member {second[0]}]"),
    ]
    # Checking blesses nothing, and neither does the program's next operation.
    seals = one(folder, "SELECT count(*) FROM seal")
    import datetime as dt
    from decimal import Decimal

    from coopdesk.services.payments import record_expense

    with Book.open_folder(folder) as book:
        record_expense(book, day=dt.date(2022, 5, 3), category="INPE", amount=Decimal("41.00"))
    assert one(folder, "SELECT count(*) FROM seal")[0] > seals[0]
    code, again = check(folder)
    assert code == 1 and problems_under(again, CHAIN_WRONG) == problems_under(lines, CHAIN_WRONG)


def test_editing_an_attendance_mark_is_named(folder):
    mark_id, member = one(
        folder,
        "SELECT a.id, m.code FROM attendance a JOIN member m ON m.id=a.member_id"
        " JOIN workshop_session s ON s.id=a.session_id WHERE s.held_on='2022-02-16'"
        " AND a.status='present' ORDER BY a.id")
    attack(folder, f"UPDATE attendance SET status='absent' WHERE id={mark_id}")
    code, lines = check(folder)
    assert code == 1
    assert problems_under(lines, CHAIN_WRONG) == [
        CHANGED.format(
            what=f"the attendance of {member} at workshop 1 on 2022-02-16 [attendance {mark_id}]")
    ]


def test_attendance_in_a_closed_month_is_refused_by_the_book_itself(folder):
    refused(folder,
            "UPDATE attendance SET status='present' WHERE session_id="
            "(SELECT id FROM workshop_session WHERE held_on='2022-03-17')",
            "coopdesk: that month is closed")
    refused(folder,
            "DELETE FROM attendance WHERE session_id="
            "(SELECT id FROM workshop_session WHERE held_on='2022-03-17')",
            "coopdesk: that month is closed", "coopdesk: these records are never deleted")
    refused(folder, "UPDATE workshop_session SET held_on='2022-04-18' WHERE held_on='2022-03-17'",
            "coopdesk: that month is closed")
    refused(folder, "INSERT INTO labor_rate (uuid, created_at, valid_from, rate) VALUES"
                    " ('u', '2022-01-01 00:00:00', '2022-02-01', 1)",
            "coopdesk: that month is closed")
    sale = one(folder, "SELECT id FROM sale WHERE day LIKE '2022-03-%' ORDER BY id")[0]
    refused(folder, "INSERT INTO sale_line (sale_id, position, product_id, quantity, unit_price,"
                    f" total, uuid) VALUES ({sale}, 9, 1, 1000, 85000, 850, 'u-line')",
            "coopdesk: that month is closed")
    batch = one(folder, "SELECT id FROM production_batch WHERE day LIKE '2022-03-%'")[0]
    refused(folder, "INSERT INTO batch_input (batch_id, position, item_id, quantity, cost,"
                    f" uuid) VALUES ({batch}, 9, 1, 1000, 100, 'u-input')",
            "coopdesk: that month is closed")
    receipt = one(folder, "SELECT receipt_number FROM sale WHERE paid=0 ORDER BY 1")[0]
    refused(folder, f"UPDATE sale SET paid=1, paid_on='2022-03-31' WHERE receipt_number={receipt}",
            "coopdesk: that month is closed")


def test_renaming_a_buyer_is_named(folder):
    buyer_id = one(folder, "SELECT id FROM buyer WHERE name='Thika Thani'")[0]
    attack(folder, "UPDATE buyer SET name='Thika Thani SAC' WHERE name='Thika Thani'")
    code, lines = check(folder)
    assert code == 1
    assert problems_under(lines, CHAIN_WRONG) == [
        CHANGED.format(what=f"the buyer Thika Thani SAC [buyer {buyer_id}]")]


def test_changing_a_product_price_is_named(folder):
    price_id, name, valid_from = one(
        folder, "SELECT pp.id, p.name, pp.valid_from FROM product_price pp"
                " JOIN product p ON p.id=pp.product_id WHERE pp.valid_from='2022-01-01'"
                " ORDER BY pp.id")
    attack(folder, f"UPDATE product_price SET unit_price=unit_price+10000 WHERE id={price_id}")
    code, lines = check(folder)
    assert code == 1
    assert problems_under(lines, CHAIN_WRONG) == [
        CHANGED.format(what=f"the price of {name} from {valid_from} [product_price {price_id}]")]


def test_changing_a_setting_is_named(folder):
    rowid = one(folder, "SELECT rowid FROM setting WHERE key='receipt_series'")[0]
    attack(folder, "UPDATE setting SET value='002' WHERE key='receipt_series'")
    code, lines = check(folder)
    assert code == 1
    assert problems_under(lines, CHAIN_WRONG) == [
        CHANGED.format(what=f"the setting receipt_series [setting {rowid}]")]


def test_deleting_an_audit_event_is_refused_then_named(folder):
    event = one(folder, "SELECT id FROM audit_event WHERE action='close'")[0]
    refused(folder, f"DELETE FROM audit_event WHERE id={event}",
            "coopdesk: the audit trail is append-only")
    attack(folder, "DROP TRIGGER trg_audit_event_no_delete;"
                   f" DELETE FROM audit_event WHERE id={event};")
    code, lines = check(folder)
    assert code == 1
    assert problems_under(lines, CHAIN_WRONG) == [
        f"  - audit_event record {event} was deleted outside coopdesk"]
    assert problems_under(lines, DEFENCES_WRONG) == [
        "  - the protection «trg_audit_event_no_delete» of the table audit_event is missing:"
        " the file was changed outside coopdesk"]


def test_editing_an_audit_event_is_refused_then_named_even_with_the_trigger_put_back(folder):
    event, at, action = one(folder, "SELECT id, at, action FROM audit_event"
                                    " WHERE action='close'")
    refused(folder, f"UPDATE audit_event SET reason='' WHERE id={event}",
            "coopdesk: the audit trail is append-only")
    guard = one(folder, "SELECT sql FROM sqlite_master WHERE name='trg_audit_event_no_update'")[0]
    attack(folder, "DROP TRIGGER trg_audit_event_no_update;"
                   f" UPDATE audit_event SET reason='' WHERE id={event}; {guard};")
    code, lines = check(folder)
    assert code == 1
    assert problems_under(lines, CHAIN_WRONG) == [
        CHANGED.format(what=f"the audit event {event} of {at} ({action}) [audit_event {event}]")]
    assert "Protections of the book: ok" in lines  # the trigger is back: only the seal tells


def test_a_closed_month_deleted_and_put_back_around_a_backdated_payment(folder):
    refused(folder, "DELETE FROM closed_month WHERE month='2022-03'",
            "coopdesk: a closed month is reopened only in coopdesk, with a reason")
    refused(folder, "UPDATE closed_month SET month='2022-02' WHERE month='2022-03'",
            "coopdesk: a closed month cannot be changed")
    payment, member = one(folder, "SELECT p.id, m.code FROM member_payment p JOIN member m"
                                  " ON m.id=p.member_id WHERE p.day='2022-04-05' ORDER BY p.id")
    guards = triggers_sql(folder)
    drops = "".join(f" DROP TRIGGER {name};" for name in TRIGGERS)
    attack(folder,
           "CREATE TEMP TABLE keep AS SELECT * FROM closed_month WHERE month='2022-03';"
           f"{drops} DELETE FROM closed_month WHERE month='2022-03';"
           f" UPDATE member_payment SET day='2022-03-20' WHERE id={payment};"
           " INSERT INTO closed_month (month, closed_at, note, uuid, site_id)"
           " SELECT month, closed_at, note, uuid, site_id FROM keep;"
           + "".join(f" {sql};" for sql in guards))
    assert one(folder, "SELECT month FROM closed_month") == ("2022-03",)
    code, lines = check(folder)
    assert code == 1
    assert problems_under(lines, CHAIN_WRONG) == [
        CHANGED.format(what=f"the payment to {member} on 2022-03-20 [member_payment {payment}]")]
    assert "Protections of the book: ok" in lines


def test_dropping_every_trigger_is_named(folder):
    attack(folder, "".join(f"DROP TRIGGER {name};" for name in TRIGGERS))
    code, lines = check(folder)
    assert code == 1
    shown = problems_under(lines, DEFENCES_WRONG)
    expected = [
        f"  - the protection «{name}» of the table {table} is missing: the file was changed"
        " outside coopdesk"
        for name, (table, _digest) in TRIGGERS.items()
    ]
    assert len(expected) > 100
    assert shown == expected[:50] + [f"  … and {len(expected) - 50} more"]
    assert "Hash chain of posted records: ok" in lines  # no record was touched


def test_dropping_one_index_is_named(folder):
    attack(folder, "DROP INDEX uq_workday_member_day_line")
    code, lines = check(folder)
    assert code == 1
    assert problems_under(lines, DEFENCES_WRONG) == [
        "  - the index «uq_workday_member_day_line» of the table workday is missing: the file"
        " was changed outside coopdesk"]


def test_a_neutered_trigger_and_a_foreign_one_are_named(folder):
    attack(folder, "DROP TRIGGER trg_member_payment_guard_update;"
                   " CREATE TRIGGER trg_member_payment_guard_update BEFORE UPDATE ON"
                   " member_payment WHEN 0 BEGIN SELECT 1; END;"
                   " CREATE TRIGGER zz_quiet AFTER INSERT ON workday BEGIN"
                   " UPDATE workday SET fraction=1000 WHERE id=NEW.id; END;")
    code, lines = check(folder)
    assert code == 1
    assert problems_under(lines, DEFENCES_WRONG) == [
        "  - the protection «trg_member_payment_guard_update» of the table member_payment was"
        " rewritten: the file was changed outside coopdesk",
        "  - the table workday has a trigger «zz_quiet» that coopdesk does not make: the file"
        " was changed outside coopdesk",
    ]


def test_deleting_a_sealed_row_is_refused_then_named(folder):
    price_id = one(folder, "SELECT id FROM product_price ORDER BY id DESC")[0]
    refused(folder, f"DELETE FROM product_price WHERE id={price_id}",
            "coopdesk: these records are never deleted")
    guard = one(folder,
                "SELECT sql FROM sqlite_master WHERE name='trg_product_price_no_delete'")[0]
    attack(folder, "DROP TRIGGER trg_product_price_no_delete;"
                   f" DELETE FROM product_price WHERE id={price_id}; {guard};")
    code, lines = check(folder)
    assert code == 1
    assert problems_under(lines, CHAIN_WRONG) == [
        f"  - product_price record {price_id} was deleted outside coopdesk"]


def test_the_missing_protection_is_said_in_spanish(folder):
    attack(folder, "DROP TRIGGER trg_member_seal_update")
    code, lines = check(folder, lang="es")
    assert code == 1
    assert ("  - falta la protección «trg_member_seal_update» de la tabla member: el archivo"
            " fue modificado fuera de coopdesk") in lines


def test_the_reseal_attack_on_a_member_is_seen_only_by_the_anchor(folder):
    from coopdesk.db import ledger
    from tests.db.test_anchor import reseal_attack

    conn = sqlite3.connect(f"file:{book_file(folder)}?mode=ro", uri=True)
    try:
        head = ledger.chain_head(conn)
    finally:
        conn.close()
    member = one(folder, "SELECT id FROM member WHERE code='S03'")[0]
    reseal_attack(book_file(folder), table="member", record_id=member,
                  set_sql="full_name='Otra Persona'")
    code, lines = check(folder)
    assert code == 0, lines  # consistent: the chain alone cannot tell
    conn = sqlite3.connect(f"file:{book_file(folder)}?mode=ro", uri=True)
    try:
        assert ledger.anchor_problem(conn, head.hash, head.count) == (
            f"the history of the book up to seal {head.count} was rewritten: it no longer"
            f" passes through the recorded seal Seal {head.hash[:12]}·{head.count}")
    finally:
        conn.close()


def test_a_forged_reopen_event_lets_the_trigger_pass_but_not_check(folder):
    """The guard lets a month go when a reopen event waits for its seal: forge both."""
    rowid = one(folder, "SELECT rowid FROM closed_month WHERE month='2022-03'")[0]
    attack(folder,
           "INSERT INTO audit_event (at, action, entity, entity_uuid, detail, before, after,"
           " reason, uuid) VALUES ('2022-04-01 09:00:00', 'reopen', 'month', '2022-03', '', '',"
           " '', 'x', 'forged-reopen');"
           " INSERT INTO seal_pending (entity, record_id) VALUES ('audit_event',"
           " (SELECT max(id) FROM audit_event));"
           " DELETE FROM closed_month WHERE month='2022-03';")
    event = one(folder, "SELECT max(id) FROM audit_event")[0]
    code, lines = check(folder)
    assert code == 1
    assert problems_under(lines, CHAIN_WRONG) == [
        f"  - the audit event {event} of 2022-04-01 09:00:00 (reopen) [audit_event {event}]"
        " was added outside coopdesk",
        f"  - closed_month record {rowid} was deleted outside coopdesk",
    ]


def test_a_reseal_appended_to_the_chain_is_named_on_a_posted_record(folder):
    """Edit a live payment and append a fresh seal for it: the chain is consistent and
    extends every earlier head, but a posted record is only ever sealed again when it is
    voided (or a sale paid)."""
    import hashlib
    import json

    from coopdesk.db import ledger

    payment, member, day = one(
        folder, "SELECT p.id, m.code, p.day FROM member_payment p JOIN member m"
                " ON m.id=p.member_id WHERE p.day='2022-06-05' AND p.voided_at IS NULL"
                " ORDER BY p.id")
    conn = sqlite3.connect(f"file:{book_file(folder)}?mode=ro", uri=True)
    try:
        head = ledger.chain_head(conn)
    finally:
        conn.close()
    guard = one(folder, "SELECT sql FROM sqlite_master"
                        " WHERE name='trg_member_payment_guard_update'")[0]
    attack(folder, "DROP TRIGGER trg_member_payment_guard_update;"
                   f" UPDATE member_payment SET amount=amount+5000 WHERE id={payment};"
                   f" DELETE FROM seal_pending; {guard};")
    columns = ("id", "uuid", "created_at", "voided_at", "void_reason", "member_id", "day",
               "amount", "received_by", "note")
    *row, uuid, site = one(folder, f"SELECT {', '.join(columns)}, uuid, site_id"
                                   f" FROM member_payment WHERE id={payment}")
    # The seal in the uuid-keyed form of revision 0009: the fingerprint ends with the
    # uuid and the site, the link names the record by its uuid.
    text = json.dumps(["member_payment", *row, {"uuid": uuid, "site_id": site}],
                      ensure_ascii=False, separators=(",", ":"))
    content = hashlib.sha256(text.encode("utf-8")).hexdigest()
    link = hashlib.sha256(f"{head.hash}|member_payment|{uuid}|{content}".encode()).hexdigest()
    attack(folder, "INSERT INTO seal (uuid, entity, record_id, record_uuid, content_hash,"
                   f" chain_hash) VALUES ('forged-seal', 'member_payment', {payment}, '{uuid}',"
                   f" '{content}', '{link}')")
    conn = sqlite3.connect(f"file:{book_file(folder)}?mode=ro", uri=True)
    try:
        assert ledger.anchor_problem(conn, head.hash, head.count) is None  # it only extends
    finally:
        conn.close()
    code, lines = check(folder)
    assert code == 1
    assert problems_under(lines, CHAIN_WRONG) == [
        f"  - the payment to {member} on {day} [member_payment {payment}] was sealed again"
        " without being voided or paid: it was changed outside coopdesk"]


def test_paid_and_voided_through_the_program_is_sealed_again_and_checks_clean(folder):
    import datetime as dt

    from coopdesk.services.payments import void_payment
    from coopdesk.services.trade import mark_sale_paid, void_sale

    # a sale still owed (the demo's are its last quarter's, October to December 2023)
    sale_id, receipt, sold_on = one(folder, "SELECT id, receipt_number, day FROM sale"
                                            " WHERE paid=0 AND day >= '2022-04-01' ORDER BY id")
    payment_id, payment_uuid = one(folder, "SELECT id, uuid FROM member_payment"
                                           " WHERE day='2022-06-05' ORDER BY id")
    with Book.open_folder(folder) as book:
        mark_sale_paid(book, receipt_number=receipt,
                       paid_on=dt.date.fromisoformat(sold_on) + dt.timedelta(days=20))
        void_sale(book, receipt_number=receipt, reason="vendida dos veces")
        void_payment(book, uuid=payment_uuid, reason="monto equivocado")
    code, lines = check(folder)
    assert code == 0, lines
    assert one(folder, f"SELECT count(*) FROM seal WHERE entity='sale' AND record_id={sale_id}"
               ) == (3,)
    assert one(folder, "SELECT count(*) FROM seal WHERE entity='member_payment'"
                       f" AND record_id={payment_id}") == (2,)
