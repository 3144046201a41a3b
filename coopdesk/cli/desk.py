"""`coopdesk` with no command: the desk (the GUI), the only place the command line loads Qt."""

from __future__ import annotations


def preload_first_screen() -> None:
    """Import what the desk's first screen needs, before Qt is loaded.

    PySide6 reads the source of every module imported after it (its ``__feature__``
    check); these modules need no Qt, so loading them first saves that on every start.
    """
    import babel.dates  # noqa: F401
    import babel.numbers  # noqa: F401

    import coopdesk.services.queries  # noqa: F401
    import coopdesk.services.settings  # noqa: F401
    import coopdesk.services.summary  # noqa: F401


def run_desk(args) -> int:
    """Open the desk on the book the arguments point to; return its exit code."""
    preload_first_screen()
    from coopdesk.gui.app import run  # the command line never loads Qt for a command

    return run(data_dir=args.data_dir)
