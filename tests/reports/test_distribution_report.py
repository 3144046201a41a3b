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
    text = pdf_text(render_distribution(letterhead(book), draft))
    # 650.00: reserve 20% = 130.00, education 10% = 65.00, members 455.00 split 3 : 3.5
    # → A 455 × 3 / 6.5 = 210.00, B 245.00.
    for amount in ("650.00", "130.00", "65.00", "455.00", "210.00", "245.00"):
        assert money(amount) in text
    assert _("DRAFT: to be approved by the assembly") in text
    assert _("Treasurer") in text and _("President") in text
    _row, approved = distribution.approve_distribution(
        book, year=2022, approved_on=dt.date(2023, 2, 15), surplus=D("650.00"))
    day, stored = distribution.approved_distribution(book, 2022)
    pdf = render_distribution(letterhead(book), stored, day)
    text = pdf_text(pdf)
    assert "15/02/2023" in text
    assert _("DRAFT: to be approved by the assembly") not in text
    assert font_problems(pdf) == []
