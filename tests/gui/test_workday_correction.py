"""Jornales: a day of an open month recorded as the correction of a closed month's workday."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu

from coopdesk.gui.views.workday_sheet import WorkdaySheetView
from coopdesk.i18n import _
from coopdesk.services import months
from coopdesk.services.corrections import corrects_problem

SEPTEMBER, OCTOBER = (2022, 9), (2022, 10)


def count_workdays(book) -> int:
    with book.transaction() as session:
        return session.connection().exec_driver_sql("SELECT count(*) FROM workday").scalar()


def september_workday(book, code: str) -> tuple[str, dt.date]:
    """Her last live workday of September, read straight from the table."""
    with book.transaction() as session:
        uuid, day = session.connection().exec_driver_sql(
            "SELECT w.uuid, w.day FROM workday w JOIN member m ON m.id = w.member_id"
            " WHERE m.code = ? AND w.voided_at IS NULL AND w.day BETWEEN '2022-09-01'"
            " AND '2022-09-30' ORDER BY w.day DESC, w.id DESC LIMIT 1",
            (code,),
        ).first()
    return uuid, dt.date.fromisoformat(day[:10])


@pytest.fixture
def view(qtbot, ctx):
    """October's sheet on the demo book, with September closed."""
    months.close_month(ctx.book, year=SEPTEMBER[0], month=SEPTEMBER[1])
    widget = WorkdaySheetView(ctx)
    qtbot.addWidget(widget)
    widget.resize(1300, 600)
    widget.set_month(*OCTOBER)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def empty_cell(view):
    """The first empty October day of a member who worked in September (row, index)."""
    model = view.model
    for row in range(model.total_row):
        member = model.member_at(row)
        with view.ctx.book.transaction() as session:
            worked = session.connection().exec_driver_sql(
                "SELECT 1 FROM workday w JOIN member m ON m.id = w.member_id WHERE m.code = ?"
                " AND w.voided_at IS NULL AND w.day BETWEEN '2022-09-01' AND '2022-09-30'",
                (member.code,),
            ).first()
        if not worked:
            continue
        for column in range(1, model.days_column):
            index = model.index(row, column)
            if model.is_editable(index) and not model.cell_lines(index):
                return member, index
    raise AssertionError("the demo has no empty October day")


@pytest.fixture
def menus(view, monkeypatch):
    """The menus the sheet opened, with their actions (text, enabled); none is shown."""
    opened = []

    def fake_show(menu: QMenu, _where) -> None:
        opened.append({a.text(): a.isEnabled() for a in menu.actions() if a.text()})

    monkeypatch.setattr(view, "show_menu", fake_show)
    return opened


def test_the_menu_key_offers_a_correction_on_an_empty_day_only(qtbot, view, menus):
    entry = _("Record as a correction…")
    _member, index = empty_cell(view)
    view.table.setCurrentIndex(index)
    qtbot.keyClick(view.table, Qt.Key.Key_Menu)
    qtbot.keyClick(view.table, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    assert len(menus) == 2 and menus[0][entry] and menus[1][entry]
    # A day that already holds a workday is changed by clicks, not by a correction.
    filled = next(
        view.model.index(index.row(), c) for c in range(1, view.model.days_column)
        if view.model.cell_lines(view.model.index(index.row(), c))
    )
    view.table.setCurrentIndex(filled)
    qtbot.keyClick(view.table, Qt.Key.Key_Menu)
    assert menus[2][entry] is False
    # A closed month's sheet offers it nowhere.
    view.set_month(*SEPTEMBER)
    view.table.setCurrentIndex(view.model.index(index.row(), index.column()))
    qtbot.keyClick(view.table, Qt.Key.Key_Menu)
    assert menus[-1].get(entry, False) is False


def test_a_correction_of_a_closed_month_is_recorded_and_marked(qtbot, view, ctx):
    member, index = empty_cell(view)
    uuid, corrected_day = september_workday(ctx.book, member.code)
    day = view.model.day_at(index.column())
    before = count_workdays(ctx.book)

    dialog = view.correction_dialog(index)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    uuids = [dialog.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(dialog.list.count())]
    row = uuids.index(uuid)
    assert _("closed month") in dialog.list.item(row).text()
    assert corrected_day.strftime("%d/%m/%Y") in dialog.list.item(row).text()
    dialog.list.setCurrentRow(row)
    qtbot.mouseClick(dialog.half_button, Qt.MouseButton.LeftButton)
    assert dialog.half_button.isChecked()
    qtbot.keyClick(dialog.list, Qt.Key.Key_Return)  # Enter picks and records
    assert dialog.result() == dialog.DialogCode.Accepted

    assert count_workdays(ctx.book) == before + 1
    with ctx.book.transaction() as session:
        rows = session.connection().exec_driver_sql(
            "SELECT w.day, w.fraction, m.code FROM workday w JOIN member m ON m.id = w.member_id"
            " WHERE w.corrects_uuid = ? AND w.voided_at IS NULL",
            (uuid,),
        ).all()
    assert len(rows) == 1
    assert rows[0][0][:10] == day.isoformat() and rows[0][2] == member.code
    assert Decimal(rows[0][1]) / 1000 == Decimal("0.5")  # stored in thousandths

    # The sheet shows it: half a day, a corner mark, and what it corrects in the tooltip.
    index = view.model.index_of(member.code, day)
    assert index.data() == "½"
    assert view.model.painted(index.row(), index.column()).corrects == corrected_day
    tooltip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert _("Corrects the record of {date}").format(
        date=corrected_day.strftime("%d/%m/%Y")) in tooltip
    # Its neighbours are not marked.
    other = view.model.index(index.row(), index.column() + (1 if index.column() == 1 else -1))
    assert view.model.painted(other.row(), other.column()).corrects is None


def test_a_refused_pick_shows_the_sentence_and_writes_nothing(qtbot, view, ctx):
    member, index = empty_cell(view)
    uuid, _day = september_workday(ctx.book, member.code)
    dialog = view.correction_dialog(index)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    # September is reopened while the dialog is open: its workday is valid again.
    months.reopen_month(ctx.book, year=SEPTEMBER[0], month=SEPTEMBER[1], reason="Prueba")
    before = count_workdays(ctx.book)
    uuids = [dialog.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(dialog.list.count())]
    dialog.list.setCurrentRow(uuids.index(uuid))
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)

    expected = corrects_problem(ctx.book, entity="workday", corrects=uuid)
    assert expected and dialog.error_label.text() == expected
    assert dialog.result() != dialog.DialogCode.Accepted
    assert count_workdays(ctx.book) == before
    qtbot.keyClick(dialog.list, Qt.Key.Key_Escape)  # Escape cancels
    assert dialog.result() == dialog.DialogCode.Rejected
    assert count_workdays(ctx.book) == before


def test_the_dialog_offers_no_workday_dated_after_the_day_being_recorded(qtbot, ctx):
    """Opened on 1 October with September closed, no candidate is later than 01/10/2022."""
    from coopdesk.services.work import set_sheet_cell
    from coopdesk.services.workday_corrections import workday_candidates

    months.close_month(ctx.book, year=SEPTEMBER[0], month=SEPTEMBER[1])
    widget = WorkdaySheetView(ctx)
    qtbot.addWidget(widget)
    widget.set_month(*OCTOBER)
    model = widget.model
    for row in range(model.total_row):
        member = model.member_at(row)
        everything = workday_candidates(ctx.book, code=member.code)
        index = model.index(row, 1)  # 1 October
        if not everything or not model.is_editable(index) or model.cell_lines(index):
            continue
        first = model.day_at(1)
        # A voided workday later in the month: offered by the service, not for 1 October.
        late = dt.date(2022, 10, 29)
        set_sheet_cell(ctx.book, code=member.code, day=late, line="chocolate",
                       fraction=Decimal(1))
        set_sheet_cell(ctx.book, code=member.code, day=late, line="chocolate", fraction=None)
        everything = workday_candidates(ctx.book, code=member.code)
        assert late in [c.day for c in everything]
        dialog = widget.correction_dialog(index)
        qtbot.addWidget(dialog)
        shown = [c.day for c in dialog.candidates]
        assert shown == [c.day for c in everything if c.day <= first]
        assert all(day <= first for day in shown)
        return
    raise AssertionError("no member with candidates and an empty 1 October")


def test_the_correction_dialog_by_keys_only_esc_records_nothing(qtbot, view, ctx):
    from PySide6.QtWidgets import QApplication, QPushButton

    _member, index = empty_cell(view)
    before = count_workdays(ctx.book)
    dialog = view.correction_dialog(index)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.list)  # Down/Up pick at once
    for button in dialog.findChildren(QPushButton):
        if button is not dialog.record_button:
            assert not button.autoDefault() and not button.isDefault()
    qtbot.keyClick(dialog.list, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.list, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.result() == dialog.DialogCode.Rejected
    assert count_workdays(ctx.book) == before


def test_the_correction_dialog_tab_then_enter_records_the_picked_day(qtbot, view, ctx):
    from PySide6.QtWidgets import QApplication

    member, index = empty_cell(view)
    before = count_workdays(ctx.book)
    dialog = view.correction_dialog(index)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.list)
    picked = dialog.picked_uuid()
    qtbot.keyClick(dialog.list, Qt.Key.Key_Tab)  # to the size: Enter still records
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert count_workdays(ctx.book) == before + 1
    with ctx.book.transaction() as session:
        code = session.connection().exec_driver_sql(
            "SELECT m.code FROM workday w JOIN member m ON m.id = w.member_id"
            " WHERE w.corrects_uuid = ? AND w.voided_at IS NULL", (picked,)).scalar()
    assert code == member.code
