"""`coopdesk import KIND FILE`: all or nothing, one sentence per bad line.

Every row is checked against the same rules as a record typed in the desk (those
rules live in coopdesk.domain and are called from here); only when no row is bad
is anything written, in one transaction, through SQLAlchemy Core's bulk path.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from sqlmodel import Session

from coopdesk.db.tables import new_uuid, now
from coopdesk.domain.errors import CoopError, ImportRejected
from coopdesk.domain.members import (
    MemberStatus,
    check_member_dates,
    check_within_membership,
    clean_code,
    clean_dni,
    clean_full_name,
    parse_status,
)
from coopdesk.domain.money import (
    line_total,
    parse_amount,
    parse_quantity,
    parse_unit_price,
    to_cents,
    to_units,
)
from coopdesk.domain.text import clean_text, name_key, parse_date, parse_yes_no
from coopdesk.domain.work import parse_fraction, parse_line
from coopdesk.domain.workshops import parse_workshop_number
from coopdesk.i18n import _, ngettext
from coopdesk.services.book import Book, audit
from coopdesk.services.csv_files import CsvRow, read_csv
from coopdesk.services.lookups import all_member_facts, name_ids
from coopdesk.services.months import closed_month_keys, ensure_open_in

#: The CSV headers of each kind, exactly as in the interchange contract.
HEADERS = {
    "members": ("codigo", "nombre", "dni", "fecha_ingreso", "estado", "fecha_salida", "cargo"),
    "rates": ("desde", "monto"),
    "workdays": ("codigo_socia", "fecha", "linea", "fraccion", "nota"),
    "attendance": ("taller", "fecha", "codigo_socia", "asistio"),
    "purchases": (
        "fecha",
        "proveedor",
        "insumo",
        "cantidad",
        "unidad",
        "precio_unitario",
        "comprobante",
    ),
    "sales": (
        "fecha",
        "comprador",
        "producto",
        "cantidad",
        "precio_unitario",
        "pagado",
        "comprobante",
    ),
    "payments": ("codigo_socia", "fecha", "monto", "nota"),
    "expenses": ("fecha", "categoria", "monto", "nota"),
}
KINDS = tuple(HEADERS)
MAX_REPORTED = 200


@dataclass
class _Batch:
    """What one import has accepted so far, to catch duplicates inside the file."""

    seen: set = field(default_factory=set)
    rows: list = field(default_factory=list)
    new_names: dict = field(default_factory=dict)


def import_file(book: Book, kind: str, path: Path) -> int:
    """Import one CSV file of *kind*; return how many rows were written.

    Raises:
        ImportRejected: with one (line, sentence) per bad row; nothing was written.
    """
    if kind not in HEADERS:
        raise CoopError(
            _("Unknown kind “{kind}”; use one of: {kinds}.").format(
                kind=kind, kinds=", ".join(KINDS)
            )
        )
    rows = read_csv(Path(path), HEADERS[kind])
    return import_rows(book, kind, rows, source=Path(path).name)


def import_rows(book: Book, kind: str, rows: list[CsvRow], *, source: str) -> int:
    """Check and write rows already read (from a file, or made by the demo)."""
    importer = _IMPORTERS[kind]
    _created_at[0] = now().isoformat(sep=" ")
    with book.transaction() as session:
        ctx = _Context(session)
        batch = _Batch()
        problems: list[tuple[int, str]] = []
        for row in rows:
            try:
                importer.parse(row, ctx, batch)
            except CoopError as exc:
                problems.append((row.line, str(exc)))
        if problems:
            raise ImportRejected(
                ngettext("{n} row has a problem; nothing was imported.",
                         "{n} rows have problems; nothing was imported.",
                         len(problems)).format(n=len(problems)),
                problems,
            )
        if batch.rows:
            importer.write(session, ctx, batch)
            audit(session, "import", kind, file=source, rows=len(batch.rows))
        return len(batch.rows)


class _Context:
    """Lookups loaded once per import (members, names, existing keys)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.conn = session.connection()
        self._members = None
        self._names: dict[str, dict[str, int]] = {}
        self._closed: set[str] | None = None

    @property
    def members(self):
        if self._members is None:
            self._members = all_member_facts(self.session)
        return self._members

    def member(self, code: str):
        key = (code or "").strip().upper()
        if key not in self.members:
            raise CoopError(
                _("there is no member with the code “{code}”").format(code=code.strip())
            )
        return self.members[key]

    def open_day(self, day: dt.date) -> dt.date:
        """Refuse a row dated in a closed month."""
        if self._closed is None:
            self._closed = closed_month_keys(self.session)
        ensure_open_in(self._closed, day, field=None)
        return day

    def names(self, kind: str) -> dict[str, int]:
        if kind not in self._names:
            self._names[kind] = name_ids(self.session, kind)
        return self._names[kind]

    def keys(self, sql: str) -> set:
        return {tuple(r) for r in self.conn.exec_driver_sql(sql)}


#: Every record of one import is created at the same moment (it is one transaction).
_created_at: list[str | None] = [None]


def _stamp() -> tuple[str, str]:
    return new_uuid(), _created_at[0] or now().isoformat(sep=" ")


def _resolve_names(ctx: _Context, kind: str, table: str, batch_names: dict[str, str]) -> dict:
    """Create the buyers/suppliers/products/inputs first seen in this file; return key → id."""
    ids = ctx.names(kind)
    new = [(k, n) for k, n in batch_names.items() if k not in ids]
    if new:
        ctx.conn.exec_driver_sql(
            f"INSERT INTO {table} (uuid, created_at, name, name_key) VALUES (?, ?, ?, ?)",
            [(*_stamp(), name, key) for key, name in new],
        )
        ids.update(name_ids(ctx.session, kind))
    return ids


def _named(batch: _Batch, kind: str, text: str, what: str) -> str:
    cleaned = clean_text(text, what=what, required=True)
    key = name_key(cleaned)
    batch.new_names.setdefault(kind, {}).setdefault(key, cleaned)
    return key


class _Members:
    def parse(self, row: CsvRow, ctx: _Context, batch: _Batch) -> None:
        c = row.cells
        code = clean_code(c["codigo"])
        if code in ctx.members or code in batch.seen:
            raise CoopError(
                _("the code {code} is already used by another member").format(code=code)
            )
        status = parse_status(c["estado"])
        joined = parse_date(c["fecha_ingreso"], what=_("the joining date"))
        left = (
            parse_date(c["fecha_salida"], what=_("the exit date"))
            if c["fecha_salida"].strip()
            else None
        )
        check_member_dates(status, joined, left)
        batch.seen.add(code)
        batch.rows.append(
            (
                *_stamp(),
                code,
                clean_full_name(c["nombre"]),
                clean_dni(c["dni"]),
                joined.isoformat(),
                MemberStatus(status).value,
                left.isoformat() if left else None,
                clean_text(c["cargo"], what=_("the role"), required=False),
            )
        )

    def write(self, session, ctx, batch) -> None:
        ctx.conn.exec_driver_sql(
            "INSERT INTO member (uuid, created_at, code, full_name, dni, joined_on, status,"
            " exit_on, role) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            batch.rows,
        )


class _Rates:
    def parse(self, row, ctx, batch) -> None:
        since = parse_date(row.cells["desde"], what=_("the date"))
        ctx.open_day(since)
        later = sorted(m for m in (ctx._closed or ()) if m >= f"{since:%Y-%m}")
        if later:
            ctx.open_day(dt.date(int(later[0][:4]), int(later[0][5:]), 1))
        amount = parse_amount(row.cells["monto"], what=_("the rate"))
        existing = (
            dict(ctx.conn.exec_driver_sql("SELECT valid_from, rate FROM labor_rate").all())
            if not hasattr(ctx, "rates")
            else ctx.rates
        )
        ctx.rates = existing
        if since in batch.seen:
            raise CoopError(
                _("the date {day} appears twice in the file").format(day=since.strftime("%d/%m/%Y"))
            )
        batch.seen.add(since)
        if since.isoformat() in existing:
            if existing[since.isoformat()] == to_cents(amount):
                return  # already in the book, identical: nothing to do
            raise CoopError(
                _("there is already a different rate from {day}").format(
                    day=since.strftime("%d/%m/%Y")
                )
            )
        batch.rows.append((*_stamp(), since.isoformat(), to_cents(amount)))

    def write(self, session, ctx, batch) -> None:
        ctx.conn.exec_driver_sql(
            "INSERT INTO labor_rate (uuid, created_at, valid_from, rate) VALUES (?, ?, ?, ?)",
            batch.rows,
        )


class _Workdays:
    def parse(self, row, ctx, batch) -> None:
        c = row.cells
        member_id, facts = ctx.member(c["codigo_socia"])
        day = ctx.open_day(parse_date(c["fecha"], what=_("the date")))
        line = parse_line(c["linea"])
        fraction = parse_fraction(c["fraccion"])
        check_within_membership(facts, day, what=_("a workday"))
        key = (member_id, day.isoformat(), line.value)
        if not hasattr(ctx, "live"):
            ctx.live = ctx.keys("SELECT member_id, day, line FROM workday WHERE voided_at IS NULL")
        if key in batch.seen or key in ctx.live:
            raise CoopError(
                _("{code} already has a {line} workday on {day}").format(
                    code=facts.code, line=line.value, day=day.strftime("%d/%m/%Y")
                )
            )
        batch.seen.add(key)
        note = clean_text(c["nota"], what=_("the note"), required=False, limit=500)
        batch.rows.append(
            (*_stamp(), "", member_id, day.isoformat(), line.value, to_units(fraction, 3), note)
        )

    def write(self, session, ctx, batch) -> None:
        ctx.conn.exec_driver_sql(
            "INSERT INTO workday (uuid, created_at, void_reason, member_id, day, line, fraction,"
            " note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            batch.rows,
        )


class _Attendance:
    def parse(self, row, ctx, batch) -> None:
        c = row.cells
        number = parse_workshop_number(c["taller"])
        day = ctx.open_day(parse_date(c["fecha"], what=_("the date")))
        member_id, facts = ctx.member(c["codigo_socia"])
        present = parse_yes_no(c["asistio"], what=_("the column asistio"))
        check_within_membership(facts, day, what=_("attendance"))
        key = (number, day.isoformat(), member_id)
        if not hasattr(ctx, "marked"):
            ctx.marked = ctx.keys(
                "SELECT w.number, s.held_on, a.member_id FROM attendance a"
                " JOIN workshop_session s ON s.id=a.session_id"
                " JOIN workshop w ON w.id=s.workshop_id"
            )
        if key in batch.seen or key in ctx.marked:
            raise CoopError(
                _("{code} is already marked for workshop {n} on {day}").format(
                    code=facts.code, n=number, day=day.strftime("%d/%m/%Y")
                )
            )
        batch.seen.add(key)
        batch.rows.append((number, day.isoformat(), member_id, "present" if present else "absent"))

    def write(self, session, ctx, batch) -> None:
        conn = ctx.conn
        workshops = dict(conn.exec_driver_sql("SELECT number, id FROM workshop").all())
        sessions = {
            (wid, day): sid
            for sid, wid, day in conn.exec_driver_sql(
                "SELECT id, workshop_id, held_on FROM workshop_session"
            )
        }
        wanted = {(workshops[n], day) for n, day, _m, _s in batch.rows}
        missing = sorted(wanted - set(sessions))
        if missing:
            conn.exec_driver_sql(
                "INSERT INTO workshop_session (uuid, created_at, workshop_id, held_on, facilitator,"
                " notes) VALUES (?, ?, ?, ?, '', '')",
                [(*_stamp(), wid, day) for wid, day in missing],
            )
            sessions = {
                (wid, day): sid
                for sid, wid, day in conn.exec_driver_sql(
                    "SELECT id, workshop_id, held_on FROM workshop_session"
                )
            }
        conn.exec_driver_sql(
            "INSERT INTO attendance (uuid, created_at, session_id, member_id, status)"
            " VALUES (?, ?, ?, ?, ?)",
            [
                (*_stamp(), sessions[(workshops[n], day)], mid, status)
                for n, day, mid, status in batch.rows
            ],
        )


class _Purchases:
    def parse(self, row, ctx, batch) -> None:
        c = row.cells
        day = ctx.open_day(parse_date(c["fecha"], what=_("the date")))
        supplier = _named(batch, "supplier", c["proveedor"], _("the supplier"))
        item = _named(batch, "input", c["insumo"], _("the input"))
        quantity = parse_quantity(c["cantidad"], what=_("the quantity"))
        unit = clean_text(c["unidad"], what=_("the unit"), required=True, limit=20)
        price = parse_unit_price(c["precio_unitario"], what=_("the unit price"))
        reference = clean_text(c["comprobante"], what=_("the reference"), required=False, limit=60)
        if reference:
            if not hasattr(ctx, "refs"):
                ctx.refs = ctx.keys(
                    "SELECT s.name_key, p.reference FROM purchase p JOIN supplier s"
                    " ON s.id=p.supplier_id WHERE p.reference <> '' AND p.voided_at IS NULL"
                )
            if (supplier, reference) in ctx.refs or (supplier, reference) in batch.seen:
                raise CoopError(
                    _("the document {ref} of this supplier is already recorded").format(
                        ref=reference
                    )
                )
            batch.seen.add((supplier, reference))
        batch.rows.append((day, supplier, item, quantity, unit, price, reference))

    def write(self, session, ctx, batch) -> None:
        suppliers = _resolve_names(ctx, "supplier", "supplier", batch.new_names.get("supplier", {}))
        items = _resolve_names(ctx, "input", "input_item", batch.new_names.get("input", {}))
        ctx.conn.exec_driver_sql(
            "INSERT INTO purchase (uuid, created_at, void_reason, day, supplier_id, item_id,"
            " quantity, unit, unit_price, total, reference)"
            " VALUES (?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    *_stamp(),
                    day.isoformat(),
                    suppliers[s],
                    items[i],
                    to_units(q, 3),
                    unit,
                    to_units(p, 4),
                    to_cents(line_total(q, p)),
                    ref,
                )
                for day, s, i, q, unit, p, ref in batch.rows
            ],
        )


class _Sales:
    def parse(self, row, ctx, batch) -> None:
        c = row.cells
        day = ctx.open_day(parse_date(c["fecha"], what=_("the date")))
        buyer = _named(batch, "buyer", c["comprador"], _("the buyer"))
        product = _named(batch, "product", c["producto"], _("the product"))
        quantity = parse_quantity(c["cantidad"], what=_("the quantity"))
        price = parse_unit_price(c["precio_unitario"], what=_("the unit price"))
        paid = parse_yes_no(c["pagado"], what=_("the column pagado"))
        reference = clean_text(c["comprobante"], what=_("the reference"), required=False, limit=60)
        if reference:
            if not hasattr(ctx, "refs"):
                ctx.refs = {
                    r
                    for (r,) in ctx.keys(
                        "SELECT reference FROM sale WHERE reference <> '' AND voided_at IS NULL"
                    )
                }
            if reference in ctx.refs or reference in batch.seen:
                raise CoopError(
                    _("the receipt reference {ref} was already used").format(ref=reference)
                )
            batch.seen.add(reference)
        batch.rows.append((day, buyer, product, quantity, price, paid, reference))

    def write(self, session, ctx, batch) -> None:
        from coopdesk.services.trade import next_receipt_number

        buyers = _resolve_names(ctx, "buyer", "buyer", batch.new_names.get("buyer", {}))
        known_products = set(ctx.names("product"))
        products = _resolve_names(ctx, "product", "product", batch.new_names.get("product", {}))
        first_price: dict[str, tuple[dt.date, Decimal]] = {}
        for day, _b, product, _q, price, _p, _r in batch.rows:
            if product not in known_products and product not in first_price:
                first_price[product] = (day, price)
        if first_price:
            ctx.conn.exec_driver_sql(
                "INSERT INTO product_price (uuid, created_at, product_id, valid_from, unit_price)"
                " VALUES (?, ?, ?, ?, ?)",
                [
                    (*_stamp(), products[k], d.isoformat(), to_units(p, 4))
                    for k, (d, p) in first_price.items()
                ],
            )
        number = next_receipt_number(session)
        sales, lines = [], []
        for offset, (day, buyer, product, q, price, paid, ref) in enumerate(batch.rows):
            total = to_cents(line_total(q, price))
            sale_uuid, stamp = _stamp()
            sales.append(
                (
                    sale_uuid,
                    stamp,
                    number + offset,
                    day.isoformat(),
                    buyers[buyer],
                    int(paid),
                    day.isoformat() if paid else None,
                    ref,
                    total,
                )
            )
            lines.append((number + offset, product, to_units(q, 3), to_units(price, 4), total))
        ctx.conn.exec_driver_sql(
            "INSERT INTO sale (uuid, created_at, void_reason, receipt_number, day, buyer_id, paid,"
            " paid_on, reference, total) VALUES (?, ?, '', ?, ?, ?, ?, ?, ?, ?)",
            sales,
        )
        ids = dict(
            ctx.conn.exec_driver_sql(
                "SELECT receipt_number, id FROM sale WHERE receipt_number >= ?", (number,)
            ).all()
        )
        ctx.conn.exec_driver_sql(
            "INSERT INTO sale_line (sale_id, position, product_id, quantity, unit_price, total)"
            " VALUES (?, 1, ?, ?, ?, ?)",
            [(ids[n], products[p], q, pr, t) for n, p, q, pr, t in lines],
        )


class _Payments:
    def parse(self, row, ctx, batch) -> None:
        c = row.cells
        member_id, facts = ctx.member(c["codigo_socia"])
        day = ctx.open_day(parse_date(c["fecha"], what=_("the date")))
        if day < facts.joined_on:
            raise CoopError(
                _("{code} joined on {joined}; a payment before that is not possible").format(
                    code=facts.code, joined=facts.joined_on.strftime("%d/%m/%Y")
                )
            )
        amount = parse_amount(c["monto"], what=_("the amount"))
        note = clean_text(c["nota"], what=_("the note"), required=False, limit=500)
        batch.rows.append((*_stamp(), member_id, day.isoformat(), to_cents(amount), note))

    def write(self, session, ctx, batch) -> None:
        ctx.conn.exec_driver_sql(
            "INSERT INTO member_payment (uuid, created_at, void_reason, member_id, day, amount,"
            " received_by, note) VALUES (?, ?, '', ?, ?, ?, '', ?)",
            batch.rows,
        )


class _Expenses:
    def parse(self, row, ctx, batch) -> None:
        c = row.cells
        day = ctx.open_day(parse_date(c["fecha"], what=_("the date")))
        category = clean_text(c["categoria"], what=_("the category"), required=True, limit=60)
        amount = parse_amount(c["monto"], what=_("the amount"))
        note = clean_text(c["nota"], what=_("the note"), required=False, limit=500)
        batch.rows.append((*_stamp(), day.isoformat(), category, to_cents(amount), note))

    def write(self, session, ctx, batch) -> None:
        ctx.conn.exec_driver_sql(
            "INSERT INTO expense (uuid, created_at, void_reason, day, category, amount, note)"
            " VALUES (?, ?, '', ?, ?, ?, ?)",
            batch.rows,
        )


_IMPORTERS = {
    "members": _Members(),
    "rates": _Rates(),
    "workdays": _Workdays(),
    "attendance": _Attendance(),
    "purchases": _Purchases(),
    "sales": _Sales(),
    "payments": _Payments(),
    "expenses": _Expenses(),
}
