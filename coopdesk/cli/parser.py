"""argparse in the person's language, and a usage mistake as a refusal (exit 1), not a bug.

argparse translates its own texts ("usage:", "options", "the following arguments are
required") with the ``gettext`` it imported into its module; those calls are pointed at our
catalog only while the command line builds and reads its arguments (`in_our_language`), so
nothing else in the process is changed. The texts are declared below with ``N_`` so the
catalog check (tests/test_i18n.py) requires their Spanish.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable, Iterator

from coopdesk.i18n import N_, _, ngettext

#: Exit codes of docs/interchange.md ("Exit codes and errors").
EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_BUG = 2
EXIT_INTERRUPTED = 130

#: argparse's own texts a person can meet (Python 3.11–3.13), for the catalog.
ARGPARSE_TEXTS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("unexpected option string: %s"),
)


@contextlib.contextmanager
def in_our_language() -> Iterator[None]:
    """Let argparse's own texts go through coopdesk's catalog while the block runs."""
    saved = argparse._, argparse.ngettext
    argparse._, argparse.ngettext = _, ngettext
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Descriptions and epilogs keep their lines (lists of kinds, variables) as written."""


class CommandParser(argparse.ArgumentParser):
    """An ArgumentParser whose mistakes are refusals, and whose epilog may be computed late.

    A usage mistake is the person's, not a bug: one sentence in her language saying what
    to fix, then exit 1 (docs/interchange.md keeps 2 for bugs). An epilog given as a
    function is called only when the help is shown, so listing the import kinds does not
    load the import code when the desk starts.
    """

    def __init__(self, *args, epilog: str | Callable[[], str] | None = None, **kwargs) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        self._late_epilog = epilog if callable(epilog) else None
        super().__init__(*args, epilog=None if callable(epilog) else epilog, **kwargs)

    def format_help(self) -> str:
        if self._late_epilog is not None:
            self.epilog = self._late_epilog()
        return super().format_help()

    def error(self, message: str):
        self.print_usage(sys.stderr)
        print(_("{prog}: error: {message}").format(prog=self.prog, message=message),
              file=sys.stderr)
        print(_("Write “{prog} --help” to see how it is used.").format(prog=self.prog),
              file=sys.stderr)
        self.exit(EXIT_REFUSED)
