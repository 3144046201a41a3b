import json

from coopdesk.services.check import check_book
from coopdesk.services.summary import month_summary
from tests.services.helpers import OCTOBER_2022, fill_small_book


def test_october_summary_matches_figures_worked_by_hand(book):
    fill_small_book(book)
    got = month_summary(book, 2022, 10).as_json_dict()
    assert got == OCTOBER_2022
    # the contract: by_buyer keys and member codes as printed, json-serialisable
    json.dumps(got)


def test_next_month_opens_with_octobers_closing(book):
    fill_small_book(book)
    nov = month_summary(book, 2022, 11).as_json_dict()
    opening = {m["code"]: m["opening_balance"] for m in nov["members"]}
    assert opening == {"A": "35.13", "B": "-9.95"}
    assert nov["sales"]["count"] == 0 and nov["result"] == "0.00"


def test_check_holds_on_the_small_book(book):
    fill_small_book(book)
    report = check_book(book)
    assert report.ok, report.lines()
