"""Smoke test of the built bundle: the frozen program, offscreen, does one pass of the main jobs.

Usage: ``python packaging/smoke_test.py dist/coopdesk/coopdesk`` (``make bundle`` runs it;
``make test`` does not). Needs only the standard library, so any Python can run it,
including one with no packages at all: the bundle carries its own Python.

In a temporary folder it creates a book (``--data-dir``), loads the demo, prints the
month's summary, writes a member statement PDF (and the monthly report and a receipt),
exports the sales, makes a backup and restores it, runs ``check`` (exit 0), and opens and
closes the main window through ``coopdesk-smoke-gui`` (packaging/smoke_gui.py), which sits
beside the program. On Windows, pass ``coopdesk-console.exe``: ``coopdesk.exe`` has no console.
Prints one line per step with its time; exit code 0 when every step passed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MONTH = "2022-10"
STEP_TIMEOUT = 180  # seconds; a cold first start on a slow laptop takes a few


class SmokeFailure(Exception):
    """A step of the smoke test did not do what it should."""


def run(binary: Path, *args: str, data_dir: Path | None = None,
        env=None) -> subprocess.CompletedProcess:
    """Run the frozen program with *args*; return the finished process (text output)."""
    command = [str(binary)]
    if data_dir is not None:
        command += ["--data-dir", str(data_dir)]
    command += list(args)
    return subprocess.run(
        command, capture_output=True, text=True, encoding="utf-8", errors="replace",
        timeout=STEP_TIMEOUT, env=env,
    )


def expect_ok(proc: subprocess.CompletedProcess, what: str) -> None:
    """Raise SmokeFailure with the program's output when *proc* did not exit 0."""
    if proc.returncode != 0:
        raise SmokeFailure(
            f"{what}: exit code {proc.returncode}\n--- stdout\n{proc.stdout[-3000:]}"
            f"\n--- stderr\n{proc.stderr[-3000:]}"
        )


def expect_pdf(path: Path, what: str) -> None:
    """Raise SmokeFailure unless *path* is a whole PDF with the DejaVu fonts embedded."""
    if not path.exists():
        raise SmokeFailure(f"{what}: {path} was not written")
    data = path.read_bytes()
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
        raise SmokeFailure(f"{what}: {path} is not a complete PDF ({len(data)} bytes)")
    if b"/FontFile2" not in data or b"DejaVu" not in data:
        raise SmokeFailure(f"{what}: {path} does not embed the DejaVu fonts")


def sibling(binary: Path, name: str) -> Path:
    """Return the program *name* in the same folder as *binary* (with .exe on Windows)."""
    return binary.with_name(name + binary.suffix)


def source_modules() -> list[str]:
    """Return every coopdesk module of the source tree this script sits in (or [])."""
    package = Path(__file__).resolve().parent.parent / "coopdesk"
    if not (package / "__init__.py").exists():
        return []
    names = []
    for path in sorted(package.rglob("*.py")):
        parts = list(path.relative_to(package.parent).with_suffix("").parts)
        if "migrations" in parts or parts[-1] == "__main__" or "__pycache__" in parts:
            continue
        if parts[-1] == "__init__":
            parts.pop()
        names.append(".".join(parts))
    return names


def smoke(binary: Path, workdir: Path, env: dict) -> list[tuple[str, float]]:
    """Run every step against a book in *workdir*; return (step, seconds) pairs."""
    book = workdir / "libro"
    stick = workdir / "usb"
    timings: list[tuple[str, float]] = []

    def step(name: str, fn) -> None:
        start = time.monotonic()
        fn()
        timings.append((name, time.monotonic() - start))
        print(f"  ok  {name} ({timings[-1][1]:.1f} s)", flush=True)

    commands: set[str] = set()

    def version() -> None:
        proc = run(binary, "--version", env=env)
        expect_ok(proc, "coopdesk --version")
        if not proc.stdout.startswith("coopdesk "):
            raise SmokeFailure(f"--version printed {proc.stdout!r}")
        help_text = run(binary, "--help", env=env).stdout
        commands.update(word for word in ("statement", "report", "receipt", "backup", "restore")
                        if f"    {word} " in help_text)

    def demo() -> None:
        proc = run(binary, "demo", data_dir=book, env=env)
        expect_ok(proc, "coopdesk demo")
        # A new book speaks Spanish: an English message means the .mo is not in the bundle.
        if not env.get("COOPDESK_LANG") and "The demo cooperative was loaded" in proc.stdout:
            raise SmokeFailure("demo answered in English: the Spanish catalog (.mo) is missing")
        if not (book / "coopdesk.sqlite3").exists():
            raise SmokeFailure("demo: no coopdesk.sqlite3 in the data folder")

    def summary() -> None:
        proc = run(binary, "summary", "--month", MONTH, "--json", data_dir=book, env=env)
        expect_ok(proc, "coopdesk summary")
        figures = json.loads(proc.stdout)
        if not figures:
            raise SmokeFailure("summary: empty figures for the demo month")

    def statement() -> None:
        if "statement" not in commands:
            raise SmokeFailure("the bundle has no `statement` command (coopdesk.cli.paper)")
        out = workdir / "estado.pdf"
        expect_ok(run(binary, "statement", "--month", MONTH, "--out", str(out),
                      data_dir=book, env=env), "coopdesk statement")
        expect_pdf(out, "statement")

    def report_and_receipt() -> None:
        out = workdir / "informe.pdf"
        expect_ok(run(binary, "report", "--month", MONTH, "--out", str(out),
                      data_dir=book, env=env), "coopdesk report")
        expect_pdf(out, "report")
        out = workdir / "recibo.pdf"
        expect_ok(run(binary, "receipt", "1", "--out", str(out), data_dir=book, env=env),
                  "coopdesk receipt")
        expect_pdf(out, "receipt")

    def export() -> None:
        out = workdir / "ventas.csv"
        expect_ok(run(binary, "export", "sales", str(out), data_dir=book, env=env),
                  "coopdesk export")
        if len(out.read_text(encoding="utf-8-sig").splitlines()) < 2:
            raise SmokeFailure("export: the sales file has no rows")

    def backup_and_restore() -> None:
        stick.mkdir()
        proc = run(binary, "backup", "--to", str(stick), data_dir=book, env=env)
        expect_ok(proc, "coopdesk backup")
        copies = [p for p in stick.rglob("*") if p.is_file()]
        if not copies:
            raise SmokeFailure("backup: nothing was written to the stick folder")
        printed = proc.stdout.strip().splitlines()
        copy = Path(printed[-1]) if printed and Path(printed[-1]).is_file() else copies[0]
        expect_ok(run(binary, "restore", "--yes", str(copy), data_dir=book, env=env),
                  "coopdesk restore")

    def check() -> None:
        expect_ok(run(binary, "check", data_dir=book, env=env), "coopdesk check")

    def window() -> None:
        gui = sibling(binary, "coopdesk-smoke-gui")
        if not gui.exists():
            raise SmokeFailure(f"{gui} is missing: the spec builds it beside coopdesk")
        command = [str(gui), "--data-dir", str(book)]
        modules = source_modules()
        if modules:
            listing = workdir / "modules.txt"
            listing.write_text("\n".join(modules) + "\n", encoding="utf-8")
            command += ["--modules", str(listing)]
        else:
            print("  --  no source tree beside this script: the module check is skipped")
        proc = subprocess.run(
            command, capture_output=True, text=True,
            encoding="utf-8", errors="replace", timeout=STEP_TIMEOUT,
            env={**env, "COOPDESK_SMOKE_QUIT_MS": env.get("COOPDESK_SMOKE_QUIT_MS", "1500")},
        )
        expect_ok(proc, "main window (coopdesk-smoke-gui)")
        print("      " + proc.stdout.strip().replace("\n", "\n      "))

    step("--version", version)
    step("demo", demo)
    step(f"summary {MONTH}", summary)
    step(f"statement {MONTH}", statement)
    if {"report", "receipt"} <= commands:
        step("report and receipt 1", report_and_receipt)
    step("export sales", export)
    if {"backup", "restore"} <= commands:
        step("backup and restore", backup_and_restore)
    else:
        print("  --  backup/restore: the bundle has no such commands yet", flush=True)
    step("check", check)
    step("main window opens and closes", window)
    return timings


def main(argv: list[str] | None = None) -> int:
    """Smoke-test the frozen program named on the command line; return 0 when all passed."""
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    binary = Path(argv[0]).absolute()
    if not binary.exists() and binary.with_suffix(".exe").exists():
        binary = binary.with_suffix(".exe")
    if not binary.is_file():
        print(f"smoke test: {binary} does not exist (build it with `make bundle`)", file=sys.stderr)
        return 2
    # The bundle must not lean on a Python setup or a book of this machine.
    dropped = ("COOPDESK_DATA_DIR", "PYTHONPATH", "PYTHONHOME")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    print(f"smoke test of {binary}", flush=True)
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="coopdesk-smoke-") as tmp:
        try:
            timings = smoke(binary, Path(tmp), env)
        except (SmokeFailure, subprocess.TimeoutExpired, json.JSONDecodeError) as exc:
            print(f"SMOKE TEST FAILED: {exc}", file=sys.stderr)
            return 1
    total = time.monotonic() - start
    print(f"smoke test passed: {len(timings)} steps in {total:.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
