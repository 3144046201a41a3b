"""Take a site's delivery into the central book: verified whole, then applied in one transaction.

The delivery streams through once: each seal's chain link and (when it carries its row)
its fingerprint are recomputed with the site's own functions (:mod:`coopdesk.db.ledger`),
and the rows are copied into a temporary table as they come. Only when the last line's
digest and the site's signature verify, and the chain continues exactly where the
central copy of that site ends, are they upserted by (site, table, record id); otherwise
the transaction is rolled back and nothing is written.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from coopdesk.central.db import CentralRefused
from coopdesk.central.programme import programme_keys
from coopdesk.db.ledger import SEALED, TOMBSTONE, link_hash
from coopdesk.exchange import keys
from coopdesk.exchange.ack_file import file_name as ack_name
from coopdesk.exchange.ack_file import write_ack
from coopdesk.exchange.delivery_file import KIND, DamagedDelivery, DeliveryReader
from coopdesk.exchange.records import row_content
from coopdesk.i18n import _

#: A delivery this large refreshes the planner's statistics of ``record`` (a few tenths
#: of a second): right after a first, large delivery they say the table is empty.
ANALYZE_AFTER = 10_000


@dataclass(frozen=True)
class Ingested:
    """What one delivery did: its site, the seals it added, whether it was already there."""

    site: str
    name: str
    first: int
    last: int
    records: int
    already: bool


def ingest(conn, path: Path, *, dry_run: bool = False) -> Ingested:
    """Take one delivery in its own transaction (rolled back on a dry run or a refusal)."""
    path = Path(path)
    programme = programme_keys(conn)
    import psycopg

    with conn.transaction():
        result = _ingest(conn, path, programme)
        if dry_run:
            raise psycopg.Rollback()  # a dry run: everything checked, nothing kept
    return result


def _damaged(path: Path) -> CentralRefused:
    return CentralRefused(_("{file} is damaged or was altered (its signature or its hash chain"
                            " does not verify). Nothing was written; ask the site for a new"
                            " delivery.").format(file=path.name))


def _ingest(conn, path: Path, programme) -> Ingested:
    try:
        reader = DeliveryReader(path, programme.age_identity).__enter__()
    except DamagedDelivery as exc:
        raise _damaged(path) from exc
    try:
        return _verify_and_apply(conn, path, reader)
    except DamagedDelivery as exc:
        raise _damaged(path) from exc
    finally:
        reader.__exit__(None, None, None)


def _verify_and_apply(conn, path: Path, reader: DeliveryReader) -> Ingested:
    h = reader.header
    site_id, first, last = str(h["site"]), int(h["first"]), int(h["last"])
    site = conn.execute("SELECT public_key, last_seq, head, cooperative, site_name FROM site"
                        " WHERE site_id = %s FOR UPDATE", (site_id,)).fetchone()
    name = h.get("cooperative") or h.get("site_name") or site_id
    if site is None:
        raise CentralRefused(_("{file} comes from the site {site} ({name}), which is not enrolled:"
                               " enrol it first with coopdesk central enrol. Nothing was written.")
                             .format(file=path.name, site=site_id, name=name))
    public, have, head = site[0], int(site[1]), site[2]
    name = site[3] or site[4] or site_id
    if first > have + 1:
        raise CentralRefused(_("{file} from the site {site} ({name}) starts at seal {first}, but"
                               " the central book has it only up to seal {have}: seals {a} to"
                               " {b} are missing. Nothing was written; ingest the missing"
                               " delivery first.").format(file=path.name, site=site_id,
                                                          name=name, first=first, have=have,
                                                          a=have + 1, b=first - 1))
    conn.execute("CREATE TEMP TABLE incoming (entity text, record_id bigint, uuid text,"
                 " seq bigint, data jsonb) ON COMMIT DROP")
    chain, expected, superseded = str(h["head_before"]), first, set()
    fork = False
    with conn.cursor().copy("COPY incoming FROM STDIN") as copy:
        if first - 1 == have and chain != head:
            fork = True
        for seal in reader.seals():
            if seal.seq != expected or seal.table not in SEALED:
                raise DamagedDelivery("sequence")
            expected += 1
            chain = link_hash(chain, seal.table, seal.record_id, seal.content, seal.record_uuid)
            if chain != seal.chain:
                raise DamagedDelivery("chain")
            if seal.seq == have and chain != head:
                fork = True
            key = (seal.table, seal.record_id)
            if seal.values is not None:
                if seal.values.get("site_id", site_id) != site_id:
                    raise DamagedDelivery("a record of another site")
                try:
                    content = row_content(seal.table, seal.values, seal.record_uuid)
                except (KeyError, TypeError) as exc:
                    raise DamagedDelivery("columns") from exc
                if content != seal.content:
                    raise DamagedDelivery("content")
                superseded.discard(key)
            elif seal.content == TOMBSTONE:
                superseded.discard(key)
            else:
                superseded.add(key)
            if seal.seq > have and (seal.values is not None or seal.content == TOMBSTONE):
                data = None if seal.values is None else json.dumps(seal.values,
                                                                   ensure_ascii=False)
                uuid = seal.record_uuid or (seal.values or {}).get("uuid")
                copy.write_row((seal.table, seal.record_id, uuid, seal.seq, data))
    if (expected != last + 1 or chain != h["head_after"] or superseded
            or not keys.verify(public, KIND, reader.digest, reader.signature or "")):
        raise DamagedDelivery("end")
    if fork:
        raise CentralRefused(_("{file} from the site {site} ({name}) does not continue the history"
                               " the central book holds up to seal {have}: the site's book was"
                               " rewritten or restored from an older copy (a fork). Nothing"
                               " was written.").format(file=path.name, site=site_id, name=name,
                                                       have=have))
    digest = reader.digest.hex()
    if last <= have or conn.execute("SELECT 1 FROM delivery WHERE sha256 = %s",
                                    (digest,)).fetchone():
        return Ingested(site_id, name, first, last, 0, already=True)
    added = _apply(conn, site_id)
    conn.execute("UPDATE site SET last_seq = %s, head = %s WHERE site_id = %s",
                 (last, chain, site_id))
    conn.execute("INSERT INTO delivery (site_id, sha256, first_seq, last_seq, head_after,"
                 " records) VALUES (%s, %s, %s, %s, %s, %s)",
                 (site_id, digest, first, last, chain, added))
    if added >= ANALYZE_AFTER:  # fresh statistics, or the next month's figures scan it all
        conn.execute("ANALYZE record")
    return Ingested(site_id, name, have + 1, last, added, already=False)


def _apply(conn, site_id: str) -> int:
    """Upsert each row's latest state from ``incoming``; delete the tombstoned; return rows."""
    conn.execute(
        "INSERT INTO record (site_id, entity, record_id, uuid, seq, data)"
        " SELECT %s, entity, record_id, uuid, seq, data FROM ("
        "  SELECT DISTINCT ON (entity, record_id) * FROM incoming"
        "  ORDER BY entity, record_id, seq DESC) latest WHERE data IS NOT NULL"
        " ON CONFLICT (site_id, entity, record_id) DO UPDATE SET uuid = excluded.uuid,"
        " seq = excluded.seq, data = excluded.data", (site_id,))
    conn.execute(
        "DELETE FROM record r USING (SELECT DISTINCT ON (entity, record_id) * FROM incoming"
        " ORDER BY entity, record_id, seq DESC) latest WHERE latest.data IS NULL"
        " AND r.site_id = %s AND r.entity = latest.entity AND r.record_id = latest.record_id",
        (site_id,))
    return conn.execute("SELECT count(*) FROM incoming").fetchone()[0]


def write_acks(conn, sites: set[str], folder: Path, now_utc: str) -> list[Path]:
    """Write one signed acknowledgement per site into *folder*: what the central book holds."""
    programme = programme_keys(conn)
    written = []
    for site in sorted(sites):
        last, head = conn.execute("SELECT last_seq, head FROM site WHERE site_id = %s",
                                  (site,)).fetchone()
        body = {"site": site, "last": int(last), "head": head, "created_utc": now_utc,
                "programme_key": programme.public_key,
                "programme_recipient": programme.age_recipient}
        written.append(write_ack(Path(folder) / ack_name(site, int(last)), body,
                                 programme.signing_key))
    return written
