import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog

from coopdesk.domain.errors import InvalidInput
from coopdesk.domain.money import parse_amount
from coopdesk.formats import money
from coopdesk.gui.dialogs.payment_dialog import PaymentDialog
from coopdesk.i18n import _
from coopdesk.services.payments import owed_to

DAY = dt.date(2022, 12, 31)


def _owed_by_hand(book, code: str) -> Decimal:
    """Earned (S/ 10 a day, S/ 12 from 01/11/2022, half days half) minus live payments and
    what was deducted from her pay for her share capital."""
    with book.read() as session:
        conn = session.connection()
        earned = conn.exec_driver_sql(
            "SELECT coalesce(sum(w.fraction * CASE WHEN w.day >= '2022-11-01' THEN 1200 ELSE 1000"
            " END), 0) FROM workday w JOIN member m ON m.id = w.member_id"
            " WHERE m.code = ? AND w.voided_at IS NULL AND w.day <= ?",
            (code, DAY.isoformat()),
        ).scalar()
        paid = conn.exec_driver_sql(
            "SELECT coalesce(sum(p.amount), 0) FROM member_payment p JOIN member m"
            " ON m.id = p.member_id WHERE m.code = ? AND p.voided_at IS NULL AND p.day <= ?",
            (code, DAY.isoformat()),
        ).scalar()
        deducted = conn.exec_driver_sql(
            "SELECT coalesce(sum(s.amount), 0) FROM share_movement s JOIN member m"
            " ON m.id = s.member_id WHERE m.code = ? AND s.voided_at IS NULL"
            " AND s.kind = 'deduction' AND s.day <= ?", (code, DAY.isoformat()),
        ).scalar()
    # fraction is in thousandths and the rate in céntimos.
    return (Decimal(earned) / 1000 - Decimal(paid) - Decimal(deducted)) / 100


def _payments(book) -> int:
    with book.read() as session:
        return session.connection().exec_driver_sql("SELECT count(*) FROM member_payment").scalar()


def _open(qtbot, ctx, code="S01"):
    dialog = PaymentDialog(ctx, code=code)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.day.setDate(QDate(DAY.year, DAY.month, DAY.day))
    return dialog


def test_what_she_is_owed_is_shown_before_paying(qtbot, ctx):
    owed = _owed_by_hand(ctx.book, "S01")
    assert owed > 0
    dialog = _open(qtbot, ctx)
    assert money(owed) in dialog.owed.text()
    qtbot.keyClicks(dialog.amount, f"{owed:.2f}")
    qtbot.keyClicks(dialog.received_by, "Hermana Lucia Huaman")
    count = _payments(ctx.book)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert _payments(ctx.book) == count + 1
    assert owed_to(ctx.book, code="S01", on=DAY) == Decimal("0.00")
    assert dialog.result_value.received_by == "Hermana Lucia Huaman"


@pytest.mark.parametrize("answer", [False, True])
def test_paying_more_than_owed_needs_confirmation(qtbot, ctx, monkeypatch, answer):
    owed = _owed_by_hand(ctx.book, "S02")
    asked = []

    def ask(self, error):
        asked.append(error.message)
        return answer

    monkeypatch.setattr(PaymentDialog, "ask_advance", ask)
    dialog = _open(qtbot, ctx, "S02")
    qtbot.keyClicks(dialog.amount, f"{owed + Decimal('50'):.2f}")
    count = _payments(ctx.book)
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    assert len(asked) == 1
    if answer:
        assert dialog.result() == QDialog.DialogCode.Accepted
        assert _payments(ctx.book) == count + 1
        assert owed_to(ctx.book, code="S02", on=DAY) == Decimal("-50.00")
    else:
        assert dialog.isVisible()
        assert _payments(ctx.book) == count
        assert dialog.error_label("amount").isVisible()


@pytest.mark.parametrize("typed", ["S/ 12", "1.234.50", "-5", "abc", "", "0", "12.345"])
def test_bad_amount_is_explained_next_to_the_field(qtbot, ctx, typed):
    dialog = _open(qtbot, ctx)
    if typed:
        qtbot.keyClicks(dialog.amount, typed)
    else:
        qtbot.keyClicks(dialog.amount, "5")
        qtbot.keyClick(dialog.amount, Qt.Key.Key_Backspace)
    with pytest.raises(InvalidInput) as refused:
        parse_amount(typed, what=_("the amount"))
    label = dialog.error_label("amount")
    assert not dialog.is_valid()
    count = _payments(ctx.book)
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    assert _payments(ctx.book) == count
    assert dialog.isVisible()
    assert label.text() == refused.value.message


def test_a_member_must_be_chosen(qtbot, ctx):
    dialog = PaymentDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.amount, "10")
    assert not dialog.is_valid()
    dialog.member.setCurrentIndex(1)
    assert dialog.is_valid()
