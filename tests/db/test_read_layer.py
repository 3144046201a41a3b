"""The read layer holds: its views exist on every reading connection (never in the file),
the services moved onto it write no SQL, paper renderers read nothing, and no cycle links
the modules of the documents."""

from __future__ import annotations

import ast
import re
import sqlite3
from pathlib import Path

from coopdesk.db.views import VIEWS

ROOT = Path(__file__).resolve().parents[2] / "coopdesk"

#: Services whose reads all go through `coopdesk.db.queries` (issue #15, item 1).
READ_SERVICES = ("documents", "sheets", "sheets_and_certificates", "summary", "queries",
                 "distribution", "costing", "first_steps", "demo", "balances", "letterhead")

SQL = re.compile(r"exec_driver_sql|\bselect\(|\bSELECT\b|voided_at IS NULL|from_cents|from_units")


def test_every_view_is_on_the_books_connection_and_none_is_in_the_file(book):
    with book.read() as reader:
        temp = {name for (name,) in reader.connection().exec_driver_sql(
            "SELECT name FROM sqlite_temp_master WHERE type = 'view'")}
        stored = reader.connection().exec_driver_sql(
            "SELECT count(*) FROM sqlite_master WHERE type = 'view'").scalar()
    assert temp == {name for name, _sql in VIEWS}
    assert stored == 0
    book.close()
    plain = sqlite3.connect(book.path)
    try:
        assert plain.execute("SELECT count(*) FROM sqlite_master WHERE type = 'view'"
                             ).fetchone() == (0,)
    finally:
        plain.close()


def test_an_operations_session_reads_the_same_views(book):
    with book.transaction() as session:
        names = {name for (name,) in session.connection().exec_driver_sql(
            "SELECT name FROM sqlite_temp_master WHERE type = 'view'")}
    assert "labour_amount" in names


def test_the_moved_services_write_no_sql():
    offending = [
        f"{name}.py:{n}: {line.strip()}"
        for name in READ_SERVICES
        for n, line in enumerate((ROOT / "services" / f"{name}.py").read_text().splitlines(), 1)
        if SQL.search(line)
    ]
    assert offending == []


def test_paper_renderers_read_nothing_from_the_book():
    offending = [
        f"{path.name}:{n}"
        for path in (ROOT / "reports").glob("*.py")
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if re.search(r"exec_driver_sql|\bselect\(|\bSELECT\b|sqlite3|read_sql\(|\.read\(\)", line)
    ]
    assert offending == []


def _imports(module: str) -> set[str]:
    """The coopdesk modules *module* imports anywhere in its text (also inside functions)."""
    path = ROOT.parent / (module.replace(".", "/") + ".py")
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("coopdesk"):
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("coopdesk"))
    return {m for m in found if (ROOT.parent / (m.replace(".", "/") + ".py")).exists()}


def test_no_import_cycle_among_the_services_and_the_read_layer():
    modules = [f"coopdesk.services.{p.stem}" for p in (ROOT / "services").glob("*.py")]
    modules += [f"coopdesk.db.queries.{p.stem}" for p in (ROOT / "db" / "queries").glob("*.py")]
    graph = {m: _imports(m) & set(modules) for m in modules}
    cycles = []

    def visit(node, trail):
        for nxt in graph[node]:
            if nxt in trail:
                cycles.append(trail[trail.index(nxt):] + [nxt])
            elif nxt not in done:
                visit(nxt, [*trail, nxt])
        done.add(node)

    done: set[str] = set()
    for m in modules:
        if m not in done:
            visit(m, [m])
    ours = [c for c in cycles
            if any(part.rsplit(".", 1)[1] in READ_SERVICES or ".db." in part for part in c)]
    assert ours == []


def test_the_read_layer_does_not_reach_up_into_services():
    for path in (ROOT / "db" / "queries").glob("*.py"):
        assert "coopdesk.services" not in path.read_text(), path.name


def test_each_read_has_one_home():
    """No two modules of the read layer define the same read (one member_by_id, not two).

    Nor a copy of one under another name: ``has_table`` lives in queries.checks, and a
    module that needs it imports it (the fund, share, assembly and credit reads had each
    their own).
    """
    import ast
    from collections import defaultdict
    from pathlib import Path

    import coopdesk.db.queries as queries

    homes = defaultdict(list)
    private_copies = []
    for path in sorted(Path(queries.__file__).parent.glob("*.py")):
        for node in ast.parse(path.read_text("utf-8")).body:
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                homes[node.name].append(path.stem)
            if isinstance(node, ast.FunctionDef) and "sqlite_master" in ast.unparse(node) \
                    and node.name != "has_table":
                private_copies.append(f"{path.stem}.{node.name}")
    assert {name: where for name, where in homes.items() if len(where) > 1} == {}
    assert private_copies == []
