"""Share capital: the balance identity with deductions, the rules, summary's capital figures.

Expected figures are worked out here from the movements the test itself made (and the
book's one rate, S/ 10.00 a full day), never read back from the code under test.
"""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coopdesk.domain.errors import Conflict, InvalidInput
from coopdesk.domain.work import FULL_DAY, ProductionLine
from coopdesk.services import members, work
from coopdesk.services.book import Book
from coopdesk.services.check import check_book
from coopdesk.services.months import close_month
from coopdesk.services.payments import pay_member
from coopdesk.services.shares import (
    member_capital,
    record_share_movement,
    void_share_movement,
)
from coopdesk.services.summary import month_summary


@pytest.fixture(autouse=True)
def english():
    """Compare against the English source sentences; put the language back afterwards."""
    from coopdesk.i18n import current_language, set_language

    previous = current_language()
    set_language("en")
    yield
    set_language(previous)

START = dt.date(2022, 1, 3)
RATE = D("10.00")


@pytest.fixture(scope="module")
def two_members_file(tmp_path_factory):
    folder = tmp_path_factory.mktemp("shares")
    with Book.open_folder(folder) as book:
        for i in range(2):
            members.add_member(book, members.MemberData(f"M{i}", f"Socia {i}", START))
    return folder / "coopdesk.sqlite3"


_FOLDERS: list = []


@pytest.fixture(autouse=True)
def _folders_from_pytest(tmp_path_factory):
    """fresh_book's folders come from pytest's own temporary folder (hypothesis examples too)."""
    _FOLDERS[:] = [tmp_path_factory]


def fresh_book(template: Path) -> Book:
    folder = _FOLDERS[0].mktemp("shares-book")
    shutil.copy2(template, folder / "coopdesk.sqlite3")
    return Book.open_folder(folder)


def _rows(book: Book) -> list[tuple]:
    """Every share movement and seal as stored (the book holds its file exclusively)."""
    with book.read() as session:
        conn = session.connection()
        return [tuple(r) for r in conn.exec_driver_sql(
            "SELECT * FROM share_movement ORDER BY id").all()] + [
            tuple(r) for r in conn.exec_driver_sql("SELECT * FROM seal ORDER BY 1").all()]


# --- the balance identity, against an independent computation --------------------

events = st.lists(
    st.tuples(
        st.integers(0, 1),  # member
        st.integers(0, 58),  # day offset (January and February)
        st.sampled_from(["work", "pay", "subscribe", "cash", "deduct", "return"]),
        st.integers(1, 9000),  # céntimos
    ),
    max_size=30,
)


@settings(max_examples=10, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(events)
def test_closing_is_opening_plus_earned_less_paid_less_deducted(two_members_file, evs):
    book = fresh_book(two_members_file)
    # The independent ledger: what each woman earned, was paid and had deducted, by day;
    # and her capital. Events are applied in date order, as a coordinator types them.
    earned, paid, deducted = {}, {}, {}
    sub, cap_paid, returned = {0: D(0), 1: D(0)}, {0: D(0), 1: D(0)}, {0: D(0), 1: D(0)}
    worked = set()
    try:
        for m, offset, what, cents in sorted(evs, key=lambda e: (e[1], e[2] != "subscribe")):
            day, code, amount = START + dt.timedelta(offset), f"M{m}", D(cents).scaleb(-2)
            if what == "work":
                if (m, day) in worked:
                    continue
                worked.add((m, day))
                work.record_workday(book, code=code, day=day, line=ProductionLine.CHOCOLATE,
                                    fraction=FULL_DAY)
                earned[(m, day)] = earned.get((m, day), D(0)) + RATE
            elif what == "pay":
                pay_member(book, code=code, day=day, amount=amount, confirm_advance=True)
                paid[(m, day)] = paid.get((m, day), D(0)) + amount
            elif what == "subscribe":
                record_share_movement(book, code=code, day=day, kind="subscription",
                                      amount=amount)
                sub[m] += amount
            else:
                owed = (sum(v for (k, d), v in earned.items() if k == m and d <= day)
                        - sum(v for (k, d), v in paid.items() if k == m and d <= day)
                        - sum(v for (k, d), v in deducted.items() if k == m and d <= day))
                kind = {"cash": "payment", "deduct": "deduction", "return": "return"}[what]
                allowed = (cap_paid[m] + amount <= sub[m] if what != "return"
                           else returned[m] + amount <= cap_paid[m])
                if what == "deduct":
                    allowed = allowed and amount <= owed
                if not allowed:
                    before = _rows(book)
                    with pytest.raises(InvalidInput):
                        record_share_movement(book, code=code, day=day, kind=kind,
                                              amount=amount)
                    assert _rows(book) == before
                    continue
                record_share_movement(book, code=code, day=day, kind=kind, amount=amount)
                if what == "return":
                    returned[m] += amount
                else:
                    cap_paid[m] += amount
                if what == "deduct":
                    deducted[(m, day)] = deducted.get((m, day), D(0)) + amount
        assert check_book(book).ok
        for month in (1, 2):
            first = dt.date(2022, month, 1)
            nxt = dt.date(2022, month + 1, 1)
            s = month_summary(book, 2022, month)
            for m, row in enumerate(s.members):
                def total(ledger, lo, hi, m=m):
                    return sum((v for (k, d), v in ledger.items() if k == m and lo <= d < hi),
                               D("0.00"))
                opening = (total(earned, START, first) - total(paid, START, first)
                           - total(deducted, START, first))
                assert row.opening_balance == opening
                assert row.deducted == total(deducted, first, nxt)
                assert row.closing_balance == (opening + total(earned, first, nxt)
                                               - total(paid, first, nxt)
                                               - total(deducted, first, nxt))
                members_json = s.as_json_dict()["members"][m]
                assert D(members_json["closing_balance"]) == (
                    D(members_json["opening_balance"]) + D(members_json["earned"])
                    - D(members_json["paid"]) - D(members_json["deducted"]))
        for m in range(2):
            capital = member_capital(book, code=f"M{m}")
            assert (capital.subscribed, capital.paid_net) == (sub[m], cap_paid[m] - returned[m])
    finally:
        book.close()


# --- the rules, from the desk -------------------------------------------------------


@pytest.fixture
def shares_book(two_members_file):
    book = fresh_book(two_members_file)
    yield book
    book.close()


def test_paying_more_than_subscribed_is_refused_and_nothing_is_written(shares_book):
    record_share_movement(shares_book, code="M0", day=dt.date(2022, 1, 10),
                          kind="subscription", amount=D("200.00"))
    record_share_movement(shares_book, code="M0", day=dt.date(2022, 1, 11), kind="payment",
                          amount=D("150.00"))
    before = _rows(shares_book)
    with pytest.raises(InvalidInput) as refused:
        record_share_movement(shares_book, code="M0", day=dt.date(2022, 1, 12), kind="payment",
                              amount=D("50.01"))
    assert str(refused.value) == ("By 12/01/2022 she would have paid S/ 200.01 of a subscription"
                                  " of S/ 200.00; she cannot pay more than she subscribed.")
    assert _rows(shares_book) == before


def test_a_payment_dated_before_its_subscription_is_refused(shares_book):
    record_share_movement(shares_book, code="M1", day=dt.date(2022, 2, 1),
                          kind="subscription", amount=D("100.00"))
    with pytest.raises(InvalidInput, match="By 31/01/2022 she would have paid S/ 10.00 of a"
                                           " subscription of S/ 0.00"):
        record_share_movement(shares_book, code="M1", day=dt.date(2022, 1, 31),
                              kind="payment", amount=D("10.00"))


def test_returning_more_than_paid_and_voiding_under_a_return_are_refused(shares_book):
    record_share_movement(shares_book, code="M0", day=dt.date(2022, 1, 10),
                          kind="subscription", amount=D("100.00"))
    paid = record_share_movement(shares_book, code="M0", day=dt.date(2022, 1, 11),
                                 kind="payment", amount=D("40.00"))
    with pytest.raises(InvalidInput) as refused:
        record_share_movement(shares_book, code="M0", day=dt.date(2022, 2, 1), kind="return",
                              amount=D("40.01"))
    assert str(refused.value) == ("By 01/02/2022 S/ 40.01 would have been returned to her but"
                                  " she paid S/ 40.00; she cannot be returned more than she paid.")
    record_share_movement(shares_book, code="M0", day=dt.date(2022, 2, 1), kind="return",
                          amount=D("40.00"))
    before = _rows(shares_book)
    with pytest.raises(Conflict) as refused:
        void_share_movement(shares_book, uuid=paid.uuid, reason="typed wrong")
    assert str(refused.value) == (
        "It cannot be voided: by 01/02/2022 S/ 40.00 would have been returned to her but she"
        " paid S/ 0.00; she cannot be returned more than she paid.")
    assert _rows(shares_book) == before


def test_a_deduction_larger_than_what_she_is_owed_is_refused(shares_book):
    record_share_movement(shares_book, code="M0", day=dt.date(2022, 1, 3),
                          kind="subscription", amount=D("200.00"))
    for day in (4, 5):
        work.record_workday(shares_book, code="M0", day=dt.date(2022, 1, day),
                            line=ProductionLine.CHOCOLATE, fraction=FULL_DAY)
    before = _rows(shares_book)
    with pytest.raises(InvalidInput) as refused:
        record_share_movement(shares_book, code="M0", day=dt.date(2022, 1, 5),
                              kind="deduction", amount=D("20.01"))
    assert str(refused.value) == (
        "Socia 0 is owed S/ 20.00 on 05/01/2022; S/ 20.01 cannot be deducted from her pay."
        " Record a payment in cash instead, or a smaller deduction.")
    assert _rows(shares_book) == before
    record_share_movement(shares_book, code="M0", day=dt.date(2022, 1, 5), kind="deduction",
                          amount=D("20.00"))
    s = month_summary(shares_book, 2022, 1)
    assert s.members[0].closing_balance == D("0.00")
    assert s.as_json_dict()["capital"] == {"subscribed": "200.00", "paid": "20.00",
                                           "returned": "0.00"}


def test_a_closed_month_refuses_a_contribution(shares_book):
    close_month(shares_book, year=2022, month=1)
    before = _rows(shares_book)
    with pytest.raises(Exception, match="closed"):
        record_share_movement(shares_book, code="M0", day=dt.date(2022, 1, 10),
                              kind="subscription", amount=D("100.00"))
    assert _rows(shares_book) == before


def test_summary_capital_is_the_months_movements_and_member_totals_at_its_end(shares_book):
    add = record_share_movement
    add(shares_book, code="M0", day=dt.date(2022, 1, 10), kind="subscription", amount=D("200"))
    add(shares_book, code="M0", day=dt.date(2022, 1, 11), kind="payment", amount=D("50"))
    add(shares_book, code="M1", day=dt.date(2022, 2, 1), kind="subscription", amount=D("80"))
    add(shares_book, code="M0", day=dt.date(2022, 2, 2), kind="payment", amount=D("30"))
    add(shares_book, code="M0", day=dt.date(2022, 2, 20), kind="return", amount=D("25.50"))
    add(shares_book, code="M0", day=dt.date(2022, 3, 1), kind="payment", amount=D("1"))
    feb = month_summary(shares_book, 2022, 2).as_json_dict()
    # February's movements: 80 subscribed; 30 paid; 25.50 returned.
    assert feb["capital"] == {"subscribed": "80.00", "paid": "30.00", "returned": "25.50"}
    by_code = {m["code"]: m for m in feb["members"]}
    # At February's end M0 subscribed 200 and has 50 + 30 − 25.50 = 54.50 in.
    assert (by_code["M0"]["capital_subscribed"], by_code["M0"]["capital_paid"]) == (
        "200.00", "54.50")
    assert (by_code["M1"]["capital_subscribed"], by_code["M1"]["capital_paid"]) == (
        "80.00", "0.00")
