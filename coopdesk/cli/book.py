"""The book's commands: demo, import, export, summary and check."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

from coopdesk.cli.common import add_force_option, open_book, output_options
from coopdesk.cli.parser import EXIT_OK, EXIT_REFUSED
from coopdesk.domain.errors import AlreadyImported, ImportRejected
from coopdesk.formats import number
from coopdesk.i18n import _, ngettext


def kinds_epilog() -> str:
    """The kinds a file may hold and its columns, for `import --help` and `export --help`.

    Called only when the help is shown: the import code is not loaded for the desk.
    """
    from coopdesk.services.importing import HEADERS

    width = max(len(kind) for kind in HEADERS)
    lines = [_("kinds (KIND) and the columns of the file's first row:")]
    lines += [f"  {kind:<{width}}  {', '.join(columns)}" for kind, columns in HEADERS.items()]
    return "\n".join(lines)


def register(sub) -> dict[str, Callable]:
    """Add the book's commands to the parser; return their handlers by name."""
    text = _("fill an empty book with the demo cooperative (a realistic year)")
    sub.add_parser("demo", help=text, description=text)

    text = _("import a .csv or .xlsx file, all or nothing")
    p = sub.add_parser("import", help=text, description=text, epilog=kinds_epilog)
    p.add_argument("kind", metavar="KIND", help=_("what the file holds (the kinds below)"))
    p.add_argument("file", metavar="FILE", help=_("the .csv or .xlsx file to read"))
    p.add_argument("--again", action="store_true",
                   help=_("import even a file imported before, and rows that look like records"
                          " already in the book"))

    text = _("export to .csv or .xlsx")
    p = sub.add_parser("export", help=text, description=text, epilog=kinds_epilog)
    p.add_argument("kind", metavar="KIND", help=_("what to export (the kinds below)"))
    p.add_argument("file", metavar="FILE",
                   help=_("the file to write, ending in .csv or .xlsx"))
    add_force_option(p)

    text = _("the month's figures")
    p = sub.add_parser("summary", help=text, description=text)
    p.add_argument("--month", required=True, metavar="YYYY-MM", help=_("the month, e.g. 2022-10"))
    p.add_argument("--json", action="store_true",
                   help=_("print the figures as JSON (docs/interchange.md) instead of a table"))

    text = _("database integrity and accounting identities")
    p = sub.add_parser("check", help=text, description=text)
    p.add_argument("--against", metavar="BACKUP",
                   help=_("also prove the book continues the hash chain kept in this backup"))
    return {"demo": demo, "import": import_, "export": export, "summary": summary,
            "check": check}


def demo(args) -> int:
    from coopdesk.services.demo import load_demo

    with open_book(args) as book:
        load_demo(book)
    print(_("The demo cooperative was loaded into {path}.").format(path=book.path))
    return EXIT_OK


def import_(args) -> int:
    from coopdesk.services.importing import import_file

    with open_book(args) as book:
        try:
            count = import_file(book, args.kind, Path(args.file), again=args.again)
        except AlreadyImported as exc:
            print(exc.message, file=sys.stderr)
            print(_("If it really holds new records, import it again with --again."),
                  file=sys.stderr)
            return EXIT_REFUSED
        except ImportRejected as exc:
            _say_rejected(args.file, exc)
            return EXIT_REFUSED
    print(ngettext("{n} row imported from {file}.", "{n} rows imported from {file}.", count)
          .format(n=count, file=args.file))
    return EXIT_OK


def _say_rejected(file: str, exc: ImportRejected) -> None:
    """Print one line per bad row (FILE:LINE: problem), then what was done: nothing."""
    if not exc.problems:
        print(exc.message, file=sys.stderr)
    for line, problem in exc.problems:
        print(f"{file}:{line}: {problem}", file=sys.stderr)
    if exc.more:
        print(ngettext("… and {n} more row with errors.",
                       "… and {n} more rows with errors.", exc.more)
              .format(n=number(exc.more)), file=sys.stderr)
    if exc.duplicates:
        print(_("Rows that look like records already in the book are refused; if they"
                " really are new records, import the file with --again."), file=sys.stderr)
    print(_("Nothing was imported."), file=sys.stderr)


def export(args) -> int:
    from coopdesk.outputs import TABLES, check_output, output_file
    from coopdesk.services.exporting import export_file

    options = output_options(args, TABLES)
    check_output(args.file, **options)  # refused before the book is even opened
    with open_book(args) as book, output_file(args.file, **options) as temp:
        count = export_file(book, args.kind, temp)
    print(ngettext("{n} row written to {file}.", "{n} rows written to {file}.", count)
          .format(n=count, file=args.file), file=sys.stderr)
    return EXIT_OK


def summary(args) -> int:
    from coopdesk.domain.month import Month
    from coopdesk.services.summary import month_summary

    year, month = Month.parse(args.month)
    with open_book(args) as book:
        figures = month_summary(book, year, month)
    if args.json:
        print(json.dumps(figures.as_json_dict(), ensure_ascii=False, indent=2))
    else:
        from coopdesk.cli.summary_table import summary_table

        print(summary_table(figures))
    return EXIT_OK


def check(args) -> int:
    from coopdesk.services.check import check_book

    with open_book(args) as book:
        report = check_book(book)
        if args.against:
            from coopdesk.backup.anchor import against_backup

            report.sections.append(against_backup(book, Path(args.against)))
    for line in report.lines():
        print(line)
    return EXIT_OK if report.ok else EXIT_REFUSED
