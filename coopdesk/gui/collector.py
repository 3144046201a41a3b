"""Python's cyclic garbage collection, run only on the GUI thread.

The collector runs in whichever thread happens to allocate when a threshold is crossed.
When that is a background job (the chart, the warm-up imports), it can destroy Qt
objects that belong to the GUI thread, and Qt crashes (a segmentation fault seen in the
tests while a chart was drawn). So automatic collection is turned off once the first
background job starts and a timer on the GUI thread collects instead, by the same
thresholds (the approach pyqtgraph documents for the same crash). It is kept for that
crash, not for speed; ``coopdesk.gui.jobs.Job.start`` is the one place that turns it on.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer

INTERVAL_MS = 1000

_COLLECTOR: GuiCollector | None = None


class GuiCollector(QObject):
    """Collects garbage from a timer on the GUI thread, generation by generation."""

    def __init__(self) -> None:
        super().__init__()
        self.thresholds = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(INTERVAL_MS)

    def check(self) -> None:
        """Collect the generations whose counts passed their thresholds."""
        first, second, third = gc.get_count()
        if first > self.thresholds[0]:
            generation = 0
            if second > self.thresholds[1]:
                generation = 2 if third > self.thresholds[2] else 1
            gc.collect(generation)


def collect_on_gui_thread() -> None:
    """Make sure garbage is only collected on the GUI thread (call it from there)."""
    global _COLLECTOR
    app = QCoreApplication.instance()
    if _COLLECTOR is not None or app is None or QThread.currentThread() is not app.thread():
        return
    _COLLECTOR = GuiCollector()
