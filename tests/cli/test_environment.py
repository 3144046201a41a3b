"""Every environment variable the program reads is named in --help and in the contract."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import run_cli

ROOT = Path(__file__).resolve().parent.parent.parent


def _variables_read() -> set[str]:
    """The COOPDESK_* names the source reads, found in the source itself."""
    found = set()
    for path in (ROOT / "coopdesk").rglob("*.py"):
        found |= set(re.findall(r"""["'](COOPDESK_[A-Z_]+)["']""", path.read_text("utf-8")))
    return found


def test_help_and_the_contract_name_every_variable():
    names = _variables_read()
    assert {"COOPDESK_DATA_DIR", "COOPDESK_LANG", "COOPDESK_PASSPHRASE"} <= names
    shown = run_cli("--help")
    assert shown.returncode == 0
    epilog = shown.stdout.split("environment variables:", 1)[1]
    contract = (ROOT / "docs" / "interchange.md").read_text("utf-8")
    section = contract.split("### Environment variables", 1)[1].split("###", 1)[0]
    for name in names:
        assert re.search(rf"^  {name} +\S", epilog, re.M), name
        assert f"| `{name}` |" in section, name


def test_help_is_spanish_by_default():
    shown = run_cli("--help", env={"COOPDESK_LANG": "es"})
    assert "variables de entorno:" in shown.stdout
    assert "COOPDESK_DATA_DIR    carpeta que guarda el libro" in shown.stdout
