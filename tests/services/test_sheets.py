"""The read side of the two sheets: month grid, totals at the rate of each day, workshops."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from coopdesk.domain.errors import NotFound
from coopdesk.domain.members import MemberStatus
from coopdesk.domain.work import ProductionLine
from coopdesk.domain.workshops import Attendance
from coopdesk.services import sheets, work, workshops
from coopdesk.services.members import MemberData, add_member

CHOC, TEXT = ProductionLine.CHOCOLATE, ProductionLine.TEXTILES


@pytest.fixture
def members(book):
    add_member(book, MemberData("M1", "Ana", dt.date(2022, 1, 3)))
    add_member(book, MemberData("M2", "Bea", dt.date(2022, 1, 3),
                                status=MemberStatus.WITHDRAWN, exit_on=dt.date(2022, 4, 30)))
    add_member(book, MemberData("M3", "Carla", dt.date(2022, 5, 16)))
    return book


def test_month_sheet_members_cells_and_totals_at_each_days_rate(members):
    book = members
    work.add_rate(book, valid_from=dt.date(2022, 5, 16), rate=Decimal("12.00"))
    # Two lines on the 2nd, half a day each: a member works at most one full day a date.
    for day, line, fraction in ((2, CHOC, "0.5"), (2, TEXT, "0.5"), (13, CHOC, "0.5"),
                                (16, CHOC, "1"), (17, CHOC, "0.5")):
        work.record_workday(book, code="M1", day=dt.date(2022, 5, day), line=line,
                            fraction=Decimal(fraction))
    work.record_workday(book, code="M3", day=dt.date(2022, 5, 16), line=CHOC)
    voided = work.record_workday(book, code="M3", day=dt.date(2022, 5, 18), line=CHOC)
    work.void_workday(book, uuid=voided.uuid, reason="wrong day")

    sheet = sheets.month_sheet(book, 2022, 5)
    assert len(sheet.days) == 31
    assert [m.code for m in sheet.members] == ["M1", "M3"]  # Bea left in April
    assert sheet.cell("M1", dt.date(2022, 5, 2)) == {CHOC: Decimal("0.5"), TEXT: Decimal("0.5")}
    assert sheet.cell("M3", dt.date(2022, 5, 18)) == {}
    assert sheet.member_days("M1") == Decimal("3")
    # Until the 15th S/ 10.00: 0.5 + 0.5 + 0.5 days → 15.00; from the 16th S/ 12.00: 1.5 → 18.00.
    assert sheet.member_pay("M1") == Decimal("33.00")
    assert sheet.member_pay("M3") == Decimal("12.00")
    assert sheet.day_total(dt.date(2022, 5, 16)) == Decimal("2")
    assert sheet.total_days() == Decimal("4")
    assert sheet.total_pay() == Decimal("45.00")
    assert sheet.rates_in_month() == [(dt.date(2022, 5, 1), Decimal("10.00")),
                                      (dt.date(2022, 5, 16), Decimal("12.00"))]
    carla = sheet.members[1]
    assert not carla.is_member_on(dt.date(2022, 5, 15)) and carla.is_member_on(dt.date(2022, 5, 16))


def test_move_sheet_cell_keeps_the_fraction_in_one_operation(members):
    book = members
    day = dt.date(2022, 3, 7)
    work.set_sheet_cell(book, code="M1", day=day, line=CHOC, fraction=Decimal("0.5"))
    sheets.move_sheet_cell(book, code="M1", day=day, from_line=CHOC, to_line=TEXT)
    assert sheets.month_sheet(book, 2022, 3).cell("M1", day) == {TEXT: Decimal("0.5")}
    with pytest.raises(NotFound):
        sheets.move_sheet_cell(book, code="M1", day=day, from_line=CHOC, to_line=TEXT)


def test_workshop_rows_sessions_checklist_and_progress(members):
    book = members
    first = workshops.add_session(book, workshop=1, held_on=dt.date(2022, 3, 1))
    workshops.mark_attendance(book, session_uuid=first.uuid, marks={
        "M1": Attendance.PRESENT, "M2": Attendance.ABSENT})
    again = workshops.add_session(book, workshop=1, held_on=dt.date(2022, 6, 1))
    workshops.mark_attendance(book, session_uuid=again.uuid, marks={
        "M1": Attendance.PRESENT, "M3": Attendance.PRESENT})

    rows = sheets.workshop_rows(book)
    assert [(r.number, r.sessions, r.attended_by) for r in rows][:2] == [(1, 2, 2), (2, 0, 0)]
    sessions = sheets.session_rows(book, 1)
    assert [(s.held_on, s.present, s.absent) for s in sessions] == [
        (dt.date(2022, 6, 1), 2, 0), (dt.date(2022, 3, 1), 1, 1)]
    # On 1 June Bea had left and is not on the checklist; Carla had joined.
    assert [(c.code, c.status) for c in sheets.session_checklist(book, again.uuid)] == [
        ("M1", Attendance.PRESENT), ("M3", Attendance.PRESENT)]
    assert [(c.code, c.status) for c in sheets.session_checklist(book, first.uuid)] == [
        ("M1", Attendance.PRESENT), ("M2", Attendance.ABSENT)]
    progress = {p.code: p.count for p in sheets.progress_rows(book)}
    assert progress == {"M1": 1, "M2": 0, "M3": 1}
    assert [p.code for p in sheets.progress_rows(book, include_former=False)] == ["M1", "M3"]


def test_moving_a_half_day_onto_a_half_day_makes_a_full_day_and_more_is_refused(members):
    from coopdesk.domain.errors import InvalidInput

    book = members
    day = dt.date(2022, 3, 8)
    work.set_sheet_cell(book, code="M1", day=day, line=CHOC, fraction=Decimal("0.5"))
    work.set_sheet_cell(book, code="M1", day=day, line=TEXT, fraction=Decimal("0.5"))
    sheets.move_sheet_cell(book, code="M1", day=day, from_line=CHOC, to_line=TEXT)
    assert sheets.month_sheet(book, 2022, 3).cell("M1", day) == {TEXT: Decimal("1")}

    # A full day on textiles leaves no room for half a day on chocolate the same date.
    with pytest.raises(InvalidInput) as refused:
        work.set_sheet_cell(book, code="M1", day=day, line=CHOC, fraction=Decimal("0.5"))
    assert str(refused.value) == (  # the book's language: Spanish
        "Ana ya tiene 1 de jornal el 08/03/2022 (sumando todas las líneas); 0.5 más sería más"
        " de un jornal completo en una misma fecha.")
    assert sheets.month_sheet(book, 2022, 3).cell("M1", day) == {TEXT: Decimal("1")}
