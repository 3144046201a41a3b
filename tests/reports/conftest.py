"""Helpers to read PDFs; the small book they are tested on is tests/small_book.py."""

from __future__ import annotations

import io
from decimal import Decimal as D

from tests.small_book import LONG_NAME, OCT, d  # noqa: F401 - the reports' tests take them here


def pdf_pages(pdf: bytes) -> list[str]:
    """Return the text of each page, with no-break spaces made plain."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    return [(p.extract_text() or "").replace("\xa0", " ") for p in reader.pages]


def pdf_text(pdf: bytes) -> str:
    return "\n".join(pdf_pages(pdf))


def font_problems(pdf: bytes) -> list[str]:
    """Return the fonts of *pdf* that are not embedded TrueType (FontFile2)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    problems, seen = [], 0
    for page in reader.pages:
        fonts = (page.get("/Resources") or {}).get("/Font") or {}
        for ref in fonts.values():
            font = ref.get_object()
            seen += 1
            descriptor = font.get("/FontDescriptor")
            descendants = font.get("/DescendantFonts")
            if descriptor is None and descendants:
                descriptor = descendants[0].get_object().get("/FontDescriptor")
            if descriptor is None or "/FontFile2" not in descriptor.get_object():
                problems.append(str(font.get("/BaseFont")))
    if not seen:
        problems.append("no fonts at all")
    return problems


def money(text: str) -> str:
    """Return an amount as the paper prints it (S/ with a plain space after text extraction).

    A negative amount carries the typographic minus (U+2212) right before S/.
    """
    from babel.numbers import format_currency

    value = D(text)
    sign = "\u2212" if value < 0 else ""
    return sign + format_currency(abs(value), "PEN", locale="es_PE").replace("\xa0", " ")
