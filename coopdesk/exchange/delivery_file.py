"""The delivery file (``.entrega``): one site's sealed records, signed, streamed.

JSON lines in UTF-8 (docs/interchange.md, "Entregas"): a header line, one line per seal
of the site's hash chain in chain order, and a last line with the SHA-256 of every byte
before it and the site's Ed25519 signature of that digest. Lines are written and read
one at a time, so memory does not grow with the size of a delivery; they are parsed with
orjson, in a third of the standard library's time (the central ingest is timed against
plain COPY). The whole file may be age-encrypted to the programme's key (the first bytes
then say ``age-encryption.org``).
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import orjson

from coopdesk.exchange import keys

FORMAT = "coopdesk-entrega"
VERSION = 1
KIND = "entrega"
AGE_MAGIC = b"age-encryption.org/"
#: The header's fields, all required.
HEADER_FIELDS = ("format", "version", "site", "cooperative", "site_name", "first", "last",
                 "head_before", "head_after", "created_utc")


class DamagedDelivery(ValueError):
    """The file is not a whole, well-formed delivery (the sentence is built by the caller)."""


def _line(obj: dict) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
            + "\n").encode("utf-8")


def file_name(site: str, first: int, last: int) -> str:
    """Return the FAT-safe name ``<site>-<first>-<last>.entrega``."""
    safe = re.sub(r"[^A-Za-z0-9_-]", "_", site)[:40]
    return f"{safe}-{first}-{last}.entrega"


@dataclass(frozen=True)
class Seal:
    """One seal of the chain as delivered; *values* None when superseded or a tombstone."""

    seq: int
    table: str
    record_id: int
    #: The uuid the seal names its record by (revision 0009 on), else None.
    record_uuid: str | None
    content: str
    chain: str
    values: dict | None
    #: The values as compact JSON text, as read (the central book stores it as JSONB).
    values_json: str | None = None


class DeliveryWriter:
    """Write a delivery to ``<path>.partial``; :meth:`finish` signs it and renames it."""

    def __init__(self, path: Path, header: dict, key, recipient: str | None = None) -> None:
        self.path = Path(path)
        self.key = key
        self.recipient = recipient
        self.partial = self.path.with_name(self.path.name + ".partial")
        self.digest = keys.new_digest()
        self.fh = open(self.partial, "wb")  # noqa: SIM115 - closed by finish/abort
        self._write({"format": FORMAT, "version": VERSION, **header})

    def _write(self, obj: dict) -> None:
        data = _line(obj)
        self.digest.update(data)
        self.fh.write(data)

    def add(self, seal: Seal) -> None:
        """Append one seal (chain order)."""
        self._write({"seq": seal.seq, "table": seal.table, "id": seal.record_id,
                     "uuid": seal.record_uuid, "content": seal.content, "chain": seal.chain,
                     "values": seal.values})

    def finish(self) -> Path:
        """Sign, flush to the stick, encrypt when asked, and give the file its final name."""
        digest = self.digest.digest()
        self.fh.write(_line({"sha256": digest.hex(),
                             "signature": keys.sign(self.key, KIND, digest)}))
        self.fh.flush()
        os.fsync(self.fh.fileno())
        self.fh.close()
        if self.recipient:
            import pyrage
            from pyrage import x25519

            sealed = self.partial.with_name(self.partial.name + ".age")
            pyrage.encrypt_file(str(self.partial), str(sealed),
                                [x25519.Recipient.from_str(self.recipient)])
            os.replace(sealed, self.partial)
        os.replace(self.partial, self.path)
        return self.path

    def abort(self) -> None:
        """Close and remove the unfinished file."""
        self.fh.close()
        self.partial.unlink(missing_ok=True)


def is_encrypted(path: Path) -> bool:
    """Return whether the file is age-encrypted."""
    with open(path, "rb") as fh:
        return fh.read(len(AGE_MAGIC)) == AGE_MAGIC


class DeliveryReader:
    """Read a delivery line by line; after the records, :attr:`digest` and :attr:`signature`.

    Use as a context manager: an encrypted file is decrypted (with the programme's age
    identity) to a temporary file that is removed at the end.
    """

    def __init__(self, path: Path, identity: str | None = None) -> None:
        self.path = Path(path)
        self.identity = identity
        self.signature: str | None = None
        self.digest: bytes | None = None
        self._temp: Path | None = None

    def __enter__(self) -> DeliveryReader:
        source = self.path
        if is_encrypted(source):
            if not self.identity:
                raise DamagedDelivery("encrypted, no identity")
            import pyrage
            from pyrage import x25519

            fd, name = tempfile.mkstemp(suffix=".entrega")
            os.close(fd)
            self._temp = Path(name)
            try:
                pyrage.decrypt_file(str(source), name, [x25519.Identity.from_str(self.identity)])
            except Exception as exc:  # noqa: BLE001 - pyrage's errors: wrong key or damage
                raise DamagedDelivery("cannot decrypt") from exc
            source = self._temp
        self.fh = open(source, "rb")  # noqa: SIM115 - closed by __exit__
        self._hash = keys.new_digest()
        self.header = self._header()
        return self

    def __exit__(self, *exc) -> None:
        self.fh.close()
        if self._temp:
            self._temp.unlink(missing_ok=True)

    def _header(self) -> dict:
        first = self.fh.readline()
        self._hash.update(first)
        try:
            header = json.loads(first)
        except ValueError as exc:
            raise DamagedDelivery("header") from exc
        if (not isinstance(header, dict) or header.get("format") != FORMAT
                or any(f not in header for f in HEADER_FIELDS)):
            raise DamagedDelivery("header")
        if header["version"] != VERSION:
            raise DamagedDelivery("version")
        return header

    def seals(self) -> Iterator[Seal]:
        """Yield the seals in order; then the signature line is kept (never yielded)."""
        for raw in self.fh:
            if raw.startswith(b'{"sha256"') or raw.startswith(b'{"signature"'):
                self.digest = self._hash.digest()
                try:
                    last = json.loads(raw)
                except ValueError as exc:
                    raise DamagedDelivery("signature line") from exc
                if self.fh.read(1):
                    raise DamagedDelivery("bytes after the signature")
                if last.get("sha256") != self.digest.hex():
                    raise DamagedDelivery("digest")
                self.signature = last.get("signature")
                return
            self._hash.update(raw)
            try:
                d = orjson.loads(raw)
                values = d["values"]
                seal = Seal(int(d["seq"]), str(d["table"]), int(d["id"]), d["uuid"],
                            str(d["content"]), str(d["chain"]), values,
                            None if values is None else orjson.dumps(values).decode())
            except (ValueError, KeyError, TypeError) as exc:
                raise DamagedDelivery("record line") from exc
            yield seal
        raise DamagedDelivery("no signature line (the file was cut short)")
