"""`coopdesk import KIND FILE`: all or nothing, one sentence per bad line, memory flat.

Rows are read one at a time (csv_files, xlsx_files), checked against the same rules as a
record typed in the desk (coopdesk.domain), and written CHUNK rows at a time inside ONE
transaction through SQLAlchemy Core's bulk path: each chunk is checked against the book
as it stands, earlier chunks of the same file included, so duplicates across the file
are still found while memory does not grow with the number of rows. When any row is
bad, the transaction is rolled back and nothing of the file remains. The first
MAX_REPORTED bad lines are kept with their sentence; the rest are only counted.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice
from pathlib import Path

from coopdesk.db import ledger
from coopdesk.db.queries.imports import imported_before
from coopdesk.domain.changes import Kind, changes
from coopdesk.domain.errors import AlreadyImported, CoopError, ImportRejected
from coopdesk.i18n import _, ngettext
from coopdesk.services import import_funds, import_kinds, import_money, import_shares
from coopdesk.services.book import Book, audit
from coopdesk.services.csv_files import CsvRow, Headers, file_digest
from coopdesk.services.import_kinds import ImportContext
from coopdesk.services.table_files import read_table

#: The file headers of each kind, exactly as in the interchange contract.
#: Revision 0010: the paper receipt and the counterpart's tax document, optional.
RECEIPT_COLUMNS = ("tipo_comprobante", "serie_numero", "tipo_doc", "numero_doc")
HEADERS = {
    "members": Headers(
        ("codigo", "nombre", "dni", "fecha_ingreso", "estado", "fecha_salida", "cargo"),
        ("acuerdo_ingreso", "acuerdo_salida"),
    ),
    "rates": ("desde", "monto"),
    "workdays": ("codigo_socia", "fecha", "linea", "fraccion", "nota"),
    "attendance": ("taller", "fecha", "codigo_socia", "asistio"),
    "purchases": Headers((
        "fecha",
        "proveedor",
        "insumo",
        "cantidad",
        "unidad",
        "precio_unitario",
        "comprobante",
    ), RECEIPT_COLUMNS),
    "sales": Headers((
        "fecha",
        "comprador",
        "producto",
        "cantidad",
        "precio_unitario",
        "pagado",
        "comprobante",
    ), RECEIPT_COLUMNS),
    "payments": ("codigo_socia", "fecha", "monto", "nota"),
    "expenses": ("fecha", "categoria", "monto", "nota"),
    "shares": Headers(("codigo_socia", "fecha", "tipo", "monto", "nota"), ("acuerdo",)),
    # Revision 0011's funds: the export's own columns after nota (see import_funds).
    "funds": Headers(("fondo", "fecha", "tipo", "monto", "nota"),
                     ("taller", "origen", "anulado", "motivo_anulacion")),
}
KINDS = tuple(HEADERS)
#: The columns after the import headers: the uuids of the record and of the records it
#: names, and the site that made it (revision 0009), so the central book can match
#: them across prisons. Import ignores them (it always makes new records).
UUID_HEADERS = {
    "members": ("socia_uuid", "sitio_uuid"),
    "rates": ("tarifa_uuid", "sitio_uuid"),
    "workdays": ("jornal_uuid", "socia_uuid", "sitio_uuid"),
    "attendance": ("asistencia_uuid", "sesion_uuid", "taller_uuid", "socia_uuid", "sitio_uuid"),
    "purchases": ("compra_uuid", "proveedor_uuid", "insumo_uuid", "sitio_uuid"),
    "sales": ("venta_uuid", "linea_uuid", "comprador_uuid", "producto_uuid", "sitio_uuid"),
    "payments": ("pago_uuid", "socia_uuid", "sitio_uuid"),
    "expenses": ("gasto_uuid", "sitio_uuid"),
    "shares": ("aportacion_uuid", "socia_uuid", "sitio_uuid"),
    "funds": ("movimiento_uuid", "origen_uuid", "sitio_uuid"),
}
IMPORTERS = {**import_kinds.KINDS_BY_NAME, **import_money.KINDS_BY_NAME,
             **import_shares.KINDS_BY_NAME, **import_funds.KINDS_BY_NAME}
#: Bad lines reported with their sentence; beyond these they are counted.
MAX_REPORTED = 50
#: Rows checked and written together; small enough to keep memory flat, large enough
#: that the per-chunk queries cost little.
CHUNK = 2000


class _Problems:
    """The first MAX_REPORTED bad lines, and how many there were in all."""

    def __init__(self) -> None:
        self.shown: list[tuple[int, str]] = []
        self.count = 0
        self.duplicates = 0

    def add_all(self, found: list[tuple[int, str]]) -> None:
        for line, sentence in sorted(found):
            self.count += 1
            if len(self.shown) < MAX_REPORTED:
                self.shown.append((line, sentence))


def import_file(book: Book, kind: str, path: Path, *, again: bool = False) -> int:
    """Import one .csv or .xlsx file of *kind*; return how many rows were written.

    Args:
        book: the open book.
        kind: one of KINDS.
        path: the file; .xlsx is read as a workbook, anything else as CSV.
        again: accept a file imported before, and rows that look like records already
            in the book (the person confirmed they are new).

    Raises:
        ImportRejected: with one (line, sentence) per bad row; nothing was written.
        AlreadyImported: the same file was imported before and *again* is False.
    """
    if kind not in HEADERS:
        raise CoopError(
            _("Unknown kind “{kind}”; use one of: {kinds}.").format(
                kind=kind, kinds=", ".join(KINDS)
            )
        )
    path = Path(path)
    rows = read_table(path, HEADERS[kind], UUID_HEADERS[kind])
    try:
        return import_rows(
            book, kind, rows, source=path.name, sha256=file_digest(path), again=again
        )
    finally:
        rows.close()


@changes(Kind.BOOK)
def import_rows(
    book: Book, kind: str, rows: Iterable[CsvRow], *, source: str, sha256: str = "",
    again: bool = False,
) -> int:
    """Check and write rows already read (from a file, or made by the demo)."""
    importer = IMPORTERS[kind]
    with book.transaction() as session:
        if sha256 and not again:
            _refuse_file_imported_before(session, sha256, source)
        ctx = ImportContext(session, again=again)
        problems = _Problems()
        written = 0
        rows = iter(rows)
        while chunk := list(islice(rows, CHUNK)):
            written += _import_chunk(importer, ctx, chunk, problems)
        if problems.count:
            raise ImportRejected(
                ngettext("{n} row has a problem; nothing was imported.",
                         "{n} rows have problems; nothing was imported.",
                         problems.count).format(n=problems.count),
                problems.shown,
                more=problems.count - len(problems.shown),
                duplicates=ctx.duplicates,
            )
        if written:
            audit(session, "import", kind, file=source, rows=written, sha256=sha256,
                  again=again)
        return written


def _import_chunk(importer, ctx: ImportContext, chunk: list[CsvRow], problems) -> int:
    """Check one chunk (alone, then against the book) and write its good rows."""
    found: list[tuple[int, str]] = []
    items = []
    for row in chunk:
        if row.problem:
            found.append((row.line, row.problem))
            continue
        try:
            record = importer.parse(row, ctx)
        except CoopError as exc:
            found.append((row.line, str(exc)))
            continue
        if record is not None:
            items.append((row.line, record))
    if items:
        items = importer.check(ctx, items, found)
    problems.add_all(found)
    if items:
        # Written even when an earlier row was bad, so later chunks are checked against
        # every good row; the transaction is rolled back at the end all the same.
        importer.write(ctx, [record for _line, record in items])
        # Sealed now rather than all at the commit, which would hold every row of the file
        # in memory at once; the chain is the same, link by link, in the same transaction.
        ledger.seal_pending(ctx.conn, ctx.seal_mark)
    return len(items)


def _refuse_file_imported_before(session, sha256: str, source: str) -> None:
    at = imported_before(session, sha256)
    if at is None:
        return
    raise AlreadyImported(
        _("The file {file} was already imported on {day} at {time}, exactly as it is now;"
          " importing it again would count its rows twice. Nothing was imported.").format(
            file=source, day=at.strftime("%d/%m/%Y"), time=at.strftime("%H:%M")
        )
    )
