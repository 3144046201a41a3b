"""The contribution form, typed with keys: a subscription, a deduction, and refusals.

Her capital and balance are worked out here from what the test records.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog

from coopdesk.formats import money
from coopdesk.gui.dialogs.contribution_dialog import ContributionDialog
from coopdesk.services.payments import owed_to
from coopdesk.services.shares import member_capital

DAY = dt.date(2022, 12, 31)


@pytest.fixture
def ctx(qapp, demo_without_capital_file, tmp_path):
    """The desk on the demo year before its share capital: an empty share ledger."""
    import shutil

    from coopdesk.services.book import Book
    from tests.gui.conftest import _ctx

    folder = tmp_path / "demo"
    folder.mkdir()
    shutil.copy2(demo_without_capital_file, folder / "coopdesk.sqlite3")
    book = Book.open_folder(folder)
    yield _ctx(book)
    book.close()


def _rows(book) -> list[tuple]:
    with book.read() as session:
        return [tuple(r) for r in session.connection().exec_driver_sql(
            "SELECT m.code, s.day, s.kind, s.amount, s.agreement, s.note FROM share_movement s"
            " JOIN member m ON m.id = s.member_id ORDER BY s.id")]


def _open(qtbot, ctx, code="S01"):
    dialog = ContributionDialog(ctx, code=code)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.day.setDate(QDate(DAY.year, DAY.month, DAY.day))
    return dialog


def _type(qtbot, dialog, *, downs: int, amount: str, agreement: str = "") -> None:
    """Choose the movement with the arrow keys (from Subscription), type, press Enter."""
    dialog.kind.setFocus()
    for _ in range(downs):
        qtbot.keyClick(dialog.kind, Qt.Key.Key_Down)
    qtbot.keyClicks(dialog.amount, amount)
    if agreement:
        qtbot.keyClicks(dialog.agreement, agreement)
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)


def test_a_subscription_then_a_deduction_from_her_pay(qtbot, ctx):
    owed = owed_to(ctx.book, code="S01", on=DAY)
    assert owed > Decimal("20")
    dialog = _open(qtbot, ctx)
    from coopdesk.i18n import _

    assert dialog.capital.text() == _(
        "paid {paid} of {subscribed}; she is owed {owed} up to {day}").format(
        paid=money(Decimal("0")), subscribed=money(Decimal("0")), owed=money(owed),
        day="31/12/2022")
    _type(qtbot, dialog, downs=0, amount="200", agreement="Asamblea 1, acuerdo 2")
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert _rows(ctx.book) == [("S01", "2022-12-31", "subscription", 20000,
                                "Asamblea 1, acuerdo 2", "")]

    dialog = _open(qtbot, ctx)
    _type(qtbot, dialog, downs=2, amount="20")  # Subscription → Payment → Deducted
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert _rows(ctx.book)[-1][:4] == ("S01", "2022-12-31", "deduction", 2000)
    assert owed_to(ctx.book, code="S01", on=DAY) == owed - Decimal("20")
    capital = member_capital(ctx.book, code="S01")
    assert (capital.subscribed, capital.paid_net) == (Decimal("200"), Decimal("20"))


def test_paying_without_a_subscription_is_refused_next_to_the_amount(qtbot, ctx):
    from coopdesk.i18n import _

    dialog = _open(qtbot, ctx, "S02")
    _type(qtbot, dialog, downs=1, amount="10")  # Payment in cash
    assert dialog.isVisible()
    assert _rows(ctx.book) == []
    expected = _("by {day} she would have paid S/ {paid} of a subscription of S/ {sub}; she"
                 " cannot pay more than she subscribed").format(day="31/12/2022", paid="10.00",
                                                                 sub="0.00")
    assert dialog.error_label("amount").text() == expected[:1].upper() + expected[1:] + "."


def test_esc_asks_before_discarding_and_writes_nothing(qtbot, ctx, no_modal):
    dialog = _open(qtbot, ctx)
    qtbot.keyClicks(dialog.amount, "50")
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Escape)
    assert dialog.isVisible()  # "Discard what you typed?" was not answered Discard: she stays
    assert _rows(ctx.book) == []
