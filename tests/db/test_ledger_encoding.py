"""The fingerprints of sealed rows stay byte for byte what they always were."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from decimal import Decimal

import pytest

from coopdesk.db.ledger import content_hash

ROWS = [
    (1, "uuid-1", "2026-01-01 00:00:00", None, "", 3, "2024-11-05", "chocolate", 1000, ""),
    (2, "ñandú «Quispe» \"q\" \\ \n\t\x01 😀 \u2028", None, True, False, 0, -7, 2**70),
    (3, 3.5, 0.1, float("inf"), float("nan"), dt.date(2024, 1, 2), Decimal("1.50"), b"x"),
    (4, dt.datetime(2024, 1, 2, 3, 4, 5), [], "", None),
]


def as_sealed_since_the_first_book(entity, row):
    text = json.dumps([entity, *row], ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@pytest.mark.parametrize("row", ROWS)
def test_content_hash_is_the_json_dumps_fingerprint(row):
    for end in range(1, len(row) + 1):
        assert content_hash("sale", row[:end]) == as_sealed_since_the_first_book("sale", row[:end])
