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


def test_every_module_the_warmup_names_imports():
    import importlib

    from coopdesk.gui.main_window import SCREEN_CLASSES

    for name in warmup.BACKGROUND + warmup.DIALOGS:
        importlib.import_module(name)
    for module, cls in SCREEN_CLASSES.values():
        assert isinstance(getattr(importlib.import_module(module), cls), type), (module, cls)


def test_a_module_that_fails_to_load_is_logged_not_swallowed(qtbot, monkeypatch, caplog):
    monkeypatch.setattr(warmup, "BACKGROUND", ("coopdesk.no_such_module",))
    then = []
    started = warmup.Warmup(["coopdesk.gui.no_such_screen"], then=lambda: then.append(True))
    with caplog.at_level("ERROR"):
        started.start()
        qtbot.waitUntil(lambda: started.done, timeout=10_000)
    assert isinstance(started.job.error, ModuleNotFoundError)
    assert started.job.error.name == "coopdesk.no_such_module"
    failed = [(r.name, r.exc_info[0]) for r in caplog.records if r.exc_info]
    assert failed == [("coopdesk.gui.jobs", ModuleNotFoundError),  # the background job
                      ("coopdesk.gui.warmup", ModuleNotFoundError)]  # the screen module
    assert then == [True]  # the engine is still prepared


def test_quitting_stops_the_warmup_between_two_modules(qtbot, caplog):
    then = []
    started = warmup.Warmup(["coopdesk.gui.views.home_view"], then=lambda: then.append(True))
    started.cancel()  # she quit before it began
    with caplog.at_level("ERROR"):
        started.start()
        qtbot.waitUntil(lambda: started.done, timeout=10_000)
    assert started.job.cancelled
    assert then == [] and not [r for r in caplog.records if r.levelname == "ERROR"]
