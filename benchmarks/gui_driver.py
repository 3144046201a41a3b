"""The GUI benchmarks' child process: one job per run, one JSON line of results on stdout.

Usage: ``python -m benchmarks.gui_driver JOB BOOK_FOLDER`` with QT_QPA_PLATFORM=offscreen.

Jobs:
    start        coopdesk as ``python -m coopdesk --data-dir BOOK`` starts it (the CLI's
                 path, unchanged); at the first idle moment of the event loop after the
                 main window is shown, print the wall clock (``time.time()``) and quit.
    plain-start  the same for an empty QMainWindow: import PySide6, show it, first idle.
    (switch, scroll and memory start timing once the start has finished: the home
    screen draws its chart in a thread for a moment after the window shows.)
    switch       open the main window, then click every sidebar screen in turn (each built
                 on its first visit, as a person's first click does) and time each switch
                 until the event loop is idle again; then once more, every screen built.
    plain-switch the same protocol with plain Qt: a sidebar and a stack whose pages are
                 built on the first click, each a QTableView on a 200-row model.
    scroll       open the main window, open Ventas, scroll its table to the last sale in
                 steps, while a 10 ms timer measures the longest gap between its ticks.
    plain-scroll the same with plain Qt: a QTableView on a model holding 20,000 rows.
    memory       open the main window, visit every screen, scroll Ventas to the end;
                 print the process's peak RSS; then close the window (which makes the
                 automatic backup copy) and print the peak again.
    plain-memory an empty QMainWindow shown; its peak RSS.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time

TICK_MS = 10
SALES = 20_000


def report(**values) -> None:
    """Print the results as one JSON line."""
    print("RESULT " + json.dumps(values), flush=True)


def leave() -> None:
    """End the child at once, without closing the main window.

    What is measured is over, and closing would make the automatic backup copy of the
    10-year book (the memory job measures that on purpose).
    """
    sys.stdout.flush()
    os._exit(0)


def peak_rss_mb() -> float:
    """Return this process's peak resident set size in MB.

    Linux's VmHWM belongs to this program's own memory map; ru_maxrss would not do: exec
    carries over the high-water mark of the process that started it (the benchmark
    runner, 300 MB with the big book loaded).
    """
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


# -- starting ----------------------------------------------------------------------------


def start(folder: str) -> int:
    """Run coopdesk's own start (cli.main) and report the wall clock at the first idle.

    ``python -m coopdesk`` imports the CLI and the first screen's Qt-free modules before
    PySide6 (cli.preload_first_screen); this child does the same, in the same order, then
    only subclasses QApplication to see the first idle moment.
    """
    from coopdesk.cli import main
    from coopdesk.cli.desk import preload_first_screen

    preload_first_screen()
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    class FirstIdle(QApplication):
        """coopdesk's QApplication, with a timer at the first idle moment of exec()."""

        def exec(self) -> int:  # noqa: A003 (Qt's name)
            def idle() -> None:
                windows = [w for w in self.topLevelWidgets() if w.isVisible()]
                report(idle=time.time(), cpu=time.process_time(),
                       windows=[type(w).__name__ for w in windows])
                leave()

            QTimer.singleShot(0, idle)
            return super().exec()

    FirstIdle(sys.argv[:1])  # coopdesk.gui.app.application() finds and names this one
    return main(["--data-dir", folder])


def plain_start() -> int:
    """Show an empty QMainWindow and report the wall clock at the first idle."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1366, 740)
    window.show()

    def idle() -> None:
        report(idle=time.time(), cpu=time.process_time(), windows=["QMainWindow"])
        leave()

    QTimer.singleShot(0, idle)
    return app.exec()


# -- the main window in this process -------------------------------------------------------


def main_window(folder: str, meter: list | None = None):
    """Open coopdesk's main window on the book in *folder*, shown; return (app, window)."""
    from coopdesk.gui.app import application, install_qt_translation, open_book
    from coopdesk.gui.context import AppContext
    from coopdesk.gui.main_window import MainWindow
    from coopdesk.gui.operations import OperationRunner

    app = application()
    book = open_book(folder)
    install_qt_translation(app)
    window = MainWindow(AppContext(book=book, runner=OperationRunner()))
    window.show()
    app.processEvents()
    if meter is not None:  # the longest GUI stall while the start's background work runs
        meter.append(StallMeter())
    shown = time.perf_counter()
    finish_starting(app, window)
    window.ready_after = time.perf_counter() - shown
    return app, window


def finish_starting(app, window=None, limit: float = 20.0) -> None:
    """Wait for the work the start leaves running (the chart thread, the warm-up).

    A person's first click comes after it; measured before, a switch or a scroll would
    share the CPU and the GIL with that work and time the start instead. The warm-up
    (coopdesk.gui.warmup) loads the ORM, the services and the screens' modules; a first
    visit after it builds and fills the screen.
    """
    from coopdesk.gui import warmup
    from coopdesk.gui.views import home_view

    def busy() -> bool:
        started = warmup.current()
        return bool(getattr(home_view, "_RUNNING", None)) or (
            started is not None and not started.done) or (
            window is not None and window.preparing())

    deadline = time.perf_counter() + limit
    app.processEvents()  # the warm-up starts from the first turn of the event loop
    while busy() and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.01)
    settle(app)


def settle(app) -> None:
    """Process events until the loop is idle (posted events, layouts, paints)."""
    from PySide6.QtCore import QCoreApplication

    for _ in range(3):
        QCoreApplication.sendPostedEvents()
        app.processEvents()


def time_switches(app, sidebar) -> tuple[list[float], list[float], list[float]]:
    """Click every sidebar row twice round; return first visits, their CPU, later visits."""
    first, first_cpu, later = [], [], []
    for times, cpu in ((first, first_cpu), (later, [])):
        for row in list(range(1, sidebar.count())) + [0]:
            start, start_cpu = time.perf_counter(), time.process_time()
            sidebar.setCurrentRow(row)
            settle(app)
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
    return first, first_cpu, later


def switch(folder: str) -> int:
    """Time each screen switch of coopdesk's main window on the book."""
    meter: list = []
    app, window = main_window(folder, meter)
    meter[0].timer.stop()
    settle(app)
    first, cpu, later = time_switches(app, window.sidebar)
    keys = window._keys[1:] + window._keys[:1]
    report(first=dict(zip(keys, first, strict=True)), cpu=dict(zip(keys, cpu, strict=True)),
           later=dict(zip(keys, later, strict=True)), preparing=meter[0].longest,
           ready_after=window.ready_after,
           preparing_cpu=meter[0].longest_cpu)
    leave()
    return 0


def plain_switch() -> int:
    """The same switches with plain Qt pages: a QTableView on 200 rows each."""
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import (
        QApplication,
        QHBoxLayout,
        QListWidget,
        QMainWindow,
        QStackedWidget,
        QTableView,
        QWidget,
    )

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    central = QWidget()
    layout = QHBoxLayout(central)
    sidebar = QListWidget()
    stack = QStackedWidget()
    layout.addWidget(sidebar)
    layout.addWidget(stack, 1)
    window.setCentralWidget(central)
    built: dict[int, QWidget] = {}

    def page(row: int) -> None:
        if row not in built:
            model = QStandardItemModel(200, 7)
            for r in range(200):
                for c in range(7):
                    model.setItem(r, c, QStandardItem(f"{r}-{c}"))
            view = QTableView()
            view.setModel(model)
            view.resizeColumnsToContents()
            built[row] = view
            stack.addWidget(view)
        stack.setCurrentWidget(built[row])

    for n in range(11):
        sidebar.addItem(f"Screen {n}")
    sidebar.currentRowChanged.connect(page)
    sidebar.setCurrentRow(0)
    window.resize(1366, 740)
    window.show()
    settle(app)
    first, cpu, later = time_switches(app, sidebar)
    report(first=dict(enumerate(first)), cpu=dict(enumerate(cpu)), later=dict(enumerate(later)))
    return 0


# -- scrolling ---------------------------------------------------------------------------


class StallMeter:
    """A 10 ms timer whose longest gap between ticks is the GUI thread's longest stall.

    ``longest`` is wall time (what a person sees, other programs' load included);
    ``longest_cpu`` is the most CPU the GUI thread spent between two ticks (this
    program's own work, whatever else the machine is doing).
    """

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.longest = 0.0
        self.longest_cpu = 0.0
        self.last = time.perf_counter()
        self.last_cpu = time.thread_time()
        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        self.longest = max(self.longest, now - self.last)
        self.longest_cpu = max(self.longest_cpu, cpu - self.last_cpu)
        self.last, self.last_cpu = now, cpu


def scroll_to_end(app, view, meter: StallMeter, done) -> None:
    """Scroll *view* to its bottom one step per event-loop turn until no page is left."""
    from PySide6.QtCore import QModelIndex, QTimer

    bar = view.verticalScrollBar()
    model = view.model()

    def step() -> None:
        bar.setValue(bar.maximum())  # as dragging the scroll bar to the bottom does
        if model.canFetchMore(QModelIndex()) or bar.value() < bar.maximum():
            QTimer.singleShot(1, step)
        else:
            done()

    QTimer.singleShot(0, step)


def run_scroll(app, open_view) -> dict:
    """Open a view and scroll it to the end inside the running event loop; return figures."""
    from PySide6.QtCore import QTimer

    meter = StallMeter()
    result: dict = {}

    def begin() -> None:
        start = time.perf_counter()
        view = open_view()
        result["open"] = time.perf_counter() - start

        def done() -> None:
            result["rows"] = view.model().rowCount()
            result["total"] = time.perf_counter() - start
            result["peak_mb"] = peak_rss_mb()
            # A few more ticks after the last step, then leave the loop (not the window).
            QTimer.singleShot(50, app.exit)

        scroll_to_end(app, view, meter, done)

    QTimer.singleShot(100, begin)  # let the meter tick while idle first
    app.exec()
    result["stall"] = meter.longest
    result["stall_cpu"] = meter.longest_cpu
    return result


def scroll(folder: str) -> int:
    """Open Ventas on the book and scroll to its last sale; report the longest stall."""
    app, window = main_window(folder)
    settle(app)
    result = run_scroll(app, lambda: window.show_screen("sales").table)
    report(**result)
    leave()
    return 0


def plain_scroll() -> int:
    """Open a plain QTableView on 20,000 rows of 7 columns; scroll to the end."""
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    class Rows(QAbstractTableModel):
        def __init__(self, rows) -> None:
            super().__init__()
            self.rows = rows

        def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
            return 0 if parent.isValid() else len(self.rows)

        def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
            return 0 if parent.isValid() else 7

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.rows[index.row()][index.column()]
            return None

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1366, 740)
    window.show()

    def open_view():
        rows = [(f"001-{n:06d}", "01/02/2024", "Bodega Rosa", "S/ 85.00", "Paid", "", "")
                for n in range(SALES, 0, -1)]
        view = QTableView()
        view.setModel(Rows(rows))
        view.resizeColumnsToContents()
        window.setCentralWidget(view)
        return view

    settle(app)
    report(**run_scroll(app, open_view))
    return 0


# -- memory ------------------------------------------------------------------------------


def memory(folder: str) -> int:
    """Open the main window, visit every screen, scroll Ventas to the end; report peak RSS."""
    app, window = main_window(folder)
    settle(app)
    for row in range(window.sidebar.count()):
        window.sidebar.setCurrentRow(row)
        settle(app)
    result = run_scroll(app, lambda: window.show_screen("sales").table)
    window.close()  # as the coordinator closes it: the automatic backup copy is made
    report(peak_mb=result["peak_mb"], closed_mb=peak_rss_mb(), rows=result["rows"])
    leave()
    return 0


def plain_memory() -> int:
    """Show an empty QMainWindow; report peak RSS."""
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1366, 740)
    window.show()
    settle(app)
    report(peak_mb=peak_rss_mb())
    return 0


JOBS = {
    "start": start, "switch": switch, "scroll": scroll, "memory": memory,
    "plain-start": plain_start, "plain-switch": plain_switch, "plain-scroll": plain_scroll,
    "plain-memory": plain_memory,
}

if __name__ == "__main__":
    name = sys.argv[1]
    sys.exit(JOBS[name]() if name.startswith("plain") else JOBS[name](sys.argv[2]))
