"""The Jornales sheet: clicks and keys record workdays at once; totals and the book agree."""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal

import pytest
from babel.numbers import format_currency
from PySide6.QtCore import Qt

from coopdesk.domain.members import MemberStatus
from coopdesk.domain.work import ProductionLine
from coopdesk.gui.context import AppContext
from coopdesk.gui.models.workday_sheet_model import (
    COL_FIRST_DAY,
    COL_NAME,
    WorkdaySheetModel,
    refusal_text,
)
from coopdesk.gui.operations import OperationRunner
from coopdesk.gui.views.workday_sheet import WorkdaySheetView
from coopdesk.i18n import _
from coopdesk.services import sheets, work
from coopdesk.services.book import Book
from coopdesk.services.members import MemberData, add_member
from coopdesk.services.summary import month_summary

MARCH = (2022, 3)


def soles(text: str) -> str:
    return format_currency(Decimal(text), "PEN", locale="es_PE")


@pytest.fixture
def sheet_book(tmp_path):
    """A new book with Ana (since January) and Bea (10 to 20 March 2022, then withdrew)."""
    book = Book.open_folder(tmp_path / "book")
    add_member(book, MemberData("A01", "Ana Quispe", dt.date(2022, 1, 3)))
    add_member(
        book,
        MemberData(
            "A02",
            "Bea Mamani",
            dt.date(2022, 3, 10),
            status=MemberStatus.WITHDRAWN,
            exit_on=dt.date(2022, 3, 20),
        ),
    )
    yield book
    book.close()


@pytest.fixture
def view(qtbot, sheet_book):
    ctx = AppContext(sheet_book, OperationRunner())
    widget = WorkdaySheetView(ctx)
    qtbot.addWidget(widget)
    widget.resize(1300, 600)
    widget.set_month(*MARCH)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def cell(view, row: int, day: int):
    return view.model.index(row, COL_FIRST_DAY + day - 1)


def click(qtbot, view, index) -> None:
    view.table.scrollTo(index)
    qtbot.mouseClick(
        view.table.viewport(), Qt.MouseButton.LeftButton, pos=view.table.visualRect(index).center()
    )


def shown(view, row: int, column: int) -> str:
    return view.model.index(row, column).data() or ""


def live_workdays(book, year=2022, month=3):
    sheet = sheets.month_sheet(book, year, month)
    return {key: dict(lines) for key, lines in sheet.cells.items()}


def test_clicks_cycle_full_half_none_and_totals_follow(qtbot, view, sheet_book):
    click(qtbot, view, cell(view, 0, 1))  # full
    click(qtbot, view, cell(view, 0, 2))  # full
    click(qtbot, view, cell(view, 0, 3))  # full...
    click(qtbot, view, cell(view, 0, 3))  # ...then half
    for _n in range(3):  # a fourth cell cycled all the way back to nothing
        click(qtbot, view, cell(view, 0, 4))

    assert [shown(view, 0, COL_FIRST_DAY + d) for d in range(4)] == ["1", "1", "½", ""]
    model = view.model
    # 2 full days + 1 half day at the starting S/ 10.00 a day.
    expected_pay = Decimal("10.00") * 2 + Decimal("10.00") / 2
    assert shown(view, 0, model.days_column) == "2½"
    assert shown(view, 0, model.pay_column) == soles(f"{expected_pay:.2f}")
    assert shown(view, model.total_row, COL_FIRST_DAY + 2) == "½"
    assert shown(view, model.total_row, model.pay_column) == soles("25.00")

    summary = month_summary(sheet_book, *MARCH)
    assert summary.workdays == Decimal("2.5")
    assert summary.earned == Decimal("25.00")
    cells = live_workdays(sheet_book)
    assert cells[("A01", dt.date(2022, 3, 3))] == {ProductionLine.CHOCOLATE: Decimal("0.5")}
    assert ("A01", dt.date(2022, 3, 4)) not in cells


def test_a_double_click_counts_as_two_clicks(qtbot, view, sheet_book):
    index = cell(view, 0, 15)
    click(qtbot, view, index)
    # A quick second click reaches the table as a double click: 1 → ½.
    qtbot.mouseDClick(
        view.table.viewport(), Qt.MouseButton.LeftButton, pos=view.table.visualRect(index).center()
    )
    assert shown(view, 0, COL_FIRST_DAY + 14) == "½"
    assert month_summary(sheet_book, *MARCH).workdays == Decimal("0.5")


def test_ctrl_page_keys_change_the_month(qtbot, view):
    qtbot.keyClick(view.table, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert view.month() == (2022, 4)
    qtbot.keyClick(view.table, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view.table, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert view.month() == (2022, 2)
    assert view.month_combo.currentData() == 2


def test_space_cycles_and_arrows_move(qtbot, view, sheet_book):
    click(qtbot, view, cell(view, 0, 10))  # full on the 10th, and the cursor is there
    table = view.table
    qtbot.keyClick(table, Qt.Key.Key_Right)
    assert table.currentIndex() == cell(view, 0, 11)
    qtbot.keyClick(table, Qt.Key.Key_Space)  # 11th: full
    qtbot.keyClick(table, Qt.Key.Key_Right)
    qtbot.keyClick(table, Qt.Key.Key_Space)  # 12th: full
    qtbot.keyClick(table, Qt.Key.Key_Space)  # 12th: half
    qtbot.keyClick(table, Qt.Key.Key_Down)  # Bea, a member on the 12th
    assert table.currentIndex() == cell(view, 1, 12)
    qtbot.keyClick(table, Qt.Key.Key_5)  # half day straight away, and on to the 13th
    assert table.currentIndex() == cell(view, 1, 13)
    qtbot.keyClick(table, Qt.Key.Key_Left)
    qtbot.keyClick(table, Qt.Key.Key_Left)
    qtbot.keyClick(table, Qt.Key.Key_1)  # full day on the 11th, and on to the 12th
    assert table.currentIndex() == cell(view, 1, 12)
    qtbot.keyClick(table, Qt.Key.Key_Left)

    cells = live_workdays(sheet_book)
    fractions = {key: sum(lines.values()) for key, lines in cells.items()}
    assert fractions == {
        ("A01", dt.date(2022, 3, 10)): Decimal("1"),
        ("A01", dt.date(2022, 3, 11)): Decimal("1"),
        ("A01", dt.date(2022, 3, 12)): Decimal("0.5"),
        ("A02", dt.date(2022, 3, 12)): Decimal("0.5"),
        ("A02", dt.date(2022, 3, 11)): Decimal("1"),
    }
    assert shown(view, 1, view.model.days_column) == "1½"
    assert shown(view, 1, view.model.pay_column) == soles("15.00")
    assert shown(view, view.model.total_row, view.model.days_column) == "4"
    # The totals of each day: the 11th has Ana's and Bea's full days.
    assert shown(view, view.model.total_row, COL_FIRST_DAY + 10) == "2"

    qtbot.keyClick(table, Qt.Key.Key_0)  # and 0 clears Bea's 11th again
    assert ("A02", dt.date(2022, 3, 11)) not in live_workdays(sheet_book)


@pytest.mark.parametrize("day", [1, 9, 21, 31])
def test_greyed_days_of_a_member_who_had_not_joined_or_had_left_refuse_edits(
    qtbot, view, sheet_book, day
):
    index = cell(view, 1, day)
    assert not view.model.is_editable(index)
    assert not view.model.flags(index) & Qt.ItemFlag.ItemIsEnabled

    click(qtbot, view, index)
    view.set_cell(index, Decimal("1"))

    assert live_workdays(sheet_book) == {}
    assert shown(view, 1, COL_FIRST_DAY + day - 1) == ""
    member = view.model.member_at(1)
    assert view.message_label.text() == refusal_text(member, dt.date(2022, 3, day))
    assert "Bea Mamani" in view.message_label.text()


def test_member_days_inside_her_membership_are_editable(qtbot, view, sheet_book):
    for day in (10, 20):
        assert view.model.is_editable(cell(view, 1, day))
        click(qtbot, view, cell(view, 1, day))
    assert month_summary(sheet_book, *MARCH).workdays == Decimal("2")


def test_the_sheet_line_and_the_line_of_one_day(qtbot, view, sheet_book):
    view.set_line(ProductionLine.TEXTILES)
    click(qtbot, view, cell(view, 0, 7))
    assert live_workdays(sheet_book)[("A01", dt.date(2022, 3, 7))] == {
        ProductionLine.TEXTILES: Decimal("1")
    }
    click(qtbot, view, cell(view, 0, 7))  # half, still on textiles

    # Right-click menu: put that day on carpentry; it keeps its half day.
    view.set_line(ProductionLine.CHOCOLATE)
    menu = view.cell_menu(cell(view, 0, 7))
    carpentry = [a for a in menu.actions() if a.data() == ProductionLine.CARPENTRY.value]
    assert len(carpentry) == 1
    carpentry[0].trigger()
    assert live_workdays(sheet_book)[("A01", dt.date(2022, 3, 7))] == {
        ProductionLine.CARPENTRY: Decimal("0.5")
    }
    # Clicking that day again changes its own line's workday (half → none), not chocolate's.
    click(qtbot, view, cell(view, 0, 7))
    assert ("A01", dt.date(2022, 3, 7)) not in live_workdays(sheet_book)

    # The menu's "Full day" on an empty day records it on the sheet's line.
    full = [a for a in view.cell_menu(cell(view, 0, 8)).actions() if a.text() == _("Full day (1)")]
    full[0].trigger()
    assert live_workdays(sheet_book)[("A01", dt.date(2022, 3, 8))] == {
        ProductionLine.CHOCOLATE: Decimal("1")
    }


def test_refreshes_when_workdays_members_or_rates_change(qtbot, view, sheet_book):
    runner = view.ctx.runner
    for day in (14, 15, 16, 17):
        runner.run(
            lambda d=day: work.record_workday(
                sheet_book, code="A01", day=dt.date(2022, 3, d), line=ProductionLine.CHOCOLATE
            ),
        )
    assert shown(view, 0, view.model.days_column) == "4"
    assert shown(view, 0, view.model.pay_column) == soles("40.00")

    # A new rate of S/ 12.00 from the 16th: the 16th and 17th earn 12 each.
    runner.run(
        lambda: work.add_rate(sheet_book, valid_from=dt.date(2022, 3, 16), rate=Decimal("12.00")),
    )
    assert shown(view, 0, view.model.pay_column) == soles(f"{2 * 10 + 2 * 12}.00")
    assert "12.00" in view.rate_label.text()

    runner.run(
        lambda: add_member(sheet_book, MemberData("A03", "Carla Ttito", dt.date(2022, 3, 25))),
    )
    assert view.model.member_at(2).full_name == "Carla Ttito"
    assert not view.model.is_editable(cell(view, 2, 24))
    assert view.model.is_editable(cell(view, 2, 25))


def test_each_click_is_in_the_book_even_if_the_program_dies(qtbot, view, sheet_book, tmp_path):
    click(qtbot, view, cell(view, 0, 21))
    click(qtbot, view, cell(view, 0, 22))
    click(qtbot, view, cell(view, 0, 22))
    # Copy the files as they are on disk now, without closing the book: what a crash leaves.
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    for path in sheet_book.path.parent.iterdir():
        if path.name.startswith(sheet_book.path.name):
            shutil.copy2(path, crashed / path.name)
    other = Book.open_folder(crashed)
    try:
        summary = month_summary(other, *MARCH)
        assert summary.workdays == Decimal("1.5")
        assert summary.earned == Decimal("15.00")
    finally:
        other.close()


def test_month_selector(qtbot, view):
    assert view.month() == MARCH
    qtbot.mouseClick(view.previous_button, Qt.MouseButton.LeftButton)
    assert view.month() == (2022, 2)
    assert view.model.columnCount() == COL_FIRST_DAY + 28 + 2
    assert view.model.headerData(COL_FIRST_DAY + 27, Qt.Orientation.Horizontal).startswith("28")
    # Bea joined in March: in February she is not on the sheet.
    assert [view.model.member_at(r).code for r in range(view.model.total_row)] == ["A01"]
    for _n in range(11):
        qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    assert view.month() == (2023, 1)
    assert view.month_combo.currentData() == 1 and view.year_spin.value() == 2023
    view.month_combo.setCurrentIndex(view.month_combo.findData(10))
    view.month_combo.activated.emit(view.month_combo.currentIndex())
    assert view.month() == (2023, 10)
    qtbot.mouseClick(view.today_button, Qt.MouseButton.LeftButton)
    today = dt.date.today()
    assert view.month() == (today.year, today.month)


def test_the_demo_october_agrees_with_the_month_summary(qtbot, demo_book):
    ctx = AppContext(demo_book, OperationRunner())
    widget = WorkdaySheetView(ctx)
    qtbot.addWidget(widget)
    widget.set_month(2022, 10)
    model = widget.model
    summary = month_summary(demo_book, 2022, 10)
    by_code = {m.code: m for m in summary.members}
    for row in range(model.total_row):
        member = model.member_at(row)
        assert shown(widget, row, model.pay_column) == soles(f"{by_code[member.code].earned:.2f}")
    assert shown(widget, model.total_row, model.pay_column) == soles(f"{summary.earned:.2f}")
    # Weekends are shaded, and a day of a member who left in June is greyed in June.
    assert model.index(0, COL_FIRST_DAY).data(Qt.ItemDataRole.BackgroundRole) is not None
    widget.set_month(2022, 7)
    codes = [model.member_at(r).code for r in range(model.total_row)]
    assert "S08" not in codes  # left on 30/06/2022
    widget.set_month(2022, 6)
    row = [model.member_at(r).code for r in range(model.total_row)].index("S08")
    assert model.is_editable(model.index(row, COL_FIRST_DAY + 29))
    assert model.index(row, COL_NAME).data() == "Flor de María Chávez Loayza"


def test_model_passes_qtmodeltester(qtmodeltester, demo_book):
    model = WorkdaySheetModel()
    model.set_rows(sheets.month_sheet(demo_book, 2022, 10))
    qtmodeltester.check(model, force_py=True)
    model.update_rows(sheets.month_sheet(demo_book, 2022, 10))
    model.set_rows(sheets.month_sheet(demo_book, 2022, 2))
    qtmodeltester.check(model, force_py=True)


def test_empty_model_passes_qtmodeltester(qtmodeltester):
    qtmodeltester.check(WorkdaySheetModel(), force_py=True)


def test_a_closed_month_refuses_clicks_and_says_why(qtbot, view, sheet_book):
    from coopdesk.services import months

    click(qtbot, view, cell(view, 0, 1))
    view.ctx.runner.run(
        lambda: months.close_month(sheet_book, year=2022, month=3)
    )
    assert view.model.sheet.closed
    closed_text = view.message_label.text()
    assert "03/2022" in closed_text

    click(qtbot, view, cell(view, 0, 1))  # would be full → half
    qtbot.keyClick(view.table, Qt.Key.Key_Space)
    assert month_summary(sheet_book, *MARCH).workdays == Decimal("1")
    assert shown(view, 0, COL_FIRST_DAY) == "1"
    assert view.message_label.text() == closed_text

    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)  # April is open
    assert view.message_label.text() == ""
    click(qtbot, view, cell(view, 0, 1))
    assert month_summary(sheet_book, 2022, 4).workdays == Decimal("1")


def test_print_shows_the_paper_sheet_of_the_month(qtbot, view, sheet_book, monkeypatch):
    import io

    from pypdf import PdfReader

    from coopdesk.gui.dialogs import document_preview

    shown_documents = []
    monkeypatch.setattr(
        document_preview, "show_document", lambda *args: shown_documents.append(args)
    )
    click(qtbot, view, cell(view, 0, 2))
    qtbot.mouseClick(view.print_button, Qt.MouseButton.LeftButton)

    (parent, title, pdf), = shown_documents
    assert parent is view
    assert title == _("Workday sheet: {month}").format(month=view.month_title())
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Ana Quispe" in text and "Bea Mamani" in text


@pytest.mark.parametrize(
    ("value", "text"),
    [("0", "0"), ("0.5", "½"), ("1", "1"), ("8.5", "8½"), ("12", "12"), ("185.5", "185½"),
     ("0.25", "0.25")],
)
def test_days_are_written_as_on_paper(value, text):
    from coopdesk.gui.models.workday_sheet_model import days_text

    assert days_text(Decimal(value)) == text


def test_the_cycle_of_a_cell():
    from coopdesk.gui.models.workday_sheet_model import next_fraction

    assert next_fraction(None) == Decimal("1")
    assert next_fraction(Decimal("1.000")) == Decimal("0.5")
    assert next_fraction(Decimal("0.500")) is None


def test_model_without_a_view(sheet_book):
    work.record_workday(sheet_book, code="A02", day=dt.date(2022, 3, 12),
                        line=ProductionLine.TEXTILES, fraction=Decimal("0.5"))
    model = WorkdaySheetModel()
    model.set_rows(sheets.month_sheet(sheet_book, *MARCH))
    assert (model.rowCount(), model.columnCount()) == (3, 1 + 31 + 2)
    bea = 1
    assert model.index(bea, COL_NAME).data() == "Bea Mamani"
    assert model.index(bea, COL_FIRST_DAY + 11).data() == "½"
    assert model.cell_lines(model.index(bea, COL_FIRST_DAY + 11)) == {
        ProductionLine.TEXTILES: Decimal("0.5")}
    # The textiles colour, not the sheet line's, and the line in the tooltip.
    from coopdesk.gui.models.workday_sheet_model import LINE_COLOURS

    brush = model.index(bea, COL_FIRST_DAY + 11).data(Qt.ItemDataRole.BackgroundRole)
    assert brush.color() == LINE_COLOURS[ProductionLine.TEXTILES]
    tip = model.index(bea, COL_FIRST_DAY + 11).data(Qt.ItemDataRole.ToolTipRole)
    assert ProductionLine.TEXTILES.label in tip and "12/03/2022" in tip
    assert model.active_line(model.index(bea, COL_FIRST_DAY + 11), ProductionLine.CHOCOLATE) \
        == ProductionLine.TEXTILES
    assert model.index(model.total_row, COL_NAME).data() == _("Total of the day")
    assert model.index_of("A02", dt.date(2022, 3, 12)) == model.index(bea, COL_FIRST_DAY + 11)


def test_the_cursor_stays_on_her_day_when_the_sheet_is_rebuilt(qtbot, view, sheet_book):
    click(qtbot, view, cell(view, 1, 12))  # Bea, 12 March
    view.ctx.runner.run(
        lambda: add_member(sheet_book, MemberData("A00", "Alicia Ayma", dt.date(2022, 1, 3))),
    )
    # Alicia sorts first: Bea is now on the third row, and the cursor went with her.
    current = view.table.currentIndex()
    assert view.model.member_at(current.row()).code == "A02"
    assert view.model.day_at(current.column()) == dt.date(2022, 3, 12)
    qtbot.keyClick(view.table, Qt.Key.Key_Space)  # full → half on her own day
    assert live_workdays(sheet_book)[("A02", dt.date(2022, 3, 12))] == {
        ProductionLine.CHOCOLATE: Decimal("0.5")}
