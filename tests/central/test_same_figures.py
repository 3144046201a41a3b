"""Two books delivered and ingested: the central figures equal each site's, every month."""

from __future__ import annotations

from coopdesk.central.ingest import ingest
from coopdesk.central.programme import enrol
from coopdesk.central.summary import programme_summary
from coopdesk.services.book import Book
from coopdesk.services.delivery import send, site_enrolment
from coopdesk.services.summary import month_summary

PARTS = ("labor", "sales", "purchases", "expenses", "result", "attendance")


def _deliver(folder, stick, conn):
    with Book.open_folder(folder) as book:
        with conn.transaction():
            enrol(conn, site_enrolment(book, stick / f"{folder.name}.sitio"))
        sent = send(book, stick)
    assert not ingest(conn, sent.path).already


def _months(book):
    with book.read() as r:
        first, last = r.exec_driver_sql(
            "SELECT min(day), max(day) FROM (SELECT day FROM workday UNION ALL"
            " SELECT day FROM sale UNION ALL SELECT day FROM purchase)").one()
    y, m = int(first[:4]), int(first[5:7])
    while (y, m) <= (int(last[:4]), int(last[5:7])):
        yield y, m
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)


def test_every_month_of_two_books_matches_each_sites_own_summary(
        demo_dir, second_dir, central, tmp_path):
    _url, conn = central
    stick = tmp_path / "stick"
    stick.mkdir()
    _deliver(demo_dir, stick, conn)
    _deliver(second_dir, stick, conn)
    compared = 0
    for folder in (demo_dir, second_dir):
        with Book.open_folder(folder) as book:
            from coopdesk.services.settings import get_settings

            site = get_settings(book).site_id
            for y, m in _months(book):
                own = month_summary(book, y, m).as_json_dict()
                programme = programme_summary(conn, y, m)
                [mine] = [s for s in programme["sites"] if s["site"] == site]
                assert {k: mine[k] for k in PARTS} == {k: own[k] for k in PARTS}, (y, m)
                assert mine["members"] == len(own["members"])
                compared += 1
    assert compared >= 24  # the demo's year and the second book's year, every month


def test_the_totals_add_the_sites_and_a_month_with_both_books(demo_dir, second_dir, central,
                                                             tmp_path):
    from decimal import Decimal

    _url, conn = central
    stick = tmp_path / "stick"
    stick.mkdir()
    _deliver(demo_dir, stick, conn)
    _deliver(second_dir, stick, conn)
    for y, m in ((2022, 3), (2015, 7)):
        summary = programme_summary(conn, y, m)
        assert len(summary["sites"]) == 2
        for part, field in (("labor", "earned"), ("sales", "total"), ("labor", "workdays")):
            assert Decimal(summary["total"][part][field]) == sum(
                Decimal(s[part][field]) for s in summary["sites"])
        assert Decimal(summary["total"]["result"]) == sum(
            Decimal(s["result"]) for s in summary["sites"])
    # July 2015 of the second book, by hand from its own rows: 13.75 a day from July 1st.
    with Book.open_folder(second_dir) as book, book.read() as r:
        full, half = r.exec_driver_sql(
            "SELECT sum(fraction = 1000), sum(fraction = 500) FROM workday"
            " WHERE voided_at IS NULL AND day >= '2015-07-01' AND day < '2015-08-01'").one()
    expected = Decimal("13.75") * full + Decimal("6.88") * half  # half of 13.75, half up
    [site] = [s for s in programme_summary(conn, 2015, 7)["sites"]
              if s["cooperative"] == "Manos de Cacao"]
    assert Decimal(site["labor"]["earned"]) == expected
    assert site["site_name"] == "Penal de Chachapoyas"


def test_a_book_upgraded_from_revision_0001_delivers_both_forms_of_seals(central, tmp_path):
    """Seals made before revision 0009 (keyed by id) and since (by uuid) verify at the programme."""
    import json
    import shutil
    from pathlib import Path

    _url, conn = central
    folder = tmp_path / "old"
    folder.mkdir()
    fixtures = Path(__file__).resolve().parent.parent / "db" / "fixtures"
    shutil.copy2(fixtures / "book-0001-demo.sqlite3", folder / "coopdesk.sqlite3")
    stick = tmp_path / "stick"
    stick.mkdir()
    _deliver(folder, stick, conn)
    [path] = stick.glob("*.entrega")
    forms = {"id": 0, "uuid": 0}
    for line in path.read_text("utf-8").splitlines()[1:-1]:
        forms["uuid" if json.loads(line)["uuid"] else "id"] += 1
    assert forms["id"] > 0 and forms["uuid"] > 0
    with Book.open_folder(folder) as book:
        own = month_summary(book, 2022, 10).as_json_dict()
    [mine] = programme_summary(conn, 2022, 10)["sites"]
    assert {k: mine[k] for k in PARTS} == {k: own[k] for k in PARTS}
    expected = json.loads((fixtures / "book-0001-demo.summary-2022-10.json").read_text("utf-8"))
    assert mine["labor"] == expected["labor"] and mine["result"] == expected["result"]
