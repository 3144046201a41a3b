"""The optional income split: off by default, dated, exact, with a balance per part."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coopdesk.domain.errors import InvalidInput
from coopdesk.domain.income_split import IncomeSplit
from coopdesk.domain.work import ProductionLine
from coopdesk.services import income_split, members, payments, work

d = dt.date


def test_off_by_default_then_on_from_a_date(book):
    assert income_split.income_split_on(book, d(2023, 1, 1)) is None
    assert income_split.split_of(book, d(2023, 1, 1), D("100.00")) == []
    income_split.set_income_split(book, valid_from=d(2023, 3, 1), on=True)
    assert income_split.income_split_on(book, d(2023, 2, 28)) is None
    assert income_split.split_of(book, d(2023, 3, 5), D("100.01")) == [
        ("member", D("70.01")), ("reparation", D("20.00")), ("institution", D("10.00"))]
    income_split.set_income_split(book, valid_from=d(2023, 6, 1), on=False)
    assert income_split.income_split_on(book, d(2023, 6, 1)) is None
    assert income_split.income_split_on(book, d(2023, 5, 31)) == IncomeSplit()


def test_the_balance_per_part_counts_payments_while_it_was_on(book):
    members.add_member(book, members.MemberData("A", "Ana", d(2023, 1, 1)))
    for day in (2, 3, 4, 5):
        work.record_workday(book, code="A", day=d(2023, 1, day), line=ProductionLine.CHOCOLATE)
    payments.pay_member(book, code="A", day=d(2023, 1, 31), amount=D("10.00"))
    income_split.set_income_split(book, valid_from=d(2023, 2, 1), on=True,
                                  split=IncomeSplit(D("60"), D("30"), D("10")))
    payments.pay_member(book, code="A", day=d(2023, 2, 5), amount=D("30.00"))
    assert income_split.balances_per_part(book, code="A") == {
        "member": D("18.00"), "reparation": D("9.00"), "institution": D("3.00")}


def test_parts_must_add_up_to_a_hundred(book):
    with pytest.raises(InvalidInput):
        income_split.set_income_split(book, valid_from=d(2023, 1, 1), on=True,
                                      split=IncomeSplit(D("70"), D("20"), D("20")))


@settings(max_examples=100, deadline=None)
@given(cents=st.integers(min_value=1, max_value=10_000_000))
def test_the_split_is_exact(cents):
    amount = D(cents) / 100
    parts = IncomeSplit().split(amount)
    assert sum(a for _k, a in parts) == amount
    assert all(a >= 0 for _k, a in parts)


def test_receipts_and_statements_show_the_split_when_it_is_on(book):
    from coopdesk.i18n import _
    from coopdesk.reports.receipts import render_payment_receipt
    from coopdesk.reports.statement import render_statement
    from coopdesk.services.documents import member_statement, payment_receipt
    from tests.reports.conftest import money, pdf_pages, pdf_text

    members.add_member(book, members.MemberData("A", "Ana", d(2023, 1, 1)))
    for day in (2, 3, 4, 5, 6):
        work.record_workday(book, code="A", day=d(2023, 2, day), line=ProductionLine.CHOCOLATE)
    before = payments.pay_member(book, code="A", day=d(2023, 2, 10), amount=D("10.00"))
    assert payment_receipt(book, payment_uuid=before.uuid).split == ()
    income_split.set_income_split(book, valid_from=d(2023, 2, 15), on=True)
    pay = payments.pay_member(book, code="A", day=d(2023, 2, 20), amount=D("30.00"))
    receipt = payment_receipt(book, payment_uuid=pay.uuid)
    # 30.00 at 70 / 20 / 10: 21.00, 6.00 and 3.00.
    assert [a for _label, a in receipt.split] == [D("21.00"), D("6.00"), D("3.00")]
    pdf = render_payment_receipt(receipt)
    text = pdf_text(pdf)
    assert _("Income split") in text and _("Civil reparation") in text
    assert money("21.00") in text and money("6.00") in text
    assert len(pdf_pages(pdf)) == 1
    statement = member_statement(book, code="A", year=2023, month=2)
    assert [a for _label, a in statement.split] == [D("21.00"), D("6.00"), D("3.00")]
    assert _("Institution") in pdf_text(render_statement(statement))
