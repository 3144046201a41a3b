"""The distribution table for the assembly shows each share, the funds and signature lines."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from coopdesk.i18n import _
from coopdesk.reports.distribution_report import render_distribution
from coopdesk.services import distribution
from coopdesk.services.documents import letterhead
from tests.reports.conftest import font_problems, money, pdf_text
from tests.services.costing_helpers import fill_costing_book


def test_draft_and_approved_tables(book):
    fill_costing_book(book)
    draft = distribution.compute_distribution(book, year=2022, surplus=D("650.00"))
    text = " ".join(pdf_text(render_distribution(letterhead(book), draft)).split())
    # 650.00 by the default rule: reserve 10% = 65.00, education 5% = 32.50, members the
    # rest 552.50 split 3 : 3.5 → A 552.50 × 3 / 6.5 = 255.00, B 297.50.
    for amount in ("650.00", "65.00", "32.50", "552.50", "255.00", "297.50"):
        assert money(amount) in text
    assert _("(article of the bylaws not written in Settings)") in text
    distribution.set_rule(book, reserve_percent="10", education_percent="5",
                          reserve_article="art. 45", education_article="art. 46")
    assert _("DRAFT: to be approved by the assembly") in text
    assert _("Treasurer") in text and _("President") in text
    _row, approved = distribution.approve_distribution(
        book, year=2022, approved_on=dt.date(2023, 2, 15), surplus=D("650.00"))
    day, stored = distribution.approved_distribution(book, 2022)
    pdf = render_distribution(letterhead(book), stored, day)
    text = " ".join(pdf_text(pdf).split())
    assert "15/02/2023" in text
    assert _("DRAFT: to be approved by the assembly") not in text
    assert _("(bylaws, {article})").format(article="art. 45") in text
    assert _("(bylaws, {article})").format(article="art. 46") in text
    assert font_problems(pdf) == []


def _shares(members: int, long_names: bool = False):
    # 12,345.67: reserve 10% 1,234.567 → 1,234.57, education 5% 617.2835 → 617.28,
    # the members the rest: 10,493.82.
    from coopdesk.domain.distribution import DistributionRule, distribute

    workdays = {f"S{i:02d}": (("María Ñusta " * 12)[:120] if long_names else f"Socia {i}",
                              D(100 + i)) for i in range(1, members + 1)}
    return distribute(2022, D("12345.67"), DistributionRule(), workdays)


def test_forty_members_start_on_page_one_and_sign_beside_the_last_rows():
    from coopdesk.domain.documents import Letterhead
    from tests.reports.conftest import pdf_pages

    head = Letterhead("Dulce Esperanza", "Establecimiento Penitenciario de Quillabamba", "INPE")
    for members in range(1, 46):
        pages = pdf_pages(render_distribution(head, _shares(members)))
        assert "S01" in pages[0], members  # the table starts under the assembly's rule
        signed = [i for i, t in enumerate(pages) if _("For the institution") in t]
        assert signed == [len(pages) - 1], members
        last = pages[-1]
        # The page with the signatures holds the table's end: the last share and the total.
        assert f"S{members:02d}" in last and money("10493.82") in last, members
        if members > 3:
            assert f"S{members - 2:02d}" in last, members


def test_long_names_and_a_long_cooperative_name_keep_the_signatures_with_the_table():
    from coopdesk.domain.documents import Letterhead
    from tests.reports.conftest import pdf_pages

    head = Letterhead(("Cooperativa de Producción y Servicios Especiales Dulce Esperanza "
                       * 4)[:200], "Establecimiento Penitenciario de Quillabamba", "INPE")
    pages = pdf_pages(render_distribution(head, _shares(40, long_names=True)))
    assert "S01" in pages[0]
    assert _("For the institution") in pages[-1] and "S40" in pages[-1]
