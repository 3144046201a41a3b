import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog

from coopdesk.domain.members import MemberStatus
from coopdesk.gui.dialogs.member_dialog import MemberDialog
from coopdesk.i18n import _
from coopdesk.services.members import list_members
from coopdesk.services.queries import ListFilter, members_page


def _member(book, code):
    return next(m for m in list_members(book) if m.code == code)


def test_new_member_is_added(qtbot, ctx):
    before = len(list_members(ctx.book))
    dialog = MemberDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.code, "s30")  # the demo has S01 to S24
    qtbot.keyClicks(dialog.full_name, "Ana Maria Quispe Ttito")
    qtbot.keyClicks(dialog.dni, "41234567")
    dialog.joined_on.setDate(QDate(2022, 11, 7))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    members = list_members(ctx.book)
    assert len(members) == before + 1
    added = _member(ctx.book, "S30")
    assert added.full_name == "Ana Maria Quispe Ttito"
    assert added.joined_on == dt.date(2022, 11, 7)
    assert added.status == MemberStatus.ACTIVE


def test_status_change_to_released_with_a_date(qtbot, ctx):
    # S05 is active; the demo's last record is February 2024's (S04 left in 2023)
    row = members_page(ctx.book, ListFilter(text="S05"), None, 5)[0]
    dialog = MemberDialog(ctx, row)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.code.isReadOnly()
    dialog.status.setCurrentIndex(dialog.status.findData(MemberStatus.RELEASED))
    assert dialog.has_exit.isChecked()
    dialog.exit_on.setDate(QDate(2024, 3, 31))
    qtbot.keyClick(dialog.full_name, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    member = _member(ctx.book, "S05")
    assert member.status == MemberStatus.RELEASED
    assert member.exit_on == dt.date(2024, 3, 31)


def test_exit_before_her_records_is_refused_next_to_the_date(qtbot, ctx):
    row = members_page(ctx.book, ListFilter(text="S05"), None, 5)[0]  # active, works
    dialog = MemberDialog(ctx, row)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.status.setCurrentIndex(dialog.status.findData(MemberStatus.WITHDRAWN))
    dialog.exit_on.setDate(QDate(2022, 3, 1))  # she worked after that
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.error_label("exit_on").text()
    assert _member(ctx.book, "S05").status == MemberStatus.ACTIVE


@pytest.mark.parametrize(
    "field, typed, sentence",
    [
        ("dni", "123", _("The DNI “{dni}” must have exactly 8 digits (or leave it empty).").format(
            dni="123")),
        ("code", "S 1", _("The code “{code}” may only have letters, digits, - and _ (at most 20)."
                          ).format(code="S 1")),
    ],
)
def test_bad_fields_are_explained(qtbot, ctx, field, typed, sentence):
    before = len(list_members(ctx.book))
    dialog = MemberDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.code, "S30")
    qtbot.keyClicks(dialog.full_name, "Rosa Ccahua")
    widget = getattr(dialog, field)
    widget.clear()
    qtbot.keyClicks(widget, typed)
    assert dialog.error_label(field).text() == ""  # not while she types
    assert not dialog.is_valid()
    qtbot.keyClick(dialog.full_name, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.error_label(field).text() == sentence
    assert len(list_members(ctx.book)) == before


def test_code_in_use_is_refused_by_the_service_next_to_the_code(qtbot, ctx):
    dialog = MemberDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.code, "S01")
    qtbot.keyClicks(dialog.full_name, "Otra Persona")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.error_label("code").text() == _(
        "The code {code} is already used by another member."
    ).format(code="S01")


def test_a_pasted_right_to_left_override_in_a_name_is_refused(qtbot, ctx):
    """U+202E pasted into a name (Ctrl+V: no keyboard types it) would print reversed."""
    from PySide6.QtWidgets import QApplication

    before = len(list_members(ctx.book))
    dialog = MemberDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.code, "S30")
    qtbot.keyClicks(dialog.full_name, "Ana ")
    QApplication.clipboard().setText("\u202eatsiuQ")
    qtbot.keyClick(dialog.full_name, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert dialog.full_name.text() == "Ana \u202eatsiuQ"
    qtbot.keyClick(dialog.full_name, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.error_label("full_name").text() == _(
        "{what} contains an invisible character that changes how the text is shown "
        "(U+{code:04X}); type it again without it.").format(what=_("the name").capitalize(),
                                                          code=0x202E)
    assert len(list_members(ctx.book)) == before
