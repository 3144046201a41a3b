"""The layers hold: the import contracts of pyproject.toml, and no Qt loaded by the core."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CODE = """
import sys
import pkgutil, importlib, coopdesk
import coopdesk.cli
CORE = ("coopdesk.domain", "coopdesk.db", "coopdesk.services", "coopdesk.reports",
        "coopdesk.backup", "coopdesk.cli")
import coopdesk.formats
for pkg in CORE:
    mod = importlib.import_module(pkg)
    for info in pkgutil.walk_packages(mod.__path__, pkg + "."):
        if ".migrations." in info.name or info.name.endswith(".migrations"):
            continue
        importlib.import_module(info.name)
coopdesk.cli.build_parser()
bad = sorted(m for m in sys.modules if m.startswith(("PySide6", "shiboken6")))
print(",".join(bad))
"""


def test_core_imports_no_qt():
    """Every module of the core, and the whole command line's parser, load without Qt."""
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "", f"Qt imported by the core: {out.stdout}"


def test_import_contracts_are_kept():
    """`lint-imports` (as `make lint` runs it): layers, Qt only in the desk, no cycles."""
    lint_imports = Path(sys.executable).with_name("lint-imports")
    out = subprocess.run([str(lint_imports), "--no-cache", "--no-logo"], capture_output=True,
                         text=True, cwd=ROOT)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "0 broken" in out.stdout
