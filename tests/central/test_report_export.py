"""The programme's PDF and export, from two delivered books, against the books' own figures."""

from __future__ import annotations

import csv
from decimal import Decimal

from pypdf import PdfReader

from coopdesk.central.ingest import ingest
from coopdesk.central.programme import enrol
from coopdesk.services.book import Book
from coopdesk.services.delivery import send, site_enrolment
from tests.conftest import run_cli


def _deliver_both(demo_dir, second_dir, conn, stick):
    for folder in (demo_dir, second_dir):
        with Book.open_folder(folder) as book:
            with conn.transaction():
                enrol(conn, site_enrolment(book, stick / f"{folder.name}.sitio"))
            ingest(conn, send(book, stick).path)


def test_the_report_shows_each_sites_figures_and_the_totals(demo_dir, second_dir, central,
                                                           tmp_path):
    url, conn = central
    _deliver_both(demo_dir, second_dir, conn, tmp_path)
    with Book.open_folder(demo_dir) as book, book.read() as r:
        earned_demo = r.exec_driver_sql(  # March 2022, every day at the demo's one rate
            "SELECT sum(fraction) FROM workday WHERE voided_at IS NULL"
            " AND day >= '2022-03-01' AND day < '2022-04-01'").scalar()
    out = run_cli("central", "--db", url, "report", "--month", "2022-03", "--out",
                  tmp_path / "programa.pdf", env={"COOPDESK_LANG": "es"})
    assert out.returncode == 0, out.stderr
    text = " ".join(p.extract_text() for p in PdfReader(tmp_path / "programa.pdf").pages)
    assert "marzo de 2022" in text and "Dulce Esperanza" in text and "Manos de Cacao" in text
    assert f"{Decimal(earned_demo) / 1000 * 10:,.2f}" in text  # S/ 10.00 a day in the demo
    assert "Total" in text
    again = run_cli("central", "--db", url, "report", "--month", "2022-03", "--out",
                    tmp_path / "programa.pdf")
    assert again.returncode == 1 and "--force" in again.stderr


def test_the_export_lists_every_sites_workdays_with_the_site_first(demo_dir, second_dir,
                                                                  central, tmp_path):
    url, conn = central
    _deliver_both(demo_dir, second_dir, conn, tmp_path)
    out = run_cli("central", "--db", url, "export", "workdays", tmp_path / "jornales.csv")
    assert out.returncode == 0, out.stderr
    with open(tmp_path / "jornales.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    counts = {}
    for folder in (demo_dir, second_dir):
        with Book.open_folder(folder) as book, book.read() as r:
            from coopdesk.services.settings import get_settings

            counts[get_settings(book).site_id] = r.exec_driver_sql(
                "SELECT count(*) FROM workday").scalar()
    assert {s: sum(1 for row in rows if row["sitio"] == s) for s in counts} == counts
    assert list(rows[0])[:3] == ["sitio", "cooperativa", "fecha"]
    bad = run_cli("central", "--db", url, "export", "nothing", tmp_path / "x.csv")
    assert bad.returncode == 1 and "Unknown kind nothing" in bad.stderr
    assert not (tmp_path / "x.csv").exists()
