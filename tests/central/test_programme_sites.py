"""The bench's generator of sites, small: the demo's delivery made anew under two sites."""

from __future__ import annotations

from benchmarks.programme_sites import enrol, first_seals, make_site
from coopdesk.central.ingest import ingest
from coopdesk.central.summary import programme_summary
from coopdesk.services.book import Book
from coopdesk.services.delivery import send
from coopdesk.services.summary import month_summary

PARTS = ("labor", "sales", "purchases", "expenses", "result", "attendance")


def test_generated_sites_verify_and_each_holds_the_books_figures(demo_dir, central, tmp_path):
    _url, conn = central
    with Book.open_folder(demo_dir) as book:
        source = send(book, tmp_path).path
        own = {m: month_summary(book, 2022, m).as_json_dict() for m in (3, 10)}
    sites = [make_site(source, tmp_path, f"sitio-{n}", n) for n in (1, 2)]
    for site in sites:
        enrol(conn, site)
        got = ingest(conn, site.delivery)
        assert not got.already and got.records == site.rows > 1000
        # the plain COPY file holds exactly the rows the ingest stored
        with conn.transaction():
            conn.execute("CREATE TEMP TABLE plain (LIKE record) ON COMMIT DROP")
            with conn.cursor().copy("COPY plain (site_id, entity, record_id, uuid, seq, data)"
                                    " FROM STDIN") as copy:
                copy.write(site.plain_rows.read_bytes())
            query = ("SELECT entity, record_id, uuid, seq, data FROM {} WHERE site_id = %s"
                     " ORDER BY uuid")
            assert (conn.execute(query.format("plain"), (site.site_id,)).fetchall()
                    == conn.execute(query.format("record"), (site.site_id,)).fetchall())
    for m, figures in own.items():
        summary = programme_summary(conn, 2022, m)
        assert [s["cooperative"] for s in summary["sites"]] == ["Cooperativa 01",
                                                               "Cooperativa 02"]
        for mine in summary["sites"]:
            assert {k: mine[k] for k in PARTS} == {k: figures[k] for k in PARTS}


def test_the_first_seals_of_a_generated_site_are_a_delivery_of_their_own(second_dir, central,
                                                                          tmp_path):
    """As the memory bench cuts them from the 10-year site (a book generated the same way)."""
    _url, conn = central
    with Book.open_folder(second_dir) as book:
        source = send(book, tmp_path).path
    site = make_site(source, tmp_path, "sitio-1", 1, plain=False)
    enrol(conn, site)
    part = first_seals(site.delivery, tmp_path / "part.entrega", 500, site.key)
    got = ingest(conn, part)
    assert got.first == 1 and 450 < got.last <= 500
    held = conn.execute("SELECT count(*) FROM record WHERE site_id = 'sitio-1'").fetchone()[0]
    assert got.records == held > 400


def test_memory_is_flat_in_a_deliverys_size(second_dir, central, tmp_path):
    """tracemalloc's peak while ingesting (dry run) 1,000 seals and ~16,000: the same."""
    import tracemalloc

    _url, conn = central
    with Book.open_folder(second_dir) as book:
        source = send(book, tmp_path).path
    site = make_site(source, tmp_path, "sitio-1", 1, plain=False)
    enrol(conn, site)
    small = first_seals(site.delivery, tmp_path / "small.entrega", 1000, site.key)
    peaks = {}
    for name, path in (("small", small), ("full", site.delivery)):
        tracemalloc.start()
        got = ingest(conn, path, dry_run=True)
        peaks[name] = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        peaks[name + " seals"] = got.last
    assert peaks["full seals"] > 10 * peaks["small seals"]
    assert site.delivery.stat().st_size > 10 * small.stat().st_size
    # Flat: what may differ is bounded by the COPY queue (QUEUED_CHUNKS chunks of at most
    # psycopg's 128 KB wait while the server is busy: how many depends on the machine's
    # load, not on the delivery), never by its rows (16,000 rows kept would be tens of MB).
    from coopdesk.central.landing import QUEUED_CHUNKS

    queue_mb = QUEUED_CHUNKS * 131_072 / 1e6
    assert peaks["full"] < peaks["small"] + 1.0 + queue_mb, peaks  # MB
