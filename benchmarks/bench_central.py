"""The programme at scale: 70 sites × the 10-year book, ingested into a throwaway PostgreSQL.

Every site is the 10-year book's delivery made anew under its own site id and key
(:mod:`benchmarks.programme_sites`): ~158,000 seals and records each. The book and its
delivery are generated once per run (the 10-year book the other benches use); each
site's files are written just before it is ingested and removed after, so the disk
holds one site's files at a time and the central book itself (~120 MB a site).

Timed in the same run, on the same server, into the same table: plain ``COPY`` of the
rows our ingest stores (in a transaction rolled back), then our ingest of the delivery
(verify, copy, apply, commit). Then the programme's
month summary, and the peak memory of ingesting deliveries of growing size in a child
process (flat: streamed). ``COOPDESK_BENCH_SITES`` sets how many sites (70 by default,
the issue's size). The figures go to their own section of benchmarks/results.md;
``python -m benchmarks.run central`` measures that section alone.
"""

from __future__ import annotations

import atexit
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

from benchmarks.run import SECTIONS, Figure

SITES = int(os.environ.get("COOPDESK_BENCH_SITES", "70"))
_STATE: dict = {}


def _prepare(big) -> dict:
    if _STATE:
        return _STATE
    from benchmarks.pg_server import new_database, throwaway_server
    from benchmarks.programme_sites import copy_plain, enrol, make_site
    from coopdesk.central import programme
    from coopdesk.central.db import connect, upgrade
    from coopdesk.central.ingest import ingest
    from coopdesk.services.book import Book
    from coopdesk.services.delivery import send

    began = time.perf_counter()
    work = big.work / "central"
    work.mkdir()
    with Book.open_folder(big.folder) as book:
        source = send(book, work).path
    server_cm = throwaway_server()
    server = server_cm.__enter__()
    atexit.register(server_cm.__exit__, None, None, None)  # stopped even if a bench fails
    url = new_database(server, "programa")
    upgrade(url)
    conn = connect(url)
    with conn.transaction():
        programme.init(conn)
    ours = plain = making = 0.0
    rows = 0
    for n in range(SITES):
        start = time.perf_counter()
        site = make_site(source, work, str(uuid.uuid4()), n + 1)
        making += time.perf_counter() - start
        enrol(conn, site)
        rows += site.rows
        start = time.perf_counter()
        copy_plain(conn, site, keep=False)
        plain += time.perf_counter() - start
        start = time.perf_counter()
        got = ingest(conn, site.delivery)
        ours += time.perf_counter() - start
        assert got.records == site.rows, (got.records, site.rows)
        site.delivery.unlink()
        site.plain_rows.unlink()
        print(f"  central: site {n + 1}/{SITES} ingested ({ours:.1f} s; COPY {plain:.1f} s;"
              f" making the files {making:.1f} s)", flush=True)
    start = time.perf_counter()
    conn.execute("VACUUM ANALYZE record")  # the rolled-back plain copies' dead rows
    vacuum = time.perf_counter() - start
    size = conn.execute("SELECT pg_size_pretty(pg_total_relation_size('record'))").fetchone()[0]
    _STATE.update(server_cm=server_cm, url=url, conn=conn, ours=ours, plain=plain, rows=rows,
                  source=source, work=work, making=making, vacuum=vacuum, size=size,
                  began=began)
    return _STATE


def bench_central_ingest(big) -> Figure:
    """Ingest every site's 10-year delivery vs plain COPY of the same rows."""
    s = _prepare(big)
    return Figure(f"programme: ingest {SITES} sites × 10-year delivery ({s['rows']:,} rows;"
                  " verified, one transaction each) vs plain COPY of the same rows into the"
                  " same table", s["ours"], s["plain"], "≥ 0.5× COPY's throughput (≤ 2× its time)",
                  s["ours"] <= 2 * s["plain"])


def bench_central_summary(big) -> Figure:
    """The programme's month summary across every site (median of 5)."""
    from benchmarks.run import median_time
    from coopdesk.central.summary import programme_summary

    s = _prepare(big)
    programme_summary(s["conn"], 2019, 3)  # the first one warms the connection
    t = median_time(lambda: programme_summary(s["conn"], 2020, 5))
    return Figure(f"programme: month summary of {SITES} sites (10 years each)", t, None,
                  "≤ 1 s", t <= 1.0)


# The child's own high-water mark (VmHWM): ru_maxrss would carry the parent's across exec.
CHILD = """
import sys
from pathlib import Path
from coopdesk.central.db import connect
from coopdesk.central.ingest import ingest
conn = connect(sys.argv[1])
ingest(conn, Path(sys.argv[2]), dry_run=True)
status = Path("/proc/self/status").read_text()
print(int(next(l.split()[1] for l in status.splitlines() if l.startswith("VmHWM:"))) / 1024)
"""
#: The deliveries the memory is measured on: the first seals of the 10-year one, then all.
MEMORY_SEALS = (2_000, 16_000, None)


def bench_central_memory(big) -> Figure:
    """Peak memory of ingesting (dry run) deliveries of 2,000 seals, a year's, and 10 years'."""
    from benchmarks.programme_sites import enrol, first_seals, make_site

    s = _prepare(big)
    site = make_site(s["source"], s["work"], str(uuid.uuid4()), 0, plain=False)
    enrol(s["conn"], site)

    def peak(path: Path) -> float:
        out = subprocess.run([sys.executable, "-c", CHILD, s["url"], str(path)],
                             capture_output=True, text=True, check=True)
        return float(out.stdout.strip().splitlines()[-1])

    measured = []
    for count in MEMORY_SEALS:
        path = site.delivery
        if count:
            path = first_seals(site.delivery, s["work"] / f"first-{count}.entrega", count,
                               site.key)
        measured.append((path.stat().st_size / 1e6, peak(path)))
    (small_size, small_mb), *_rest, (size, full_mb) = measured
    steps = "; ".join(f"{mb:.0f} MB for {sz:.1f} MB" for sz, mb in measured)
    return Figure(f"programme: peak memory ingesting a delivery against its size ({steps}); plain:"
                  " the smallest", full_mb, small_mb, "flat: ≤ 1.5× the small one",
                  full_mb <= 1.5 * small_mb, unit="MB")


def run_section(big) -> tuple[list[Figure], list[str]]:
    """Measure the programme's figures; return them and their section of results.md."""
    figures = []
    for fn in (bench_central_ingest, bench_central_summary, bench_central_memory):
        figures.append(fn(big))
        print(figures[-1].row(), flush=True)
    s = _STATE
    return figures, [
        "## The programme's central book (issue #16)",
        "",
        f"{SITES} sites, each the 10-year book's delivery under its own site id, key and chain"
        f" ({s['rows']:,} records in all; the central book's `record` table then holds"
        f" {s['size']}). Making the sites' files took {s['making']:.0f} s (not timed), the"
        f" vacuum after the rolled-back plain copies {s['vacuum']:.0f} s; this section of the"
        f" bench took {(time.perf_counter() - s['began']) / 60:.0f} min in all."
        " `python -m benchmarks.run central` runs it alone (`COOPDESK_BENCH_SITES` sets the"
        " number of sites).",
        "",
        "| figure | coopdesk | plain | ratio | budget | |",
        "|---|---|---|---|---|---|",
        *[f.row() for f in figures],
        "",
    ]


SECTIONS.append(run_section)
