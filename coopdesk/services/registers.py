"""The month's sales and purchases registers for the cooperative's external accountant.

coopdesk files nothing (no internet): it hands the accountant, on a USB stick, the
columns of SUNAT's simplified sales and purchases registers as far as the book holds
them. A voided sale or purchase is listed, marked "anulado", with its amounts at zero:
the columns then add up to the month's totals of ``summary``. The workshop is not an
IGV payer by default (setting ``prices_include_igv`` = no): the taxable base is the
total and the IGV column is zero; when the setting says prices include IGV, each total
is split into base (total / 1.18, to the céntimo) and IGV (the rest), so base + IGV is
always exactly the total.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from coopdesk.db.queries.registers import RegisterLine, purchases_register, sales_register
from coopdesk.domain.money import ZERO, money_str, round_money
from coopdesk.domain.tax_ids import DOC_CODES
from coopdesk.domain.text import month_bounds
from coopdesk.services.book import Book
from coopdesk.services.csv_files import neutralise
from coopdesk.services.settings import get_settings

#: IGV (16 %) plus the municipal promotion tax (2 %), as SUNAT applies them together.
IGV_RATE = Decimal("0.18")
#: The registers' columns, fixed (docs/interchange.md lists them).
COLUMNS = ("fecha", "tipo_comprobante", "serie_numero", "referencia", "tipo_doc",
           "numero_doc", "nombre", "base_imponible", "igv", "importe_total", "estado")
#: Columns written as figures (never neutralised: they must stay numbers).
FIGURES = (7, 8, 9)


@dataclass(frozen=True)
class Register:
    """One register of one month: its file name (without ending) and its rows as text."""

    name: str
    rows: list[list[str]]
    total: Decimal


def split_igv(total: Decimal, *, included: bool) -> tuple[Decimal, Decimal]:
    """Return (taxable base, IGV) of a total; base + IGV == total exactly."""
    if not included:
        return total, ZERO
    base = round_money(total / (1 + IGV_RATE))
    return base, total - base


def _rows(lines: list[RegisterLine], *, included: bool) -> tuple[list[list[str]], Decimal]:
    rows, total = [], ZERO
    for line in lines:
        amount = ZERO if line.voided else line.total
        base, igv = split_igv(amount, included=included)
        total += amount
        rows.append([
            line.day.strftime("%d/%m/%Y"), line.receipt_type, line.receipt_series,
            line.reference, DOC_CODES.get(line.doc_type, ""), line.doc_number, line.name,
            money_str(base), money_str(igv), money_str(amount),
            "anulado" if line.voided else "valido",
        ])
    return rows, total


def month_registers(book: Book, *, year: int, month: int) -> tuple[Register, Register]:
    """Return the sales and the purchases register of a month."""
    first, nxt = month_bounds(year, month)
    included = get_settings(book).prices_include_igv
    with book.read() as session:
        conn = session.connection()
        sales = sales_register(conn, first, nxt)
        purchases = purchases_register(conn, first, nxt)
    stamp = f"{year:04d}{month:02d}"
    sale_rows, sale_total = _rows(sales, included=included)
    # A purchase's IGV is the supplier's: the same split applies to what she charged.
    buy_rows, buy_total = _rows(purchases, included=included)
    return (Register(f"registro-ventas-{stamp}", sale_rows, sale_total),
            Register(f"registro-compras-{stamp}", buy_rows, buy_total))


def write_register(register: Register, path: Path) -> None:
    """Write the register to *path*: CSV (UTF-8 with its mark), or a workbook for .xlsx.

    The workbook's cells are all text: exact figures, and no formula ever runs.
    """
    if path.suffix.lower() == ".xlsx":
        from coopdesk.services.xlsx_files import write_xlsx

        write_xlsx(path, register.name[:31], COLUMNS, register.rows)
        return
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        for row in register.rows:
            writer.writerow([c if i in FIGURES else neutralise(c) for i, c in enumerate(row)])


def write_month_registers(book: Book, *, year: int, month: int, folder: Path,
                          book_folder: Path | None, force: bool = False,
                          how_to_replace: str | None = None) -> Path:
    """Write the month's four register files into *folder* (made if its parent exists).

    Every file is checked (never over the book, an existing one only when *force*)
    before any is written, and each is written whole or not at all; the command line
    and the desk both come here. Returns the folder written to.
    """
    from coopdesk.domain.errors import InvalidInput
    from coopdesk.i18n import _
    from coopdesk.outputs import TABLES, check_output, output_file

    folder = Path(folder).expanduser()
    stamp = f"{year:04d}{month:02d}"
    names = [f"registro-{which}-{stamp}{ending}" for which in ("ventas", "compras")
             for ending in TABLES]
    options = {"endings": TABLES, "book_folder": book_folder, "force": force,
               "how_to_replace": how_to_replace}
    if folder.exists() and not folder.is_dir():
        raise InvalidInput(_("{folder} is a file, not a folder; give the folder where the"
                             " registers go.").format(folder=folder))
    if not folder.parent.is_dir():
        raise InvalidInput(_("The folder {folder} does not exist; is the memory stick plugged"
                             " in?").format(folder=folder.parent))
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        from coopdesk.oserrors import os_reason

        raise InvalidInput(_("The folder {folder} cannot be made: {reason}.").format(
            folder=folder, reason=os_reason(exc))) from exc
    for name in names:  # every file refused before any is written
        check_output(folder / name, **options)
    for register in month_registers(book, year=year, month=month):
        for ending in TABLES:
            with output_file(folder / f"{register.name}{ending}", **options) as temp:
                write_register(register, Path(temp))
    return folder.resolve()
