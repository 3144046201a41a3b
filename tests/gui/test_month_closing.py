"""Closing a month from the Reportes screen, and reopening it with a reason."""

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox

from coopdesk.domain.errors import Conflict
from coopdesk.gui.views.reports_view import ReportsView
from coopdesk.services import months, payments


@pytest.fixture
def view(qtbot, ctx):
    v = ReportsView(ctx)
    qtbot.addWidget(v)
    v.show()
    qtbot.waitExposed(v)
    return v


def choose(view, year, month):
    index = view.month.findData(f"{year:04d}-{month:02d}")
    assert index >= 0
    view.month.setCurrentIndex(index)


def test_close_then_reopen_october(view, qtbot, ctx, monkeypatch):
    choose(view, 2022, 10)
    bar = view.closing
    assert bar.close_button.isVisible() and not bar.reopen_button.isVisible()
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(bar.close_button, Qt.MouseButton.LeftButton)
    assert months.is_month_closed(ctx.book, 2022, 10)
    assert bar.reopen_button.isVisible() and not bar.close_button.isVisible()
    # Nothing dated in October can be recorded now; November still can.
    with pytest.raises(Conflict):
        payments.record_expense(ctx.book, day=dt.date(2022, 10, 30), category="Transporte",
                                amount=Decimal("5.00"))
    payments.record_expense(ctx.book, day=dt.date(2022, 11, 30), category="Transporte",
                            amount=Decimal("5.00"))
    # Reopening without a reason is refused and the month stays closed.
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("", True))
    qtbot.mouseClick(bar.reopen_button, Qt.MouseButton.LeftButton)
    assert warnings and months.is_month_closed(ctx.book, 2022, 10)
    monkeypatch.setattr(QInputDialog, "getText",
                        lambda *a, **k: ("Faltó un jornal de S03", True))
    qtbot.mouseClick(bar.reopen_button, Qt.MouseButton.LeftButton)
    assert not months.is_month_closed(ctx.book, 2022, 10)
    with ctx.book.read() as session:
        reasons = session.connection().exec_driver_sql(
            "SELECT action, reason FROM audit_event WHERE entity='month' ORDER BY id").all()
    assert reasons[-2:] == [("close", ""), ("reopen", "Faltó un jornal de S03")]


def test_cancelling_the_confirmation_closes_nothing(view, qtbot, ctx, monkeypatch):
    choose(view, 2022, 9)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    qtbot.mouseClick(view.closing.close_button, Qt.MouseButton.LeftButton)
    assert not months.is_month_closed(ctx.book, 2022, 9)
