"""The demo's formal year: S/ 200 subscriptions paid by monthly deductions, the education fund.

Figures worked out again here from the demo's rows, not from the services that made them.
"""

from __future__ import annotations

from collections import defaultdict

from coopdesk.services.check import check_book
from coopdesk.services.documents import member_statement
from coopdesk.services.summary import month_summary


def q(book, sql):
    with book.read() as session:
        return session.connection().exec_driver_sql(sql).all()


def test_every_member_subscribes_200_and_pays_it_from_her_pay(demo_book):
    # 2022, the first formal year (2023's newcomers pay in cash: see test_demo.py)
    rows = q(demo_book, "SELECT m.code, s.kind, s.day, s.amount FROM share_movement s"
                        " JOIN member m ON m.id = s.member_id WHERE s.voided_at IS NULL"
                        " AND s.day <= '2022-12-31'")
    members = {c for (c,) in q(demo_book, "SELECT code FROM member"
                                          " WHERE joined_on <= '2022-12-31'")}
    by = defaultdict(lambda: defaultdict(int))
    for code, kind, _day, cents in rows:
        by[code][kind] += cents
    assert {c for c in by if by[c]["subscription"] == 20000} == members
    assert not any(by[c]["payment"] for c in by)  # all from pay, none in cash
    assert all(cents == 2000 for _c, kind, _d, cents in rows if kind == "deduction")
    # Earned in a month (workdays × the rate that day) ≥ the deduction of that month.
    earned = defaultdict(int)
    for code, day, fraction in q(demo_book, "SELECT m.code, w.day, w.fraction FROM workday w"
                                            " JOIN member m ON m.id = w.member_id"
                                            " WHERE w.voided_at IS NULL"):
        rate = 1200 if day >= "2022-11-01" else 1000
        earned[(code, day[:7])] += fraction * rate // 1000
    for code, kind, day, cents in rows:
        if kind == "deduction":
            assert earned[(code, day[:7])] >= cents, (code, day)
    # The two members who left got back exactly what they had paid.
    for code in ("S08", "S15"):
        assert by[code]["return"] == by[code]["deduction"] > 0
    # A member working the whole year from January paid her S/ 200.00 by October.
    assert by["S01"]["deduction"] == 20000


def test_each_statement_adds_up_with_the_deductions(demo_book):
    for month in range(1, 13):
        summary = month_summary(demo_book, 2022, month)
        for m in summary.members:
            assert m.closing_balance == (m.opening_balance + m.earned + m.credited - m.paid
                                         - m.deducted)
    dec = member_statement(demo_book, code="S01", year=2022, month=12)
    assert dec.closing_balance == dec.opening_balance + dec.earned - dec.paid - dec.deducted
    assert check_book(demo_book).ok, check_book(demo_book).lines()


def test_the_education_fund_pays_each_workshop_session(demo_book):
    # 2022's sessions (2023 pays three more, from what is left: see test_demo.py)
    sessions = q(demo_book, "SELECT count(*) FROM workshop_session"
                            " WHERE held_on <= '2022-12-31'")[0][0]
    assert sessions == 10
    paid = q(demo_book, "SELECT count(*), sum(amount) FROM fund_movement WHERE fund ="
                        " 'education' AND direction = 'out' AND source = 'workshop'"
                        " AND voided_at IS NULL AND day <= '2022-12-31'")[0]
    assert paid == (10, 10 * 3500)
    dec = month_summary(demo_book, 2022, 12).as_json_dict()["funds"]
    assert dec["education"]["closing"] == "150.00"  # 500.00 − 10 × 35.00
    assert dec["reserve"] == {"opening": "0.00", "in": "0.00", "out": "0.00", "closing": "0.00"}
