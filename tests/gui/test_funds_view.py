"""Fondos on the desk, by keyboard: the balances, the movements, money in, voids refused or done.

The book: a 2022 surplus of S/ 650.00 approved with 10 % for the reserve and 5 % for the
education fund (65.00 and 32.50, worked out here), S/ 100.00 given to the education fund
by hand on 01/03/2023 and a workshop's cost of S/ 120.00 paid from it on 10/03/2023:
the education fund has 32.50 + 100.00 − 120.00 = 12.50. Every dialog is typed into as
soon as it opens; every refusal shows the command line's sentence and leaves every table
as it was (dumped with the test's own sqlite3).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from coopdesk.domain.month import Month
from coopdesk.formats import money
from coopdesk.gui.dialogs.fund_entry_dialog import FundEntryDialog
from coopdesk.gui.dialogs.void_dialog import VoidDialog
from coopdesk.gui.models.funds_model import COL_AMOUNT, COL_NOTE, COL_SOURCE
from coopdesk.gui.views.funds_view import FundsView
from coopdesk.i18n import _
from coopdesk.services.months import close_month


@pytest.fixture
def funds_ctx(qapp, book):
    from coopdesk.gui.context import AppContext
    from coopdesk.gui.operations import OperationRunner
    from coopdesk.services import distribution, funds
    from coopdesk.services.workshops import add_session
    from tests.services.costing_helpers import fill_costing_book

    fill_costing_book(book)
    distribution.set_rule(book, reserve_percent="10", education_percent="5")
    distribution.approve_distribution(book, year=2022, approved_on=dt.date(2023, 2, 15),
                                      surplus=D("650.00"))
    funds.record_fund_movement(book, fund="education", day=dt.date(2023, 3, 1), direction="in",
                               amount=D("100.00"), note="Donación de la parroquia")
    add_session(book, workshop=3, held_on=dt.date(2023, 3, 10))
    funds.pay_workshop_cost(book, workshop=3, held_on=dt.date(2023, 3, 10), amount=D("120.00"),
                            note="Materiales")
    return AppContext(book=book, runner=OperationRunner())


def _dump(book) -> dict[str, list]:
    """Every row of every table, read with the test's own SQL (the book holds its lock)."""
    with book.read() as reader:
        conn = reader.connection()
        tables = [t for (t,) in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {t: sorted(map(repr, conn.exec_driver_sql(f'SELECT * FROM "{t}"')))
                for t in tables}


@pytest.fixture
def view(qtbot, funds_ctx):
    v = FundsView(funds_ctx)
    qtbot.addWidget(v)
    v.resize(1300, 600)
    v.show()
    v.refresh()
    return v


def _select(qtbot, view, note: str) -> None:
    """Walk the list with the arrow keys until the row whose source or note has *note*."""
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    for r in range(view.model.rowCount()):
        texts = (view.model.index(r, COL_SOURCE).data(), view.model.index(r, COL_NOTE).data())
        if any(note in t for t in texts):
            assert view.selected() is view.model.row_at(r)
            return
        qtbot.keyClick(view.table, Qt.Key.Key_Down)
    raise AssertionError(f"no row with {note}")


def _when_open(kind, act) -> dict:
    """Run *act(dialog)* as soon as a *kind* dialog is the active modal window."""
    seen: dict = {}

    def wait() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind) or not dialog.isVisible():
            QTimer.singleShot(10, wait)
            return
        act(dialog, seen)
        if dialog.isVisible():
            def discard() -> None:
                box = QApplication.activeModalWidget()
                if box is dialog or box is None:
                    QTimer.singleShot(10, discard)
                    return
                QTest.keyClick(box, Qt.Key.Key_D)

            QTimer.singleShot(0, discard)
            QTest.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)

    QTimer.singleShot(0, wait)
    return seen


def _void(view, reason: str) -> dict:
    def act(dialog, seen):
        seen["focus_is_reason"] = dialog.focusWidget() is dialog.reason
        QTest.keyClicks(dialog.reason, reason)
        QTest.keyClick(dialog.reason, Qt.Key.Key_Return)
        seen["open"] = dialog.isVisible()
        seen["refusal"] = dialog.general_error.text()

    seen = _when_open(VoidDialog, act)
    view.void_selected()  # what the Void… button and Ctrl+Del call
    return seen


def _balances(reserve: str, education: str) -> str:
    return _("Today: {balances}").format(balances=" · ".join([
        _("{fund}: {amount}").format(fund=_("Reserve fund"), amount=money(D(reserve))),
        _("{fund}: {amount}").format(fund=_("Education fund"), amount=money(D(education)))]))


def test_the_balances_and_every_movement_newest_first(view):
    assert view.balances.text() == _balances("65.00", "12.50")
    rows = [(view.model.index(r, COL_AMOUNT).data(), view.model.index(r, COL_SOURCE).data())
            for r in range(view.model.rowCount())]
    assert rows == [
        (money(D("-120.00")), _("Workshop {what}").format(what=rows[0][1].split(" ", 1)[1])),
        (money(D("100.00")), _("Entered by hand")),
        (money(D("32.50")), _("Distribution of the {year} surplus").format(year=2022)),
        (money(D("65.00")), _("Distribution of the {year} surplus").format(year=2022)),
    ]
    assert rows[0][1].startswith(_("Workshop {what}").format(what="3 · "))


@pytest.mark.parametrize(("row", "sentence"), [
    ("65.00", "A part of an approved distribution cannot be voided: it stands with the"
              " assembly's agreement."),
    ("Donación", "It cannot be voided: the {fund} already spent that money."),
])
def test_a_void_the_command_line_refuses_is_refused_the_same(qtbot, view, row, sentence):
    before = _dump(view.ctx.book)
    if row == "65.00":  # the reserve's part: the last row
        view.table.setFocus()
        qtbot.keyClick(view.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        assert view.selected().fund == "reserve" and view.selected().source == "distribution"
    else:
        _select(qtbot, view, row)
    seen = _void(view, "anotado dos veces")
    assert seen["focus_is_reason"] and seen["open"]
    assert seen["refusal"] == _(sentence).format(fund=_("Education fund").lower())
    assert _dump(view.ctx.book) == before


def test_voiding_the_workshop_cost_gives_the_money_back_to_the_fund(qtbot, view):
    _select(qtbot, view, "Materiales")
    seen = _void(view, "el taller no se hizo")
    assert seen["open"] is False
    qtbot.waitUntil(lambda: view.balances.text() == _balances("65.00", "132.50"))
    _select(qtbot, view, "el taller no se hizo")
    assert view.model.index(view.table.currentIndex().row(), COL_NOTE).data() == _(
        "Voided: {reason}").format(reason="el taller no se hizo")
    assert not view.void_button.isEnabled()  # voided once is voided
    with view.ctx.book.read() as reader:
        assert reader.connection().exec_driver_sql(
            "SELECT void_reason FROM fund_movement WHERE source = 'workshop'").all() == [
            ("el taller no se hizo",)]


def test_a_movement_of_a_closed_month_cannot_be_voided(qtbot, view):
    close_month(view.ctx.book, year=2023, month=3)
    before = _dump(view.ctx.book)
    _select(qtbot, view, "Materiales")
    seen = _void(view, "el taller no se hizo")
    assert seen["refusal"] == _(
        "The month {month} is closed: nothing dated in it can be added, changed or voided."
        " Record the correction in an open month and write the record it corrects in its"
        " Corrects field.").format(month=Month(2023, 3).label)
    assert _dump(view.ctx.book) == before


def _entry(view, keys) -> dict:
    """Ctrl+N's slot; type *keys* (a list of texts and Qt keys) from the moment it opens."""
    def act(dialog, seen):
        seen["focus_is_fund"] = dialog.focusWidget() is dialog.fund
        for key in keys:
            target = dialog.focusWidget()
            if isinstance(key, str):
                QTest.keyClicks(target, key)
            else:
                QTest.keyClick(target, key)
        seen["open"] = dialog.isVisible()
        seen["errors"] = {name: dialog.error_label(name).text()
                          for name in ("fund", "day", "amount", "note")}

    seen = _when_open(FundEntryDialog, act)
    view.new_record()
    return seen


def _clear():
    return [Qt.Key.Key_End, *[Qt.Key.Key_Backspace] * 12]


T, DOWN, ENTER = Qt.Key.Key_Tab, Qt.Key.Key_Down, Qt.Key.Key_Return


def test_paying_out_of_the_reserve_from_the_desk_is_refused_beside_the_fund(view):
    before = _dump(view.ctx.book)
    # Reserve (first), Paid out, 20/03/2023, 10.00, a note, Enter.
    seen = _entry(view, [T, DOWN, T, *_clear(), "20/03/2023", T, "10.00", T,
                         "prestamo a una socia", ENTER])
    assert seen["focus_is_fund"] and seen["open"]
    assert seen["errors"]["fund"] == _(
        "Nothing is ever paid out of the reserve fund: the bylaws keep it for the"
        " cooperative. Nothing was recorded.")
    assert _dump(view.ctx.book) == before


def test_money_into_the_education_fund_typed_and_listed(qtbot, view):
    seen = _entry(view, [DOWN, T, T, *_clear(), "20/03/2023", T, "25.50", T,
                         "Rifa de la Navidad", ENTER])
    assert seen["open"] is False, seen
    qtbot.waitUntil(lambda: view.balances.text() == _balances("65.00", "38.00"))
    assert view.model.index(0, COL_NOTE).data() == "Rifa de la Navidad"
    assert view.model.index(0, COL_AMOUNT).data() == money(D("25.50"))
