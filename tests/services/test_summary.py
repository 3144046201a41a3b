import json

from coopdesk.services.check import check_book
from coopdesk.services.summary import month_summary
from tests.small_book import NOVEMBER_2022


def test_november_summary_matches_figures_worked_by_hand(small_book):
    got = month_summary(small_book, 2022, 11).as_json_dict()
    assert got == NOVEMBER_2022
    # the contract: by_buyer keys and member codes as printed, json-serialisable
    json.dumps(got)


def test_october_closes_as_worked_by_hand(small_book):
    october = month_summary(small_book, 2022, 10).as_json_dict()
    assert october["labor"] == {"workdays": "33.50", "earned": "371.00", "paid": "15.00"}
    assert october["result"] == "-339.50"
    closing = {m["code"]: m["closing_balance"] for m in october["members"]}
    assert closing == {"S01": "18.00", "S02": "344.00", "S09": "0.00"}


def test_next_month_opens_with_novembers_closing(small_book):
    december = month_summary(small_book, 2022, 12).as_json_dict()
    opening = {m["code"]: m["opening_balance"] for m in december["members"]}
    assert opening == {"S01": "33.08", "S02": "344.00", "S09": "-17.95"}
    assert december["sales"]["count"] == 0 and december["result"] == "0.00"


def test_check_holds_on_the_small_book(small_book):
    report = check_book(small_book)
    assert report.ok, report.lines()
