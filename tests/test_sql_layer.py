"""The only SQL in the package is under coopdesk/db: services, backup, reports, GUI name queries.

The check reads each module's syntax tree: a call of ``select(``/``text(``, any use of
``exec_driver_sql``, or a string (not a docstring) that reads like an SQL statement is a
finding. Modules whose reads are still being moved are listed in PENDING; the list only
shrinks (a module in it that is already clean fails too, so it is taken off).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "coopdesk"

#: Modules not yet moved to coopdesk/db/queries (issue #15): the lead empties it as they land.
PENDING: set[str] = set()

SQL = re.compile(
    r"\b(SELECT|INSERT\s+INTO|DELETE\s+FROM|UPDATE\s+\w+\s+SET|CREATE\s+(TEMP|TABLE|VIEW|INDEX"
    r"|TRIGGER|UNIQUE)|DROP\s+(TABLE|VIEW|INDEX|TRIGGER)|PRAGMA|BEGIN\s+(IMMEDIATE|DEFERRED)"
    r"|ROLLBACK|WHERE|GROUP\s+BY|ORDER\s+BY|LEFT\s+JOIN)\b")


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of the string nodes that are docstrings (they may name SQL, they run none)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def sql_findings(source: str) -> list[str]:
    """Each place in *source* that runs or spells SQL, as ``line: what``."""
    tree = ast.parse(source)
    docs = _docstrings(tree)
    findings = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                and node.func.id in ("select", "text"):
            findings.append(f"{node.lineno}: {node.func.id}(")
        elif isinstance(node, ast.Attribute) and node.attr == "exec_driver_sql":
            findings.append(f"{node.lineno}: exec_driver_sql")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and id(node) not in docs and SQL.search(node.value):
            findings.append(f"{node.lineno}: {node.value[:60]!r}")
    return findings


def _modules() -> list[str]:
    return sorted(
        str(path.relative_to(PACKAGE)) for path in PACKAGE.rglob("*.py")
        # coopdesk/central is the programme's own database layer (PostgreSQL, its own
        # schema and migrations), beside the desk's coopdesk/db.
        if path.relative_to(PACKAGE).parts[0] not in ("db", "central")
    )


@pytest.mark.parametrize("module", _modules())
def test_no_sql_outside_the_db_package(module):
    findings = sql_findings((PACKAGE / module).read_text(encoding="utf-8"))
    if module in PENDING:
        assert findings, f"{module} is clean now: take it off PENDING"
    else:
        assert not findings, f"SQL in {module} (move it to coopdesk/db/queries): {findings}"


def test_pending_names_only_existing_modules():
    assert PENDING <= set(_modules())


@pytest.mark.parametrize("snippet", [
    "rows = conn.exec_driver_sql('x')",
    "from sqlmodel import select\nq = select(Member)",
    "stmt = text('x')",
    "q = \"SELECT id FROM sale\"",
    "q = 'UPDATE sale SET paid = 1'",
    "conn.execute(f\"DELETE FROM {table}\")",
])
def test_the_check_finds_each_kind_of_sql(snippet):
    assert sql_findings(snippet)


@pytest.mark.parametrize("snippet", [
    '"""Run one SELECT over the sales."""',
    "name = clean_text(value)",
    "view.selectionModel().select(index)",
    "label = _('Select a member')",
])
def test_the_check_leaves_plain_code_alone(snippet):
    assert not sql_findings(snippet)
