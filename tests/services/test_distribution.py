"""Approving a surplus distribution credits each member once, and the balances stay exact."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from coopdesk.domain.errors import Conflict, InvalidInput
from coopdesk.services import distribution
from coopdesk.services.check import check_book
from coopdesk.services.payments import owed_to
from coopdesk.services.summary import month_summary
from tests.services.costing_helpers import fill_costing_book

d = dt.date


@pytest.fixture
def year_book(book):
    fill_costing_book(book)
    return book


def test_the_year_result_and_the_default_rule(year_book):
    # March 2022: sales 425 + 200 = 625; purchases 360 + 140 + 70 = 570; expenses 100;
    # labor 5.5 chocolate + 1 textile workday × 10 = 65.  625 − 570 − 100 − 65 = −110.
    assert distribution.year_surplus(year_book, 2022) == D("-110.00")
    with pytest.raises(InvalidInput) as refused:
        distribution.compute_distribution(year_book, year=2022)
    assert refused.value.field == "surplus"
    assert distribution.current_rule(year_book) == distribution.DEFAULT_RULE
    assert (distribution.DEFAULT_RULE.reserve_percent,
            distribution.DEFAULT_RULE.education_percent) == (D("10"), D("5"))


def test_approval_posts_each_share_as_a_credit_once(year_book):
    distribution.set_rule(year_book, reserve_percent=D("25"), education_percent=D("5"),
                          reserve_article="art. 45")
    # The assembly distributes S/ 1,000.01: reserve 25% = 250.0025 → 250.00 (half up),
    # education 5% = 50.0005 → 50.00, members the rest 700.01: A has 3 workdays, B 2.5 +
    # 1 textile = 3.5.
    row, result = distribution.approve_distribution(
        year_book, year=2022, approved_on=d(2023, 2, 15), surplus=D("1000.01"))
    assert (row.reserve, row.education, row.to_members) == (D("250.00"), D("50.00"),
                                                           D("700.01"))
    a = (D("700.01") * 3 / D("6.5"))  # 323.0815… → 323.08
    assert [(s.code, s.amount) for s in result.shares] == [
        ("A", a.quantize(D("0.01"))), ("B", D("700.01") - a.quantize(D("0.01")))]
    with pytest.raises(Conflict):
        distribution.approve_distribution(year_book, year=2022, approved_on=d(2023, 2, 16),
                                          surplus=D("5.00"))
    approved_on, again = distribution.approved_distribution(year_book, 2022)
    assert approved_on == d(2023, 2, 15) and again.shares == result.shares

    # The credits count in her balance (what she is owed) but not as labor.
    feb = month_summary(year_book, 2023, 2)
    figures = feb.as_json_dict()
    assert figures["labor"]["earned"] == "0.00"
    assert figures["result"] == "0.00"
    member_a = next(m for m in figures["members"] if m["code"] == "A")
    assert member_a["earned"] == "323.08"
    assert D(member_a["closing_balance"]) == (D(member_a["opening_balance"])
                                              + D(member_a["earned"]) - D(member_a["paid"]))
    # A earned 30.00 of labor in March 2022 and was never paid.
    assert owed_to(year_book, code="A", on=d(2023, 2, 28)) == D("30.00") + D("323.08")
    assert check_book(year_book).ok, check_book(year_book).lines()
    with year_book.read() as session:
        audit = session.connection().exec_driver_sql(
            "SELECT count(*) FROM audit_event WHERE action='approve'").scalar()
    assert audit == 1


def test_approval_before_the_year_ends_is_refused(year_book):
    with pytest.raises(InvalidInput):
        distribution.approve_distribution(year_book, year=2022, approved_on=d(2022, 12, 31),
                                          surplus=D("100.00"))


@pytest.mark.parametrize(("reserve", "education", "field"), [
    ("101", "0", "reserve_percent"), ("-1", "5", "reserve_percent"),
    ("10", "abc", "education_percent"), ("10.555", "5", "reserve_percent"),
    ("60", "40.01", "education_percent"),
])
def test_a_rule_outside_0_to_100_is_refused_and_nothing_changes(year_book, reserve, education,
                                                                 field):
    with pytest.raises(InvalidInput) as refused:
        distribution.set_rule(year_book, reserve_percent=reserve, education_percent=education)
    assert refused.value.field == field
    assert distribution.current_rule(year_book) == distribution.DEFAULT_RULE


def test_the_statement_shows_the_credit_on_its_own_line(year_book):
    from coopdesk.reports.statement import render_statement
    from coopdesk.services.documents import member_statement
    from tests.reports.conftest import money, pdf_text

    distribution.approve_distribution(year_book, year=2022, approved_on=d(2023, 2, 15),
                                      surplus=D("650.00"))
    # 650: reserve 10% 65, education 5% 32.50, members 552.50 → A (3 of 6.5 workdays) 255.00.
    feb = member_statement(year_book, code="A", year=2023, month=2)
    assert feb.earned == D("0.00")
    assert feb.credited == D("255.00")
    assert feb.opening_balance == D("30.00")  # her March 2022 labor, never paid
    assert feb.closing_balance == D("285.00")
    text = pdf_text(render_statement(feb))
    assert feb.credits[0].note in text
    assert money("255.00") in text and money("285.00") in text
    march = member_statement(year_book, code="A", year=2023, month=3)
    assert march.opening_balance == D("285.00") and march.credits == ()
