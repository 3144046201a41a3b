"""`coopdesk export KIND FILE`: the same columns as import, to CSV or XLSX.

Voided records are not exported (they would come back as live ones). A sale of
several products becomes one row per product; its paper reference goes on the
first row only, so the file can be imported again. No cell is ever a formula: in
CSV, text a spreadsheet would run (``=``, ``+``, ``-``, ``@``, tab, carriage return)
starts with an apostrophe that the importer removes; in XLSX every cell is text.
"""

from __future__ import annotations

import csv
import os
import tempfile
from pathlib import Path

from coopdesk.domain.errors import CoopError
from coopdesk.domain.money import from_cents, from_units, money_str, plain_str, price_str
from coopdesk.i18n import _
from coopdesk.oserrors import os_reason
from coopdesk.services.book import Book
from coopdesk.services.csv_files import neutralise
from coopdesk.services.importing import HEADERS, KINDS
from coopdesk.services.xlsx_files import write_xlsx

_QUERIES = {
    "members": "SELECT code, full_name, dni, joined_on, status, coalesce(exit_on, ''), role"
    " FROM member ORDER BY code",
    "rates": "SELECT valid_from, rate FROM labor_rate ORDER BY valid_from",
    "workdays": "SELECT m.code, w.day, w.line, w.fraction, w.note FROM workday w"
    " JOIN member m ON m.id=w.member_id WHERE w.voided_at IS NULL ORDER BY w.day, m.code, w.line",
    "attendance": "SELECT k.number, s.held_on, m.code, a.status FROM attendance a"
    " JOIN workshop_session s ON s.id=a.session_id JOIN workshop k ON k.id=s.workshop_id"
    " JOIN member m ON m.id=a.member_id ORDER BY s.held_on, k.number, m.code",
    "purchases": "SELECT p.day, s.name, i.name, p.quantity, p.unit, p.unit_price, p.reference"
    " FROM purchase p JOIN supplier s ON s.id=p.supplier_id JOIN input_item i ON i.id=p.item_id"
    " WHERE p.voided_at IS NULL ORDER BY p.day, p.id",
    "sales": "SELECT s.day, b.name, p.name, l.quantity, l.unit_price, s.paid,"
    " CASE WHEN l.position = 1 THEN s.reference ELSE '' END"
    " FROM sale s JOIN sale_line l ON l.sale_id=s.id JOIN buyer b ON b.id=s.buyer_id"
    " JOIN product p ON p.id=l.product_id WHERE s.voided_at IS NULL"
    " ORDER BY s.receipt_number, l.position",
    "payments": "SELECT m.code, p.day, p.amount, p.note FROM member_payment p"
    " JOIN member m ON m.id=p.member_id WHERE p.voided_at IS NULL ORDER BY p.day, p.id",
    "expenses": "SELECT day, category, amount, note FROM expense WHERE voided_at IS NULL"
    " ORDER BY day, id",
    "shares": "SELECT m.code, s.day, CASE s.kind WHEN 'subscription' THEN 'suscripcion'"
    " WHEN 'payment' THEN 'pago' WHEN 'deduction' THEN 'descuento' ELSE 'devolucion' END,"
    " s.amount, s.note FROM share_movement s JOIN member m ON m.id=s.member_id"
    " WHERE s.voided_at IS NULL ORDER BY s.day, s.id",
}


def _yes_no(value) -> str:
    return "si" if value else "no"


#: How each column's stored value is written (by kind, by column position).
_FORMATS = {
    "rates": {1: lambda v: money_str(from_cents(v))},
    "workdays": {3: lambda v: plain_str(from_units(v, 3))},
    "attendance": {3: lambda v: _yes_no(v == "present")},
    "purchases": {
        3: lambda v: plain_str(from_units(v, 3)),
        5: lambda v: price_str(from_units(v, 4)),
    },
    "sales": {
        3: lambda v: plain_str(from_units(v, 3)),
        4: lambda v: price_str(from_units(v, 4)),
        5: _yes_no,
    },
    "payments": {2: lambda v: money_str(from_cents(v))},
    "expenses": {2: lambda v: money_str(from_cents(v))},
    "shares": {3: lambda v: money_str(from_cents(v))},
}


def export_rows(book: Book, kind: str) -> tuple[tuple[str, ...], list[list[str]]]:
    """Return the header and the rows of one kind, as text."""
    if kind not in KINDS:
        raise CoopError(
            _("Unknown kind “{kind}”; use one of: {kinds}.").format(
                kind=kind, kinds=", ".join(KINDS)
            )
        )
    formats = _FORMATS.get(kind, {})
    with book.read() as session:
        raw = session.connection().exec_driver_sql(_QUERIES[kind]).all()
    rows = [
        [formats[i](v) if i in formats else ("" if v is None else str(v)) for i, v in enumerate(r)]
        for r in raw
    ]
    return HEADERS[kind], rows


def csv_cells(kind: str, row: list[str]) -> list[str]:
    """Return a row as CSV cells: text that a spreadsheet would run gets an apostrophe.

    Figures (the formatted columns) are written as they are: they are never negative
    and never begin with a formula sign, and must stay numbers in a spreadsheet.
    """
    formats = _FORMATS.get(kind, {})
    return [cell if i in formats else neutralise(cell) for i, cell in enumerate(row)]


def export_file(book: Book, kind: str, path: Path) -> int:
    """Write one kind to *path* (.csv or .xlsx by its ending); return the row count."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise CoopError(_("The file name must end in .csv or .xlsx."))
    header, rows = export_rows(book, kind)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written beside the target and renamed, so a half-written file never has the name.
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=suffix + ".partial")
    os.close(fd)
    try:
        if suffix == ".csv":
            with open(tmp, "w", encoding="utf-8", newline="") as fh:
                writer = csv.writer(fh)
                writer.writerow(header)
                writer.writerows(csv_cells(kind, row) for row in rows)
        else:
            write_xlsx(Path(tmp), kind, header, rows)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise CoopError(
            _("The file {path} could not be written: {reason}.").format(
                path=path, reason=os_reason(exc)
            )
        ) from exc
    return len(rows)
