"""The lists as she uses them: members with what is owed, actions per screen, counts, chart."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from coopdesk.formats import money
from coopdesk.gui.actions import SCREEN_ACTIONS, Action
from coopdesk.gui.main_window import MainWindow
from coopdesk.gui.models.members_model import COL_BALANCE, COL_CODE
from coopdesk.gui.views.members_view import MembersView
from coopdesk.i18n import _, ngettext
from coopdesk.services.members import MemberData, add_member
from coopdesk.services.payments import pay_member
from coopdesk.services.work import record_workday


def _owed_by_hand(book) -> dict[str, Decimal]:
    """Per member: workdays at S/ 10 (S/ 12 from 01/11/2022) + credits − payments − what was
    deducted from her pay for her share capital, in SQL."""
    with book.read() as session:
        rows = session.connection().exec_driver_sql(
            "SELECT m.code,"
            " (SELECT coalesce(sum(w.fraction * CASE WHEN w.day >= '2022-11-01' THEN 1200"
            "   ELSE 1000 END), 0) FROM workday w"
            "   WHERE w.member_id = m.id AND w.voided_at IS NULL),"
            " (SELECT coalesce(sum(c.amount), 0) FROM member_credit c"
            "   WHERE c.member_id = m.id AND c.voided_at IS NULL),"
            " (SELECT coalesce(sum(p.amount), 0) FROM member_payment p"
            "   WHERE p.member_id = m.id AND p.voided_at IS NULL)"
            " + (SELECT coalesce(sum(s.amount), 0) FROM share_movement s"
            "   WHERE s.member_id = m.id AND s.voided_at IS NULL AND s.kind = 'deduction')"
            " FROM member m"
        ).all()
    # fraction in thousandths × rate in céntimos; credits, payments, deductions in céntimos.
    return {code: (Decimal(earned) / 1000 + Decimal(credit) - Decimal(paid)) / 100
            for code, earned, credit, paid in rows}


@pytest.fixture
def members(qtbot, ctx):
    view = MembersView(ctx)
    qtbot.addWidget(view)
    view.show()
    view.refresh()
    return view


def _shown(view) -> dict[str, str]:
    model = view.model
    while model.canFetchMore():
        model.fetchMore()
    return {model.index(r, COL_CODE).data(): model.index(r, COL_BALANCE).data()
            for r in range(model.rowCount())}


def test_members_show_what_is_owed_to_each(members):
    expected = _owed_by_hand(members.ctx.book)
    assert len(expected) >= 20
    assert any(v > 0 for v in expected.values())
    assert _shown(members) == {code: money(v.quantize(Decimal("0.01")))
                               for code, v in expected.items()}


def test_a_member_paid_in_advance_shows_what_she_owes(qtbot, members):
    book = members.ctx.book
    add_member(book, MemberData(code="S90", full_name="Nueva Socia",
                                joined_on=dt.date(2022, 12, 1)))
    record_workday(book, code="S90", day=dt.date(2022, 12, 5), line="chocolate")  # S/ 12.00
    pay_member(book, code="S90", day=dt.date(2022, 12, 6), amount=Decimal("62.00"),
               confirm_advance=True)
    members.refresh()
    # 12.00 earned − 62.00 paid = −50.00: she owes the cooperative S/ 50.00.
    assert _shown(members)["S90"] == _("owes {amount}").format(amount=money(Decimal("50.00")))
    assert _owed_by_hand(book)["S90"] == Decimal("-50.00")


def test_the_count_says_row_or_rows(qtbot, members):
    qtbot.keyClicks(members.search, "S01")  # the search box, as she types in it
    qtbot.keyClick(members.search, Qt.Key.Key_Return)  # searches at once
    qtbot.waitUntil(lambda: members.model.rowCount() == 1)
    assert members.count_label.text() == ngettext("{n} row shown", "{n} rows shown", 1).format(
        n=1)
    members.search.clear()
    qtbot.keyClick(members.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: members.model.rowCount() > 1)
    n = members.model.rowCount()
    assert members.count_label.text() == ngettext("{n} row shown", "{n} rows shown", n).format(
        n=n)


#: What each screen can do with the window's row actions (the rest is greyed out).
CAN = {
    "payments": {Action.NEW_RECORD, Action.PRINT_SELECTED, Action.VOID_SELECTED, Action.FIND},
    "sales": {Action.NEW_RECORD, Action.EDIT_SELECTED, Action.MARK_PAID, Action.VOID_SELECTED,
              Action.PRINT_SELECTED, Action.FIND},
    "members": {Action.NEW_RECORD, Action.EDIT_SELECTED, Action.FIND},
    "home": set(),
    "settings": set(),
}


def test_actions_a_screen_cannot_do_are_disabled(qtbot, ctx):
    window = MainWindow(ctx, auto_backup=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()  # what the window manager does for a new window
    qtbot.waitUntil(window.isActiveWindow)
    keys = {"home": "1", "members": "2", "sales": "6", "payments": "7", "settings": ","}
    for screen in ("home", "payments", "sales", "home", "members", "settings", "payments"):
        qtbot.keyClick(window, keys[screen], Qt.KeyboardModifier.ControlModifier)
        assert window.current_key() == screen
        enabled = {a for a in SCREEN_ACTIONS if window.registry[a].isEnabled()}
        assert enabled == CAN[screen], screen
    # Ctrl+M on Payments: greyed out, and pressing it opens nothing.
    assert not window.registry[Action.MARK_PAID].isEnabled()


@pytest.fixture
def language():
    """Switch the language for one test, and put the previous one back."""
    from coopdesk import i18n

    before = i18n.current_language()
    yield i18n.set_language
    i18n.set_language(before)


def test_the_charts_month_names_follow_the_language(language):
    from coopdesk.formats import month_short
    from coopdesk.reports.chart import sales_chart

    months = [(2022, m, Decimal("100.00")) for m in range(1, 13)]
    language("en")
    screen = sales_chart(months, labels=[month_short(y, m) for y, m, _t in months])
    paper = sales_chart(months)
    axis = [c for c in screen.contents if hasattr(c, "categoryAxis")][0].categoryAxis
    paper_axis = [c for c in paper.contents if hasattr(c, "categoryAxis")][0].categoryAxis
    assert axis.categoryNames[0] == "Jan 22" and axis.categoryNames[7] == "Aug 22"
    # Paper follows the chosen language too since 45d1e83 ("oct. 22" / "Oct 22"); this
    # line still said Spanish when both branches were merged.
    assert paper_axis.categoryNames[0] == month_short(2022, 1) == "Jan 22"
    language("es")
    assert month_short(2022, 1) == "ene. 22" and month_short(2022, 9) == "set. 22"


def test_tab_into_a_list_selects_the_row_the_shortcuts_act_on(qtbot, empty_ctx):
    """Coordinator review: Tab from the search into Pagos left the one row unselected and
    "Anular…" greyed, yet Ctrl+Supr voided it. The row she lands on is now selected."""
    from PySide6.QtWidgets import QApplication

    from coopdesk.gui.views.payments_view import PaymentsView

    book = empty_ctx.book
    add_member(book, MemberData(code="S01", full_name="Rosa Quispe", joined_on=dt.date(2024, 1, 2)))
    record_workday(book, code="S01", day=dt.date(2024, 1, 3), line="chocolate")
    pay_member(book, code="S01", day=dt.date(2024, 1, 4), amount=Decimal("5.00"))
    view = PaymentsView(empty_ctx)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.refresh()
    assert not view.void_button.isEnabled()  # nothing chosen yet
    view.focus_search()
    qtbot.keyClick(view.search, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is view.table
    assert view.table.selectionModel().selectedRows()[0].row() == 0
    assert view.void_button.isEnabled() and view.print_button.isEnabled()
