"""`make bench`: every budget as a ratio against the plain library, in the same run.

Each figure is the median of 5 runs. The table is printed and written to
benchmarks/results.md. The machine is shared and noisy, so budgets are ratios
against plain sqlite3 / ReportLab / PySide6 / file copies measured alongside,
plus the absolute ceilings the issues set.
"""

from __future__ import annotations

import csv
import os
import platform
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from benchmarks.bigbook import write_csvs

RUNS = 5
HERE = Path(__file__).resolve().parent


@dataclass
class Figure:
    """One row of the results table."""

    name: str
    ours: float
    plain: float | None
    budget: str
    ok: bool
    unit: str = "s"

    def row(self) -> str:
        ratio = f"{self.ours / self.plain:.2f}×" if self.plain else "—"
        plain = f"{self.plain:.3f} {self.unit}" if self.plain is not None else "—"
        mark = "ok" if self.ok else "OVER BUDGET"
        return (f"| {self.name} | {self.ours:.3f} {self.unit} | {plain} | {ratio} | {self.budget}"
                f" | {mark} |")


def median_time(fn, runs: int = RUNS, setup=None) -> float:
    """Return the median wall time of *fn* over *runs* runs (setup not timed)."""
    times = []
    for _ in range(runs):
        arg = setup() if setup else None
        start = time.perf_counter()
        fn(arg) if setup else fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


class BigBook:
    """The 10-year book, imported once, plus its CSV files."""

    def __init__(self, work: Path) -> None:
        from coopdesk.services.book import Book
        from coopdesk.services.importing import import_file

        self.work = work
        self.csv = write_csvs(work / "csv")
        self.members_only = work / "members-only.sqlite3"
        folder = work / "big"
        book = Book.open_folder(folder)
        import_file(book, "members", self.csv["members"])
        book.close()
        shutil.copy2(folder / "coopdesk.sqlite3", self.members_only)
        book = Book.open_folder(folder)
        for kind in ("workdays", "attendance", "purchases", "sales", "payments"):
            import_file(book, kind, self.csv[kind])
        book.close()
        self.folder = folder
        self.path = folder / "coopdesk.sqlite3"


def bench_import(big: BigBook) -> Figure:
    """Importing ~100,000 workdays vs plain sqlite3 executemany of the same rows."""
    from coopdesk.services.book import Book
    from coopdesk.services.importing import import_file

    def fresh():
        folder = Path(tempfile.mkdtemp(dir=big.work))
        shutil.copy2(big.members_only, folder / "coopdesk.sqlite3")
        return folder

    def ours(folder):
        book = Book.open_folder(folder)
        import_file(book, "workdays", big.csv["workdays"])
        book.close()

    def plain(folder):
        # The same rows, read from the same CSV, into the same table, one transaction.
        with open(big.csv["workdays"], encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh)
            next(reader)
            rows = [(str(uuid.uuid4()), "2026-01-01 00:00:00", "", int(code[1:]), day, line,
                     500 if frac == "0.5" else 1000, note)
                    for code, day, line, frac, note in reader]
        conn = sqlite3.connect(folder / "coopdesk.sqlite3", isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(
            "INSERT INTO workday (uuid, created_at, void_reason, member_id, day, line, fraction,"
            " note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
        conn.execute("COMMIT")
        conn.close()

    t_ours = median_time(ours, setup=fresh)
    t_plain = median_time(plain, setup=fresh)
    return Figure("import ~100,000 workdays from CSV", t_ours, t_plain,
                  "≤ 3× plain executemany", t_ours <= 3 * t_plain)


#: The import's memory is measured in a child process each (peak resident set).
_IMPORT_CHILD = """
import resource, sys
from pathlib import Path
from coopdesk.services.book import Book
from coopdesk.services.importing import import_file
with Book.open_folder(Path(sys.argv[1])) as book:
    import_file(book, "workdays", Path(sys.argv[2]))
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""
_PLAIN_CHILD = """
import csv, resource, sqlite3, sys, uuid
with open(sys.argv[2], encoding="utf-8", newline="") as fh:
    reader = csv.reader(fh)
    next(reader)
    rows = [(str(uuid.uuid4()), "2026-01-01 00:00:00", "", int(code[1:]), day, line,
             500 if frac == "0.5" else 1000, note) for code, day, line, frac, note in reader]
conn = sqlite3.connect(sys.argv[1] + "/coopdesk.sqlite3", isolation_level=None)
conn.execute("PRAGMA journal_mode=WAL")
conn.execute("BEGIN IMMEDIATE")
conn.executemany("INSERT INTO workday (uuid, created_at, void_reason, member_id, day, line,"
                 " fraction, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
conn.execute("COMMIT")
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""
IMPORT_MEMORY_ROWS = 300_000


def bench_import_memory(big: BigBook) -> Figure:
    """Peak memory of importing 300,000 workdays vs plain sqlite3 executemany of the same rows."""
    import subprocess

    from benchmarks.bigbook import write_long_workdays
    from coopdesk.services.book import Book
    from coopdesk.services.importing import import_file

    files = write_long_workdays(big.work / "long", IMPORT_MEMORY_ROWS)
    template = big.work / "long" / "template"
    with Book.open_folder(template) as book:
        import_file(book, "members", files["members"])

    def peak_mb(child: str) -> float:
        folder = Path(tempfile.mkdtemp(dir=big.work))
        shutil.copy2(template / "coopdesk.sqlite3", folder / "coopdesk.sqlite3")
        done = subprocess.run([sys.executable, "-c", child, str(folder), str(files["workdays"])],
                              capture_output=True, text=True, check=True)
        shutil.rmtree(folder, ignore_errors=True)
        return int(done.stdout.split()[-1]) / 1024

    ours, plain = peak_mb(_IMPORT_CHILD), peak_mb(_PLAIN_CHILD)
    return Figure(f"peak memory: import {IMPORT_MEMORY_ROWS:,} workdays from CSV (one run,"
                  " child process; plain holds every row in a list)", ours, plain,
                  "≤ 300 MB", ours <= 300, unit="MB")


def bench_summary(big: BigBook) -> Figure:
    """`summary --month` on the big book (the service, as the CLI runs it)."""
    from coopdesk.services.book import Book
    from coopdesk.services.summary import month_summary

    book = Book.open_folder(big.folder)
    month_summary(book, 2020, 6)  # warm the connection
    t = median_time(lambda: month_summary(book, 2024, 11))
    book.close()
    return Figure("summary of one month, 10-year book", t, None, "≤ 100 ms", t <= 0.100)


EXTRA: list = []  # other modules append fn(big) -> Figure
#: Other modules append fn(big) -> (figures, lines of their own section of results.md).
SECTIONS: list = []


def machine() -> str:
    """Describe the machine the figures were measured on."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return (f"{platform.system()} {platform.release()}, {os.cpu_count()} cores, {cpu},"
            f" Python {platform.python_version()}")


def cpu_snapshot() -> tuple[float, float, float] | None:
    """Return (wall clock, the machine's busy CPU seconds, this run's own CPU seconds)."""
    import resource

    try:
        with open("/proc/stat") as fh:
            fields = [int(x) for x in fh.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    user, nice, system, _idle, _iowait, irq, softirq, steal = (fields + [0] * 8)[:8]
    busy = (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")
    own = sum(getattr(resource.getrusage(who), part)
              for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
              for part in ("ru_utime", "ru_stime"))
    return time.time(), busy, own


def load_line(before: tuple[float, float, float], snapshot) -> str:
    """Say how busy the machine was: load averages, and the CPU other programs took."""
    after = os.getloadavg()
    cores = os.cpu_count() or 1
    text = (f"Load average (1, 5, 15 min): {before[0]:.2f} {before[1]:.2f} {before[2]:.2f} at"
            f" the start, {after[0]:.2f} {after[1]:.2f} {after[2]:.2f} at the end.")
    now = cpu_snapshot()
    if snapshot is None or now is None:
        return text
    wall = now[0] - snapshot[0]
    others = max(0.0, (now[1] - snapshot[1]) - (now[2] - snapshot[2]))
    share = others / (wall * cores) if wall > 0 else 0.0
    text += (f" Other programs used {others:.0f} s of CPU during the {wall:.0f} s run"
             f" ({share:.0%} of the {cores} cores).")
    if share > 0.15:
        text += (" **The machine was loaded**: absolute times are inflated; the ratios, measured"
                 " side by side, are what the budgets mainly check.")
    else:
        text += " The machine was otherwise quiet."
    return text


def replace_section(text: str, lines: list[str]) -> str:
    """Return *text* with the section headed by ``lines[0]`` replaced (or appended)."""
    heading = lines[0].split("(")[0]
    new = "\n".join(lines)
    at = text.find(heading)
    if at < 0:
        return text.rstrip("\n") + "\n\n" + new
    after = text.find("\n## ", at + len(heading))
    return text[:at] + new + (text[after + 1:] if after >= 0 else "")


def main(argv: list[str] | None = None) -> int:
    """Run every benchmark and write benchmarks/results.md.

    ``python -m benchmarks.run central`` runs only the sections (the programme's central
    book) and replaces only their part of results.md; ``python -m benchmarks.run desk``
    runs everything but them (the desk's budgets, minutes instead of the programme's half
    hour) and keeps their part as it was.
    """
    import importlib

    args = argv if argv is not None else sys.argv[1:]
    only_sections, no_sections = args == ["central"], args == ["desk"]
    for name in ("benchmarks.bench_paper", "benchmarks.bench_gui", "benchmarks.bench_backup",
                 "benchmarks.bench_central"):
        if only_sections and name != "benchmarks.bench_central":
            continue
        if no_sections and name == "benchmarks.bench_central":
            continue
        importlib.import_module(name)  # a bench module that cannot load fails the bench
    # `python -m benchmarks.run` runs this file as __main__; the bench modules append
    # to the EXTRA and SECTIONS of the module they import, benchmarks.run.
    registry = importlib.import_module("benchmarks.run")
    load_before = os.getloadavg()
    snapshot = cpu_snapshot()
    work = Path(tempfile.mkdtemp(prefix="coopdesk-bench-"))
    figures: list[Figure] = []
    sections: list[list[str]] = []
    try:
        print("Building the 10-year book…", flush=True)
        big = BigBook(work)
        if not only_sections:
            figures = [bench_import(big), bench_import_memory(big), bench_summary(big)]
            for fn in registry.EXTRA:
                figures.append(fn(big))
                print(figures[-1].row(), flush=True)
        table = list(figures)
        for fn in registry.SECTIONS:
            section_before, section_snapshot = os.getloadavg(), cpu_snapshot()
            found, lines = fn(big)
            lines[4:4] = [load_line(section_before, section_snapshot), ""]
            figures.extend(found)
            sections.append(lines)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    results = HERE / "results.md"
    kept = ""
    if no_sections:  # the sections measured before stay as they were
        before = results.read_text(encoding="utf-8")
        at = before.find("\n## ")
        kept = before[at + 1:] if at >= 0 else ""
    if only_sections:
        text = results.read_text(encoding="utf-8")
    else:
        text = "\n".join([
            "# Benchmark results",
            "",
            f"Machine: {machine()}. Median of {RUNS} runs; ratios against the plain library"
            " in the same run.",
            "",
            load_line(load_before, snapshot),
            "",
            "| figure | coopdesk | plain | ratio | budget | |",
            "|---|---|---|---|---|---|",
            *[f.row() for f in table],
            "",
        ])
    for lines in sections:
        text = replace_section(text, lines)
    if kept:
        text = text.rstrip("\n") + "\n\n" + kept
    print(text)
    results.write_text(text, encoding="utf-8")
    return 0 if all(f.ok for f in figures) else 1


if __name__ == "__main__":
    sys.exit(main())
