"""Reading and writing the .xlsx files of import and export: text cells, never formulas.

openpyxl reads in read-only mode (rows streamed from the zip, memory flat) and writes
in write-only mode; every cell is written as text (data_type ``s``), so a note that
begins with ``=`` shows as typed instead of running as a formula.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

from coopdesk.domain.errors import ImportRejected
from coopdesk.i18n import _
from coopdesk.services.csv_files import CsvRow, cell_text, check_header, invisible_problem


def read_xlsx(path: Path, expected: tuple[str, ...],
              optional: tuple[str, ...] = ()) -> Iterator[CsvRow]:
    """Yield the data rows of the first sheet; its first row holds the headers."""
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            # openpyxl warns about features it ignores (data validation, styles); the
            # person cannot act on those, and stderr is for sentences about her file.
            warnings.simplefilter("ignore")
            workbook = load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # a damaged or foreign file: the person's to fix, not a bug
        raise _unreadable(path, exc) from exc
    try:
        rows = workbook.worksheets[0].iter_rows()
        first = next(rows, ())
    except Exception as exc:
        workbook.close()
        raise _unreadable(path, exc) from exc
    try:
        header = check_header([c.value for c in first], expected, optional)
    except BaseException:
        workbook.close()
        raise
    return _xlsx_rows(path, workbook, rows, header)


def _unreadable(path: Path, exc: Exception) -> ImportRejected:
    return ImportRejected(
        _("The file {path} is not an Excel workbook (.xlsx) that can be read ({reason});"
          " save it again from the spreadsheet as .xlsx, or as CSV.").format(
            path=path.name, reason=type(exc).__name__),
        [],
    )


def _xlsx_rows(path: Path, workbook, rows, header: list[str]) -> Iterator[CsvRow]:
    try:
        while True:
            try:
                cells = next(rows)
            except StopIteration:
                return
            except Exception as exc:  # the sheet's XML is damaged part way
                raise _unreadable(path, exc) from exc
            number = next((c.row for c in cells if getattr(c, "row", None)), None)
            if number is None:
                continue  # an empty row
            row = _row(number, list(cells), header)
            if row is not None:
                yield row
    finally:
        workbook.close()


def _row(number: int, cells: list, header: list[str]) -> CsvRow | None:
    while len(cells) > len(header) and not cell_text(cells[-1].value).strip():
        cells.pop()
    texts = [cell_text(c.value) for c in cells]
    texts += [""] * (len(header) - len(texts))  # a row's empty last cells are not stored
    if not any(t.strip() for t in texts):
        return None
    for name, cell in zip(header, cells):
        if getattr(cell, "data_type", "s") in ("f", "e"):
            return CsvRow(number, {}, _(
                "the cell of column “{column}” holds a formula or an error ({text}); coopdesk"
                " reads values only: copy the column and paste it as values").format(
                column=name, text=str(cell.value)[:40]))
    if len(texts) != len(header):
        return CsvRow(number, {}, _("this row has {found} cells but the header has {expected}")
                      .format(found=len(texts), expected=len(header)))
    problem = invisible_problem(header, texts)
    if problem:
        return CsvRow(number, {}, problem)
    return CsvRow(number, dict(zip(header, texts)))


def write_xlsx(path: Path, title: str, header, rows) -> None:
    """Write one sheet whose every cell is text: exact figures, and no formula ever runs."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title)

    def text_cells(values):
        out = []
        for value in values:
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"  # openpyxl would make "=…" a formula
            out.append(cell)
        return out

    sheet.append(text_cells(header))
    for row in rows:
        sheet.append(text_cells(row))
    workbook.save(path)
