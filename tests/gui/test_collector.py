"""Garbage is collected on the GUI thread only, once a background job has started."""

from __future__ import annotations

import gc
import threading
import weakref

from coopdesk.gui import collector


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_cycles_are_collected_by_the_gui_timer_not_by_any_thread(qtbot, monkeypatch):
    monkeypatch.setattr(collector, "_COLLECTOR", None)
    enabled = gc.isenabled()
    try:
        collector.collect_on_gui_thread()
        assert not gc.isenabled()  # no thread will collect by itself any more
        seen = []
        original = gc.collect

        def spying_collect(generation=2):
            seen.append(threading.current_thread() is threading.main_thread())
            return original(generation)

        monkeypatch.setattr(collector.gc, "collect", spying_collect)
        gone = threading.Event()
        cycle = _Cycle()
        weakref.finalize(cycle, gone.set)
        del cycle
        for _ in range(2000):  # enough allocations to pass the first threshold
            _Cycle()
        assert not gone.is_set()
        def collected() -> bool:
            # Keep allocating while waiting: objects freed meanwhile (an earlier test's
            # leftovers) lower the young generation's count, and at 0 nothing is due.
            for _ in range(1000):
                _Cycle()
            return gone.is_set()

        qtbot.waitUntil(collected, timeout=5 * collector.INTERVAL_MS)
        assert seen and all(seen)
    finally:
        if collector._COLLECTOR is not None:
            collector._COLLECTOR.timer.stop()
        if enabled:
            gc.enable()
