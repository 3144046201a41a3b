import datetime as dt
import unicodedata

import pytest

from coopdesk.domain.errors import InvalidInput
from coopdesk.domain.text import clean_text, month_bounds, name_key, parse_date, parse_yes_no


@pytest.mark.parametrize("text, expected", [("2022-10-05", dt.date(2022, 10, 5)),
                                            ("05/10/2022", dt.date(2022, 10, 5)),
                                            ("5/1/2022", dt.date(2022, 1, 5))])
def test_both_date_formats(text, expected):
    assert parse_date(text, what="the date") == expected


@pytest.mark.parametrize("text", ["31/02/2022", "2022-13-01", "10-05-2022", "", "ayer",
                                  "2202-01-01", "05.10.2022"])
def test_bad_dates(text):
    with pytest.raises(InvalidInput):
        parse_date(text, what="the date")


def test_nfd_and_nfc_are_the_same_name():
    nfd = unicodedata.normalize("NFD", "María Ñahui")
    assert nfd != "María Ñahui"
    assert clean_text(nfd, what="n", required=True) == "María Ñahui"
    assert name_key(nfd) == name_key("MARÍA  ñahui")


@pytest.mark.parametrize("text", ["a\x00b", "a\x07b", "x" * 121])
def test_control_characters_and_long_names_refused(text):
    with pytest.raises(InvalidInput):
        clean_text(text, what="the name", required=True)


def test_yes_no():
    assert parse_yes_no("SÍ", what="x") is True
    assert parse_yes_no("si", what="x") is True
    assert parse_yes_no("No", what="x") is False
    with pytest.raises(InvalidInput):
        parse_yes_no("yes", what="x")


def test_month_bounds_december():
    assert month_bounds(2022, 12) == (dt.date(2022, 12, 1), dt.date(2023, 1, 1))
