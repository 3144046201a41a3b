"""Talleres: add sessions, tick a session's checklist, save it, and see "x of 9" follow."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from coopdesk.domain.members import MemberStatus
from coopdesk.domain.workshops import PROGRAMME, Attendance
from coopdesk.gui.context import AppContext
from coopdesk.gui.dialogs.session_dialog import SessionDialog
from coopdesk.gui.models import workshop_attendance_model as att
from coopdesk.gui.models import workshop_progress_model as pg
from coopdesk.gui.models.workshop_attendance_model import AttendanceModel, progress_text
from coopdesk.gui.models.workshop_list_model import WorkshopListModel
from coopdesk.gui.models.workshop_progress_model import ProgressGridModel
from coopdesk.gui.models.workshop_sessions_model import WorkshopSessionsModel
from coopdesk.gui.operations import OperationRunner
from coopdesk.gui.views.workshops_view import WorkshopsView
from coopdesk.i18n import _
from coopdesk.services import sheets, workshops
from coopdesk.services.book import Book
from coopdesk.services.members import MemberData, add_member


@pytest.fixture
def ws_book(tmp_path):
    """Ana (all year), Bea (released end of May) and Carla (joined in June) of 2022."""
    book = Book.open_folder(tmp_path / "book")
    add_member(book, MemberData("W01", "Ana Quispe", dt.date(2022, 1, 3)))
    add_member(
        book,
        MemberData(
            "W02", "Bea Mamani", dt.date(2022, 1, 3),
            status=MemberStatus.RELEASED, exit_on=dt.date(2022, 5, 31),
        ),
    )
    add_member(book, MemberData("W03", "Carla Ttito", dt.date(2022, 6, 1)))
    yield book
    book.close()


@pytest.fixture
def view(qtbot, ws_book):
    widget = WorkshopsView(AppContext(ws_book, OperationRunner()))
    qtbot.addWidget(widget)
    widget.resize(1176, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def add_session_by_hand(qtbot, view, day: dt.date, facilitator: str) -> SessionDialog:
    qtbot.mouseClick(view.add_session_button, Qt.MouseButton.LeftButton)
    dialog = view.findChildren(SessionDialog)[-1]
    dialog.held_on.set_day(day)
    qtbot.keyClicks(dialog.facilitator, facilitator)
    qtbot.keyClicks(dialog.notes, "En el taller")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    return dialog


def tick(qtbot, view, code: str, column: int) -> None:
    table, model = view.attendance_table, view.attendance_model
    index = model.index(model.row_of(code), column)
    table.scrollTo(index)
    qtbot.mouseClick(
        table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center()
    )


def shown_progress(view, code: str) -> str:
    model = view.progress_model
    return model.index(model.row_of(code), pg.COL_PROGRESS).data()


def test_add_a_session_and_save_its_attendance(qtbot, view, ws_book):
    view.select_workshop(1)
    assert view.attendance_model.rowCount() == 0
    dialog = add_session_by_hand(qtbot, view, dt.date(2022, 3, 15), "Equipo tecnico")
    assert dialog.result() == SessionDialog.DialogCode.Accepted

    session = view.current_session()
    assert (session.workshop, session.held_on, session.facilitator) == (
        1, dt.date(2022, 3, 15), "Equipo tecnico"
    )
    # On 15/03/2022 Ana and Bea were members; Carla joined in June.
    codes = [view.attendance_model.index(r, att.COL_CODE).data()
             for r in range(view.attendance_model.rowCount())]
    assert codes == ["W01", "W02"]
    assert not view.save_button.isEnabled()

    tick(qtbot, view, "W01", att.COL_PRESENT)
    tick(qtbot, view, "W02", att.COL_EXCUSED)
    assert view.save_button.isEnabled()
    assert workshops.progress(ws_book) == {}  # nothing saved until Save
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)

    assert workshops.progress(ws_book) == {"W01": {1}}
    saved = {r.code: r.status for r in sheets.session_checklist(ws_book, session.uuid)}
    assert saved == {"W01": Attendance.PRESENT, "W02": Attendance.EXCUSED}
    assert view.message_label.text() == _("Attendance saved.")
    assert not view.save_button.isEnabled()
    model = view.attendance_model
    assert model.index(model.row_of("W01"), att.COL_PROGRESS).data() == progress_text(1)
    assert model.index(model.row_of("W02"), att.COL_PROGRESS).data() == progress_text(0)
    assert shown_progress(view, "W01") == progress_text(1)
    grid = view.progress_model
    assert grid.index(grid.row_of("W01"), pg.COL_FIRST_WORKSHOP).data() == pg.TICK
    assert grid.index(grid.row_of("W02"), pg.COL_FIRST_WORKSHOP).data() == ""
    # The sessions list counts the checklist.
    counts = view.sessions_model.row_at(0)
    assert (counts.present, counts.absent, counts.excused) == (1, 0, 1)
    assert view.workshops_model.row_at(0).sessions == 1


def test_progress_counts_workshops_not_sessions(qtbot, view, ws_book):
    for number, day in ((2, dt.date(2022, 4, 5)), (2, dt.date(2022, 4, 12)),
                        (3, dt.date(2022, 7, 4))):
        view.select_workshop(number)
        add_session_by_hand(qtbot, view, day, "")
        qtbot.mouseClick(view.all_present_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    # Ana: workshops 2 (twice) and 3 → 2 of 9. Bea: 2 only (left in May). Carla: 3 only.
    assert shown_progress(view, "W01") == progress_text(2)
    assert shown_progress(view, "W02") == progress_text(1)
    assert shown_progress(view, "W03") == progress_text(1)
    assert progress_text(2) == _("{count} of {total}").format(count=2, total=9)
    assert workshops.progress(ws_book) == {"W01": {2, 3}, "W02": {2}, "W03": {3}}

    view.include_former.setChecked(False)
    assert view.progress_model.row_of("W02") == -1


def test_space_ticks_the_current_box_and_a_second_session_the_same_day_is_refused(
    qtbot, view, ws_book
):
    view.select_workshop(4)
    add_session_by_hand(qtbot, view, dt.date(2022, 5, 9), "")
    table, model = view.attendance_table, view.attendance_model
    table.setFocus()
    table.setCurrentIndex(model.index(model.row_of("W02"), att.COL_ABSENT))
    qtbot.keyClick(table, Qt.Key.Key_Space)
    assert model.status_of(model.row_of("W02")) == Attendance.ABSENT
    qtbot.keyClick(table, Qt.Key.Key_Space)  # unticking the only choice changes nothing
    assert model.status_of(model.row_of("W02")) == Attendance.ABSENT
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    checklist = sheets.session_checklist(ws_book, view.current_session().uuid)
    saved = {r.code: r.status for r in checklist}
    assert saved == {"W01": None, "W02": Attendance.ABSENT}

    dialog = add_session_by_hand(qtbot, view, dt.date(2022, 5, 9), "")
    assert dialog.isVisible()
    assert dialog.error_label("held_on").text() == _(
        "Workshop {n} already has a session on {day}."
    ).format(n=4, day="09/05/2022")
    assert len(sheets.session_rows(ws_book, 4)) == 1
    dialog.done(SessionDialog.DialogCode.Rejected)  # close without the discard question


def test_marks_not_saved_survive_a_refresh_from_another_screen(qtbot, view, ws_book):
    view.select_workshop(5)
    add_session_by_hand(qtbot, view, dt.date(2022, 6, 20), "")
    tick(qtbot, view, "W03", att.COL_PRESENT)
    view.ctx.runner.run(
        lambda: add_member(ws_book, MemberData("W04", "Dora Ccori", dt.date(2022, 2, 1))),
    )
    model = view.attendance_model
    assert model.status_of(model.row_of("W03")) == Attendance.PRESENT
    assert view.save_button.isEnabled()
    assert view.progress_model.row_of("W04") >= 0


def test_the_demo_book_grid(qtbot, demo_book):
    widget = WorkshopsView(AppContext(demo_book, OperationRunner()))
    qtbot.addWidget(widget)
    attended = workshops.progress(demo_book)
    model = widget.progress_model
    for code, numbers in attended.items():
        row = model.row_of(code)
        assert model.index(row, pg.COL_PROGRESS).data() == progress_text(len(numbers))
        ticks = {n for n in range(1, 10)
                 if model.index(row, pg.COL_FIRST_WORKSHOP + n - 1).data() == pg.TICK}
        assert ticks == numbers
    assert [widget.workshops_model.row_at(r).title for r in range(9)] == list(PROGRAMME)
    widget.select_workshop(8)
    # the tasting workshop met twice in 2022 and once in 2023
    assert widget.sessions_model.rowCount() == 3


def test_models_pass_qtmodeltester(qtmodeltester, demo_book):
    models = []
    workshop_list = WorkshopListModel()
    workshop_list.set_rows(sheets.workshop_rows(demo_book))
    sessions = WorkshopSessionsModel()
    sessions.set_rows(sheets.session_rows(demo_book, 8))
    checklist = AttendanceModel()
    first = sheets.session_rows(demo_book, 8)[0]
    checklist.set_rows(sheets.session_checklist(demo_book, first.uuid), {"S01": 3})
    grid = ProgressGridModel()
    grid.set_rows(sheets.progress_rows(demo_book), {1: PROGRAMME[0]})
    models += [workshop_list, sessions, checklist, grid]
    for model in models + [WorkshopListModel(), WorkshopSessionsModel(), AttendanceModel(),
                           ProgressGridModel()]:
        qtmodeltester.check(model, force_py=True)


@pytest.mark.parametrize(
    ("answer", "saved"),
    [("Save", {"W01": Attendance.ABSENT}), ("Discard", {}), ("Cancel", {})],
)
def test_leaving_a_checklist_with_marks_not_saved_asks_first(
    qtbot, view, ws_book, answer, saved
):
    from tests.gui.keys import ENTER, ESC, KEY_D, answer_question

    view.select_workshop(6)
    add_session_by_hand(qtbot, view, dt.date(2022, 2, 7), "")
    first = view.current_session().uuid
    add_session_by_hand(qtbot, view, dt.date(2022, 2, 14), "")
    tick(qtbot, view, "W01", att.COL_ABSENT)
    asked = answer_question({"Save": ENTER, "Discard": KEY_D, "Cancel": ESC}[answer])
    second = view.current_session().uuid
    view.select_session(first)

    assert len(asked) == 1
    assert asked[0]["text"] == _("The attendance you marked is not saved yet. Save it now?")
    assert asked[0]["default"] == _("&Save")
    marks = {r.code: r.status for r in sheets.session_checklist(ws_book, second) if r.status}
    assert marks == saved
    assert view.current_session().uuid == (second if answer == "Cancel" else first)
    assert (view.message_label.text() == _("Not saved yet.")) == (answer == "Cancel")


def test_a_session_added_for_another_workshop_is_shown_there(qtbot, view, ws_book):
    view.select_workshop(2)
    qtbot.mouseClick(view.add_session_button, Qt.MouseButton.LeftButton)
    dialog = view.findChildren(SessionDialog)[-1]
    dialog.workshop.setCurrentIndex(dialog.workshop.findData(7))
    dialog.held_on.set_day(dt.date(2022, 9, 5))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert view.current_session().workshop == 7
    assert view.workshops_table.currentIndex().row() == view.workshops_model.row_of(7)
    assert view.sessions_heading.text() == _("Sessions of workshop {n}").format(n=7)


def test_print_shows_the_attendance_sheet_of_the_session(qtbot, view, ws_book, monkeypatch):
    import io

    from pypdf import PdfReader

    from coopdesk.gui.dialogs import document_preview

    shown_documents = []
    monkeypatch.setattr(
        document_preview, "show_document", lambda *args: shown_documents.append(args)
    )
    assert not view.print_button.isEnabled()  # no session yet
    view.select_workshop(3)
    add_session_by_hand(qtbot, view, dt.date(2022, 3, 21), "Equipo")
    assert view.print_button.isEnabled()
    qtbot.mouseClick(view.print_button, Qt.MouseButton.LeftButton)

    (parent, title, pdf), = shown_documents
    assert title == _("Attendance sheet: workshop {n}").format(n=3)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Ana Quispe" in text and "Carla Ttito" not in text  # Carla joined in June


def test_a_blank_sheet_is_printed_from_the_keyboard_before_any_session(
        qtbot, view, ws_book, monkeypatch):
    """Alt+K (Spanish: Alt+B) on Talleres: the shown workshop's sheet, today's members, no marks."""
    import io

    from pypdf import PdfReader

    from coopdesk.gui.dialogs import document_preview

    shown_documents = []
    monkeypatch.setattr(
        document_preview, "show_document", lambda *args: shown_documents.append(args)
    )
    view.select_workshop(4)
    workshops.add_session(ws_book, workshop=4, held_on=dt.date(2022, 3, 21))
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.workshops_table.setFocus()
    mnemonic = view.blank_sheet_button.text().split("&")[1][0]
    qtbot.keyClick(view.workshops_table, getattr(Qt.Key, f"Key_{mnemonic.upper()}"),
                   Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: len(shown_documents) == 1)
    (parent, title, pdf), = shown_documents
    assert title == _("Attendance sheet: workshop {n}").format(n=4)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert PROGRAMME[3] in text.replace("\n", " ")
    # Members in the cooperative today: Ana and Carla, not Bea (released in May 2022).
    assert "Ana Quispe" in text and "Carla Ttito" in text and "Bea Mamani" not in text
    assert "____/____/________" in text  # the date is written by hand
    assert _(Attendance.PRESENT.label) not in text
