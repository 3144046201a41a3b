"""Who issues a paper and how it names things: shared by every document and sheet.

It lives apart from `documents` and `sheets_and_certificates` so neither imports the other.
"""

from __future__ import annotations

from coopdesk.domain.documents import Letterhead
from coopdesk.domain.work import ProductionLine
from coopdesk.services.book import Book
from coopdesk.services.check import chain_seal
from coopdesk.services.settings import get_settings


def letterhead(book: Book, *, sealed: bool = False) -> Letterhead:
    """Return who issues the paper, from the book's settings (*sealed*: with the book's seal)."""
    s = get_settings(book)
    seal = chain_seal(book) if sealed else ""
    return Letterhead(s.display_name, s.site, s.institution, s.formalised, seal=seal,
                      ruc=s.ruc, place=s.place)


def line_label(code: str) -> str:
    """Return the printed name of a production line."""
    try:
        return ProductionLine(code).label
    except ValueError:
        return code
