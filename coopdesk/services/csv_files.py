"""Reading the rows of an import file strictly, one at a time: CSV in five encodings, or XLSX.

A file is read as a stream so an import's memory does not grow with its rows. Every
line is parsed on its own: no cell may span lines (the exporter never writes one, and
a note keeps no line breaks), so a stray or unclosed quote mark is reported on the
line where it opens instead of silently swallowing the lines after it.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from coopdesk.domain.errors import ImportRejected
from coopdesk.domain.text import HIDDEN_CHARACTERS
from coopdesk.i18n import _

#: Byte-order marks, longest first (UTF-32 LE starts like UTF-16 LE).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_LABELS = {"utf-32": "UTF-32", "utf-8-sig": "UTF-8", "utf-16": "UTF-16"}
_BLOCK = 1 << 20

#: Control characters (tab aside) and the hidden characters of the one rule
#: (``coopdesk.domain.text.HIDDEN_CHARACTERS``).
_INVISIBLE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{HIDDEN_CHARACTERS}]")

#: What a spreadsheet reads as the start of a formula (OWASP's CSV injection list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class CsvRow:
    """One data row: its line number in the file (the header is line 1) and its cells.

    ``problem`` is set instead of ``cells`` when the line itself cannot be read.
    """

    line: int
    cells: dict[str, str]
    problem: str = ""


def needs_quote_mark(text: str) -> bool:
    """Whether the exporter puts an apostrophe before *text* so no spreadsheet runs it.

    Text that already starts with an apostrophe followed by such text gets one too;
    that makes the rule reversible: the importer removes exactly one apostrophe, and
    only from a cell this function would have marked.
    """
    while text.startswith("'"):
        text = text[1:]
        if not text:
            return False
        if text.startswith(FORMULA_STARTS):
            return True
    return bool(text) and text.startswith(FORMULA_STARTS)


def neutralise(text: str) -> str:
    """Return *text* as a CSV cell that a spreadsheet shows and never evaluates."""
    return "'" + text if needs_quote_mark(text) else text


def restore(text: str) -> str:
    """Undo :func:`neutralise` for one cell read from a CSV file."""
    if text.startswith("'") and needs_quote_mark(text[1:]):
        return text[1:]
    return text


def file_digest(path: Path) -> str:
    """Return the SHA-256 of the file's bytes (how a file already imported is recognised)."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(_BLOCK):
            digest.update(block)
    return digest.hexdigest()


def read_csv(path: Path, expected: tuple[str, ...],
             optional: tuple[str, ...] = ()) -> Iterator[CsvRow]:
    """Yield the data rows of a CSV file after checking its first row (see read_table)."""
    encoding = _encoding_of(path)
    fh = open(path, encoding=encoding, newline="")
    try:
        lines = enumerate(fh, start=1)
        header_line = next((text for _n, text in lines), "").rstrip("\r\n")
        if not header_line.strip():
            raise ImportRejected(
                _("The file is empty."),
                [(1, _("the file is empty; the first row must be: {headers}").format(
                    headers=",".join(expected)))],
            )
        if "\x00" in header_line:
            raise ImportRejected(
                _("The first row of the file is not right."),
                [(1, _("the first row holds zero bytes: the file is not plain text, or is"
                       " UTF-16 without its byte-order mark; save it again as CSV UTF-8"))],
            )
        delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
        try:
            names = next(csv.reader((header_line,), delimiter=delimiter, strict=True))
        except csv.Error:
            names = header_line.split(delimiter)
        header = check_header(names, expected, optional)
    except BaseException:
        fh.close()
        raise
    return _csv_rows(fh, lines, header, delimiter)


def _csv_rows(fh, lines, header: list[str], delimiter: str) -> Iterator[CsvRow]:
    with fh:
        for number, text in lines:
            row = parse_csv_line(number, text.rstrip("\r\n"), header, delimiter)
            if row is not None:
                yield row


def parse_csv_line(number: int, text: str, header: list[str], delimiter: str) -> CsvRow | None:
    """Return one line as a row (or a row saying what is wrong), None when it is blank."""
    if "\x00" in text:
        return CsvRow(number, {}, _("this line holds a zero byte (NUL): the file is damaged or"
                                    " is not a text file; save it again as CSV"))
    if '"' in text:
        try:
            cells = next(csv.reader((text,), delimiter=delimiter, strict=True), [])
        except csv.Error as exc:
            return CsvRow(number, {}, _quote_problem(text, header, delimiter, exc))
    else:
        cells = text.split(delimiter)
    while len(cells) > len(header) and not cells[-1].strip():
        cells.pop()  # spreadsheets add empty columns at the right
    if not any(c.strip() for c in cells):
        return None
    if len(cells) != len(header):
        return CsvRow(number, {}, _("this row has {found} cells but the header has {expected}")
                      .format(found=len(cells), expected=len(header)))
    if not (text.isascii() and text.isprintable()):
        problem = invisible_problem(header, cells)
        if problem:
            return CsvRow(number, {}, problem)
    if "'" in text:
        cells = [restore(cell) for cell in cells]
    return CsvRow(number, dict(zip(header, cells)))


def _quote_problem(text: str, header: list[str], delimiter: str, exc: csv.Error) -> str:
    """Say which column's quote mark is wrong, and how to fix it."""
    loose = next(csv.reader((text,), delimiter=delimiter), [""])
    column = header[min(len(loose), len(header)) - 1] if header else ""
    if "unexpected end of data" in str(exc):
        return _("a quote mark opens a cell in column “{column}” and is not closed on this"
                 " line (a stray quote, or the file was cut); a cell cannot span lines:"
                 " remove the quote or close it").format(column=column)
    return _("a quote mark in column “{column}” is followed by more text; inside quotes,"
             " write a quote mark as two (\"\")").format(column=column)


def invisible_problem(header: list[str], cells: list[str]) -> str:
    """Name the first cell holding an invisible character, or return ''."""
    for name, cell in zip(header, cells):
        found = _INVISIBLE.search(cell) if not cell.isascii() or not cell.isprintable() else None
        if found is None:
            continue
        char = found.group()
        label = unicodedata.name(char, "") or _("control character")
        return _("the column “{column}” holds an invisible character (U+{code:04X} {label})"
                 " in “{text}”; delete it and type the text again").format(
            column=name, code=ord(char), label=label, text=_INVISIBLE.sub("", cell)[:40])
    return ""


class Headers(tuple):
    """A kind's required columns, carrying the columns a file MAY add (``optional``).

    Older files without the optional columns still import; a row then has no cell for
    them and the kind reads them as empty.
    """

    optional: tuple[str, ...] = ()

    def __new__(cls, required, optional=()):
        self = super().__new__(cls, required)
        self.optional = tuple(optional)
        return self


def check_header(names: list, expected: tuple[str, ...],
                 optional: tuple[str, ...] = ()) -> list[str]:
    """Return the cleaned header, or raise ImportRejected saying what is wrong with it."""
    header = [str(h if h is not None else "").strip().lower().lstrip("\ufeff") for h in names]
    while header and not header[-1]:
        header.pop()  # trailing empty columns, as spreadsheets save them
    problems = _header_problems(header, expected, optional)
    if problems:
        raise ImportRejected(_("The first row of the file is not right."), problems)
    return header


def _encoding_of(path: Path) -> str:
    """Choose the encoding: a byte-order mark says it; else UTF-8 if it all decodes.

    Without a mark the whole file is checked block by block (memory stays flat):
    UTF-8, else Windows-1252 as Excel writes, else Latin-1, which decodes anything.
    """
    with open(path, "rb") as fh:
        head = fh.read(4)
    for bom, name in _BOMS:
        if head.startswith(bom):
            if not _decodes(path, name):
                raise ImportRejected(
                    _("The file {path} says it is {encoding} but is cut or damaged; save it"
                      " again.").format(path=path.name, encoding=_LABELS[name]),
                    [],
                )
            return name
    for name in ("utf-8", "cp1252"):
        if _decodes(path, name):
            return "utf-8-sig" if name == "utf-8" else name
    return "latin-1"


def _decodes(path: Path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        with open(path, "rb") as fh:
            while block := fh.read(_BLOCK):
                decoder.decode(block)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def cell_text(value) -> str:
    """Return a spreadsheet cell's value as the text a CSV cell would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "si" if value else "no"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return format(Decimal(repr(value)).normalize(), "f")
    return str(value)


def _header_problems(header: list[str], expected: tuple[str, ...],
                     optional: tuple[str, ...] = ()) -> list[tuple[int, str]]:
    problems = []
    counts = Counter(header)  # each name said once: a header can hold millions of cells
    for name, times in counts.items():
        if times > 1:
            problems.append((1, _("the column “{name}” appears twice").format(name=name)))
    allowed = (*expected, *getattr(expected, "optional", ()), *optional)
    unknown = [h for h in counts if h not in allowed]
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
