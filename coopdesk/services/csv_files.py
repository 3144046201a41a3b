"""Reading CSV files as spreadsheets save them: any of three encodings, `,` or `;`."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from coopdesk.domain.errors import ImportRejected
from coopdesk.i18n import _


@dataclass(frozen=True)
class CsvRow:
    """One data row: its line number in the file (the header is line 1) and its cells."""

    line: int
    cells: dict[str, str]


def decode(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM), else Windows-1252/Latin-1 as Excel writes."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")


def read_csv(path: Path, expected: tuple[str, ...]) -> list[CsvRow]:
    """Return the data rows of *path*, or raise ImportRejected about its header or shape."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ImportRejected(
            _("The file {path} cannot be read: {reason}.").format(path=path, reason=exc.strerror),
            [],
        ) from exc
    text = decode(data)
    if not text.strip():
        raise ImportRejected(
            _("The file is empty."),
            [(1, _("the file is empty; the first row must be: {headers}").format(
                headers=",".join(expected)))],
        )
    first_line = text.splitlines()[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [h.strip().lower().lstrip("\ufeff") for h in next(reader)]
    except csv.Error as exc:
        raise ImportRejected(_("The file is not a CSV file."), [(1, str(exc))]) from exc
    problems = _header_problems(header, expected)
    if problems:
        raise ImportRejected(_("The first row of the file is not right."), problems)
    rows: list[CsvRow] = []
    bad: list[tuple[int, str]] = []
    line = 1
    try:
        for cells in reader:
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(cells) != len(header):
                bad.append(
                    (
                        line,
                        _("this row has {found} cells but the header has {expected}").format(
                            found=len(cells), expected=len(header)
                        ),
                    )
                )
                continue
            rows.append(CsvRow(line, dict(zip(header, cells))))
    except csv.Error as exc:
        bad.append((line + 1, _("the row cannot be read: {reason}").format(reason=exc)))
    if bad:
        raise ImportRejected(_("Some rows of the file cannot be read."), bad)
    return rows


def _header_problems(header: list[str], expected: tuple[str, ...]) -> list[tuple[int, str]]:
    problems = []
    seen = set()
    for name in header:
        if name in seen:
            problems.append((1, _("the column “{name}” appears twice").format(name=name)))
        seen.add(name)
    unknown = [h for h in header if h not in expected]
    missing = [h for h in expected if h not in header]
    if unknown:
        problems.append(
            (1, _("unknown columns: {names}; the columns are: {expected}").format(
                names=", ".join(unknown), expected=",".join(expected)))
        )
    if missing:
        problems.append(
            (1, _("missing columns: {names}; the columns are: {expected}").format(
                names=", ".join(missing), expected=",".join(expected)))
        )
    return problems
