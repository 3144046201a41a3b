"""The outside anchor: a head taken earlier still lies on the live chain, or is named.

The re-seal attack (edit a record, recompute its seal and every later seal with the
program's own algorithm, put the triggers back) leaves a chain that ``check`` alone finds
consistent; only a head kept outside the file shows it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from decimal import Decimal

import pytest

from coopdesk.db import ledger
from coopdesk.services.check import check_file
from coopdesk.services.payments import record_expense


@pytest.fixture(autouse=True)
def english():
    from coopdesk.i18n import current_language, set_language

    previous = current_language()
    set_language("en")
    yield
    set_language(previous)


def _independent_head(path):
    """The head recomputed here, from the seal rows, with hashlib only."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        previous = "0" * 64
        # Since revision 0009 a seal names its record by uuid (older seals by id).
        rows = conn.execute("SELECT entity, coalesce(record_uuid, record_id), content_hash"
                            " FROM seal ORDER BY id")
        count = 0
        for entity, record_key, content in rows:
            previous = hashlib.sha256(
                f"{previous}|{entity}|{record_key}|{content}".encode()).hexdigest()
            count += 1
        return previous, count
    finally:
        conn.close()


def test_the_head_is_the_last_seal_and_the_count(demo_book):
    path = demo_book.path
    with demo_book.read() as session:
        head = ledger.chain_head(session.connection())
    demo_book.close()
    assert (head.hash, head.count) == _independent_head(path)
    assert head.count > 100
    assert head.short() == f"Seal {head.hash[:12]}·{head.count}"


def test_the_short_form_in_spanish():
    from coopdesk.i18n import set_language

    set_language("es")
    assert ledger.ChainHead("3f9a1c0b7e21" + "0" * 52, 4812).short() == "Sello 3f9a1c0b7e21·4812"


def test_a_plain_sqlite3_connection_gives_the_same_head(demo_book_file):
    conn = sqlite3.connect(f"file:{demo_book_file}?mode=ro", uri=True)
    try:
        head = ledger.chain_head(conn)
        assert (head.hash, head.count) == _independent_head(demo_book_file)
        assert ledger.anchor_problem(conn, head.hash, head.count) is None
    finally:
        conn.close()


def test_the_chain_extends_an_older_head_after_more_work(demo_book):
    with demo_book.read() as session:
        before = ledger.chain_head(session.connection())
    record_expense(demo_book, day=dt.date(2026, 11, 3), category="Transporte",
                   amount=Decimal("12.50"))
    with demo_book.read() as session:
        conn = session.connection()
        after = ledger.chain_head(conn)
        assert after.count > before.count
        assert ledger.anchor_problem(conn, before.hash, before.count) is None
        assert ledger.anchor_problem(conn, after.hash, after.count) is None
        assert ledger.anchor_problem(conn, ledger.GENESIS, 0) is None


def test_a_head_the_book_never_had_is_named(demo_book):
    with demo_book.read() as session:
        conn = session.connection()
        head = ledger.chain_head(conn)
        wrong = "f" * 64
        assert ledger.anchor_problem(conn, wrong, head.count) == (
            f"the history of the book up to seal {head.count} was rewritten: it no longer"
            f" passes through the recorded seal Seal ffffffffffff·{head.count}"
        )
        assert ledger.anchor_problem(conn, head.hash, head.count + 5) == (
            f"the book has only {head.count} seals, fewer than the {head.count + 5} of the"
            f" recorded seal Seal {head.hash[:12]}·{head.count + 5}: its history was cut"
            " or rewritten"
        )


def _fingerprint(entity, values):
    """The row fingerprint as the attacker recomputes it (json + sha256, by hand)."""
    text = json.dumps([entity, *values], ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def reseal_attack(path, *, table, record_id, set_sql):
    """Edit a sealed row, recompute its seal and every later one, restore the triggers."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    try:
        triggers = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type='trigger'").fetchall()
        for name, _sql in triggers:
            conn.execute(f"DROP TRIGGER {name}")
        conn.execute(f"UPDATE {table} SET {set_sql} WHERE id=?", (record_id,))
        cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
        # Later columns (corrects_uuid, revision 0010's and 0012's) join the fingerprint as
        # one trailing {name: value} object of those set; the uuid and the site close it in
        # the uuid-keyed seals of 0009 (UTC twins left out).
        later = [c for c in ledger.LATER.get(table, ()) if c in cols]
        cols = [c for c in cols if c not in (*later, "site_id")]
        values = conn.execute(
            f"SELECT {', '.join([*cols, *later])}, uuid, site_id FROM {table} WHERE id=?",
            (record_id,)).fetchone()
        *values, uuid, site = values
        extra = {n: v for n, v in zip(later, values[len(cols):]) if v is not None}
        values = [*values[:len(cols)], *([extra] if extra else [])]
        conn.execute("UPDATE seal SET content_hash=? WHERE entity=? AND record_id=?"
                     " AND record_uuid IS NULL", (_fingerprint(table, values), table, record_id))
        conn.execute("UPDATE seal SET content_hash=? WHERE entity=? AND record_uuid=?",
                     (_fingerprint(table, [*values, {"uuid": uuid, "site_id": site}]), table,
                      uuid))
        previous = "0" * 64
        for seal_id, entity, rid, content in conn.execute(
                "SELECT id, entity, coalesce(record_uuid, record_id), content_hash FROM seal"
                " ORDER BY id").fetchall():
            previous = hashlib.sha256(f"{previous}|{entity}|{rid}|{content}".encode()).hexdigest()
            conn.execute("UPDATE seal SET chain_hash=? WHERE id=?", (previous, seal_id))
        conn.execute("DELETE FROM seal_pending")
        for _name, sql in triggers:
            conn.execute(sql)
    finally:
        conn.close()


def test_the_reseal_attack_passes_check_but_not_the_anchor(demo_book):
    path = demo_book.path
    with demo_book.read() as session:
        head = ledger.chain_head(session.connection())
        payment_id, amount = session.connection().exec_driver_sql(
            "SELECT id, amount FROM member_payment ORDER BY id LIMIT 1").first()
    demo_book.close()

    reseal_attack(path, table="member_payment", record_id=payment_id,
                  set_sql=f"amount = {amount + 10000}")

    assert check_file(path).ok  # the chain alone cannot see it: that is why the anchor exists
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert conn.execute("SELECT amount FROM member_payment WHERE id=?",
                            (payment_id,)).fetchone()[0] == amount + 10000
        assert ledger.anchor_problem(conn, head.hash, head.count) == (
            f"the history of the book up to seal {head.count} was rewritten: it no longer"
            f" passes through the recorded seal Seal {head.hash[:12]}·{head.count}"
        )
    finally:
        conn.close()


def test_the_twelve_digits_printed_on_paper_are_an_anchor_too(demo_book):
    with demo_book.read() as session:
        conn = session.connection()
        head = ledger.chain_head(conn)
        assert ledger.anchor_problem(conn, head.hash[:12].upper(), head.count) is None
        other = ("0" if head.hash[11] != "0" else "1")
        wrong = head.hash[:11] + other
        assert ledger.anchor_problem(conn, wrong, head.count) == (
            f"the history of the book up to seal {head.count} was rewritten: it no longer"
            f" passes through the recorded seal Seal {wrong}·{head.count}"
        )
        with pytest.raises(ValueError):
            ledger.anchor_problem(conn, head.hash[:6], head.count)


def test_comparing_with_a_long_chain_reads_its_seals_one_by_one(tmp_path):
    """Ten years are 300,000 seals: the comparison streams them (a list of them once
    took 65 MB of the desk's memory each time the Respaldo screen showed)."""
    import tracemalloc

    path = tmp_path / "chain.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE seal (id INTEGER PRIMARY KEY, entity TEXT, record_id INTEGER,"
                 " record_uuid TEXT, content_hash TEXT, chain_hash TEXT)")
    previous, rows = ledger.GENESIS, []
    for i in range(1, 60_001):  # the chain, computed here with hashlib, not with the ledger
        content = hashlib.sha256(f"row {i}".encode()).hexdigest()
        record_uuid = f"{i:032x}"
        previous = hashlib.sha256(f"{previous}|workday|{record_uuid}|{content}".encode()
                                  ).hexdigest()
        rows.append(("workday", i, record_uuid, content, previous))
    conn.executemany("INSERT INTO seal (entity, record_id, record_uuid, content_hash,"
                     " chain_hash) VALUES (?, ?, ?, ?, ?)", rows)
    conn.commit()
    del rows
    tracemalloc.start()
    try:
        assert ledger.anchor_problem(conn, previous, 60_000) is None
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        conn.close()
    assert peak < 2_000_000, f"{peak / 1e6:.1f} MB held while comparing 60,000 seals"
