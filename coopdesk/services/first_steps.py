"""What a new book still lacks before the month can be recorded: the first steps on Inicio."""

from __future__ import annotations

from dataclasses import dataclass

from coopdesk.db.queries.costing import has_prices, rate_count
from coopdesk.db.queries.roster import has_members
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
    with book.read() as reader:
        members = has_members(reader)
        products = has_prices(reader)
        rates = rate_count(reader)
    return FirstSteps(
        members=members,
        products=products,
        rate=settings.rate_confirmed or rates > 1,
        goals=settings.break_even_units is not None and settings.target_units is not None,
    )
