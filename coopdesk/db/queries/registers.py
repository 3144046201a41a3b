"""The accountant's registers' reads, and the tax documents of buyers and suppliers."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal

from coopdesk.domain.money import from_cents

#: The two counterpart tables (buyer of a sale, supplier of a purchase).
COUNTERPARTS = ("buyer", "supplier")


def counterpart_documents(conn, table: str, name_keys) -> dict[str, tuple[str, str] | None]:
    """Return {name_key: (doc_type, doc_number) or None} of the named buyers or suppliers."""
    assert table in COUNTERPARTS
    return {
        key: (kind, number) if kind else None
        for key, kind, number in conn.exec_driver_sql(
            f"SELECT name_key, doc_type, doc_number FROM {table}"
            " WHERE name_key IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(set(name_keys))),))
    }


def set_counterpart_documents(conn, table: str, documents: dict[int, tuple[str, str]]) -> None:
    """Give buyers or suppliers (by id) their tax document (only where none is set)."""
    assert table in COUNTERPARTS
    if not documents:
        return
    conn.exec_driver_sql(
        f"UPDATE {table} SET doc_type = ?, doc_number = ? WHERE id = ? AND doc_type IS NULL",
        [(kind, number, rid) for rid, (kind, number) in documents.items()])


@dataclass(frozen=True)
class RegisterLine:
    """One sale or purchase as the simplified registers list it (voided ones included)."""

    day: dt.date
    receipt_type: str
    receipt_series: str
    reference: str
    doc_type: str
    doc_number: str
    name: str
    total: Decimal
    voided: bool


def _lines(conn, sql: str, span: tuple[str, str]) -> list[RegisterLine]:
    return [
        RegisterLine(dt.date.fromisoformat(str(day)[:10]), rtype or "", series or "", ref or "",
                     dtype or "", dnum or "", name, from_cents(cents), voided is not None)
        for day, rtype, series, ref, dtype, dnum, name, cents, voided
        in conn.exec_driver_sql(sql, span)
    ]


def sales_register(conn, first: dt.date, nxt: dt.date) -> list[RegisterLine]:
    """Return the month's sales (first <= day < nxt), voided ones too, by day and number."""
    return _lines(conn, (
        "SELECT s.day, s.receipt_type, s.receipt_series, s.reference, b.doc_type, b.doc_number,"
        " b.name, s.total, s.voided_at FROM sale s JOIN buyer b ON b.id = s.buyer_id"
        " WHERE s.day >= ? AND s.day < ? ORDER BY s.day, s.receipt_number"),
        (first.isoformat(), nxt.isoformat()))


def purchases_register(conn, first: dt.date, nxt: dt.date) -> list[RegisterLine]:
    """Return the month's purchases (first <= day < nxt), voided ones too, by day and id."""
    return _lines(conn, (
        "SELECT p.day, p.receipt_type, p.receipt_series, p.reference, s.doc_type,"
        " s.doc_number, s.name, p.total, p.voided_at FROM purchase p"
        " JOIN supplier s ON s.id = p.supplier_id"
        " WHERE p.day >= ? AND p.day < ? ORDER BY p.day, p.id"),
        (first.isoformat(), nxt.isoformat()))
