"""The core (domain, formats, db, services, reports, cli) never imports Qt."""

import subprocess
import sys

CODE = """
import sys
import coopdesk.domain.money, coopdesk.domain.statements, coopdesk.domain.members
import coopdesk.formats, coopdesk.domain.month
import coopdesk.db.tables, coopdesk.db.migrate
import coopdesk.services.summary, coopdesk.services.importing, coopdesk.services.demo
import coopdesk.services.check, coopdesk.services.exporting
import coopdesk.cli
import pkgutil, importlib, coopdesk
CORE = ("coopdesk.domain", "coopdesk.db", "coopdesk.services", "coopdesk.reports",
        "coopdesk.backup")
for pkg in CORE:
    try:
        mod = importlib.import_module(pkg)
    except ModuleNotFoundError:
        continue
    for info in pkgutil.walk_packages(mod.__path__, pkg + "."):
        if ".migrations." in info.name or info.name.endswith(".migrations"):
            continue
        importlib.import_module(info.name)
coopdesk.cli._load_extra_commands()
bad = sorted(m for m in sys.modules if m.startswith("PySide6"))
print(",".join(bad))
"""


def test_core_imports_no_qt():
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "", f"Qt imported by the core: {out.stdout}"
