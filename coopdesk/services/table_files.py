"""An import file by its ending: an .xlsx workbook, else CSV; both yield the same rows."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from coopdesk.domain.errors import ImportRejected
from coopdesk.i18n import _
from coopdesk.services.csv_files import CsvRow, read_csv


def read_table(path: Path, expected: tuple[str, ...],
               optional: tuple[str, ...] = ()) -> Iterator[CsvRow]:
    """Yield the data rows of a .csv or .xlsx file, after checking its first row.

    *optional* columns may be there or not (the uuids ``export`` writes); their cells
    are read like the others, and the importers never look at them.

    Raises:
        ImportRejected: the file cannot be read, or its first row is not the headers.
    """
    path = Path(path)
    if not path.is_file():
        raise ImportRejected(
            _("The file {path} cannot be read: {reason}.").format(
                path=path, reason=_("it does not exist or is a folder")
            ),
            [],
        )
    if path.suffix.lower() == ".xlsx":
        from coopdesk.services.xlsx_files import read_xlsx  # openpyxl only for a workbook

        return read_xlsx(path, expected, optional)
    return read_csv(path, expected, optional)
