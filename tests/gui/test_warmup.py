"""After the start the desk prepares every screen in idle moments; changes still show."""

from __future__ import annotations

import datetime as dt
import sys
from decimal import Decimal

from coopdesk.gui import warmup
from coopdesk.gui.main_window import MainWindow
from coopdesk.services.payments import record_expense


def _prepared(window) -> bool:
    return not window.preparing() and set(window.screens) == set(window._keys)


def test_every_screen_is_built_and_filled_without_a_click(qtbot, ctx):
    window = MainWindow(ctx, auto_backup=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: _prepared(window), timeout=30_000)
    assert window.current_key() == "home"  # nothing was switched for her
    for key, screen in window.screens.items():
        assert not screen.stale, key  # filled, not waiting for a visit
    for name in warmup.BACKGROUND + warmup.DIALOGS:
        assert name in sys.modules, name


def test_a_change_after_preparing_shows_on_the_first_visit(qtbot, ctx):
    window = MainWindow(ctx, auto_backup=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: _prepared(window), timeout=30_000)
    expenses = window.screens["expenses"]
    before = expenses.model.rowCount()
    ctx.runner.run(
        lambda: record_expense(ctx.book, day=dt.date(2022, 12, 30), category="luz",
                               amount=Decimal("7.35")),
    )
    assert expenses.stale  # hidden: it only remembers
    window.show_screen("expenses")
    qtbot.waitUntil(lambda: expenses.model.rowCount() == before + 1, timeout=5_000)
    texts = {expenses.model.index(r, c).data() for r in range(expenses.model.rowCount())
             for c in range(expenses.model.columnCount())}
    assert any("7.35" in str(t) for t in texts)
