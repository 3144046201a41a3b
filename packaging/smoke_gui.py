"""Open coopdesk's main window on a book, close it after a moment, and say what was shown.

Frozen as the bundle's second program, ``coopdesk-smoke-gui`` (see coopdesk.spec), and run
by smoke_test.py: ``coopdesk-smoke-gui --data-dir FOLDER``. It goes through the desk's own
start-up (coopdesk.gui.app.run: translations, the book, the window) and only adds a timer
that closes every window after COOPDESK_SMOKE_QUIT_MS milliseconds (default 1500).
Exit code 0 when the main window was on screen, 3 when it was not, else run()'s own code.
"""

import argparse
import os
import sys


def main(argv=None) -> int:
    """Start the desk on --data-dir, close it after the delay; 0 if the main window showed."""
    parser = argparse.ArgumentParser(prog="coopdesk-smoke-gui")
    parser.add_argument("--data-dir", required=True)
    args = parser.parse_args(argv)
    delay = int(os.environ.get("COOPDESK_SMOKE_QUIT_MS") or 1500)

    from PySide6.QtCore import QTimer

    from coopdesk.gui import app as gui_app

    qapp = gui_app.application()
    shown: list[str] = []

    def close_everything() -> None:
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


if __name__ == "__main__":
    sys.exit(main())
