"""Corrections say which record they correct: the link, its refusals, its guards and the chain."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from decimal import Decimal

import pytest

from coopdesk.db.tables import MemberPayment
from coopdesk.domain.errors import CoopError
from coopdesk.domain.trade import SaleLine
from coopdesk.services.book import Book
from coopdesk.services.check import check_book
from coopdesk.services.corrections import (
    correction_candidates,
    correction_links,
    corrects_problem,
)
from coopdesk.services.documents import payment_receipt, sale_receipt
from coopdesk.services.members import MemberData, add_member
from coopdesk.services.months import close_month, reopen_month
from coopdesk.services.payments import pay_member, record_expense, void_expense, void_payment
from coopdesk.services.settings import update_settings
from coopdesk.services.trade import record_purchase, record_sale, void_purchase, void_sale
from coopdesk.services.work import add_rate, record_workday, set_sheet_cell, void_workday
from coopdesk.services.workday_corrections import workday_candidates

d = dt.date
JAN, FEB = d(2022, 1, 12), d(2022, 2, 3)
LINES = [SaleLine("Chocolate 70%", Decimal(2), Decimal("8.50"))]


def _counts(book) -> dict[str, int]:
    with book.transaction() as session:
        conn = session.connection()
        names = [r[0] for r in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
        return {n: conn.exec_driver_sql(f"SELECT count(*) FROM {n}").scalar() for n in names}


def _one(book, sql, *params):
    with book.transaction() as session:
        return session.connection().exec_driver_sql(sql, params).first()


@pytest.fixture
def january(tmp_path):
    """A book with one member, a rate, and January's records: a sale voided, then closed."""
    book = Book.open_folder(tmp_path / "book")
    add_member(book, MemberData("S01", "Ana Quispe", d(2021, 6, 1)))
    add_rate(book, valid_from=d(2021, 6, 1), rate=Decimal("10.00"))
    record_workday(book, code="S01", day=JAN, line="chocolate")
    sale = record_sale(book, day=JAN, buyer="Bodega Rosa", lines=LINES, paid=True)
    void_sale(book, receipt_number=sale.receipt_number, reason="wrong price")
    record_sale(book, day=JAN, buyer="Bodega Rosa", lines=LINES, paid=True)  # receipt 2, live
    pay_member(book, code="S01", day=JAN, amount=Decimal("5.00"))
    record_purchase(book, day=JAN, supplier="Cacao Chuncho", item="Cacao", quantity=Decimal(1),
                    unit="kg", unit_price=Decimal("12.00"))
    record_expense(book, day=JAN, category="Transport", amount=Decimal("3.00"))
    close_month(book, year=2022, month=1)
    yield book
    book.close()


def test_a_voided_sale_of_a_closed_month_is_corrected_in_an_open_month(january):
    old = _one(january, "SELECT uuid, voided_at FROM sale WHERE receipt_number = 1")
    assert old[1] is not None
    sale = record_sale(january, day=FEB, buyer="Bodega Rosa", paid=True, corrects="001-000001",
                       lines=[SaleLine("Chocolate 70%", Decimal(2), Decimal("9.00"))])
    assert sale.receipt_number == 3 and sale.day == FEB
    assert _one(january, "SELECT corrects_uuid FROM sale WHERE receipt_number = 3")[0] == old[0]
    event = _one(january, "SELECT detail, after FROM audit_event WHERE entity = 'sale'"
                          " AND entity_uuid = ? AND action = 'create'", sale.uuid)
    assert json.loads(event[0])["corrects"] == old[0]
    assert json.loads(event[1])["corrects"] == old[0]
    assert check_book(january).ok, check_book(january).lines()


@pytest.mark.parametrize("typed", ["1", "000001", "001-000001", " 001-000001 "])
def test_a_sale_receipt_number_is_read_as_printed_or_short(january, typed):
    old = _one(january, "SELECT uuid FROM sale WHERE receipt_number = 1")[0]
    sale = record_sale(january, day=FEB, buyer="B", lines=LINES, paid=True, corrects=typed)
    assert _one(january, "SELECT corrects_uuid FROM sale WHERE id = ?", sale.id)[0] == old


def test_a_live_record_of_a_closed_month_may_be_corrected(january):
    """Receipt 2 is still valid but January is closed: a correction can only be added."""
    record_sale(january, day=FEB, buyer="B", lines=LINES, paid=True, corrects="001-000002")
    assert check_book(january).ok


def _attempts(book):
    payment = _one(book, "SELECT uuid FROM sale WHERE receipt_number = 1")[0]
    return [
        ("999", lambda c: record_sale(book, day=FEB, buyer="B", lines=LINES, paid=True,
                                      corrects=c)),
        ("001-000999", lambda c: record_sale(book, day=FEB, buyer="B", lines=LINES, paid=True,
                                             corrects=c)),
        ("hello", lambda c: record_sale(book, day=FEB, buyer="B", lines=LINES, paid=True,
                                        corrects=c)),
        # the uuid of a sale given as the payment it corrects: another kind
        (payment, lambda c: pay_member(book, code="S01", day=FEB, amount=Decimal(1),
                                       corrects=c)),
        ("000777", lambda c: pay_member(book, code="S01", day=FEB, amount=Decimal(1),
                                        corrects=c)),
        ("00000000-0000-4000-8000-000000000000",
         lambda c: record_purchase(book, day=FEB, supplier="S", item="I", quantity=Decimal(1),
                                   unit="kg", unit_price=Decimal(1), corrects=c)),
        ("x", lambda c: record_expense(book, day=FEB, category="x", amount=Decimal(1),
                                       corrects=c)),
        ("x", lambda c: record_workday(book, code="S01", day=FEB, line="chocolate", corrects=c)),
        ("x", lambda c: set_sheet_cell(book, code="S01", day=FEB, line="chocolate",
                                       fraction=Decimal(1), corrects=c)),
    ]


def test_a_bad_reference_is_refused_with_a_sentence_and_nothing_is_written(january):
    before = _counts(january)
    for typed, attempt in _attempts(january):
        with pytest.raises(CoopError) as refused:
            attempt(typed)
        assert refused.value.field == "corrects"
        message = str(refused.value)
        assert message.endswith(".") and len(message) > 40
        assert typed.strip() in message
        assert _counts(january) == before
    assert check_book(january).ok


def test_a_live_record_of_an_open_month_must_be_voided_first(january):
    live = record_sale(january, day=FEB, buyer="B", lines=LINES, paid=True)
    before = _counts(january)
    with pytest.raises(CoopError) as refused:
        record_sale(january, day=FEB, buyer="B", lines=LINES, paid=True,
                    corrects=str(live.receipt_number))
    assert refused.value.field == "corrects"
    assert "000003" in str(refused.value)
    assert _counts(january) == before
    void_sale(january, receipt_number=live.receipt_number, reason="typo")
    record_sale(january, day=FEB, buyer="B", lines=LINES, paid=True,
                corrects=str(live.receipt_number))


def test_a_correction_must_itself_be_dated_in_an_open_month(january):
    with pytest.raises(CoopError) as refused:
        record_sale(january, day=JAN, buyer="B", lines=LINES, paid=True, corrects="1")
    assert refused.value.field == "day"


def test_every_kind_of_record_links_its_correction(january):
    def uuid(table):
        return _one(january, f"SELECT uuid FROM {table} WHERE day = ?", JAN.isoformat())[0]

    pay = pay_member(january, code="S01", day=FEB, amount=Decimal(5), confirm_advance=True,
                     corrects=uuid("member_payment"))
    pay_id = _one(january, "SELECT id FROM member_payment WHERE day = ?", JAN.isoformat())[0]
    pay2 = pay_member(january, code="S01", day=FEB, amount=Decimal(1), confirm_advance=True,
                      corrects=f"{pay_id:06d}")
    purchase = record_purchase(january, day=FEB, supplier="Cacao Chuncho", item="Cacao",
                               quantity=Decimal(1), unit="kg", unit_price=Decimal("11.00"),
                               corrects=uuid("purchase"))
    expense = record_expense(january, day=FEB, category="Transport", amount=Decimal("2.50"),
                             corrects=uuid("expense"))
    workday = record_workday(january, code="S01", day=FEB, line="chocolate",
                             corrects=uuid("workday"))
    for table, row in [("member_payment", pay), ("member_payment", pay2),
                       ("purchase", purchase), ("expense", expense), ("workday", workday)]:
        linked = _one(january, f"SELECT corrects_uuid FROM {table} WHERE id = ?", row.id)[0]
        assert linked == uuid(table), table
    assert check_book(january).ok
    # Voiding a correction keeps its link; the chain still verifies.
    void_expense(january, uuid=expense.uuid, reason="typo")
    void_payment(january, uuid=pay.uuid, reason="typo")
    void_purchase(january, uuid=purchase.uuid, reason="typo")
    void_workday(january, uuid=workday.uuid, reason="typo")
    assert _one(january, "SELECT corrects_uuid FROM expense WHERE id = ?",
                expense.id)[0] == uuid("expense")
    assert check_book(january).ok


def test_the_candidates_are_the_latest_voided_records(january):
    sale = record_sale(january, day=FEB, buyer="B", lines=LINES, paid=True)
    void_sale(january, receipt_number=sale.receipt_number, reason="typo")
    found = correction_candidates(january, entity="sale")
    assert [c.day for c in found] == [FEB, JAN]
    assert [c.number for c in found] == ["001-000003", "001-000001"]
    assert found[1].detail == "Bodega Rosa" and found[1].amount == Decimal("17.00")
    assert [c.corrected for c in found] == [False, False]
    record_sale(january, day=FEB, buyer="B", lines=LINES, paid=True, corrects="1")
    found = correction_candidates(january, entity="sale")
    assert [c.corrected for c in found] == [False, True]
    # no voided expense: only January's live one, offered because January is closed
    assert [(c.voided, c.closed_month) for c in
            correction_candidates(january, entity="expense")] == [(False, True)]


def _close_and_connect(book):
    path = book.path
    book.close()
    return path, sqlite3.connect(path)


def test_an_outside_update_of_the_link_is_refused(january):
    record_sale(january, day=FEB, buyer="B", lines=LINES, paid=True, corrects="1")
    path, conn = _close_and_connect(january)
    try:
        for sql in [
            "UPDATE sale SET corrects_uuid = NULL WHERE receipt_number = 3",
            "UPDATE sale SET corrects_uuid = 'x' WHERE receipt_number = 2",
            # together with an allowed change (voiding) it is still refused
            "UPDATE sale SET corrects_uuid = 'x', voided_at = '2022-02-04 10:00:00',"
            " void_reason = 'r' WHERE receipt_number = 3",
            "UPDATE expense SET corrects_uuid = 'x'",
            "UPDATE member_payment SET corrects_uuid = 'x'",
            "UPDATE purchase SET corrects_uuid = 'x'",
            "UPDATE workday SET corrects_uuid = 'x'",
        ]:
            with pytest.raises(sqlite3.DatabaseError, match="cannot be changed"):
                conn.execute(sql)
        assert conn.execute("SELECT corrects_uuid FROM sale WHERE receipt_number = 3"
                            ).fetchone()[0] is not None
        guarded = {r[0] for r in conn.execute(
            "SELECT tbl_name FROM sqlite_master WHERE name LIKE 'trg_%_corrects_fixed'")}
        assert guarded == {"sale", "purchase", "member_payment", "expense", "workday",
                           "member_credit", "share_movement"}
    finally:
        conn.close()
    with Book(path) as book:
        assert check_book(book).ok


def test_a_link_set_behind_the_programs_back_is_named_by_check(january):
    correction = record_sale(january, day=FEB, buyer="B", lines=LINES, paid=True, corrects="1")
    path, conn = _close_and_connect(january)
    try:
        for name in ("trg_sale_corrects_fixed", "trg_sale_guard_update"):
            conn.execute(f"DROP TRIGGER {name}")  # what a determined outsider could do
        conn.execute("UPDATE sale SET corrects_uuid = NULL WHERE id = ?", (correction.id,))
        conn.execute("UPDATE sale SET corrects_uuid = uuid WHERE receipt_number = 2")
        conn.commit()
    finally:
        conn.close()
    with Book(path) as book:
        report = check_book(book)
    assert not report.ok
    text = "\n".join(report.lines())
    assert "[sale 3]" in text and "[sale 2]" in text


def test_a_correction_changed_on_the_sheet_still_says_what_it_corrects(january):
    """Clicking a corrected day from full to half voids and re-records it: the link stays."""
    january_day = _one(january, "SELECT uuid FROM workday WHERE day = ?", JAN.isoformat())[0]
    set_sheet_cell(january, code="S01", day=FEB, line="chocolate", fraction=Decimal(1),
                   corrects=january_day)
    set_sheet_cell(january, code="S01", day=FEB, line="chocolate", fraction=Decimal("0.5"))
    rows = _one(january, "SELECT count(*), max(corrects_uuid), max(fraction) FROM workday"
                " WHERE day = ? AND voided_at IS NULL", FEB.isoformat())
    assert rows == (1, january_day, 500)
    assert check_book(january).ok


# --- the holes found in review -------------------------------------------------------


def _fmt(day: dt.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def test_a_payment_or_a_workday_corrects_only_one_of_the_same_member(january):
    add_member(january, MemberData("S02", "Beatriz Mamani", d(2021, 6, 1)))
    theirs = pay_member(january, code="S02", day=FEB, amount=Decimal(2), confirm_advance=True)
    void_payment(january, uuid=theirs.uuid, reason="wrong member")
    her_day = record_workday(january, code="S02", day=FEB, line="chocolate")
    void_workday(january, uuid=her_day.uuid, reason="typo")
    receipt = f"{theirs.id:06d}"
    before = _counts(january)
    attempts = [
        lambda: pay_member(january, code="S01", day=FEB, amount=Decimal(1), corrects=receipt),
        lambda: pay_member(january, code="S01", day=FEB, amount=Decimal(1),
                           corrects=theirs.uuid),
        lambda: record_workday(january, code="S01", day=FEB, line="chocolate",
                               corrects=her_day.uuid),
        lambda: set_sheet_cell(january, code="S01", day=FEB, line="chocolate",
                               fraction=Decimal(1), corrects=her_day.uuid),
    ]
    for attempt in attempts:
        with pytest.raises(CoopError) as refused:
            attempt()
        assert refused.value.field == "corrects"
        message = str(refused.value)
        assert "Beatriz Mamani" in message and "Ana Quispe" in message
        assert message.endswith(".")
        assert _counts(january) == before
    assert "Beatriz Mamani" in corrects_problem(january, entity="member_payment",
                                                corrects=receipt, code="S01")
    # her own records she may correct
    assert corrects_problem(january, entity="member_payment", corrects=receipt,
                            code="S02") == ""
    mine = pay_member(january, code="S02", day=FEB, amount=Decimal(2), confirm_advance=True,
                      corrects=receipt)
    assert _one(january, "SELECT corrects_uuid FROM member_payment WHERE id = ?",
                mine.id)[0] == theirs.uuid
    record_workday(january, code="S02", day=FEB, line="chocolate", corrects=her_day.uuid)
    assert check_book(january).ok


@pytest.mark.parametrize("typed", ["999-000001", "002-000001", "2-1"])
def test_a_receipt_of_another_series_is_refused(january, typed):
    before = _counts(january)
    with pytest.raises(CoopError) as refused:
        record_sale(january, day=FEB, buyer="B", lines=LINES, paid=True, corrects=typed)
    assert refused.value.field == "corrects"
    message = str(refused.value)
    assert typed in message and "001" in message and message.endswith(".")
    assert _counts(january) == before
    pay_id = _one(january, "SELECT id FROM member_payment")[0]
    series = typed.split("-")[0]
    with pytest.raises(CoopError) as refused:
        pay_member(january, code="S01", day=FEB, amount=Decimal(1),
                   corrects=f"{series}-{pay_id:06d}")
    assert refused.value.field == "corrects"
    assert _counts(january) == before


def test_the_books_own_series_is_read_with_or_without_leading_zeros(january):
    update_settings(january, receipt_series="7")
    with pytest.raises(CoopError):
        record_sale(january, day=FEB, buyer="B", lines=LINES, paid=True, corrects="001-000001")
    old = _one(january, "SELECT uuid FROM sale WHERE receipt_number = 1")[0]
    for typed in ("7-000001", "007-1"):
        sale = record_sale(january, day=FEB, buyer="B", lines=LINES, paid=True, corrects=typed)
        assert _one(january, "SELECT corrects_uuid FROM sale WHERE id = ?", sale.id)[0] == old


def test_a_correction_is_not_dated_before_the_record_it_corrects(january):
    late, early = d(2022, 2, 20), d(2022, 2, 3)
    expense = record_expense(january, day=late, category="Transport", amount=Decimal(4))
    void_expense(january, uuid=expense.uuid, reason="typo")
    workday = record_workday(january, code="S01", day=late, line="chocolate")
    void_workday(january, uuid=workday.uuid, reason="typo")
    sale = record_sale(january, day=late, buyer="B", lines=LINES, paid=True)
    void_sale(january, receipt_number=sale.receipt_number, reason="typo")
    before = _counts(january)
    attempts = [
        lambda: record_expense(january, day=early, category="Transport", amount=Decimal(3),
                               corrects=expense.uuid),
        lambda: record_workday(january, code="S01", day=early, line="chocolate",
                               corrects=workday.uuid),
        lambda: record_sale(january, day=early, buyer="B", lines=LINES, paid=True,
                            corrects=str(sale.receipt_number)),
    ]
    for attempt in attempts:
        with pytest.raises(CoopError) as refused:
            attempt()
        message = str(refused.value)
        assert _fmt(late) in message and _fmt(early) in message, message
        assert message.endswith(".")
        assert _counts(january) == before
    # the same day, or later, is fine
    record_expense(january, day=late, category="Transport", amount=Decimal(3),
                   corrects=expense.uuid)
    record_workday(january, code="S01", day=d(2022, 2, 21), line="chocolate",
                   corrects=workday.uuid)


def test_a_changed_sheet_cell_keeps_its_link_after_the_month_is_reopened(january):
    january_day = _one(january, "SELECT uuid FROM workday WHERE day = ?", JAN.isoformat())[0]
    set_sheet_cell(january, code="S01", day=FEB, line="chocolate", fraction=Decimal(1),
                   corrects=january_day)
    reopen_month(january, year=2022, month=1, reason="a late receipt")
    # January's day is live again in an open month: the inherited link only needs it to exist
    set_sheet_cell(january, code="S01", day=FEB, line="chocolate", fraction=Decimal("0.5"))
    rows = _one(january, "SELECT count(*), max(corrects_uuid), max(fraction) FROM workday"
                " WHERE day = ? AND voided_at IS NULL", FEB.isoformat())
    assert rows == (1, january_day, 500)
    # naming it explicitly still gets every check
    with pytest.raises(CoopError) as refused:
        set_sheet_cell(january, code="S01", day=FEB, line="chocolate", fraction=Decimal(1),
                       corrects=january_day)
    assert refused.value.field == "corrects"
    assert _one(january, "SELECT max(fraction) FROM workday WHERE day = ? AND voided_at IS NULL",
                FEB.isoformat())[0] == 500
    assert check_book(january).ok


def test_a_voided_correction_no_longer_says_corrected_by(january):
    first = record_sale(january, day=FEB, buyer="B", lines=LINES, paid=True, corrects="1")
    void_sale(january, receipt_number=first.receipt_number, reason="typo")
    assert sale_receipt(january, number=1).corrected_by == ""
    receipt_1 = _one(january, "SELECT uuid FROM sale WHERE receipt_number = 1")[0]

    def receipt_1_corrected():
        found = correction_candidates(january, entity="sale")
        return [c.corrected for c in found if c.uuid == receipt_1]

    assert receipt_1_corrected() == [False]
    second = record_sale(january, day=FEB, buyer="B", lines=LINES, paid=True, corrects="1")
    assert sale_receipt(january, number=1).corrected_by == f"001-{second.receipt_number:06d}"
    assert receipt_1_corrected() == [True]

    pay = _one(january, "SELECT uuid, id FROM member_payment")
    fix = pay_member(january, code="S01", day=FEB, amount=Decimal(1), corrects=pay[0])
    assert payment_receipt(january, payment_uuid=pay[0]).corrected_by == f"{fix.id:06d}"
    void_payment(january, uuid=fix.uuid, reason="typo")
    assert payment_receipt(january, payment_uuid=pay[0]).corrected_by == ""
    with january.transaction() as session:
        row = session.get(MemberPayment, pay[1])
        assert correction_links(session, "member_payment", row)[1] is None

    day = _one(january, "SELECT uuid FROM workday WHERE day = ?", JAN.isoformat())[0]
    fix_day = record_workday(january, code="S01", day=FEB, line="chocolate", corrects=day)
    assert [c.corrected for c in workday_candidates(january, code="S01")] == [True]
    void_workday(january, uuid=fix_day.uuid, reason="typo")
    found = workday_candidates(january, code="S01")
    assert [(c.uuid, c.corrected) for c in found if c.uuid == day] == [(day, False)]


def test_live_purchases_and_expenses_of_a_closed_month_are_offered(january):
    wrong = record_purchase(january, day=FEB, supplier="S", item="Cacao", quantity=Decimal(1),
                            unit="kg", unit_price=Decimal(2))
    void_purchase(january, uuid=wrong.uuid, reason="typo")
    live_feb = record_purchase(january, day=FEB, supplier="S", item="Cacao",
                               quantity=Decimal(1), unit="kg", unit_price=Decimal(3))
    january_purchase = _one(january, "SELECT uuid FROM purchase WHERE day = ?",
                            JAN.isoformat())[0]
    found = correction_candidates(january, entity="purchase")
    assert [(c.uuid, c.voided, c.closed_month) for c in found] == [
        (wrong.uuid, True, False), (january_purchase, False, True)]
    assert found[1].amount == Decimal("12.00") and found[1].detail == "Cacao"
    assert live_feb.uuid not in {c.uuid for c in found}  # live, open month: void it first
    record_purchase(january, day=FEB, supplier="S", item="Cacao", quantity=Decimal(1),
                    unit="kg", unit_price=Decimal(11), corrects=january_purchase)
    found = correction_candidates(january, entity="purchase")
    assert [c.corrected for c in found] == [False, True]


def test_the_offered_records_are_bounded(january):
    close_month(january, year=2022, month=2)
    march = d(2022, 3, 1)
    for n in range(3):
        day = d(2022, 2, 10 + n)
        with pytest.raises(CoopError):  # February is closed: nothing is recorded there
            record_expense(january, day=day, category="x", amount=Decimal(1))
    for n in range(3):
        e = record_expense(january, day=march, category=f"c{n}", amount=Decimal(1))
        void_expense(january, uuid=e.uuid, reason="typo")
    reopen_month(january, year=2022, month=2, reason="more")
    for n in range(3):
        record_expense(january, day=d(2022, 2, 10 + n), category=f"f{n}", amount=Decimal(1))
    close_month(january, year=2022, month=2)
    found = correction_candidates(january, entity="expense", limit=2)
    # the 2 latest voided (March) and the 2 latest live of closed months (12 and 11 Feb)
    assert [(c.day, c.voided) for c in found] == [
        (march, True), (march, True), (d(2022, 2, 12), False), (d(2022, 2, 11), False)]
    assert [c.detail for c in found] == ["c2", "c1", "f2", "f1"]
