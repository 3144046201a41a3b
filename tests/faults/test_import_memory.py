"""Attack by size: an import's memory does not grow with its rows (not timed).

Each import runs in a child process that reports its peak resident memory
(``ru_maxrss``); importing five times more workdays must not need more than a few MB
more. Before the import streamed, 20,000 → 100,000 rows grew the peak by ~100 MB.
"""

from __future__ import annotations

import csv
import datetime as dt
import subprocess
import sys

import pytest

from tests.conftest import ROOT

MEMBERS = 40
CHILD = """
import resource, sys
from pathlib import Path
from coopdesk.services.book import Book
from coopdesk.services.importing import import_file
from coopdesk.domain.errors import ImportRejected
folder = Path(sys.argv[1])
with Book.open_folder(folder / "book") as book:
    import_file(book, "members", folder / "members.csv")
    try:
        written = import_file(book, "workdays", folder / "workdays.csv")
    except ImportRejected as exc:
        written = -len(exc.problems) - exc.more
print(written, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def _files(folder, rows: int, *, bad: bool = False):
    folder.mkdir()
    with open(folder / "members.csv", "w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["codigo", "nombre", "dni", "fecha_ingreso", "estado", "fecha_salida",
                      "cargo"])
        for i in range(1, MEMBERS + 1):
            out.writerow([f"S{i:02d}", f"Socia {i}", "", "2000-01-01", "activa", "", ""])
    first = dt.date(2000, 1, 3)
    with open(folder / "workdays.csv", "w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["codigo_socia", "fecha", "linea", "fraccion", "nota"])
        for k in range(rows):
            code = "S99" if bad else f"S{k % MEMBERS + 1:02d}"
            out.writerow([code, (first + dt.timedelta(days=k // MEMBERS)).isoformat(),
                          "chocolate", "1" if k % 7 else "0.5", ""])


def _peak_mb(folder) -> tuple[int, float]:
    done = subprocess.run([sys.executable, "-c", CHILD, str(folder)], capture_output=True,
                          text=True, cwd=ROOT, check=True, env={"COOPDESK_LANG": "en",
                                                                  "PATH": "/usr/bin:/bin"})
    written, kib = done.stdout.split()
    return int(written), int(kib) / 1024


@pytest.mark.parametrize("bad", [False, True], ids=["good rows", "all rows bad"])
def test_memory_stays_flat_from_20k_to_100k_workdays(tmp_path, bad):
    _files(tmp_path / "small", 20_000, bad=bad)
    _files(tmp_path / "large", 100_000, bad=bad)
    small_rows, small = _peak_mb(tmp_path / "small")
    large_rows, large = _peak_mb(tmp_path / "large")
    assert (small_rows, large_rows) == ((-20_000, -100_000) if bad else (20_000, 100_000))
    assert large - small < 15, f"peak {small:.0f} MB for 20k rows, {large:.0f} MB for 100k"
