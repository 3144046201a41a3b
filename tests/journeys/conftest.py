"""Journeys: coopdesk as a real process in a real X server (Xvfb) with a window manager (openbox).

Each test gets its own display at the laptop's size, starts ``python -m coopdesk
--data-dir DIR`` and drives it with xdotool (search --sync --name, key, type), as the
coordinator's keyboard would. A screenshot of the whole screen is saved in the test's
tmp_path after every step (``NN-step.png``), so a failure can be looked at. The book is
read afterwards with sqlite3, and window geometry with xwininfo.

Needs the programs xvfb, openbox, xdotool, imagemagick (import) and x11-utils (xwininfo);
.ci/run installs them. Without them the journeys are skipped, saying which is missing.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ("Xvfb", "openbox", "xdotool", "import", "xwininfo")
#: Seconds a window is waited for (the first start compiles nothing, but the machine is shared).
WAIT = 25


@dataclass(frozen=True)
class Geometry:
    """Where a window is on the screen, frame excluded (xwininfo's absolute figures)."""

    x: int
    y: int
    width: int
    height: int

    @property
    def right(self) -> int:
        return self.x + self.width

    @property
    def bottom(self) -> int:
        return self.y + self.height


class Desk:
    """One X display with openbox, the coopdesk process on it, and the steps' screenshots."""

    def __init__(self, shots: Path, size: tuple[int, int]) -> None:
        self.shots = shots
        self.size = size
        self.step = 0
        self._xvfb, self.display = self._start_x(size)
        self.env = {**os.environ, "DISPLAY": self.display, "COOPDESK_LANG": "es"}
        self.env.pop("QT_QPA_PLATFORM", None)  # a real X server, not offscreen
        self.env.pop("WAYLAND_DISPLAY", None)
        self._wm = subprocess.Popen(["openbox"], env=self.env, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL)
        time.sleep(0.5)
        self.app: subprocess.Popen | None = None
        self.log = shots / "coopdesk.log"

    @staticmethod
    def _start_x(size: tuple[int, int]) -> tuple[subprocess.Popen, str]:
        """Start Xvfb on a display number it picks itself (-displayfd), never one in use.

        Choosing a number by looking for lock files races with other X servers being
        started meanwhile; keys typed into someone else's display would be a disaster.
        """
        read_end, write_end = os.pipe()
        xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_end), "-screen", "0",
             f"{size[0]}x{size[1]}x24", "-nolisten", "tcp"],
            pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(write_end)
        with os.fdopen(read_end) as told:
            number = told.readline().strip()  # written once the server accepts clients
        if not number.isdigit():
            xvfb.kill()
            raise RuntimeError("Xvfb did not start")
        return xvfb, f":{number}"

    # -- the program ------------------------------------------------------------------
    def start(self, data_dir: Path) -> subprocess.Popen:
        """Start coopdesk on *data_dir* as the coordinator would (a real process)."""
        self.app = subprocess.Popen(
            [sys.executable, "-m", "coopdesk", "--data-dir", str(data_dir)],
            cwd=ROOT, env=self.env, stdout=self.log.open("wb"), stderr=subprocess.STDOUT)
        return self.app

    def wait_exit(self, timeout: float = WAIT) -> int:
        """Wait for coopdesk to end (after its closing backup); return its exit code."""
        assert self.app is not None
        return self.app.wait(timeout=timeout)

    # -- xdotool ------------------------------------------------------------------------
    def xdotool(self, *args: str, timeout: float = WAIT) -> str:
        """Run xdotool on this display; return what it printed."""
        done = subprocess.run(["xdotool", *args], env=self.env, capture_output=True, text=True,
                              timeout=timeout)
        return done.stdout.strip()

    def window(self, name: str, timeout: float = WAIT) -> str:
        """Wait until a visible window whose title matches *name* (a regex) exists; its id."""
        deadline = time.monotonic() + timeout
        found = ""
        while not found:
            # xdotool's --sync search ends with nothing printed when a window it looks at
            # goes away meanwhile (a dialog closing as the next one opens): ask again.
            left = deadline - time.monotonic()
            try:
                if left <= 0:
                    raise subprocess.TimeoutExpired("xdotool", timeout)
                found = self.xdotool("search", "--sync", "--onlyvisible", "--name", name,
                                     timeout=left)
            except subprocess.TimeoutExpired:
                self.shot("no-window")
                raise AssertionError(f"no window named {name!r} within {timeout} s; "
                                     f"see {self.shots}") from None
            if not found:
                time.sleep(0.2)
        wid = found.splitlines()[-1]
        self.xdotool("windowactivate", "--sync", wid)
        self.settle(0.5)  # Qt gives the focus to the first field once the window is active
        return wid

    def key(self, *keys: str) -> None:
        """Press *keys* (xdotool names: ctrl+q, Return, Tab) in the active window."""
        self.xdotool("key", "--clearmodifiers", "--delay", "60", *keys)

    def type(self, text: str) -> None:
        """Type *text* in the active window, key by key."""
        self.xdotool("type", "--delay", "30", text)

    def title(self, wid: str) -> str:
        """Return the title of window *wid*."""
        return self.xdotool("getwindowname", wid)

    def geometry(self, wid: str) -> Geometry:
        """Return where window *wid* is on the screen (xwininfo's absolute figures)."""
        text = subprocess.run(["xwininfo", "-id", wid], env=self.env, capture_output=True,
                              text=True, timeout=WAIT).stdout

        def number(label: str) -> int:
            return int(re.search(rf"{label}:\s+(-?\d+)", text).group(1))

        return Geometry(number("Absolute upper-left X"), number("Absolute upper-left Y"),
                        number("Width"), number("Height"))

    def shot(self, name: str) -> Path:
        """Save a screenshot of the whole screen as NN-name.png in the test's folder."""
        self.step += 1
        path = self.shots / f"{self.step:02d}-{name}.png"
        subprocess.run(["import", "-window", "root", str(path)], env=self.env,
                       capture_output=True, timeout=WAIT)
        return path

    def settle(self, seconds: float = 0.6) -> None:
        """Let the program draw what the last key did."""
        time.sleep(seconds)

    # -- ending -------------------------------------------------------------------------
    def close(self) -> None:
        """Stop coopdesk (if still running), the window manager and the X server."""
        if self.app is not None and self.app.poll() is None:
            self.app.send_signal(signal.SIGTERM)
            try:
                self.app.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.app.kill()
                self.app.wait()
        for process in (self._wm, self._xvfb):
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _missing() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


@pytest.fixture
def desk(tmp_path, request):
    """A 1366×768 desktop (or the size of ``@pytest.mark.screen(w, h)``) with openbox."""
    missing = _missing()
    if missing:
        pytest.skip("the journeys need " + ", ".join(missing)
                    + " (apt-get install xvfb openbox xdotool imagemagick x11-utils)")
    marker = request.node.get_closest_marker("screen")
    size = marker.args if marker else (1366, 768)
    shots = tmp_path / "pantallas"
    shots.mkdir()
    desk = Desk(shots, size)
    yield desk
    desk.close()


def read_book(data_dir: Path, sql: str, *args) -> list[tuple]:
    """Read the book with the sqlite3 module (read-only), after coopdesk has ended."""
    uri = f"file:{data_dir / 'coopdesk.sqlite3'}?mode=ro"
    with sqlite3.connect(uri, uri=True) as connection:
        return connection.execute(sql, args).fetchall()


def pytest_configure(config) -> None:
    config.addinivalue_line("markers", "screen(width, height): the journey's screen size")
