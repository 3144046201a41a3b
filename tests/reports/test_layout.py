"""Every document, at its longest, keeps every word apart and on the page.

The word boxes come from the PDF itself (poppler's ``pdftotext -bbox-layout``), not
from the layout code: two words whose boxes overlap were printed over each other,
and a word whose box leaves the page was cut off.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from decimal import Decimal as D

import pytest

from tests.reports.longest import CODES, fill_longest_book

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="poppler-utils (pdftotext) is not installed")

_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')
_WORD = re.compile(r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">'
                   r"(.*?)</word>")
#: Boxes may touch (a word's box meets the next line's); they may not cross by more.
TOLERANCE = 0.6
#: The voided paper's watermark is meant to lie across the text; it is drawn this large.
WATERMARK_HEIGHT = 40


def word_boxes(pdf: bytes, tmp_path) -> list[tuple[float, float, list]]:
    """Return each page's size and word boxes (x0, y0, x1, y1, text) as pdftotext reads them."""
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    html = subprocess.run(["pdftotext", "-bbox-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout
    pages = []
    for chunk in html.split("<page ")[1:]:
        w, h = _PAGE.match("<page " + chunk).groups()
        words = [(float(a), float(b), float(c), float(e), t)
                 for a, b, c, e, t in _WORD.findall(chunk)]
        pages.append((float(w), float(h), words))
    return pages


def layout_problems(pdf: bytes, tmp_path) -> list[str]:
    """Return a sentence for each word off the page and each pair of words printed over."""
    problems = []
    for n, (width, height, words) in enumerate(word_boxes(pdf, tmp_path), start=1):
        words = [w for w in words if w[3] - w[1] < WATERMARK_HEIGHT]
        for x0, y0, x1, y1, text in words:
            if x0 < 0 or y0 < 0 or x1 > width or y1 > height:
                problems.append(f"page {n}: {text!r} off the page")
        words.sort(key=lambda w: w[1])
        for i, a in enumerate(words):
            for b in words[i + 1:]:
                if b[1] >= a[3] - TOLERANCE:
                    break
                if (min(a[2], b[2]) - max(a[0], b[0]) > TOLERANCE
                        and min(a[3], b[3]) - max(a[1], b[1]) > TOLERANCE):
                    problems.append(f"page {n}: {a[4]!r} over {b[4]!r}")
    return problems


def all_documents(book, ids) -> dict[str, bytes]:
    """Render every kind of document of the longest book, by name."""
    from coopdesk.reports import documents as paper
    from coopdesk.reports.costing_report import render_costing_report
    from coopdesk.reports.distribution_report import render_distribution
    from coopdesk.services import costing, distribution
    from coopdesk.services.documents import letterhead

    oct1, nov1 = dt.date(2022, 10, 1), dt.date(2022, 11, 1)
    return {
        "sale receipt": paper.sale_receipt_pdf(book, 1),
        "voided sale receipt": paper.sale_receipt_pdf(book, 2),
        "long sale receipt": paper.sale_receipt_pdf(book, 3),
        "payment receipt": paper.payment_receipt_pdf(book, ids["payment"]),
        "statements": paper.statement_pdf(book, 2022, 10),
        "monthly report": paper.monthly_report_pdf(book, 2022, 10),
        "empty monthly report": paper.monthly_report_pdf(book, 2022, 6),
        "blank workday sheet": paper.workday_sheet_pdf(book, 2022, 10),
        "filled workday sheet": paper.workday_sheet_pdf(book, 2022, 10, filled=True),
        "attendance sheet": paper.attendance_sheet_pdf(book, 1, session_uuid=ids["session"]),
        "workdays record": paper.workdays_record_pdf(book, CODES[0], oct1, dt.date(2022, 10, 31)),
        "programme record": paper.programme_record_pdf(book, CODES[0]),
        "certificate": paper.programme_record_pdf(book, CODES[2]),
        "empty workdays record": paper.workdays_record_pdf(book, CODES[1], dt.date(2019, 1, 1),
                                                           dt.date(2019, 12, 31)),
        "year's workdays record": paper.workdays_record_pdf(book, CODES[0], dt.date(2022, 1, 1),
                                                            dt.date(2022, 12, 31)),
        "blank attendance sheet": paper.attendance_sheet_pdf(book, 2, day=dt.date(2022, 12, 1)),
        "forty shares": render_distribution(letterhead(book), forty_shares()),
        "distribution": render_distribution(
            letterhead(book), distribution.compute_distribution(book, year=2022,
                                                                surplus=D("650.00"))),
        "costing": render_costing_report(letterhead(book),
                                         costing.cost_picture(book, oct1, nov1)),
    }


def forty_shares():
    """A distribution among forty members with the longest names the book accepts."""
    from coopdesk.domain.distribution import DistributionRule, distribute
    from tests.reports.longest import NAMES

    workdays = {f"SOCIA-QUILLABAMBA-{i:02d}": (NAMES[i % 3], D(100 + i)) for i in range(40)}
    return distribute(2022, D("98765.43"), DistributionRule(), workdays)


@pytest.fixture
def longest(book):
    return book, fill_longest_book(book)


@pytest.mark.parametrize("language", ["es", "en"])
def test_no_word_over_another_nor_off_the_page(longest, tmp_path, language):
    from coopdesk.i18n import current_language, set_language

    book, ids = longest
    before = current_language()
    set_language(language)
    try:
        documents = all_documents(book, ids)
    finally:
        set_language(before)
    found = {name: layout_problems(pdf, tmp_path) for name, pdf in documents.items()}
    assert {name: p[:5] for name, p in found.items() if p} == {}


def test_the_check_sees_words_printed_over_each_other(tmp_path):
    """The check itself: text drawn twice at the same place, and off the page, is caught."""
    from reportlab.pdfgen import canvas

    from coopdesk.reports.base import FONT, register_fonts

    register_fonts()
    path = tmp_path / "bad.pdf"
    c = canvas.Canvas(str(path))
    c.setFont(FONT, 10)
    c.drawString(100, 700, "Quispe Huamán")
    c.drawString(104, 703, "Mamani Choque")
    c.drawString(560, 500, "Ccorimanya Sullcahuamán")
    c.save()
    problems = layout_problems(path.read_bytes(), tmp_path)
    assert any("over" in p for p in problems)
    assert any("off the page" in p for p in problems)


def test_signed_sheets_have_rows_for_a_thumbprint_and_blank_rows(longest, tmp_path):
    """Measured on the PDF: the row numbers of the signed sheets stand ≥ 15 mm apart,
    and three numbered rows follow the members for women not yet in the book."""
    from reportlab.lib.units import mm

    from coopdesk.reports import documents as paper

    book, ids = longest
    sheets = {
        "workday sheet": paper.workday_sheet_pdf(book, 2022, 10),
        "attendance sheet": paper.attendance_sheet_pdf(book, 1, session_uuid=ids["session"]),
    }
    members = {"workday sheet": len(CODES), "attendance sheet": len(CODES)}
    for name, pdf in sheets.items():
        (_w, _h, words), = word_boxes(pdf, tmp_path)
        # The "#" column is the first one: numbers whose box starts within 8 mm of the margin.
        numbers = sorted((y0, int(t)) for x0, y0, _x1, _y1, t in words
                         if t.isdigit() and x0 < 15 * mm + 8 * mm)
        assert [n for _y, n in numbers] == list(range(1, members[name] + 4)), name
        gaps = [b[0] - a[0] for a, b in zip(numbers, numbers[1:], strict=False)]
        assert min(gaps) >= 15 * mm - 0.5, (name, min(gaps) / mm)
