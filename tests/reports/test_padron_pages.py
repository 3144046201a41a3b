"""The padrón's pages as poppler reads them: one page while it fits, "Página N de M" after.

A padrón of the cooperative's size (23 members) used to put its last rows and the
signatures on a second page although the first had room; it is now one page. A long
one (60 members) runs over three pages, each numbered, the header on each (the last rows
too), every member listed once, the total and the signatures on the last page.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from decimal import Decimal as D

import pytest

from coopdesk.reports.coop_papers import render_padron
from coopdesk.services.coop_papers import padron
from coopdesk.services.members import MemberData, add_member
from coopdesk.services.shares import record_share_movement

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="poppler-utils (pdftotext) is not installed")

ISSUED = dt.date(2026, 12, 7)


def _pages(pdf: bytes, tmp_path) -> list[str]:
    path = tmp_path / "padron.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout
    return text.rstrip("\f\n").split("\f")


def _members(book, n: int) -> None:
    for i in range(1, n + 1):
        add_member(book, MemberData(f"S{i:02d}", f"Rosa Elvira Huamán Quispe {i:02d}",
                                    dt.date(2022, 1, 3) + dt.timedelta(days=i),
                                    dni=f"{40000000 + i}"))
    record_share_movement(book, code="S01", day=dt.date(2022, 3, 1), kind="subscription",
                          amount=D("200"))
    record_share_movement(book, code="S01", day=dt.date(2022, 3, 1), kind="payment",
                          amount=D("35.50"))


def test_a_padron_that_fits_is_one_page_with_its_signatures(book, tmp_path):
    _members(book, 23)
    pages = _pages(render_padron(padron(book, issued_on=ISSUED)), tmp_path)
    assert len(pages) == 1
    page = pages[0]
    assert "Página 1 de 1" in page
    assert "Al 07/12/2026: 23 socias" in page
    for i in (1, 22, 23):
        assert f"Rosa Elvira Huamán Quispe {i:02d}" in page
    assert re.search(r"Total\s+S/\s35\.50", page)
    assert "Presidenta de la cooperativa" in page and "Secretaria de la cooperativa" in page


def test_a_long_padron_numbers_its_pages_and_ends_with_the_signatures(book, tmp_path):
    _members(book, 60)
    pages = _pages(render_padron(padron(book, issued_on=ISSUED)), tmp_path)
    assert len(pages) == 3
    for n, page in enumerate(pages, start=1):
        assert f"Página {n} de 3" in page
        assert page.count("Código") == 1  # the header on every page, once
    names = re.findall(r"Rosa Elvira Huamán Quispe (\d\d)", "\n".join(pages))
    assert names == [f"{i:02d}" for i in range(1, 61)]
    # The last rows go with the total and the signatures: never a page of signatures alone.
    assert "Quispe 60" in pages[-1] and "Quispe 59" in pages[-1]
    assert all("Presidenta" not in p and "Total" not in p for p in pages[:-1])
    assert re.search(r"Total\s+S/\s35\.50", pages[-1]) and "Presidenta" in pages[-1]
