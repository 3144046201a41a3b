"""The paper receipt of a sale or purchase and the tax document of its buyer or supplier.

Both are optional and are what the accountant's registers (``coopdesk registers``) list.
The forms of the desk check them with the same domain rules and sentences as the
import (:mod:`coopdesk.domain.tax_ids`), and a buyer or supplier keeps one document:
the first one given is hers, and a different one later is refused, as the import does.
"""

from __future__ import annotations

from dataclasses import dataclass

from coopdesk.db.queries.registers import counterpart_documents
from coopdesk.domain.errors import Conflict
from coopdesk.domain.tax_ids import clean_receipt, clean_tax_document
from coopdesk.domain.text import name_key
from coopdesk.i18n import _
from coopdesk.services.book import Book


@dataclass(frozen=True)
class PaperDetails:
    """A sale's or purchase's optional paper: receipt (code, "B001-123") and document."""

    receipt: tuple[str, str] | None = None
    document: tuple[str, str] | None = None

    @property
    def receipt_type(self) -> str | None:
        return self.receipt[0] if self.receipt else None

    @property
    def receipt_series(self) -> str | None:
        return self.receipt[1] if self.receipt else None


def paper_details(*, receipt_type: str = "", receipt_series: str = "", doc_type: str = "",
                  doc_number: str = "") -> PaperDetails:
    """Return the checked receipt and document (refused with the import's sentences)."""
    return PaperDetails(clean_receipt(receipt_type, receipt_series),
                        clean_tax_document(doc_type, doc_number))


def give_document(session, row, document: tuple[str, str] | None, *, field: str) -> None:
    """Give a buyer or supplier (*row*) its document, unless it has another one already."""
    if document is None:
        return
    had = (row.doc_type, row.doc_number) if row.doc_type else None
    if had == document:
        return
    if had is not None:
        raise Conflict(
            _("{name} already has {kind} {number} in the book; leave the document empty or"
              " type that one.").format(name=row.name, kind=had[0], number=had[1]),
            field=field)
    row.doc_type, row.doc_number = document
    session.add(row)


def counterpart_document(book: Book, *, table: str, name: str) -> tuple[str, str] | None:
    """Return the document ("RUC"|"DNI", number) a buyer or supplier has, or None."""
    if not (name or "").strip():
        return None
    key = name_key(name.strip())
    with book.read() as reader:
        return counterpart_documents(reader.connection(), table, [key]).get(key)
