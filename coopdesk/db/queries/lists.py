"""The desk's lists, one page at a time, and the small reads behind its pickers and Inicio."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from coopdesk.db.queries.values import day as _date
from coopdesk.db.queries.values import money, price, quantity
from coopdesk.domain.text import month_bounds

if TYPE_CHECKING:
    from coopdesk.db.reader import Reader

#: How many rows a list asks for at once.
PAGE = 200


@dataclass(frozen=True)
class ListFilter:
    """A month (year, month) or None for every month, and a text to search for."""

    month: tuple[int, int] | None = None
    text: str = ""


@dataclass(frozen=True)
class MemberRow:
    """One member as the list shows her."""

    code: str
    full_name: str
    dni: str
    joined_on: dt.date
    status: str
    exit_on: dt.date | None
    role: str
    #: What the cooperative owes her now (labor + credits − payments); negative: she owes.
    balance: Decimal = Decimal("0.00")


@dataclass(frozen=True)
class SaleRow:
    """One sale as the list shows it."""

    uuid: str
    receipt_number: int
    day: dt.date
    buyer: str
    total: Decimal
    paid: bool
    paid_on: dt.date | None
    reference: str
    voided: bool
    void_reason: str
    #: Revision 0010: the paper receipt (SUNAT code, "B001-123") and the buyer's document.
    receipt_type: str = ""
    receipt_series: str = ""
    doc_type: str = ""
    doc_number: str = ""


@dataclass(frozen=True)
class PurchaseRow:
    """One purchase as the list shows it."""

    id: int
    uuid: str
    day: dt.date
    supplier: str
    item: str
    quantity: Decimal
    unit: str
    unit_price: Decimal
    total: Decimal
    reference: str
    voided: bool
    void_reason: str
    #: Revision 0010: the paper receipt (SUNAT code, "B001-123") and the supplier's document.
    receipt_type: str = ""
    receipt_series: str = ""
    doc_type: str = ""
    doc_number: str = ""


@dataclass(frozen=True)
class PaymentRow:
    """One payment to a member as the list shows it."""

    id: int
    uuid: str
    day: dt.date
    code: str
    member: str
    amount: Decimal
    received_by: str
    note: str
    voided: bool
    void_reason: str


@dataclass(frozen=True)
class ExpenseRow:
    """One expense as the list shows it."""

    id: int
    uuid: str
    day: dt.date
    category: str
    amount: Decimal
    note: str
    voided: bool
    void_reason: str


@dataclass(frozen=True)
class BuyerDebt:
    """What one buyer still owes: pending sales and their total."""

    buyer: str
    sales: int
    total: Decimal


def _where(
    filt: ListFilter,
    day_col: str,
    search_cols: tuple[str, ...],
    after: tuple[str, list] | None = None,
) -> tuple[str, list]:
    clauses, params = [], []
    if after:
        clauses.append(after[0])
        params += after[1]
    if filt.month:
        first, nxt = month_bounds(*filt.month)
        clauses.append(f"{day_col} >= ? AND {day_col} < ?")
        params += [first.isoformat(), nxt.isoformat()]
    text = (filt.text or "").strip()
    if text:
        like = f"%{text}%"
        clauses.append("(" + " OR ".join(f"{c} LIKE ?" for c in search_cols) + ")")
        params += [like] * len(search_cols)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _rows(reader: Reader, sql: str, params: list) -> list[tuple]:
    return list(reader.connection().exec_driver_sql(sql, tuple(params)).all())


def members_page(
    reader: Reader, filt: ListFilter, after: MemberRow | None = None, limit: int = PAGE
) -> list[tuple[int, MemberRow]]:
    """Return (id, member) of the page after *after*, by code (a month: who was a member).

    The rows' balance is left at zero: the service adds it from the same snapshot.
    """
    clauses, params = [], []
    if after is not None:
        clauses.append("code > ?")
        params.append(after.code)
    if filt.month:
        first, nxt = month_bounds(*filt.month)
        clauses.append("joined_on < ? AND (exit_on IS NULL OR exit_on >= ?)")
        params += [nxt.isoformat(), first.isoformat()]
    if filt.text.strip():
        clauses.append("(code LIKE ? OR full_name LIKE ? OR dni LIKE ?)")
        params += [f"%{filt.text.strip()}%"] * 3
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    rows = reader.connection().exec_driver_sql(
        "SELECT id, code, full_name, dni, joined_on, status, exit_on, role FROM member"
        f"{where} ORDER BY code LIMIT ?",
        tuple(params + [limit]),
    ).all()
    return [(i, MemberRow(c, n, d, _date(j), s, _date(e), r)) for i, c, n, d, j, s, e, r in rows]


def sales_page(
    reader: Reader, filt: ListFilter, after: SaleRow | None = None, limit: int = PAGE
) -> list[SaleRow]:
    """Return the page of sales after *after*, newest receipt first (voided ones too).

    Pages are found by key (the last receipt shown), not by OFFSET, so the last page
    of 100,000 sales costs what the first does.
    """
    keyset = ("s.receipt_number < ?", [after.receipt_number]) if after else None
    where, params = _where(
        filt, "s.day", ("b.name", "s.reference", "CAST(s.receipt_number AS TEXT)",
                        "coalesce(s.receipt_series, '')", "coalesce(b.doc_number, '')"), keyset
    )
    rows = _rows(
        reader,
        "SELECT s.uuid, s.receipt_number, s.day, b.name, s.total, s.paid, s.paid_on,"
        " s.reference, s.voided_at, s.void_reason, s.receipt_type, s.receipt_series,"
        " b.doc_type, b.doc_number FROM sale s JOIN buyer b ON b.id = s.buyer_id"
        f"{where} ORDER BY s.receipt_number DESC LIMIT ?",
        params + [limit],
    )
    return [
        SaleRow(u, n, _date(d), b, money(t), bool(p), _date(po), ref, v is not None, vr,
                rt or "", rs or "", dt_ or "", dn or "")
        for u, n, d, b, t, p, po, ref, v, vr, rt, rs, dt_, dn in rows
    ]


def _after_day(alias: str, after) -> tuple[str, list] | None:
    """The keyset clause of lists ordered by (day DESC, id DESC)."""
    if after is None:
        return None
    return f"({alias}day, {alias}id) < (?, ?)", [after.day.isoformat(), after.id]


def purchases_page(
    reader: Reader, filt: ListFilter, after: PurchaseRow | None = None, limit: int = PAGE
) -> list[PurchaseRow]:
    """Return the page of purchases after *after*, newest first (voided ones too)."""
    where, params = _where(
        filt, "p.day", ("s.name", "i.name", "p.reference", "coalesce(p.receipt_series, '')",
                        "coalesce(s.doc_number, '')"), _after_day("p.", after)
    )
    rows = _rows(
        reader,
        "SELECT p.id, p.uuid, p.day, s.name, i.name, p.quantity, p.unit, p.unit_price, p.total,"
        " p.reference, p.voided_at, p.void_reason, p.receipt_type, p.receipt_series,"
        " s.doc_type, s.doc_number FROM purchase p"
        " JOIN supplier s ON s.id = p.supplier_id JOIN input_item i ON i.id = p.item_id"
        f"{where} ORDER BY p.day DESC, p.id DESC LIMIT ?",
        params + [limit],
    )
    return [
        PurchaseRow(
            i_, u, _date(d), s, i, quantity(q), un, price(up), money(t), ref,
            v is not None, vr, rt or "", rs or "", dt_ or "", dn or "",
        )
        for i_, u, d, s, i, q, un, up, t, ref, v, vr, rt, rs, dt_, dn in rows
    ]


def payments_page(
    reader: Reader, filt: ListFilter, after: PaymentRow | None = None, limit: int = PAGE
) -> list[PaymentRow]:
    """Return the page of payments to members after *after*, newest first (voided too)."""
    where, params = _where(
        filt, "p.day", ("m.code", "m.full_name", "p.received_by", "p.note"),
        _after_day("p.", after),
    )
    rows = _rows(
        reader,
        "SELECT p.id, p.uuid, p.day, m.code, m.full_name, p.amount, p.received_by, p.note,"
        " p.voided_at, p.void_reason FROM member_payment p JOIN member m ON m.id = p.member_id"
        f"{where} ORDER BY p.day DESC, p.id DESC LIMIT ?",
        params + [limit],
    )
    return [
        PaymentRow(i, u, _date(d), c, n, money(a), rb, note, v is not None, vr)
        for i, u, d, c, n, a, rb, note, v, vr in rows
    ]


def expenses_page(
    reader: Reader, filt: ListFilter, after: ExpenseRow | None = None, limit: int = PAGE
) -> list[ExpenseRow]:
    """Return the page of expenses after *after*, newest first (voided ones too)."""
    where, params = _where(filt, "day", ("category", "note"), _after_day("", after))
    rows = _rows(
        reader,
        "SELECT id, uuid, day, category, amount, note, voided_at, void_reason FROM expense"
        f"{where} ORDER BY day DESC, id DESC LIMIT ?",
        params + [limit],
    )
    return [
        ExpenseRow(i, u, _date(d), c, money(a), n, v is not None, vr)
        for i, u, d, c, a, n, v, vr in rows
    ]


def buyer_debts(reader: Reader) -> list[BuyerDebt]:
    """Return what each buyer owes (live pending sales), largest first."""
    # A plain scan of the table is several times faster here than walking the buyer index.
    rows = _rows(
        reader,
        "SELECT buyer_id, count(*), sum(total) FROM sale NOT INDEXED"
        " WHERE voided_at IS NULL AND paid = 0 GROUP BY buyer_id",
        [],
    )
    names_by_id = dict(_rows(reader, "SELECT id, name FROM buyer", []))
    debts = [BuyerDebt(names_by_id[b], count, money(total)) for b, count, total in rows]
    return sorted(debts, key=lambda d: (-d.total, d.buyer))


def names(reader: Reader, kind: str) -> list[str]:
    """Return the names of every buyer, supplier, product or input, sorted."""
    table = {"buyer": "buyer", "supplier": "supplier", "product": "product", "input": "input_item"}
    rows = _rows(reader, f"SELECT name FROM {table[kind]} ORDER BY name_key", [])
    return [row[0] for row in rows]


def expense_categories(reader: Reader) -> list[str]:
    """Return the categories already used for expenses, sorted."""
    return [r[0] for r in _rows(reader, "SELECT DISTINCT category FROM expense ORDER BY 1", [])]


def units_used(reader: Reader) -> list[str]:
    """Return the purchase units already used (kg, unidad...), sorted."""
    return [r[0] for r in _rows(reader, "SELECT DISTINCT unit FROM purchase ORDER BY 1", [])]


def bars_sold(reader: Reader, year: int) -> Decimal:
    """Return the units sold in live sales of *year*."""
    rows = _rows(
        reader,
        "SELECT coalesce(sum(l.quantity), 0) FROM sale_line l JOIN live_sale s ON s.id = l.sale_id"
        " WHERE s.day >= ? AND s.day < ?",
        [f"{year:04d}-01-01", f"{year + 1:04d}-01-01"],
    )
    return quantity(rows[0][0])


def record_span(reader: Reader) -> tuple[dt.date, dt.date] | None:
    """Return the first and last day with any record, or None for an empty book."""
    rows = _rows(
        reader,
        "SELECT min(d), max(d) FROM (SELECT min(day) AS d FROM sale UNION ALL"
        " SELECT max(day) FROM sale UNION ALL SELECT min(day) FROM workday UNION ALL"
        " SELECT max(day) FROM workday UNION ALL SELECT min(day) FROM purchase UNION ALL"
        " SELECT max(day) FROM purchase UNION ALL SELECT min(day) FROM expense UNION ALL"
        " SELECT max(day) FROM expense UNION ALL SELECT min(day) FROM member_payment UNION ALL"
        " SELECT max(day) FROM member_payment UNION ALL"
        # a month whose only record is a credit (the year's surplus, distributed at the
        # assembly in February) is still a month of the book
        " SELECT max(day) FROM member_credit)",
        [],
    )
    first, last = rows[0]
    if not first:
        return None
    return _date(first), _date(last)


def active_members(reader: Reader, on: dt.date | None = None) -> list[tuple[str, str]]:
    """Return (code, name) of every member, active ones first, for pickers."""
    rows = _rows(
        reader,
        "SELECT code, full_name, status FROM member ORDER BY status <> 'activa', code",
        [],
    )
    return [(c, n) for c, n, _s in rows]


def is_empty(reader: Reader) -> bool:
    """True when the book holds no members and no records."""
    conn = reader.connection()
    for table in ("member", "sale", "purchase", "expense", "workday", "member_payment"):
        if conn.exec_driver_sql(f"SELECT 1 FROM {table} LIMIT 1").first():  # noqa: S608
            return False
    return True
