"""Take a site's delivery into the central book: verified whole, then applied in one transaction.

The delivery streams through once: each seal's chain link and (when it carries its row)
its fingerprint are recomputed with the site's own functions (:mod:`coopdesk.db.ledger`),
and the rows are copied into the database as they come (:mod:`coopdesk.central.landing`:
straight into ``record`` for a site's first delivery, else a staging table). Only when
the last line's digest and the site's signature verify, and the chain continues exactly
where the central copy of that site ends, are they applied by (site, uuid) — a void or a
correction of a record delivered before replaces it — and committed; otherwise the
transaction is rolled back and nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import psycopg

from coopdesk.central.db import CentralRefused
from coopdesk.central.landing import Landing
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
    """What one delivery did: its site, its new seals, its records, whether it was already there.

    *records*: the records it added, changed or deleted, each counted once.
    """

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
    landing = Landing(conn, site_id, first=have == 0)
    try:
        with landing.streaming():
            chain, fork = _stream(reader, landing, have, head)
        if (chain != h["head_after"]
                or not keys.verify(public, KIND, reader.digest, reader.signature or "")):
            raise DamagedDelivery("end")
        if fork:
            raise CentralRefused(_("{file} from the site {site} ({name}) does not continue the"
                                   " history the central book holds up to seal {have}: the"
                                   " site's book was rewritten or restored from an older copy"
                                   " (a fork). Nothing was written.").format(
                                       file=path.name, site=site_id, name=name, have=have))
        digest = reader.digest.hex()
        if last <= have or conn.execute("SELECT 1 FROM delivery WHERE sha256 = %s",
                                        (digest,)).fetchone():
            return Ingested(site_id, name, first, last, 0, already=True)
        added = landing.apply()
    except (psycopg.errors.IntegrityError, psycopg.errors.DataError) as exc:
        # one uuid or one id twice, a value JSONB refuses: not a delivery the site wrote
        raise DamagedDelivery("rows") from exc
    finally:
        landing.close()
    conn.execute("UPDATE site SET last_seq = %s, head = %s WHERE site_id = %s",
                 (last, chain, site_id))
    conn.execute("INSERT INTO delivery (site_id, sha256, first_seq, last_seq, head_after,"
                 " records) VALUES (%s, %s, %s, %s, %s, %s)",
                 (site_id, digest, first, last, chain, added))
    if added >= ANALYZE_AFTER:  # fresh statistics, or the next month's figures scan it all
        conn.execute("ANALYZE record")
    return Ingested(site_id, name, have + 1, last, added, already=False)


def _stream(reader: DeliveryReader, landing: Landing, have: int,
            head: str) -> tuple[str, bool]:
    """Verify each seal as it streams past and land the new rows; return (chain, fork).

    A seal's link is recomputed from the previous one, and a row's fingerprint from its
    values, with the site's own functions. A seal without its row must be superseded by
    a later seal of the same record in the same delivery (the site writes the row with
    every seal that matches it now). The row lands under its uuid; a deletion sealed
    before revision 0009 names no uuid, but then every seal of that record came before
    it in the same first delivery, all without the row: the central book never held it.
    """
    h = reader.header
    site_id = landing.site_id
    chain, expected, superseded = str(h["head_before"]), int(h["first"]), set()
    fork = int(h["first"]) - 1 == have and chain != head
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
        values = seal.values
        if values is not None:
            if values.get("site_id", site_id) != site_id:
                raise DamagedDelivery("a record of another site")
            uuid = values.get("uuid")
            if not isinstance(uuid, str) or seal.record_uuid not in (None, uuid):
                raise DamagedDelivery("a row without its uuid")
            try:
                content = row_content(seal.table, values, seal.record_uuid)
            except (KeyError, TypeError) as exc:
                raise DamagedDelivery("columns") from exc
            if content != seal.content:
                raise DamagedDelivery("content")
            superseded.discard(key)
            if seal.seq > have:
                landing.row(seal.seq, seal.table, seal.record_id, uuid, seal.values_json)
        elif seal.content == TOMBSTONE:
            superseded.discard(key)
            if seal.seq > have and seal.record_uuid:
                landing.row(seal.seq, seal.table, seal.record_id, seal.record_uuid, None)
        else:
            superseded.add(key)
    if expected != int(h["last"]) + 1 or superseded:
        raise DamagedDelivery("end")
    return chain, fork


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
