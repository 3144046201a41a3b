"""Where a delivery's rows land while it streams, and how they become records by (site, uuid).

A site's first delivery is most of its history (years of workdays at once), and the
central book holds nothing of that site yet: its rows are copied straight into
``record``, at plain COPY's speed. A record may be sealed more than once in one delivery
with its row (the site sends the row with every seal that matches it now: a setting
sealed again, a row sealed before and after the uuid-keyed seals of revision 0009), so
a uuid already copied in this delivery — by a fixed-size bitmap of the uuids' hashes,
memory flat in the delivery's size — is set aside in a spool file instead, together
with deletions of what was copied. Later deliveries (a month or two, voids of older
records) are copied into a temporary staging table.

What was staged or set aside is applied at the end in two statements: for each uuid its
latest seal wins; a deletion deletes, a row is inserted or replaces an older one
(``INSERT … ON CONFLICT (site_id, uuid) DO UPDATE``). All inside the delivery's one
transaction: a refusal later rolls it all back.
"""

from __future__ import annotations

import tempfile
from contextlib import contextmanager

import orjson

from coopdesk.exchange.delivery_file import DamagedDelivery

#: The columns a delivery writes, in COPY order.
COLUMNS = "site_id, entity, record_id, uuid, seq, data"
#: Bits of the bitmap of uuids copied in a first delivery (4 MB): a 10-year delivery's
#: ~160,000 records set aside well under 1% of its rows by a false "seen".
SEEN_BITS = 1 << 25
#: A spool larger than this goes to a temporary file on disk.
SPOOL_MEMORY = 4 << 20
#: COPY chunks (about 32 KB each) waiting for the server at most.
QUEUED_CHUNKS = 64


class Landing:
    """The rows of one delivery on their way into ``record`` (see the module's docstring)."""

    def __init__(self, conn, site_id: str, *, first: bool) -> None:
        self.conn, self.site_id, self.first = conn, site_id, first
        self._deletions = 0
        self._spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_MEMORY) if first else None
        self._seen = bytearray(SEEN_BITS // 8) if first else b""
        self._copy = None
        conn.execute("CREATE TEMP TABLE incoming (site_id text, entity text, record_id bigint,"
                     " uuid text, seq bigint, data jsonb) ON COMMIT DROP")

    @contextmanager
    def streaming(self):
        """Hold the COPY the rows stream into (``record`` itself for a first delivery)."""
        target = "record" if self.first else "incoming"
        cursor = self.conn.cursor()
        # The rows go to the server from a second thread: checking the next seals goes
        # on while the server stores the last ones (two processes, two cores).
        with cursor.copy(f"COPY {target} ({COLUMNS}) FROM STDIN",
                         writer=_queued_writer(cursor)) as copy:
            self._copy = copy
            try:
                yield self
            finally:
                self._copy = None

    def _maybe_seen(self, uuid: str, mark: bool) -> bool:
        bit = hash(uuid) & (SEEN_BITS - 1)
        byte, mask = bit >> 3, 1 << (bit & 7)
        seen = bool(self._seen[byte] & mask)
        if mark:
            self._seen[byte] |= mask
        return seen

    def row(self, seq: int, table: str, record_id: int, uuid: str, data: str | None) -> None:
        """Take one record's row as JSON text (``None``: the site deleted the record)."""
        item = (self.site_id, table, record_id, uuid, seq, data)
        if not self.first:
            self._deletions += data is None
            self._copy.write_row(item)
        elif self._maybe_seen(uuid, mark=data is not None):
            self._deletions += data is None
            self._spool.write(orjson.dumps(item) + b"\n")
        elif data is not None:
            self._copy.write_row(item)
        # else: the deletion of a record this delivery never copied: nothing to delete

    def apply(self) -> int:
        """Apply what was staged or set aside (each uuid's latest seal); return the records.

        The records the delivery added, changed or deleted, each counted once: for a
        first delivery, the site's records now held.
        """
        if self.first:
            held = "SELECT count(*) FROM record WHERE site_id = %s"
            if not self._spool.tell():
                return self.conn.execute(held, (self.site_id,)).fetchone()[0]
            self._spool.seek(0)
            with self.conn.cursor().copy(f"COPY incoming ({COLUMNS}) FROM STDIN") as copy:
                for line in self._spool:
                    copy.write_row(orjson.loads(line))
            self._spool.close()
        # A uuid names one record of one table for good: a row that gives it to another
        # record was not written by the site's program.
        if self.conn.execute(
                "SELECT 1 FROM incoming i JOIN record r ON r.site_id = i.site_id"
                " AND r.uuid = i.uuid WHERE r.entity <> i.entity OR r.record_id <> i.record_id"
                " UNION ALL (SELECT 1 FROM incoming GROUP BY uuid"
                " HAVING count(DISTINCT (entity, record_id)) > 1) LIMIT 1").fetchone():
            raise DamagedDelivery("one uuid, two records")
        latest = ("SELECT DISTINCT ON (uuid) * FROM incoming WHERE site_id = %s"
                  " ORDER BY uuid, seq DESC")
        deleted = 0
        if self._deletions:
            deleted = self.conn.execute(
                f"DELETE FROM record r USING ({latest}) l WHERE l.data IS NULL"
                " AND r.site_id = l.site_id AND r.uuid = l.uuid AND r.seq < l.seq",
                (self.site_id,)).rowcount
        written = self.conn.execute(
            f"INSERT INTO record ({COLUMNS}) SELECT {COLUMNS} FROM ({latest}) l"
            " WHERE l.data IS NOT NULL ON CONFLICT (site_id, uuid) DO UPDATE SET"
            " entity = excluded.entity, record_id = excluded.record_id, seq = excluded.seq,"
            " data = excluded.data WHERE record.seq < excluded.seq", (self.site_id,)).rowcount
        if self.first:
            return self.conn.execute(held, (self.site_id,)).fetchone()[0] + deleted
        return written + deleted

    def close(self) -> None:
        """Remove the spool (also after a refusal)."""
        if self._spool is not None:
            self._spool.close()


def _queued_writer(cursor):
    """Return psycopg's queued COPY writer with a short queue (memory flat in the delivery).

    psycopg queues up to 1,024 chunks of up to 128 KB while the server is busy; here at
    most :data:`QUEUED_CHUNKS` wait, and checking the seals waits for the server instead.
    """
    import queue

    from psycopg.copy import QueuedLibpqWriter

    writer = QueuedLibpqWriter(cursor)
    writer._queue = queue.Queue(maxsize=QUEUED_CHUNKS)  # psycopg 3.3's queue, made shorter
    return writer
