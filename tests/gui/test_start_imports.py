"""The desk's cold start stays light: what it must not load or do before the window is up.

The start went from 0.34 s to 0.68 s of CPU (benchmarks' cold-start row) without any single
change looking slow: modules for other jobs imported on the way, and the dialogs' screen
fit, installed before the main window was built, made each object of the window cross into
Python (PySide6 then builds a Python class for every Qt class it meets). These tests start
the desk the way ``python -m coopdesk --data-dir BOOK`` does, in a fresh process, to the
first idle moment of the event loop, and look at what happened.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

#: Loaded by the warm-up once the window is up (coopdesk.gui.warmup), or only by the job
#: that needs them: none of them may be imported by the start itself.
NOT_AT_START = (
    "sqlalchemy",
    "sqlmodel",
    "alembic",
    "reportlab",
    "openpyxl",
    "pyrage",
    "psutil",
    "pypdfium2",
    "getpass",
    "secrets",
    "coopdesk.db.tables",
    "coopdesk.db.ledger",
    "coopdesk.domain.documents",
    "coopdesk.outputs",
    "coopdesk.backup.backup",
    "coopdesk.reports.page",
    "coopdesk.services.documents",
)

START = """
import json, os, sys
from coopdesk.cli import main
from coopdesk.cli.desk import preload_first_screen

preload_first_screen()
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from coopdesk.gui.main_window import MainWindow

from coopdesk.gui import jobs

# The warm-up thread loads the ORM right after the first paint and the chart's thread
# loads ReportLab, both on purpose and off the GUI thread: kept out, so that what is
# seen below is the start's own doing, whatever the threads' timing.
MainWindow._begin_warmup = lambda self: None
jobs.Job.start = lambda self, *args: None
seen = {}
show = MainWindow.showMaximized

def shown(self):
    show(self)
    seen["fit_while_building"] = hasattr(QApplication.instance(), "_coopdesk_screen_fit")

MainWindow.showMaximized = shown

class FirstIdle(QApplication):
    def exec(self):
        def idle():
            names = sorted(m for m in sys.modules
                           if m.split(".")[0] in ROOTS or m in NAMES)
            print("RESULT " + json.dumps({
                "modules": names,
                "windows": [type(w).__name__ for w in self.topLevelWidgets() if w.isVisible()],
                "fit_at_idle": hasattr(self, "_coopdesk_screen_fit"),
                **seen,
            }), flush=True)
            os._exit(0)

        QTimer.singleShot(0, idle)
        return super().exec()

FirstIdle(sys.argv[:1])
main(["--data-dir", sys.argv[1]])
"""


def start_to_first_idle(folder) -> dict:
    """Start the desk on the book in *folder* in a fresh process; return what it saw."""
    names = [n for n in NOT_AT_START if "." in n]
    roots = [n for n in NOT_AT_START if "." not in n]
    code = f"ROOTS = {roots!r}\nNAMES = {names!r}\n" + START
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", code, str(folder)], env=env,
                          capture_output=True, text=True, timeout=120)
    for line in done.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[len("RESULT "):])
    raise AssertionError(f"the desk did not reach its first idle moment:\n{done.stderr[-3000:]}")


@pytest.fixture
def her_book(demo_book_file, tmp_path):
    """The demo's figures in a folder of her own (not the demo's: no banner, real backups)."""
    folder = tmp_path / "libro"
    folder.mkdir()
    shutil.copy2(demo_book_file, folder / "coopdesk.sqlite3")
    return folder


def test_the_start_shows_inicio_without_loading_other_jobs_modules(her_book):
    seen = start_to_first_idle(her_book)
    assert "MainWindow" in seen["windows"]
    assert seen["modules"] == [], "imported before the main window was up"


def test_the_screen_fit_goes_on_after_the_window_is_built_and_before_any_dialog(her_book):
    """Off while the window is built (the cost), on at the first idle (every dialog fits)."""
    seen = start_to_first_idle(her_book)
    assert seen["fit_while_building"] is False
    assert seen["fit_at_idle"] is True
