"""The demo cooperative looks like the case study (figures computed here from the rows)."""

from decimal import Decimal

from coopdesk.services.check import check_book
from coopdesk.services.summary import month_summary


def q(book, sql):
    with book.read() as session:
        return session.connection().exec_driver_sql(sql).all()


def test_demo_year_matches_the_case(demo_book):
    (bars, total), = q(demo_book, "SELECT sum(l.quantity), sum(l.total) FROM sale_line l"
                                  " JOIN sale s ON s.id=l.sale_id WHERE s.voided_at IS NULL"
                                  " AND s.day BETWEEN '2022-01-01' AND '2022-12-31'")
    assert bars == 4000 * 1000                 # 4,000 bars (thousandths)
    assert total == 4000 * 850                 # at S/ 8.50: S/ 34,000.00 in céntimos
    (main,), = q(demo_book, "SELECT sum(s.total) FROM sale s JOIN buyer b ON b.id=s.buyer_id"
                            " WHERE b.name='Thika Thani'")
    assert 0.60 <= main / total <= 0.70
    (pending,), = q(demo_book, "SELECT count(*) FROM sale WHERE NOT paid")
    assert pending > 0
    statuses = dict(q(demo_book, "SELECT status, count(*) FROM member GROUP BY status"))
    assert 20 <= sum(statuses.values()) <= 25 and statuses["liberada"] == 2
    rates = q(demo_book, "SELECT valid_from, rate FROM labor_rate ORDER BY valid_from")
    assert rates[0][1] == 1000 and rates[-1][0] >= "2022-09-01" and len(rates) == 2
    workshops = q(demo_book, "SELECT DISTINCT w.number FROM workshop_session s"
                             " JOIN workshop w ON w.id=s.workshop_id ORDER BY 1")
    assert [n for (n,) in workshops] == list(range(1, 10))
    contributions = q(demo_book, "SELECT substr(day, 1, 7), amount FROM expense"
                                 " WHERE amount = 4100")
    assert len({m for m, _ in contributions}) == 12
    items = {n for (n,) in q(demo_book, "SELECT name FROM input_item")}
    assert {"Cacao en grano", "Azúcar rubia", "Manteca de cacao"} <= items


def test_demo_months_pay_members_the_month_before(demo_book):
    oct_ = month_summary(demo_book, 2022, 10)
    sep = month_summary(demo_book, 2022, 9)
    # each member is paid in October what she earned in September less what was deducted
    # from it for her share capital (plus any advance)
    for m_oct, m_sep in zip(oct_.members, sep.members):
        assert m_oct.paid >= m_sep.earned - m_sep.deducted or m_sep.earned == 0
    assert oct_.sales_total > Decimal("2000") and check_book(demo_book).ok
