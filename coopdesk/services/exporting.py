"""`coopdesk export KIND FILE`: the same columns as import, to CSV or XLSX.

The optional columns come next: a sale's or purchase's paper receipt and counterpart's
document, a member's or a contribution's agreement (the text as typed, or the
``Asamblea N, acuerdo M`` label of the recorded agreement it resolved to, so an import
into a book with those sessions links it again). After them come the ``*_uuid``
columns (:data:`UUID_HEADERS`): the record's uuid, the uuids of the records it names
and its site, which import accepts and ignores.

Voided records are not exported (they would come back as live ones), except in the
funds' ledger, which is written whole with ``anulado`` and the reason (its import
refuses those rows). A sale of several products becomes one row per product; its
paper reference and its paper receipt (``tipo_comprobante``, ``serie_numero``) go on
the first row only, so the file can be imported again; the buyer's or supplier's
document goes on every row.
No cell is ever a formula: in CSV, text a spreadsheet would run (``=``, ``+``, ``-``,
``@``, tab, carriage return) starts with an apostrophe that the importer removes; in
XLSX every cell is text.
"""

from __future__ import annotations

import csv
import os
import tempfile
from pathlib import Path

from coopdesk.db.queries import exports
from coopdesk.db.queries.assemblies import agreement_choices
from coopdesk.domain.assembly import citation_text
from coopdesk.domain.errors import CoopError
from coopdesk.domain.money import money_str, plain_str, price_str
from coopdesk.i18n import _
from coopdesk.oserrors import os_reason
from coopdesk.services.book import Book
from coopdesk.services.csv_files import neutralise
from coopdesk.services.importing import HEADERS, KINDS, UUID_HEADERS
from coopdesk.services.xlsx_files import write_xlsx


def _yes_no(value) -> str:
    return "si" if value else "no"


#: How each column's value is written (by kind, by column position).
_FORMATS = {
    "rates": {1: money_str},
    "workdays": {3: plain_str},
    "attendance": {3: lambda v: _yes_no(v == "present")},
    "purchases": {3: plain_str, 5: price_str},
    "sales": {3: plain_str, 4: price_str, 5: _yes_no},
    "payments": {2: money_str},
    "expenses": {2: money_str},
    "shares": {3: money_str},
    "funds": {3: money_str},
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
    with book.read() as reader:
        raw = exports.export_rows(reader, kind)
        if kind in exports.CITATIONS:
            raw = _cited(raw, exports.CITATIONS[kind], agreement_choices(reader.connection()))
    rows = [
        [formats[i](v) if i in formats else ("" if v is None else str(v)) for i, v in enumerate(r)]
        for r in raw
    ]
    # The import's optional columns (a sale's paper receipt and the buyer's RUC or DNI, a
    # member's agreements...) come before the uuids, so the file imports back with them.
    header = HEADERS[kind]
    return tuple(header) + getattr(header, "optional", ()) + UUID_HEADERS[kind], rows


def _cited(raw: list[tuple], positions: tuple[int, ...], agreements) -> list[tuple]:
    """Write each citation once: its recorded agreement's label, else the text as typed.

    At each position the row holds (text, uuid of the agreement it resolved to).
    """
    labels = {uuid: citation_text(session, number)
              for uuid, session, _day, number, _text in agreements}
    out = []
    for row in raw:
        cells = list(row)
        for at in sorted(positions, reverse=True):
            text, uuid = cells[at], cells[at + 1]
            cells[at:at + 2] = [labels.get(uuid) or text or ""]
        out.append(tuple(cells))
    return out


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
