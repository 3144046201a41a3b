"""Open one screen alone on the demo book: ``python -m coopdesk.gui.preview SalesView``."""

from __future__ import annotations

import argparse
import importlib
import sys
import tempfile
from pathlib import Path

from coopdesk.gui.main_window import SCREEN_CLASSES


def demo_book(folder: Path):
    """Return a book in *folder* filled with the demo cooperative (made once, then reused)."""
    from coopdesk.services.book import Book
    from coopdesk.services.demo import is_empty, load_demo

    book = Book.open_folder(folder)
    if is_empty(book):
        load_demo(book)
    return book


def find_class(name: str):
    """Return the screen or dialog class called *name* (e.g. SalesView, SaleDialog)."""
    for module_name, class_name in SCREEN_CLASSES.values():
        if class_name == name:
            return getattr(importlib.import_module(module_name), class_name)
    dialogs = {
        "MemberDialog": "member_dialog", "SaleDialog": "sale_dialog",
        "PaymentDialog": "payment_dialog", "PurchaseDialog": "purchase_dialog",
        "ExpenseDialog": "expense_dialog", "FirstRunDialog": "first_run_dialog",
        "SessionDialog": "session_dialog", "IncomeSplitDialog": "income_split_dialog",
        "DistributionDialog": "distribution_dialog",
        "ContributionDialog": "contribution_dialog",
    }
    if name in dialogs:
        module = importlib.import_module(f"coopdesk.gui.dialogs.{dialogs[name]}")
        return getattr(module, name)
    raise SystemExit(f"unknown screen {name}; one of: "
                     + ", ".join(c for _m, c in SCREEN_CLASSES.values()))


def main(argv: list[str] | None = None) -> int:
    """Show the named screen on a demo book."""
    parser = argparse.ArgumentParser(prog="python -m coopdesk.gui.preview")
    parser.add_argument("screen", help="class name, e.g. SalesView")
    parser.add_argument("--data-dir", help="a book folder (default: a demo in the temp folder)")
    args = parser.parse_args(argv)
    from coopdesk.gui.app import application, install_qt_translation
    from coopdesk.gui.context import AppContext
    from coopdesk.gui.operations import OperationRunner

    app = application()
    folder = Path(args.data_dir or Path(tempfile.gettempdir()) / "coopdesk-preview-demo")
    folder.mkdir(parents=True, exist_ok=True)
    book = demo_book(folder)
    install_qt_translation(app)
    ctx = AppContext(book=book, runner=OperationRunner())
    cls = find_class(args.screen)
    if args.screen == "FirstRunDialog":  # no book yet: it makes one only on Start
        widget = cls(Path(tempfile.mkdtemp(prefix="coopdesk-first-run-")), ctx.runner)
    else:
        widget = cls(ctx)
    from PySide6.QtWidgets import QDialog

    if not isinstance(widget, QDialog):  # a dialog opens at the size it asks for
        widget.resize(1176, 700)
    widget.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
