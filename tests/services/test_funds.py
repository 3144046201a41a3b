"""The funds: the distribution credits them, workshops are paid from education, never the reserve.

Every figure is worked out by hand in the comments; every refusal leaves the book as it was.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from coopdesk.domain.errors import Conflict, InvalidInput, NotFound
from coopdesk.i18n import _
from coopdesk.services import distribution, funds
from coopdesk.services.check import check_book
from coopdesk.services.workshops import add_session
from tests.services.costing_helpers import fill_costing_book

d = dt.date


def _dump(book) -> list:
    with book.read() as reader:
        conn = reader.connection()
        return [conn.exec_driver_sql(f"SELECT * FROM {t} ORDER BY 1").all()
                for t in ("fund_movement", "audit_event", "setting", "surplus_distribution")]


@pytest.fixture
def funded(book):
    """The costing book with its 2022 surplus of S/ 650.00 approved on 15/02/2023."""
    fill_costing_book(book)
    distribution.set_rule(book, reserve_percent="10", education_percent="5",
                          reserve_article="art. 45 del estatuto")
    distribution.approve_distribution(book, year=2022, approved_on=d(2023, 2, 15),
                                      surplus=D("650.00"))
    add_session(book, workshop=3, held_on=d(2023, 3, 10), facilitator="CEDRO")
    return book


def test_the_approval_credits_each_fund_its_part_linked_to_the_distribution(funded):
    # 650.00: reserve 10% = 65.00, education 5% = 32.50.
    moves = funds.fund_movements(funded)
    assert [(m.fund, m.direction, m.amount, m.source, m.day) for m in moves] == [
        ("reserve", "in", D("65.00"), "distribution", d(2023, 2, 15)),
        ("education", "in", D("32.50"), "distribution", d(2023, 2, 15))]
    with funded.read() as reader:
        uuid = reader.connection().exec_driver_sql(
            "SELECT uuid FROM surplus_distribution WHERE year = 2022").scalar()
    assert {m.source_uuid for m in moves} == {uuid}
    assert funds.fund_balance(funded, "reserve") == D("65.00")
    assert funds.fund_balance(funded, "education", d(2023, 2, 14)) == D("0.00")
    assert check_book(funded).ok, check_book(funded).lines()


def test_the_education_fund_pays_a_workshop_and_no_more_than_it_has(funded):
    move = funds.pay_workshop_cost(funded, workshop=3, held_on=d(2023, 3, 10),
                                   amount=D("20.00"), note="Materiales")
    with funded.read() as reader:
        session_uuid = reader.connection().exec_driver_sql(
            "SELECT uuid FROM workshop_session WHERE held_on = '2023-03-10'").scalar()
    assert (move.fund, move.direction, move.source, move.source_uuid) == (
        "education", "out", "workshop", session_uuid)
    assert funds.fund_balance(funded, "education") == D("12.50")  # 32.50 − 20.00
    before = _dump(funded)
    with pytest.raises(InvalidInput) as refused:
        funds.pay_workshop_cost(funded, workshop=3, held_on=d(2023, 3, 10), amount=D("12.51"))
    assert refused.value.message == _(
        "The {fund} can pay at most S/ {available} on {day}, counting what it pays later; "
        "S/ {amount} cannot be paid from it. Nothing was recorded.").format(
        fund=_("Education fund").lower(), available="12.50", amount="12.51", day="10/03/2023")
    with pytest.raises(NotFound):
        funds.pay_workshop_cost(funded, workshop=4, held_on=d(2023, 3, 10), amount=D("1.00"))
    assert _dump(funded) == before
    assert check_book(funded).ok


def test_a_payment_dated_before_the_money_came_in_is_refused(funded):
    add_session(funded, workshop=2, held_on=d(2023, 2, 1))
    before = _dump(funded)
    with pytest.raises(InvalidInput):  # the fund had nothing on 01/02/2023
        funds.pay_workshop_cost(funded, workshop=2, held_on=d(2023, 2, 1), amount=D("1.00"))
    assert _dump(funded) == before


def test_a_backdated_payment_cannot_spend_what_a_later_one_already_spent(funded):
    # In 32.50 (15/02), out 30.00 (10/03); in 100.00 (20/03). A payment of 5.00 on 01/03
    # leaves 27.50 on 01/03 but −2.50 on 10/03: refused, though the total would be 97.50.
    funds.pay_workshop_cost(funded, workshop=3, held_on=d(2023, 3, 10), amount=D("30.00"))
    funds.record_fund_movement(funded, fund="education", day=d(2023, 3, 20), direction="in",
                               amount=D("100.00"), note="Donación de la ONG")
    add_session(funded, workshop=1, held_on=d(2023, 3, 1))
    before = _dump(funded)
    with pytest.raises(InvalidInput):
        funds.pay_workshop_cost(funded, workshop=1, held_on=d(2023, 3, 1), amount=D("5.00"))
    assert _dump(funded) == before
    funds.pay_workshop_cost(funded, workshop=1, held_on=d(2023, 3, 1), amount=D("2.50"))
    assert funds.fund_balance(funded, "education") == D("100.00")


def test_nothing_is_ever_paid_out_of_the_reserve(funded):
    before = _dump(funded)
    with pytest.raises(InvalidInput) as refused:
        funds.record_fund_movement(funded, fund="reserve", day=d(2023, 3, 1), direction="out",
                                   amount=D("1.00"), note="Préstamo")
    assert refused.value.message == _(
        "Nothing is ever paid out of the reserve fund: the bylaws keep it for the "
        "cooperative ({article}). Nothing was recorded.").format(article="art. 45 del estatuto")
    assert _dump(funded) == before


def test_a_distributions_part_cannot_be_voided_and_spent_money_cannot_be_taken_back(funded):
    reserve = funds.fund_movements(funded)[0]
    with pytest.raises(Conflict):
        funds.void_fund_movement(funded, uuid=reserve.uuid, reason="error")
    gift = funds.record_fund_movement(funded, fund="education", day=d(2023, 3, 1),
                                      direction="in", amount=D("50.00"), note="Donación")
    funds.pay_workshop_cost(funded, workshop=3, held_on=d(2023, 3, 10), amount=D("60.00"))
    before = _dump(funded)
    with pytest.raises(Conflict) as refused:  # 82.50 − 60.00 = 22.50 left; 50.00 spent
        funds.void_fund_movement(funded, uuid=gift.uuid, reason="no llegó")
    assert refused.value.message == _(
        "It cannot be voided: the {fund} already spent that money.").format(
        fund=_("Education fund").lower())
    assert _dump(funded) == before
    paid = funds.fund_movements(funded)[-1]
    funds.void_fund_movement(funded, uuid=paid.uuid, reason="se pagó dos veces")
    funds.void_fund_movement(funded, uuid=gift.uuid, reason="no llegó")
    assert funds.fund_balance(funded, "education") == D("32.50")
    assert check_book(funded).ok


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"fund": "caja"}, "fund"), ({"direction": "both"}, "direction"),
    ({"amount": D("0")}, None), ({"amount": D("1.005")}, "amount"), ({"note": " "}, None),
])
def test_a_bad_manual_entry_is_refused(funded, kwargs, field):
    entry = {"fund": "education", "day": d(2023, 3, 1), "direction": "in",
             "amount": D("10.00"), "note": "Donación", **kwargs}
    before = _dump(funded)
    with pytest.raises(InvalidInput) as refused:
        funds.record_fund_movement(funded, **entry)
    if field:
        assert refused.value.field == field
    assert _dump(funded) == before


def test_the_months_flows_add_up(funded):
    funds.pay_workshop_cost(funded, workshop=3, held_on=d(2023, 3, 10), amount=D("7.25"))
    feb = funds.fund_flows(funded, d(2023, 2, 1), d(2023, 3, 1))
    mar = funds.fund_flows(funded, d(2023, 3, 1), d(2023, 4, 1))
    assert (feb["education"].opening, feb["education"].came_in, feb["education"].closing) == (
        D("0.00"), D("32.50"), D("32.50"))
    assert (mar["education"].opening, mar["education"].went_out, mar["education"].closing) == (
        D("32.50"), D("7.25"), D("25.25"))
    assert mar["reserve"].closing == D("65.00") and mar["reserve"].went_out == D("0.00")
