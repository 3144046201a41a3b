"""Desk budgets: cold start, switching screens, scrolling Ventas, peak memory.

Each run is a fresh child process (``benchmarks/gui_driver.py``) with
QT_QPA_PLATFORM=offscreen, ours on the 10-year book and the plain PySide6 counterpart
started the same way, alternating, so both see the same machine load:

- cold start: from launching ``python`` to the first idle moment of the event loop with
  the main window shown; ours goes through ``coopdesk.cli.main(["--data-dir", BOOK])``
  exactly as ``python -m coopdesk --data-dir BOOK`` does; plain shows an empty QMainWindow.
- switching screens: a person's first click on each sidebar screen once the start has
  finished its background work (coopdesk.gui.warmup loads the ORM and the screens' code,
  then the main window builds and fills each screen in an idle moment), until the event
  loop is idle; the figure is the median over the screens. The longest GUI stall during
  that preparation is reported too: a click arriving then waits that long.
- Ventas: open it and drag the scroll bar to the bottom until the 20,000th sale is
  loaded, while a 10 ms timer measures the longest gap between its ticks (a stall of
  the GUI thread); plain is a QTableView on a model that holds the 20,000 rows.
- memory: peak RSS (VmHWM) of a child that opens the window, visits every screen and
  scrolls Ventas to the end; plain is an empty QMainWindow.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

from benchmarks.run import EXTRA, HERE, RUNS, Figure

ROOT = HERE.parent


def child(job: str, folder=None) -> tuple[dict, float]:
    """Run one driver job in a fresh process; return (its results, the launch wall clock).

    The results also hold ``cpu_total``: the child's user + system time (from wait4).
    """
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    # As installed: pip and the bundle compile the code once; a shell that forbids
    # writing bytecode would make every start compile coopdesk from source instead.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    command = [sys.executable, "-m", "benchmarks.gui_driver", job]
    if folder is not None:
        command.append(str(folder))
    launched = time.time()
    with tempfile.TemporaryFile("w+") as errors:
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                                stderr=errors, text=True)
        out = proc.stdout.read()
        proc.stdout.close()
        # wait4, not proc.wait(): it also gives the child's own CPU time.
        _pid, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        err = errors.read()
    for line in out.splitlines():
        if line.startswith("RESULT "):
            result = json.loads(line[len("RESULT "):])
            result["cpu_total"] = usage.ru_utime + usage.ru_stime
            return result, launched
    raise RuntimeError(f"gui_driver {job} gave no result (exit {proc.returncode}):\n"
                       f"{out[-2000:]}\n{err[-2000:]}")


def compiled() -> None:
    """Compile coopdesk and the driver to bytecode once, as an installation does."""
    import compileall

    for folder in (ROOT / "coopdesk", ROOT / "benchmarks"):
        compileall.compile_dir(str(folder), quiet=1)


def paired(job: str, folder) -> tuple[list[dict], list[dict], list[float], list[float]]:
    """Run ours and plain alternately RUNS times; return results and launch clocks."""
    compiled()
    ours, plain, ours_at, plain_at = [], [], [], []
    for _ in range(RUNS):
        result, at = child(job, folder)
        ours.append(result)
        ours_at.append(at)
        result, at = child(f"plain-{job}")
        plain.append(result)
        plain_at.append(at)
    return ours, plain, ours_at, plain_at


def bench_start(big) -> Figure:
    """Cold start to a usable main window vs an empty PySide6 window."""
    ours, plain, ours_at, plain_at = paired("start", big.folder)
    for result in ours:
        if "MainWindow" not in result["windows"]:
            raise RuntimeError(f"coopdesk did not show its main window: {result}")
    t_ours = statistics.median(r["idle"] - at for r, at in zip(ours, ours_at, strict=True))
    t_plain = statistics.median(r["idle"] - at for r, at in zip(plain, plain_at, strict=True))
    cpu_ours = statistics.median(r["cpu"] for r in ours)
    cpu_plain = statistics.median(r["cpu"] for r in plain)
    return Figure("cold start to a usable main window, 10-year book "
                  f"(CPU {cpu_ours:.2f} s vs {cpu_plain:.2f} s)", t_ours, t_plain,
                  "≤ 1.5 s and ≤ 3× empty PySide6 window",
                  t_ours <= 1.5 and t_ours <= 3 * t_plain)


def bench_switch(big) -> Figure:
    """First click on each sidebar screen: the median switch (and the slowest screen)."""
    ours, plain, _a, _b = paired("switch", big.folder)
    per_screen = {key: statistics.median(r["first"][key] for r in ours) for key in ours[0]["first"]}
    t_ours = statistics.median(per_screen.values())
    t_plain = statistics.median(statistics.median(r["first"].values()) for r in plain)
    slowest = max(per_screen, key=per_screen.get)
    warm = statistics.median(statistics.median(r["later"].values()) for r in ours)
    cpu = statistics.median(statistics.median(r["cpu"].values()) for r in ours)
    preparing = statistics.median(r["preparing"] for r in ours)
    ready = statistics.median(r["ready_after"] for r in ours)
    return Figure(
        f"switching screens, first visit after the start prepared them (median of"
        f" {len(per_screen)}, CPU {cpu * 1000:.0f} ms; slowest {slowest}"
        f" {per_screen[slowest] * 1000:.0f} ms; later visits {warm * 1000:.0f} ms; every"
        f" screen ready {ready:.1f} s after the window shows, the longest GUI stall meanwhile"
        f" {preparing * 1000:.0f} ms)",
        t_ours, t_plain, "≤ 100 ms", t_ours <= 0.100)


def bench_scroll(big) -> Figure:
    """The longest GUI-thread stall opening Ventas and scrolling to the 20,000th sale."""
    ours, plain, _a, _b = paired("scroll", big.folder)
    for result in ours:
        if result["rows"] < 20_000:
            raise RuntimeError(f"Ventas did not scroll to the last sale: {result}")
    t_ours = statistics.median(r["stall"] for r in ours)
    t_plain = statistics.median(r["stall"] for r in plain)
    cpu = statistics.median(r["stall_cpu"] for r in ours)
    return Figure("longest GUI stall: open Ventas, scroll to the 20,000th sale "
                  f"(most CPU between two ticks {cpu * 1000:.0f} ms)", t_ours,
                  t_plain, "no stall over 200 ms", t_ours <= 0.200)


def bench_memory(big) -> Figure:
    """Peak RSS of the desk after every screen and Ventas to the end vs an empty window."""
    ours, plain, _a, _b = paired("memory", big.folder)
    mb_ours = statistics.median(r["peak_mb"] for r in ours)
    mb_plain = statistics.median(r["peak_mb"] for r in plain)
    closed = statistics.median(r["closed_mb"] for r in ours)
    return Figure("peak memory: every screen, Ventas scrolled to the end (then closing, with "
                  f"its automatic backup copy: {closed:.0f} MB)", mb_ours, mb_plain,
                  "≤ 250 MB", mb_ours <= 250, unit="MB")


EXTRA.extend([bench_start, bench_switch, bench_scroll, bench_memory])
