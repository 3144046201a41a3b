"""The figures of each document, as plain data, against values worked out here."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from coopdesk.domain.errors import InvalidInput, NotFound
from coopdesk.services import documents as docs
from coopdesk.services import sheets_and_certificates as forms
from tests.reports.conftest import LONG_NAME, d


def test_member_statement_figures(small_book):
    st = docs.member_statement(small_book, code="S01", year=2022, month=10)
    # Before October: earned one day at 10.00, paid 4.00.
    assert st.opening_balance == D("10.00") - D("4.00")
    # October: 10.00 (3rd), half of 10.00 (10th), 12.00 (20th, new rate from the 15th).
    assert [(w.day, w.fraction, w.rate, w.amount) for w in st.workdays] == [
        (d("2022-10-03"), D("1"), D("10.00"), D("10.00")),
        (d("2022-10-10"), D("0.5"), D("10.00"), D("5.00")),
        (d("2022-10-20"), D("1"), D("12.00"), D("12.00")),
    ]
    assert st.earned == D("27.00")
    assert st.days_worked == D("2.5")
    assert [(p.day, p.amount, p.received_by) for p in st.payments] == [
        (d("2022-10-25"), D("15.00"), "Juana Quispe (hermana)")
    ]
    assert st.closing_balance == D("6.00") + D("27.00") - D("15.00")
    assert [(w.number, w.day) for w in st.workshops] == [(1, d("2022-10-05"))]
    assert (st.programme_done, st.programme_size) == (2, 9)
    assert st.letterhead.cooperative_name == "Dulce Esperanza"


def test_statement_agrees_with_the_month_summary(small_book):
    from coopdesk.services.summary import month_summary

    summary = {m.code: m for m in month_summary(small_book, 2022, 10).members}
    for st in docs.member_statements(small_book, year=2022, month=10):
        m = summary[st.code]
        assert (st.opening_balance, st.earned, st.paid, st.closing_balance) == (
            m.opening_balance, m.earned, m.paid, m.closing_balance)


def test_all_statements_in_code_order_and_long_month(small_book):
    sts = docs.member_statements(small_book, year=2022, month=10)
    assert [s.code for s in sts] == ["S01", "S02"]
    s02 = sts[1]
    assert s02.name == LONG_NAME
    assert len(s02.workdays) == 31 * 2
    # 14 days × 2 half days at 10.00, then 17 days × 2 half days at 12.00.
    assert s02.earned == 14 * D("10.00") + 17 * D("12.00")


def test_unknown_member_is_refused(small_book):
    with pytest.raises(NotFound):
        docs.member_statement(small_book, code="S99", year=2022, month=10)


def test_sale_receipt_and_void(small_book):
    from coopdesk.services.trade import void_sale

    r = docs.sale_receipt(small_book, number=1)
    assert r.number_text == "001-000001"
    assert r.buyer == "Thika Thani"
    assert r.total == D("3") * D("8.50") + D("9.00")
    assert not r.paid and not r.voided
    void_sale(small_book, receipt_number=1, reason="Se registró dos veces")
    r = docs.sale_receipt(small_book, number=1)
    assert r.voided and r.void_reason == "Se registró dos veces"
    with pytest.raises(NotFound):
        docs.sale_receipt(small_book, number=77)


def test_payment_receipt_owed_before_and_after(small_book):
    with small_book.read() as s:
        uuid = s.connection().exec_driver_sql(
            "SELECT uuid FROM member_payment WHERE amount = 1500").scalar()
    r = docs.payment_receipt(small_book, payment_uuid=uuid)
    owed_before = D("10.00") - D("4.00") + D("10.00") + D("5.00") + D("12.00")
    assert r.owed_before == owed_before
    assert r.owed_after == owed_before - D("15.00")
    assert r.received_by == "Juana Quispe (hermana)"


def test_monthly_report_figures(small_book):
    rep = docs.monthly_report(small_book, year=2022, month=10)
    sales = D("34.50") + D("17.00")
    assert rep.summary.sales_total == sales
    assert rep.main_buyer == ("Thika Thani", D("34.50"))
    assert rep.main_buyer_share == (D("34.50") * 100 / sales).quantize(D("0.1"))
    assert dict((n, t) for n, _q, t in rep.by_product) == {
        "Chocolate chuncho 70%": D("25.50") + D("17.00"), "Chocolate con café": D("9.00")}
    assert rep.purchases == (("Cacao en grano", D("12.50")),)
    assert rep.expenses == (("Transporte", D("7.50")),)
    assert [(p[0], p[3]) for p in rep.pending_sales] == [("001-000001", D("34.50"))]
    assert len(rep.sales_by_month) == 12
    assert rep.sales_by_month[-1] == (2022, 10, sales)
    assert rep.sales_by_month[0][:2] == (2021, 11)


def test_workday_sheet(small_book):
    sheet = forms.workday_sheet(small_book, year=2022, month=10, filled=True)
    assert sheet.days_in_month == 31
    rows = {r.code: r for r in sheet.rows}
    assert rows["S01"].marks == {3: D("1"), 10: D("0.5"), 20: D("1")}
    assert rows["S01"].total == D("2.5")
    assert rows["S02"].total == D("31")
    blank = forms.workday_sheet(small_book, year=2022, month=10, filled=False)
    assert all(not r.marks for r in blank.rows)


def test_attendance_sheet(small_book):
    with small_book.read() as s:
        uuid = s.connection().exec_driver_sql(
            "SELECT uuid FROM workshop_session WHERE held_on = '2022-10-05'").scalar()
    sheet = forms.attendance_sheet(small_book, workshop=1, session_uuid=uuid)
    assert sheet.day == d("2022-10-05") and sheet.facilitator == "Equipo técnico"
    assert [(c, st) for c, _n, st in sheet.members] == [("S01", "present"), ("S02", "absent")]


def test_certificates(small_book):
    rec = forms.programme_record(small_book, code="S01", issued_on=d("2022-12-01"))
    assert [w.number for w in rec.attended] == [1, 2]
    assert rec.done == 2 and not rec.complete and len(rec.programme) == 9
    days = forms.workdays_record(small_book, code="S01", start=d("2022-09-01"),
                                end=d("2022-10-10"))
    assert [w.day for w in days.workdays] == [d("2022-09-20"), d("2022-10-03"), d("2022-10-10")]
    assert days.total_days == D("2.5")
    with pytest.raises(InvalidInput):
        forms.workdays_record(small_book, code="S01", start=d("2022-10-10"),
                             end=d("2022-10-01"))


def test_programme_certificate_when_all_nine(small_book):
    from coopdesk.domain.workshops import Attendance
    from coopdesk.services.workshops import add_session, mark_attendance

    for n in range(3, 10):
        s = add_session(small_book, workshop=n, held_on=dt.date(2022, 11, n))
        mark_attendance(small_book, session_uuid=s.uuid, marks={"S01": Attendance.PRESENT})
    rec = forms.programme_record(small_book, code="S01")
    assert rec.complete and rec.done == 9


def test_every_member_of_the_month_gets_a_statement(small_book):
    """All but those who left before the month with nothing owed either way and no movement."""
    from coopdesk.domain.members import MemberStatus
    from coopdesk.domain.work import ProductionLine
    from coopdesk.services.members import MemberData, add_member
    from coopdesk.services.work import record_workday

    add_member(small_book, MemberData(code="S03", full_name="Liberada en marzo",
                                      joined_on=d("2022-01-03"), status=MemberStatus.RELEASED,
                                      exit_on=d("2022-03-31")))
    add_member(small_book, MemberData(code="S04", full_name="Entró en noviembre",
                                      joined_on=d("2022-11-02")))
    # S05 left in March too, but one workday of February is still owed to her.
    add_member(small_book, MemberData(code="S05", full_name="Liberada con saldo",
                                      joined_on=d("2022-01-03"), status=MemberStatus.RELEASED,
                                      exit_on=d("2022-03-31")))
    record_workday(small_book, code="S05", day=d("2022-02-14"), line=ProductionLine.CHOCOLATE)
    # S06 leaves in the middle of October: October is still her month.
    add_member(small_book, MemberData(code="S06", full_name="Liberada en octubre",
                                      joined_on=d("2022-01-03"), status=MemberStatus.RELEASED,
                                      exit_on=d("2022-10-15")))
    codes = [s.code for s in docs.member_statements(small_book, year=2022, month=10)]
    assert codes == ["S01", "S02", "S05", "S06"]
    assert docs.monthly_report(small_book, year=2022, month=10).members_without_statement == 1
    # In March, S03 was still a member: she gets her (all-zero) page.
    march = [s.code for s in docs.member_statements(small_book, year=2022, month=3)]
    assert "S03" in march
