"""The programme's sites for the bench: the 10-year book's delivery made anew under each site.

The 10-year book (:mod:`benchmarks.bigbook`) is generated and delivered once; each site
of the bench is that delivery rewritten under the site's own id and signed with its own
key, with every row's site id, fingerprint and chain link computed again by the book's
own functions — a history the central ingest verifies like any other. Beside it, the
rows the ingest stores, as a plain ``COPY`` text file for the same-run comparison.
Files are written one line at a time (a side file holds the body until the header can
name the last chain hash); the ``COPY`` file keeps one line per record in memory.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import orjson


@dataclass(frozen=True)
class Site:
    """One generated site: its id, names, public key and files."""

    site_id: str
    cooperative: str
    site_name: str
    public_key: str
    delivery: Path
    plain_rows: Path | None
    rows: int
    #: The site's signing key (the bench's own sites only: a real one never leaves the site).
    key: object


def _dump(obj) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
            + "\n").encode("utf-8")


def _copy_text(value: str) -> str:
    """Escape a value for COPY's text format."""
    return (value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
            .replace("\r", "\\r"))


def make_site(source: Path, folder: Path, site_id: str, number: int, *,
              plain: bool = True) -> Site:
    """Write *source* as the delivery of the site *site_id* into *folder*; return the site.

    *plain*: also write the rows the ingest will store (each uuid's latest row) as the
    text of a ``COPY record FROM STDIN``.
    """
    from coopdesk.db.ledger import link_hash
    from coopdesk.exchange import keys
    from coopdesk.exchange.records import row_content

    key = keys.new_private_key()
    cooperative, site_name = f"Cooperativa {number:02d}", f"Penal {number:02d}"
    target = folder / f"{site_id}.entrega"
    side = target.with_name(target.name + ".body")
    latest: dict[str, str] = {}
    with open(source, "rb") as src, open(side, "wb") as body:
        header = orjson.loads(next(src))
        chain = header["head_before"]
        for line in src:
            if line.startswith(b'{"sha256"'):
                break
            d = orjson.loads(line)
            values = d["values"]
            if values is not None and "site_id" in values:
                values["site_id"] = site_id
                d["content"] = row_content(d["table"], values, d["uuid"])
            chain = d["chain"] = link_hash(chain, d["table"], d["id"], d["content"], d["uuid"])
            body.write(orjson.dumps(d, option=orjson.OPT_SORT_KEYS) + b"\n")
            if plain and values is not None:
                data = _copy_text(orjson.dumps(values).decode())
                latest[values["uuid"]] = (f"{site_id}\t{d['table']}\t{d['id']}\t"
                                          f"{values['uuid']}\t{d['seq']}\t{data}\n")
            elif plain and d["content"] == "deleted" and d["uuid"]:
                latest.pop(d["uuid"], None)
    header.update(site=site_id, cooperative=cooperative, site_name=site_name, head_after=chain)
    digest = keys.new_digest()
    with open(side, "rb") as body, open(target, "wb") as out:
        for line in (_dump(header), *body):
            digest.update(line)
            out.write(line)
        d = digest.digest()
        out.write(json.dumps({"sha256": d.hex(), "signature": keys.sign(key, "entrega", d)})
                  .encode() + b"\n")
    side.unlink()
    plain_rows = None
    if plain:
        plain_rows = folder / f"{site_id}.copy"
        with open(plain_rows, "w", encoding="utf-8") as fh:
            fh.writelines(latest.values())
    return Site(site_id, cooperative, site_name, keys.public_text(key), target, plain_rows,
                len(latest), key)


def enrol(conn, site: Site) -> None:
    """Enrol *site* in the central book (as ``central enrol`` does with its file)."""
    with conn.transaction():
        conn.execute("INSERT INTO site (site_id, cooperative, site_name, public_key)"
                     " VALUES (%s, %s, %s, %s)",
                     (site.site_id, site.cooperative, site.site_name, site.public_key))


def copy_plain(conn, site: Site, *, keep: bool) -> None:
    """``COPY`` the site's rows into ``record``, plainly; rolled back unless *keep*."""
    import psycopg

    with conn.transaction():
        with conn.cursor().copy("COPY record (site_id, entity, record_id, uuid, seq, data)"
                                " FROM STDIN") as copy, open(site.plain_rows, "rb") as fh:
            while chunk := fh.read(1 << 20):
                copy.write(chunk)
        if not keep:
            raise psycopg.Rollback()


def first_seals(source: Path, target: Path, count: int, key) -> Path:
    """Write a delivery of up to *count* first seals of *source*, signed by *key*; return it.

    It ends where no seal without its row is still waiting for the record's later seal
    (the site writes the row with the record's latest seal), so it verifies on its own.
    """
    from coopdesk.exchange import keys

    digest = keys.new_digest()
    with open(source, "rb") as src, open(target, "wb") as out:
        header = orjson.loads(next(src))
        lines, waiting, whole = [], set(), 0
        for line in src:
            if len(lines) == count or line.startswith(b'{"sha256"'):
                break
            d = orjson.loads(line)
            record = (d["table"], d["id"])
            if d["values"] is None and d["content"] != "deleted":
                waiting.add(record)
            else:
                waiting.discard(record)
            lines.append(line)
            if not waiting:
                whole = len(lines)
        lines = lines[:whole]
        last = orjson.loads(lines[-1])
        header.update(last=last["seq"], head_after=last["chain"])
        for line in (_dump(header), *lines):
            digest.update(line)
            out.write(line)
        d = digest.digest()
        out.write(json.dumps({"sha256": d.hex(), "signature": keys.sign(key, "entrega", d)})
                  .encode() + b"\n")
    return target
