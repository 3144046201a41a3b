"""The padrón: members in order of admission with their agreements and shares paid.

Setting an agreement is sealed like any change of a member (check still holds); the
shares paid are the test's own sums.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from coopdesk.services.check import check_book
from coopdesk.services.coop_papers import padron
from coopdesk.services.members import MemberData, add_member, member_agreements, update_member
from coopdesk.services.shares import record_share_movement


def test_the_padron_lists_admissions_exits_agreements_and_shares(book):
    add_member(book, MemberData("S02", "Beatriz Mamani", dt.date(2022, 3, 1),
                                admission_agreement="Asamblea 1, acuerdo 1"))
    add_member(book, MemberData("S01", "Ana Quispe", dt.date(2022, 1, 10)))
    record_share_movement(book, code="S02", day=dt.date(2022, 3, 2), kind="subscription",
                          amount=D("200"))
    record_share_movement(book, code="S02", day=dt.date(2022, 3, 3), kind="payment",
                          amount=D("60"))
    record_share_movement(book, code="S02", day=dt.date(2022, 6, 30), kind="return",
                          amount=D("15.50"))
    # Her details changed without naming the agreements: they stay.
    update_member(book, "S02", MemberData("S02", "Beatriz Mamani Ccori", dt.date(2022, 3, 1),
                                          status="liberada", exit_on=dt.date(2022, 6, 30)))
    assert member_agreements(book, "S02") == ("Asamblea 1, acuerdo 1", "")
    update_member(book, "S02", MemberData("S02", "Beatriz Mamani Ccori", dt.date(2022, 3, 1),
                                          status="liberada", exit_on=dt.date(2022, 6, 30),
                                          exit_agreement="Asamblea 3, acuerdo 4"))
    data = padron(book, issued_on=dt.date(2022, 7, 1))
    rows = [(r.number, r.code, r.joined_on, r.admission_agreement, r.exit_on,
             r.exit_agreement, r.capital_paid) for r in data.rows]
    assert rows == [
        (1, "S01", dt.date(2022, 1, 10), "", None, "", D("0.00")),
        (2, "S02", dt.date(2022, 3, 1), "Asamblea 1, acuerdo 1", dt.date(2022, 6, 30),
         "Asamblea 3, acuerdo 4", D("44.50")),  # 60 − 15.50
    ]
    assert data.capital_paid == D("44.50")
    assert check_book(book).ok
