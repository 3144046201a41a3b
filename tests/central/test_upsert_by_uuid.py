"""Records kept by (site, uuid): later deliveries update them; repeats and forgeries do not."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import psycopg

from coopdesk.central.ingest import ingest, write_acks
from coopdesk.central.programme import enrol
from coopdesk.central.summary import programme_summary
from coopdesk.services.book import Book
from coopdesk.services.delivery import send, site_enrolment, take_ack
from coopdesk.services.summary import month_summary
from tests.central.test_delivery_attacks import damaged, state

PARTS = ("labor", "sales", "purchases", "expenses", "result", "attendance")


def _first_delivery(folder: Path, stick: Path, conn) -> Path:
    with Book.open_folder(folder) as book:
        with conn.transaction():
            enrol(conn, site_enrolment(book, stick / "site.sitio"))
        path = send(book, stick).path
    assert not ingest(conn, path).already
    return path


def _acknowledge(folder: Path, stick: Path, conn) -> None:
    with conn.transaction():
        sites = {r[0] for r in conn.execute("SELECT site_id FROM site")}
    [ack] = write_acks(conn, sites, stick, "2026-12-07T12:00:00Z")
    with Book.open_folder(folder) as book:
        take_ack(book, ack)


def _site_month(folder: Path, y: int, m: int) -> dict:
    with Book.open_folder(folder) as book:
        return month_summary(book, y, m).as_json_dict()


def _central_month(conn, y: int, m: int) -> dict:
    [site] = programme_summary(conn, y, m)["sites"]
    return site


def test_a_void_and_a_correction_in_a_later_delivery_update_the_record(demo_dir, central,
                                                                       tmp_path):
    from coopdesk.services.work import record_workday, void_workday

    _url, conn = central
    stick = tmp_path / "stick"
    stick.mkdir()
    _first_delivery(demo_dir, stick, conn)
    _acknowledge(demo_dir, stick, conn)
    with Book.open_folder(demo_dir) as book, book.read() as r:
        uuid, code, day, fraction = r.exec_driver_sql(
            "SELECT w.uuid, m.code, w.day, w.fraction FROM workday w JOIN member m"
            " ON m.id = w.member_id WHERE w.voided_at IS NULL AND w.fraction = 1000"
            " AND w.day LIKE '2022-10-%' ORDER BY w.id LIMIT 1").one()
    y, m = int(day[:4]), int(day[5:7])
    before = _central_month(conn, y, m)
    assert before == {**before, **{k: _site_month(demo_dir, y, m)[k] for k in PARTS}}
    with conn.transaction():
        seq_before, data_before = conn.execute(
            "SELECT seq, data FROM record WHERE uuid = %s", (uuid,)).fetchone()
        rows_before = conn.execute("SELECT count(*) FROM record").fetchone()[0]
        have = conn.execute("SELECT last_seq FROM site").fetchone()[0]
    assert data_before["voided_at"] is None

    # At the site: the day is voided and recorded again as a half day (its correction).
    with Book.open_folder(demo_dir) as book:
        void_workday(book, uuid=uuid, reason="Era medio día")
        fixed = record_workday(book, code=code, day=dt.date.fromisoformat(day),
                               line="chocolate", fraction=Decimal("0.5"), corrects=uuid)
        second = send(book, stick).path
    assert second.stat().st_size < 20_000  # after the acknowledgement: only what is new
    got = ingest(conn, second)
    assert not got.already and got.records > 0

    with conn.transaction():
        [(seq, data)] = conn.execute(
            "SELECT seq, data FROM record WHERE uuid = %s", (uuid,)).fetchall()
        correction = conn.execute("SELECT data FROM record WHERE uuid = %s",
                                  (fixed.uuid,)).fetchone()[0]
        new_rows = conn.execute("SELECT count(*) FROM record").fetchone()[0] - rows_before
        audit = conn.execute("SELECT count(*) FROM record WHERE entity = 'audit_event'"
                             " AND seq > %s", (have,)).fetchone()[0]
    assert seq > seq_before and data["voided_at"] and data["void_reason"] == "Era medio día"
    assert {k: v for k, v in data.items() if k not in ("voided_at", "void_reason")} == {
        k: v for k, v in data_before.items() if k not in ("voided_at", "void_reason")}
    assert correction["corrects_uuid"] == uuid and correction["fraction"] == 500
    assert new_rows == 1 + audit  # the correction and its audit rows; the void replaced a row
    after = _central_month(conn, y, m)
    # one full day less and a half day more, worked out here from the two figures
    assert Decimal(after["labor"]["workdays"]) == Decimal(before["labor"]["workdays"]) - Decimal(
        "0.5")
    assert {k: after[k] for k in PARTS} == {k: _site_month(demo_dir, y, m)[k] for k in PARTS}

    kept = state(_url)
    again = ingest(conn, second)
    assert again.already and again.records == 0
    assert state(_url) == kept


def test_rows_set_aside_by_the_bitmap_land_the_same(demo_dir, central, central_url, pg_server,
                                                    tmp_path, monkeypatch):
    """With an 8-bit bitmap nearly every row of a first delivery is set aside: same records."""
    from benchmarks.pg_server import new_database
    from coopdesk.central import landing, programme
    from coopdesk.central.db import connect, upgrade

    _url, conn = central
    stick = tmp_path / "stick"
    stick.mkdir()
    path = _first_delivery(demo_dir, stick, conn)
    other_url = new_database(pg_server, "aside_" + tmp_path.name[-8:].replace("-", "_"))
    upgrade(other_url)
    other = connect(other_url)
    try:
        with other.transaction():
            programme.init(other)
            enrol(other, stick / "site.sitio")
        monkeypatch.setattr(landing, "SEEN_BITS", 8)
        assert not ingest(other, path).already
        query = "SELECT site_id, entity, record_id, uuid, seq, data FROM record ORDER BY uuid"
        assert other.execute(query).fetchall() == conn.execute(query).fetchall()
    finally:
        other.close()


def _forge(path: Path, folder: Path, change) -> None:
    """Rewrite the delivery *path* line by line with *change*, chain and signature made anew."""
    from coopdesk.db.ledger import link_hash
    from coopdesk.exchange import keys
    from coopdesk.exchange.records import row_content

    lines = path.read_bytes().split(b"\n")[:-2]
    header = json.loads(lines[0])
    chain, body = header["head_before"], []
    for raw in lines[1:]:
        d = change(json.loads(raw))
        if d["values"] is not None:
            d["content"] = row_content(d["table"], d["values"], d["uuid"])
        chain = d["chain"] = link_hash(chain, d["table"], d["id"], d["content"], d["uuid"])
        body.append(json.dumps(d, ensure_ascii=False, separators=(",", ":"), sort_keys=True))
    header["head_after"] = chain
    text = "".join(line + "\n" for line in [json.dumps(
        header, ensure_ascii=False, separators=(",", ":"), sort_keys=True), *body]).encode()
    digest = keys.new_digest()
    digest.update(text)
    signature = keys.sign(keys.site_key(folder), "entrega", digest.digest())
    path.write_bytes(text + json.dumps({"sha256": digest.hexdigest(),
                                        "signature": signature}).encode() + b"\n")


def test_two_records_under_one_uuid_are_refused(demo_dir, central, tmp_path):
    """Signed by the site itself, chain recomputed: two workdays claim the same uuid."""
    from tests.conftest import run_cli

    url, conn = central
    stick = tmp_path / "stick"
    stick.mkdir()
    with Book.open_folder(demo_dir) as book:
        with conn.transaction():
            enrol(conn, site_enrolment(book, stick / "site.sitio"))
        path = send(book, stick).path
    taken: list[str] = []

    def same_uuid(d: dict) -> dict:
        if d["table"] == "workday" and d["values"] is not None:
            if taken:
                d["uuid"] = d["values"]["uuid"] = taken[0]
            elif d["uuid"]:
                taken.append(d["uuid"])
        return d

    _forge(path, demo_dir, same_uuid)
    before = state(url)
    out = run_cli("central", "--db", url, "ingest", path)
    assert out.returncode == 1
    assert out.stderr.strip() == damaged(path)
    assert state(url) == before
    with psycopg.connect(url) as plain:
        assert plain.execute("SELECT count(*) FROM record").fetchone()[0] == 0
