"""Open coopdesk's main window on a book, close it after a moment, and say what was shown.

Frozen as the bundle's second program, ``coopdesk-smoke-gui`` (see coopdesk.spec), and run
by smoke_test.py: ``coopdesk-smoke-gui --data-dir FOLDER``. It goes through the desk's own
start-up (coopdesk.gui.app.run: translations, the book, the window) and only adds a timer
that closes every window after COOPDESK_SMOKE_QUIT_MS milliseconds (default 1500).
With ``--modules FILE`` (one module name a line, written by smoke_test.py from the source
tree) it first imports each of them: the desk loads its screens and documents by name, which
PyInstaller cannot see, so a module left out of the bundle would only show as a placeholder.
It also opens every screen of the sidebar and names any placeholder it finds.
Exit code 0 when the main window was on screen, 3 when it was not, 5 when a module is
missing from the bundle, else run()'s own code.
"""

import argparse
import os
import sys


def main(argv=None) -> int:
    """Start the desk on --data-dir, close it after the delay; 0 if the main window showed."""
    parser = argparse.ArgumentParser(prog="coopdesk-smoke-gui")
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--modules", help="file with the module names that must import")
    args = parser.parse_args(argv)
    delay = int(os.environ.get("COOPDESK_SMOKE_QUIT_MS") or 1500)
    if args.modules and not imports_all(args.modules):
        return 5

    from PySide6.QtCore import QTimer

    from coopdesk.gui import app as gui_app

    qapp = gui_app.application()
    shown: list[str] = []

    def close_everything() -> None:
        visit_every_screen(qapp)
        for widget in qapp.topLevelWidgets():
            if widget.isVisible():
                shown.append(f"{type(widget).__name__}: {widget.windowTitle()}")
                widget.close()
        qapp.quit()

    QTimer.singleShot(delay, close_everything)
    code = gui_app.run(data_dir=args.data_dir)
    for line in shown:
        print(f"shown: {line}")
    if code != 0:
        return code
    return 0 if any(line.startswith("MainWindow:") for line in shown) else 3


def imports_all(modules_file: str) -> bool:
    """Import every module named in *modules_file*; print the ones that fail."""
    import importlib

    with open(modules_file, encoding="utf-8") as fh:
        names = [line.strip() for line in fh if line.strip()]
    failed = 0
    for name in names:
        try:
            importlib.import_module(name)
        except Exception as exc:  # any failure is what the smoke test must report
            failed += 1
            print(f"missing: {name} ({type(exc).__name__}: {exc})")
    print(f"imported {len(names) - failed} of {len(names)} coopdesk modules")
    return failed == 0


def visit_every_screen(qapp) -> None:
    """Show each screen of the main window's sidebar once; print the placeholders seen."""
    from PySide6.QtWidgets import QLabel, QWidget

    for window in qapp.topLevelWidgets():
        sidebar = getattr(window, "sidebar", None)
        if sidebar is None or not window.isVisible():
            continue
        for row in range(sidebar.count()):
            sidebar.setCurrentRow(row)
            qapp.processEvents()
        for child in window.findChildren(QWidget):
            if type(child).__name__ == "Placeholder":
                label = child.findChild(QLabel)
                print(f"placeholder: {label.text() if label else '?'}")
        sidebar.setCurrentRow(0)


if __name__ == "__main__":
    sys.exit(main())
