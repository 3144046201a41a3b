"""Every service that writes to the book declares what it changes (``@changes``).

Found from the source, not from a list: a public function of ``coopdesk/services`` or
``coopdesk/backup`` that opens a transaction on a book writes, so it must carry the
declaration the desk's operation runner broadcasts. A new write without one fails here.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

from coopdesk.domain.changes import Kind, declared_changes

PACKAGE = Path(__file__).parents[2] / "coopdesk"


def _opens_a_transaction(node: ast.AST) -> bool:
    return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
               and n.func.attr == "transaction" for n in ast.walk(node))


def _writers() -> list[tuple[str, str]]:
    found = []
    for folder in ("services", "backup"):
        for path in sorted((PACKAGE / folder).glob("*.py")):
            module = f"coopdesk.{folder}.{path.stem}"
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in tree.body:
                if (isinstance(node, ast.FunctionDef) and not node.name.startswith("_")
                        and _opens_a_transaction(node)):
                    found.append((module, node.name))
                if isinstance(node, ast.ClassDef):  # Book.open_folder and the like
                    for item in node.body:
                        if (isinstance(item, ast.FunctionDef) and not item.name.startswith("_")
                                and item.name not in ("transaction", "read")
                                and _opens_a_transaction(item)):
                            found.append((module, f"{node.name}.{item.name}"))
    return found


WRITERS = _writers()


def test_the_walk_finds_the_writes_it_must():
    names = {f"{m.rsplit('.', 1)[1]}.{f}" for m, f in WRITERS}
    assert {"trade.record_sale", "payments.pay_member", "work.set_sheet_cell",
            "distribution.approve_distribution", "keys.set_backup_settings"} <= names


@pytest.mark.parametrize(("module", "name"), WRITERS)
def test_every_write_declares_what_it_changes(module, name):
    target = importlib.import_module(module)
    for part in name.split("."):
        target = getattr(target, part)
    declared = declared_changes(target)
    assert declared is not None, f"{module}.{name} writes without @changes"
    assert declared.kinds and all(isinstance(k, Kind) for k in declared.kinds)


def test_the_receipts_are_reads_not_transactions():
    """Printing a receipt again takes no write lock and runs no sealing (issue #15)."""
    names = {f"{m.rsplit('.', 1)[1]}.{f}" for m, f in WRITERS}
    assert not {"documents.sale_receipt", "documents.payment_receipt"} & names
