"""Issue #16's "Done when", end to end through the command line, with two cooperatives' books.

The demo and a second cooperative's book are delivered, ingested into the throwaway
PostgreSQL and acknowledged; every month of each equals that site's own figures (and one
month each as the two ``summary --json`` commands print it); ingesting again changes
nothing; after the acknowledgements each site's next delivery is small and carries a
void and a new workday, which the central figures then show. Damage, gaps and forks are
refused in tests/central/test_delivery_attacks.py.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from coopdesk.central.db import connect
from coopdesk.central.summary import programme_summary
from coopdesk.services.book import Book
from coopdesk.services.settings import get_settings
from coopdesk.services.summary import month_summary
from tests.central.test_delivery_attacks import central, send, state
from tests.central.test_same_figures import _months
from tests.conftest import run_cli

PARTS = ("labor", "sales", "purchases", "expenses", "result", "attendance")


def _every_month_matches(url: str, folders: list[Path]) -> int:
    conn = connect(url)
    compared = 0
    try:
        for folder in folders:
            with Book.open_folder(folder) as book:
                site = get_settings(book).site_id
                for y, m in _months(book):
                    own = month_summary(book, y, m).as_json_dict()
                    [mine] = [s for s in programme_summary(conn, y, m)["sites"]
                              if s["site"] == site]
                    assert {k: mine[k] for k in PARTS} == {k: own[k] for k in PARTS}, (y, m)
                    compared += 1
    finally:
        conn.close()
    return compared


def test_two_books_delivered_ingested_equal_every_month_then_only_what_is_new(
        demo_dir, second_dir, central_url, tmp_path):
    from coopdesk.services.trade import void_sale
    from coopdesk.services.work import record_workday

    stick = tmp_path / "stick"
    stick.mkdir()
    assert central(central_url, "init").returncode == 0
    folders = [demo_dir, second_dir]
    for folder in folders:
        assert run_cli("site-key", "--out", stick / f"{folder.name}.sitio",
                       data_dir=folder).returncode == 0
        assert central(central_url, "enrol", stick / f"{folder.name}.sitio").returncode == 0
    firsts = [send(folder, stick) for folder in folders]
    out = central(central_url, "ingest", *firsts, "--ack-dir", stick)
    assert out.returncode == 0, out.stderr
    assert len(list(stick.glob("*.acuse"))) == 2

    assert _every_month_matches(central_url, folders) >= 24
    for folder, month in ((demo_dir, "2022-10"), (second_dir, "2015-07")):
        own = json.loads(run_cli("summary", "--month", month, "--json", data_dir=folder).stdout)
        programme = json.loads(central(central_url, "summary", "--month", month, "--json").stdout)
        [mine] = [s for s in programme["sites"] if s["site_name"] == get_site_name(folder)]
        assert {k: mine[k] for k in PARTS} == {k: own[k] for k in PARTS}

    kept = state(central_url)
    again = central(central_url, "ingest", *firsts)
    assert again.returncode == 0 and again.stdout.count("nothing changed.") == 2
    assert state(central_url) == kept

    for ack in stick.glob("*.acuse"):
        taken = [run_cli("ack", ack, data_dir=folder) for folder in folders]
        assert sorted(t.returncode for t in taken) == [0, 1]  # each site takes its own
    with Book.open_folder(demo_dir) as book:
        with book.read() as r:
            receipt, day = r.exec_driver_sql(
                "SELECT receipt_number, day FROM sale WHERE voided_at IS NULL"
                " ORDER BY id DESC LIMIT 1").one()
        void_sale(book, receipt_number=receipt, reason="Devuelta")
    with Book.open_folder(second_dir) as book:
        record_workday(book, code="S01", day=dt.date(2015, 12, 26), line="chocolate")  # a Saturday
    seconds = [send(folder, stick) for folder in folders]
    for first, second in zip(firsts, seconds, strict=True):
        assert second.stat().st_size < first.stat().st_size / 50
    y, m = int(day[:4]), int(day[5:7])
    before = _demo_sales(central_url, y, m)
    out = central(central_url, "ingest", *seconds)
    assert out.returncode == 0, out.stderr
    assert _demo_sales(central_url, y, m) == before - 1  # the voided sale, replaced by uuid
    assert _every_month_matches(central_url, folders) >= 24


def _demo_sales(url: str, y: int, m: int) -> int:
    conn = connect(url)
    try:
        return next(s for s in programme_summary(conn, y, m)["sites"]
                    if s["cooperative"] == "Dulce Esperanza")["sales"]["count"]
    finally:
        conn.close()


def get_site_name(folder: Path) -> str:
    """The site name a book's settings give (the programme lists sites by it)."""
    with Book.open_folder(folder) as book:
        return get_settings(book).site
