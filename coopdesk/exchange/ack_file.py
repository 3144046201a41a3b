"""The acknowledgement file (``.acuse``): the programme received a site's chain up to a seal.

Two JSON lines (docs/interchange.md, "Acuses"): the body (site, last seal received and
the chain hash there, the programme's public signing key and age recipient, created UTC)
and the programme's Ed25519 signature of the body line's SHA-256. The site checks the
signature, that the key is the one it pinned at its first acknowledgement, and that its
own chain passes through the acknowledged head.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

from coopdesk.exchange import keys

FORMAT = "coopdesk-acuse"
VERSION = 1
KIND = "acuse"
FIELDS = ("format", "version", "site", "last", "head", "created_utc", "programme_key",
          "programme_recipient")


class DamagedAck(ValueError):
    """The file is not a whole acknowledgement signed by the key it names."""


def file_name(site: str, last: int) -> str:
    """Return the FAT-safe name ``<site>-<last>.acuse``."""
    return f"{re.sub(r'[^A-Za-z0-9_-]', '_', site)[:40]}-{last}.acuse"


def write_ack(path: Path, body: dict, key) -> Path:
    """Write a signed acknowledgement (atomically) and return its path."""
    line = (json.dumps({"format": FORMAT, "version": VERSION, **body}, ensure_ascii=False,
                       separators=(",", ":"), sort_keys=True) + "\n").encode("utf-8")
    digest = hashlib.sha256(line).digest()
    sig = json.dumps({"signature": keys.sign(key, KIND, digest)}).encode() + b"\n"
    partial = Path(str(path) + ".partial")
    with open(partial, "wb") as fh:
        fh.write(line + sig)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(partial, path)
    return Path(path)


def read_ack(path: Path) -> dict:
    """Return the body of a well-formed acknowledgement whose signature verifies."""
    data = Path(path).read_bytes()[:100_000]
    lines = data.split(b"\n")
    if len(lines) != 3 or lines[2] != b"":
        raise DamagedAck("shape")
    try:
        body = json.loads(lines[0])
        signature = json.loads(lines[1])["signature"]
    except (ValueError, KeyError, TypeError) as exc:
        raise DamagedAck("json") from exc
    if not isinstance(body, dict) or body.get("format") != FORMAT or any(
            f not in body for f in FIELDS) or body["version"] != VERSION:
        raise DamagedAck("fields")
    digest = hashlib.sha256(lines[0] + b"\n").digest()
    if not keys.verify(body["programme_key"], KIND, digest, signature):
        raise DamagedAck("signature")
    return body
