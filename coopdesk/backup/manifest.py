"""The backup's readable description (manifest): every field read from a file is checked.

A backup on a stick may come from anywhere. Before any field is used (shown, compared
or handed to the decryption) its type, length and range are checked here, so a crafted
or damaged description gets a sentence naming the field, never a traceback.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import re
from pathlib import Path

from coopdesk.backup import crypto
from coopdesk.domain.errors import BookError
from coopdesk.i18n import _

_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_DECIMAL = re.compile(r"^-?\d{1,15}(\.\d{1,4})?$")
MAX_TEXT = 200
MAX_WRAPPED_IDENTITY = 4096
MAX_COUNTED = 64
MAX_COUNT = 10**12


class _Bad(Exception):
    """A field that is missing or out of bounds (turned into a sentence by ``check``)."""


def _text(m: dict, key: str, *, limit: int = MAX_TEXT, required: bool = True) -> None:
    if key not in m and not required:
        return
    value = m.get(key)
    if not isinstance(value, str) or len(value) > limit:
        raise _Bad(key)


def _whole(value, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def _number(m: dict, key: str, low: int, high: int, *, required: bool = True) -> None:
    if key not in m and not required:
        return
    if not _whole(m.get(key), low, high):
        raise _Bad(key)


def _date(m: dict, key: str) -> None:
    value = m.get(key)
    if value is None:
        return
    try:
        dt.date.fromisoformat(value if isinstance(value, str) and len(value) == 10 else "x")
    except ValueError:
        raise _Bad(key) from None


def _counts_and_totals(m: dict) -> None:
    counts = m.get("counts", {})
    if not isinstance(counts, dict) or len(counts) > MAX_COUNTED or not all(
        isinstance(k, str) and len(k) <= 40 and _whole(v, 0, MAX_COUNT)
        for k, v in counts.items()
    ):
        raise _Bad("counts")
    totals = m.get("totals", {})
    if not isinstance(totals, dict) or len(totals) > MAX_COUNTED or not all(
        isinstance(k, str) and len(k) <= 40 and isinstance(v, str) and _DECIMAL.match(v)
        for k, v in totals.items()
    ):
        raise _Bad("totals")
    _number(m, "last_receipt", 0, MAX_COUNT, required=False)
    _date(m, "first_day")
    _date(m, "last_day")


def _chain(m: dict) -> None:
    chain = m.get("chain")
    if chain is None:
        return
    if (not isinstance(chain, dict) or set(chain) != {"seals", "head"}
            or not _whole(chain["seals"], 0, MAX_COUNT)
            or not isinstance(chain["head"], str) or not _HEX64.match(chain["head"])):
        raise _Bad("chain")


def _base64(value, limit: int) -> bool:
    if not isinstance(value, str) or not 0 < len(value) <= limit:
        return False
    try:
        base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        return False
    return True


def _encryption(m: dict) -> None:
    enc = m.get("encryption")
    if enc is None:
        return
    if not isinstance(enc, dict):
        raise _Bad("encryption")
    if enc.get("scheme") == crypto.AGE:
        recipient = enc.get("recipient")
        if not (isinstance(recipient, str) and recipient.startswith("age1")
                and len(recipient) <= 100):
            raise _Bad("encryption.recipient")
        if not _base64(enc.get("identity"), MAX_WRAPPED_IDENTITY):
            raise _Bad("encryption.identity")
        return
    if enc.get("cipher") != crypto.LEGACY_CIPHER or enc.get("kdf") != "scrypt":
        raise _Bad("encryption")
    if not _base64(enc.get("salt"), 64):
        raise _Bad("encryption.salt")
    n = enc.get("n")
    if not (_whole(n, 2**10, crypto.MAX_LEGACY_N) and n & (n - 1) == 0):
        raise _Bad("encryption.n")
    if not _whole(enc.get("r"), 1, crypto.MAX_LEGACY_R):
        raise _Bad("encryption.r")
    if not _whole(enc.get("p"), 1, crypto.MAX_LEGACY_P):
        raise _Bad("encryption.p")


def _signature(m: dict) -> None:
    mark = m.get("signature")
    if mark is None and "signature" not in m:
        return
    if (not isinstance(mark, dict) or set(mark) != {"key", "value"}
            or not _base64(mark["key"], 64) or not _base64(mark["value"], 128)):
        raise _Bad("signature")


def check(manifest, path: Path) -> dict:
    """Return *manifest* when every field is within bounds; else raise BookError naming one.

    Required: app, app_version, schema, created_at, book_sha256. Optional (older or
    encrypted copies lack them): format (the integer 1), cooperative, site_id,
    book_size, counts, totals, last_receipt, first_day, last_day, chain, encryption,
    signature.
    """
    name = Path(path).name
    if not isinstance(manifest, dict) or manifest.get("app") != "coopdesk":
        raise BookError(_("The file {name} is not a coopdesk backup.").format(name=name))
    try:
        _number(manifest, "format", 1, 1, required=False)
        _text(manifest, "app_version", limit=40)
        _text(manifest, "schema", limit=64)
        _text(manifest, "created_at", limit=40)
        try:
            dt.datetime.fromisoformat(manifest["created_at"])
        except ValueError:
            raise _Bad("created_at") from None
        _text(manifest, "cooperative", required=False)
        _text(manifest, "site_id", limit=64, required=False)
        if not isinstance(manifest.get("book_sha256"), str) or not _HEX64.match(
                manifest["book_sha256"]):
            raise _Bad("book_sha256")
        _number(manifest, "book_size", 0, 1 << 40, required=False)
        _counts_and_totals(manifest)
        _chain(manifest)
        _encryption(manifest)
        _signature(manifest)
    except _Bad as bad:
        raise BookError(
            _("The backup {name} has a wrong description (the field “{field}” is missing or "
              "out of bounds); it was not used. Nothing was changed.").format(
                name=name, field=bad.args[0])) from None
    return manifest
