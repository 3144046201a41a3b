"""The programme at scale: sites × the 10-year book, ingested into a throwaway PostgreSQL.

Every site is the 10-year book's one delivery under its own site id and key (the
header changed and the whole file signed again), so each site is a full 10-year history
of ~158,000 seals. Timed in the same run, on the same server: our ingest of each delivery
(verify, stage, upsert in one transaction) against plain ``COPY`` of the same rows into a
table of the same shape and indexes; then the programme's month summary; then the peak
memory of ingesting a small and a 10-year delivery in a child process (flat: streamed).

``COOPDESK_BENCH_SITES`` sets how many sites (70 by default, the issue's size).
"""

from __future__ import annotations

import atexit
import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

from benchmarks.run import EXTRA, Figure

SITES = int(os.environ.get("COOPDESK_BENCH_SITES", "70"))
_STATE: dict = {}


def _dump(obj) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
            + "\n").encode("utf-8")


def _as_site(source: Path, target: Path, site: str, key) -> None:
    """Write *source* as the delivery of another *site*, signed by *key*.

    Its records get that site's id, so every content and chain hash is computed again
    with the book's own functions: each site is a chain of its own. The new lines go to
    a side file first (the header names the last chain hash), so memory stays flat.
    """
    from coopdesk.db.ledger import link_hash
    from coopdesk.exchange import keys
    from coopdesk.exchange.records import row_content

    side = target.with_name(target.name + ".body")
    with open(source, "rb") as src, open(side, "wb") as body:
        header = json.loads(next(src))
        chain = header["head_before"]
        for line in src:
            if line.startswith(b'{"sha256"'):
                break
            d = json.loads(line)
            if d["values"] is not None and "site_id" in d["values"]:
                d["values"]["site_id"] = site
                d["content"] = row_content(d["table"], d["values"], d["uuid"])
            chain = d["chain"] = link_hash(chain, d["table"], d["id"], d["content"], d["uuid"])
            body.write(_dump(d))
    header.update(site=site, cooperative=f"Cooperativa {site[:8]}",
                  site_name=f"Penal {site[:8]}", head_after=chain)
    digest = keys.new_digest()
    with open(side, "rb") as body, open(target, "wb") as out:
        for line in (_dump(header), *body):
            digest.update(line)
            out.write(line)
        d = digest.digest()
        out.write(json.dumps({"sha256": d.hex(), "signature": keys.sign(key, "entrega", d)})
                  .encode() + b"\n")
    side.unlink()


def _copy_rows(delivery: Path, site: str, out: Path) -> int:
    """Write the rows our ingest stores as a COPY text file (not timed); return how many."""
    def esc(v: str) -> str:
        return v.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")

    latest: dict = {}
    with open(delivery, "rb") as fh:
        next(fh)
        for line in fh:
            if line.startswith(b'{"sha256"'):
                break
            d = json.loads(line)
            if d["values"] is not None:
                latest[(d["table"], d["id"])] = d
    with open(out, "w", encoding="utf-8") as fh:
        for d in latest.values():
            data = json.dumps(d["values"], ensure_ascii=False)
            uuid_text = d["uuid"] or d["values"].get("uuid") or "\\N"
            fh.write(f"{site}\t{d['table']}\t{d['id']}\t{uuid_text}\t{d['seq']}\t{esc(data)}\n")
    return len(latest)


def _prepare(big) -> dict:
    if _STATE:
        return _STATE
    from benchmarks.pg_server import new_database, throwaway_server
    from coopdesk.central import programme
    from coopdesk.central.db import connect, upgrade
    from coopdesk.central.ingest import ingest
    from coopdesk.exchange import keys
    from coopdesk.services.book import Book
    from coopdesk.services.delivery import send

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
        conn.execute("CREATE TABLE record_plain (LIKE record INCLUDING ALL)")
    ours = plain = 0.0
    rows = 0
    for n in range(SITES):
        site = str(uuid.uuid4())
        key = keys.new_private_key()
        with conn.transaction():
            conn.execute("INSERT INTO site (site_id, cooperative, site_name, public_key)"
                         " VALUES (%s, %s, %s, %s)", (site, f"Cooperativa {site[:8]}",
                                                      f"Penal {site[:8]}", keys.public_text(key)))
        path = work / f"{site}.entrega"
        _as_site(source, path, site, key)
        copy_file = work / "plain.copy"
        rows += _copy_rows(path, site, copy_file)
        start = time.perf_counter()
        with conn.transaction(), conn.cursor().copy("COPY record_plain FROM STDIN") as copy:
            with open(copy_file, "rb") as fh:
                while chunk := fh.read(1 << 20):
                    copy.write(chunk)
        plain += time.perf_counter() - start
        start = time.perf_counter()
        ingest(conn, path)
        ours += time.perf_counter() - start
        path.unlink()
        print(f"  central: site {n + 1}/{SITES} ingested ({ours:.1f} s; COPY {plain:.1f} s)",
              flush=True)
    _STATE.update(server_cm=server_cm, url=url, conn=conn, ours=ours, plain=plain, rows=rows,
                  source=source, work=work)
    return _STATE


def bench_central_ingest(big) -> Figure:
    """Ingest every site's 10-year delivery vs plain COPY of the same rows."""
    s = _prepare(big)
    return Figure(f"programme: ingest {SITES} sites × 10-year delivery ({s['rows']:,} rows;"
                  " verified, one transaction each) vs plain COPY of the same rows",
                  s["ours"], s["plain"], "≥ 0.5× COPY's throughput (≤ 2× its time)",
                  s["ours"] <= 2 * s["plain"])


def bench_central_summary(big) -> Figure:
    """The programme's month summary across every site (median of 5)."""
    from benchmarks.run import median_time
    from coopdesk.central.summary import programme_summary

    s = _prepare(big)
    t = median_time(lambda: programme_summary(s["conn"], 2020, 5))
    return Figure(f"programme: month summary of {SITES} sites", t, None, "≤ 1 s", t <= 1.0)


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


def bench_central_memory(big) -> Figure:
    """Peak memory of ingesting (dry run) a one-month and a 10-year delivery in a child."""
    from coopdesk.exchange import keys

    s = _prepare(big)
    site = str(uuid.uuid4())
    key = keys.new_private_key()
    with s["conn"].transaction():
        s["conn"].execute("INSERT INTO site (site_id, cooperative, site_name, public_key)"
                          " VALUES (%s, 'Memoria', 'Memoria', %s)", (site, keys.public_text(key)))
    full = s["work"] / "full.entrega"
    _as_site(s["source"], full, site, key)
    small = s["work"] / "small.entrega"
    _first_seals(full, small, 2000, key)

    def peak(path: Path) -> float:
        out = subprocess.run([sys.executable, "-c", CHILD, s["url"], str(path)],
                             capture_output=True, text=True, check=True)
        return float(out.stdout.strip().splitlines()[-1])

    small_mb, full_mb = peak(small), peak(full)
    size = full.stat().st_size / 1e6
    return Figure(f"programme: peak memory ingesting a 10-year delivery ({size:.0f} MB; plain:"
                  " the same for its first seals, up to 2,000)", full_mb, small_mb,
                  "flat: ≤ 1.5× the small one", full_mb <= 1.5 * small_mb, unit="MB")


def _first_seals(source: Path, target: Path, count: int, key) -> None:
    """Write a delivery of the first *count* seals of *source*, signed by *key*."""
    from coopdesk.exchange import keys

    digest = keys.new_digest()
    with open(source, "rb") as src, open(target, "wb") as out:
        lines = []
        for n, line in enumerate(src):
            # a seal without its row (superseded later) would leave the prefix incomplete
            if n > count or (n and b'"values":null' in line):
                break
            lines.append(line)
        header = json.loads(lines[0])
        last = json.loads(lines[-1])
        header.update(last=last["seq"], head_after=last["chain"])
        lines[0] = (json.dumps(header, ensure_ascii=False, separators=(",", ":"),
                               sort_keys=True) + "\n").encode("utf-8")
        for line in lines:
            digest.update(line)
            out.write(line)
        d = digest.digest()
        out.write(json.dumps({"sha256": d.hex(), "signature": keys.sign(key, "entrega", d)})
                  .encode() + b"\n")


EXTRA.extend([bench_central_ingest, bench_central_summary, bench_central_memory])
