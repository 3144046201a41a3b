"""A central book of revision c0001 (records keyed by site, table and id) upgraded to the head."""

from __future__ import annotations

from coopdesk.central import programme
from coopdesk.central.db import connect, upgrade
from coopdesk.central.ingest import ingest
from coopdesk.central.summary import programme_summary
from coopdesk.exchange.delivery_file import DeliveryReader
from coopdesk.services.book import Book
from coopdesk.services.delivery import send, site_enrolment
from coopdesk.services.summary import month_summary

PARTS = ("labor", "sales", "purchases", "expenses", "result", "attendance")


def _as_revision_c0001_took_it(conn, path, site: str) -> int:
    """Store a delivery the way the ingest of revision c0001 did: by (site, table, id)."""
    with DeliveryReader(path) as reader:
        for seal in reader.seals():
            if seal.values is None:
                continue
            conn.execute(
                "INSERT INTO record (site_id, entity, record_id, uuid, seq, data)"
                " VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (site_id, entity, record_id)"
                " DO UPDATE SET uuid = excluded.uuid, seq = excluded.seq, data = excluded.data",
                (site, seal.table, seal.record_id, seal.record_uuid, seal.seq,
                 seal.values_json))
        header = reader.header
    conn.execute("UPDATE site SET last_seq = %s, head = %s WHERE site_id = %s",
                 (header["last"], header["head_after"], site))
    conn.execute("INSERT INTO delivery (site_id, sha256, first_seq, last_seq, head_after,"
                 " records) VALUES (%s, %s, 1, %s, %s, 0)",
                 (site, reader.digest.hex(), header["last"], header["head_after"]))
    return header["last"]


def test_a_central_book_of_revision_c0001_is_upgraded_and_keeps_every_record(
        demo_dir, central_url, tmp_path):
    from coopdesk.services.work import void_workday

    stick = tmp_path / "stick"
    stick.mkdir()
    upgrade(central_url, "c0001")
    conn = connect(central_url)
    try:
        with Book.open_folder(demo_dir) as book:
            with conn.transaction():
                programme.init(conn)
                site, _new = programme.enrol(conn, site_enrolment(book, stick / "s.sitio"))
            first = send(book, stick).path
        with conn.transaction():
            _as_revision_c0001_took_it(conn, first, site)
            # rows stored from seals made before revision 0009 had no uuid of their own
            blanked = conn.execute("UPDATE record SET uuid = NULL WHERE entity = 'workday'"
                                   " AND record_id % 7 = 0").rowcount
        assert blanked > 10
        before = conn.execute("SELECT entity, record_id, seq, data FROM record"
                              " ORDER BY entity, record_id").fetchall()

        upgrade(central_url)

        assert conn.execute("SELECT version_num FROM central_schema_version").fetchone() == (
            "c0002",)
        after = conn.execute("SELECT entity, record_id, seq, data FROM record"
                             " ORDER BY entity, record_id").fetchall()
        assert after == before
        assert conn.execute("SELECT count(*) FROM record WHERE uuid IS NULL OR uuid <>"
                            " data->>'uuid'").fetchone()[0] == 0
        key = conn.execute(
            "SELECT array_agg(a.attname ORDER BY k.n) FROM pg_constraint c"
            " CROSS JOIN unnest(c.conkey) WITH ORDINALITY k(attnum, n)"
            " JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum"
            " WHERE c.conname = 'record_pkey'").fetchone()[0]
        assert key == ["site_id", "uuid"]

        # The upgraded book takes the site's next delivery by uuid: the void replaces the row.
        with Book.open_folder(demo_dir) as book:
            with book.read() as r:
                uuid, day = r.exec_driver_sql(
                    "SELECT uuid, day FROM workday WHERE voided_at IS NULL AND id % 7 = 0"
                    " ORDER BY id LIMIT 1").one()
            void_workday(book, uuid=uuid, reason="Registrado por error")
            second = send(book, stick).path
        assert not ingest(conn, second).already
        rows = conn.execute("SELECT data->>'void_reason' FROM record WHERE uuid = %s",
                            (uuid,)).fetchall()
        assert rows == [("Registrado por error",)]
        y, m = int(day[:4]), int(day[5:7])
        with Book.open_folder(demo_dir) as book:
            own = month_summary(book, y, m).as_json_dict()
        [mine] = programme_summary(conn, y, m)["sites"]
        assert {k: mine[k] for k in PARTS} == {k: own[k] for k in PARTS}
    finally:
        conn.close()
