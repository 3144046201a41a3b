"""What a new book still lacks before the month can be recorded: the first steps on Inicio."""

from __future__ import annotations

from dataclasses import dataclass

from coopdesk.services.book import Book
from coopdesk.services.settings import get_settings


@dataclass(frozen=True)
class FirstSteps:
    """Each first step, True once the book has it."""

    members: bool
    products: bool
    rate: bool
    goals: bool

    @property
    def done(self) -> bool:
        """True when every step is done (Inicio then stops showing them)."""
        return self.members and self.products and self.rate and self.goals


def first_steps(book: Book) -> FirstSteps:
    """Return which first steps the book has done.

    The rate counts once she confirmed it or added one; break-even and target once set
    (her own figures or the case study's, taken on purpose in Settings).
    """
    settings = get_settings(book)
    with book.read_sql() as reader:
        conn = reader.connection()
        members = conn.exec_driver_sql("SELECT 1 FROM member LIMIT 1").first() is not None
        products = conn.exec_driver_sql(
            "SELECT 1 FROM product_price LIMIT 1").first() is not None
        rates = conn.exec_driver_sql("SELECT count(*) FROM labor_rate").scalar() or 0
    return FirstSteps(
        members=members,
        products=products,
        rate=settings.rate_confirmed or rates > 1,
        goals=settings.break_even_units is not None and settings.target_units is not None,
    )
