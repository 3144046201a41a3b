"""The demo cooperative looks like the case study (figures computed here from the rows)."""

from decimal import ROUND_HALF_UP, Decimal

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
                            " WHERE b.name='Thika Thani' AND s.day <= '2022-12-31'")
    assert 0.60 <= main / total <= 0.70
    (pending,), = q(demo_book, "SELECT count(*) FROM sale WHERE day <= '2022-12-31'"
                               " AND (NOT paid OR paid_on > '2022-12-31')")
    assert pending > 0                         # still owed when 2022 ends
    statuses = dict(q(demo_book, "SELECT status, count(*) FROM member"
                                 " WHERE joined_on <= '2022-12-31' GROUP BY status"))
    assert 20 <= sum(statuses.values()) <= 25
    (left,), = q(demo_book, "SELECT count(*) FROM member WHERE exit_on <= '2022-12-31'")
    assert left == 2
    rates = q(demo_book, "SELECT valid_from, rate FROM labor_rate ORDER BY valid_from")
    assert rates[0][1] == 1000 and rates[-1][0] >= "2022-09-01" and len(rates) == 2
    workshops = q(demo_book, "SELECT DISTINCT w.number FROM workshop_session s"
                             " JOIN workshop w ON w.id=s.workshop_id"
                             " WHERE s.held_on <= '2022-12-31' ORDER BY 1")
    assert [n for (n,) in workshops] == list(range(1, 10))
    contributions = q(demo_book, "SELECT substr(day, 1, 7), amount FROM expense"
                                 " WHERE amount = 4100 AND day <= '2022-12-31'")
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


# --- 2023: the first full formal year, closed with a surplus distributed by the assembly ---

Y2023 = "BETWEEN '2023-01-01' AND '2023-12-31'"


def _surplus_2023(book) -> Decimal:
    """Sales − purchases − expenses − the women's pay, from the rows (S/ 12.00 all year)."""
    (sales,), = q(book, f"SELECT sum(total) FROM sale WHERE voided_at IS NULL AND day {Y2023}")
    (bought,), = q(book, f"SELECT sum(total) FROM purchase WHERE voided_at IS NULL"
                         f" AND day {Y2023}")
    (spent,), = q(book, f"SELECT sum(amount) FROM expense WHERE voided_at IS NULL"
                        f" AND day {Y2023}")
    (days,), = q(book, f"SELECT sum(fraction) FROM workday WHERE voided_at IS NULL"
                       f" AND day {Y2023}")
    (rate,), = q(book, "SELECT rate FROM labor_rate WHERE valid_from <= '2023-01-01'"
                       " ORDER BY valid_from DESC LIMIT 1")
    assert rate == 1200  # the S/ 12.00 of November 2022 holds all year
    return (Decimal(sales - bought - spent) - Decimal(days) * rate / 1000) / 100


def test_demo_2023_follows_the_case_studys_goal(demo_book):
    (bars, total), = q(demo_book, "SELECT sum(l.quantity), sum(l.total) FROM sale_line l"
                                  " JOIN sale s ON s.id=l.sale_id WHERE s.voided_at IS NULL"
                                  f" AND s.day {Y2023}")
    assert bars == 4400 * 1000                 # 10% more bars than 2022's 4,000
    assert total == 4400 * 1000                # at the study's minimum price, S/ 10.00
    (main,), = q(demo_book, "SELECT sum(s.total) FROM sale s JOIN buyer b ON b.id=s.buyer_id"
                            f" WHERE b.name='Thika Thani' AND s.day {Y2023}")
    assert 0.60 <= main / total <= 0.70
    # what was owed is collected within five weeks, except the last quarter's sales
    assert q(demo_book, "SELECT count(*) FROM sale WHERE NOT paid AND day < '2023-10-01'"
                        " AND voided_at IS NULL") == [(0,)]
    assert q(demo_book, "SELECT count(*) FROM sale WHERE paid_on > date(day, '+35 days')"
                        " OR paid_on < day") == [(0,)]
    left = q(demo_book, f"SELECT code FROM member WHERE exit_on {Y2023} ORDER BY code")
    joined = q(demo_book, f"SELECT code FROM member WHERE joined_on {Y2023} ORDER BY code")
    assert len(left) == 2 and len(joined) == 2
    for (code,) in left:  # she gets back exactly what she paid, once, after leaving
        moves = dict(q(demo_book, "SELECT kind, sum(amount) FROM share_movement m"
                                  f" JOIN member p ON p.id=m.member_id WHERE p.code='{code}'"
                                  " AND m.voided_at IS NULL GROUP BY kind"))
        assert moves["return"] == moves.get("deduction", 0) + moves.get("payment", 0) == 20000
    for (code,) in joined:  # admitted by an agreement, S/ 200 subscribed and paid in cash
        (cited,), = q(demo_book, f"SELECT admission_agreement_uuid FROM member WHERE code='{code}'")
        assert cited is not None
        moves = dict(q(demo_book, "SELECT kind, sum(amount) FROM share_movement m"
                                  f" JOIN member p ON p.id=m.member_id WHERE p.code='{code}'"
                                  " GROUP BY kind"))
        assert moves == {"subscription": 20000, "payment": 20000}
    (paid_2023,), = q(demo_book, "SELECT count(*) FROM fund_movement WHERE fund='education'"
                                 f" AND direction='out' AND voided_at IS NULL AND day {Y2023}")
    assert paid_2023 == 3


def test_demo_2023_surplus_is_distributed_citing_its_agreement(demo_book):
    surplus = _surplus_2023(demo_book)
    assert Decimal("2000") < surplus < Decimal("8000")       # a few thousand soles
    reserve = (surplus * Decimal("0.10")).quantize(Decimal("0.01"), ROUND_HALF_UP)
    education = (surplus * Decimal("0.05")).quantize(Decimal("0.01"), ROUND_HALF_UP)
    members = surplus - reserve - education
    (row,) = q(demo_book, "SELECT id, approved_on, surplus, reserve_percent, education_percent,"
                          " reserve, education, to_members, agreement_uuid"
                          " FROM surplus_distribution WHERE year = 2023")
    did, approved_on, kept, reserve_p, education_p, kept_r, kept_e, kept_m, agreement = row
    assert (kept, kept_r, kept_e, kept_m) == tuple(int(x * 100) for x in (
        surplus, reserve, education, members))
    assert (reserve_p, education_p) == (10000, 5000) and approved_on == "2024-02-17"
    # each member's share is her workdays' part of the members' part (largest remainder)
    days = dict(q(demo_book, "SELECT member_id, sum(fraction) FROM workday WHERE voided_at"
                             f" IS NULL AND day {Y2023} GROUP BY member_id"))
    shares = dict(q(demo_book, "SELECT member_id, amount FROM member_credit"
                               f" WHERE distribution_id = {did}"))
    assert set(shares) == set(days) and sum(shares.values()) == kept_m
    total_days = sum(days.values())
    for member, amount in shares.items():
        assert abs(Decimal(amount) - Decimal(kept_m) * days[member] / total_days) < 1
    # the agreement it cites is the second of the session held that day
    (number, agreement_no, day, text), = q(
        demo_book, "SELECT s.number, a.number, s.day, a.text FROM assembly_agreement a"
                   f" JOIN assembly_session s ON s.id=a.session_id WHERE a.uuid='{agreement}'")
    assert (agreement_no, day) == (2, "2024-02-17")
    assert f"{reserve:,.2f}" in text and f"{members:,.2f}" in text
    (no_surplus,), = q(demo_book, "SELECT a.text FROM assembly_agreement a JOIN assembly_session"
                                  " s ON s.id=a.session_id WHERE s.day='2023-02-18' AND"
                                  " a.number=2")
    assert "resultado de −S/ 772.20" in no_surplus.replace("\xa0", " ")  # 2022's loss
    assert "no hay excedente" in no_surplus
    # the funds' month shows what the distribution put in them
    feb = month_summary(demo_book, 2024, 2)
    assert feb.funds["reserve"].came_in == reserve
    assert feb.funds["education"].came_in == education
    assert check_book(demo_book).ok


def test_demo_2023_distribution_paper_names_its_agreement(demo_book):
    from coopdesk.i18n import current_language, set_language
    from coopdesk.reports.documents import distribution_pdf
    from tests.reports.conftest import pdf_text

    before = current_language()
    set_language("es")
    try:
        text = pdf_text(distribution_pdf(demo_book, 2023))
    finally:
        set_language(before)
    (number,), = q(demo_book, "SELECT number FROM assembly_session WHERE day='2024-02-17'")
    assert f"Aprobada por la asamblea: Asamblea {number}, acuerdo 2 (17/02/2024)." in text
