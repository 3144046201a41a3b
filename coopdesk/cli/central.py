"""``coopdesk central --db URL init|enrol|ingest|summary|report|export`` (docs/interchange.md)."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable
from pathlib import Path

from coopdesk.cli.common import add_force_option
from coopdesk.cli.parser import EXIT_OK, EXIT_REFUSED
from coopdesk.i18n import _, ngettext


def register(sub) -> dict[str, Callable]:
    """Add ``central`` and its subcommands to the parser; return its handler by name."""
    text = _("the programme's central book on PostgreSQL")
    p = sub.add_parser("central", help=text, description=text)
    p.add_argument("--db", metavar="URL",
                   help=_("postgresql://user@host:port/database (or COOPDESK_CENTRAL_DB)"))
    csub = p.add_subparsers(dest="central_command", metavar="COMMAND", required=True,
                            help=_("what to do with the central book"))

    def _command(name: str, text: str):
        return csub.add_parser(name, help=text, description=text)

    _command("init", _("prepare the central book and the programme's keys"))
    c = _command("enrol", _("enrol a site from its enrolment file"))
    c.add_argument("file", metavar="FILE", help=_("the enrolment file the site wrote"))
    c = _command("ingest", _("take sites' deliveries, each all or nothing"))
    c.add_argument("files", nargs="+", metavar="FILE", help=_("the delivery files to take"))
    c.add_argument("--dry-run", action="store_true", help=_("check only; write nothing"))
    c.add_argument("--ack-dir", metavar="DIR",
                   help=_("write each site's acknowledgement into this folder"))
    c = _command("summary", _("the month's figures of every site"))
    c.add_argument("--month", required=True, metavar="YYYY-MM", help=_("the month, e.g. 2022-10"))
    c.add_argument("--json", action="store_true", required=True,
                   help=_("print the figures as JSON"))
    c = _command("report", _("the programme's month as PDF"))
    c.add_argument("--month", required=True, metavar="YYYY-MM", help=_("the month, e.g. 2022-10"))
    c.add_argument("--out", required=True, metavar="FILE.pdf", help=_("the PDF to write"))
    add_force_option(c)
    c = _command("export", _("export every site's records to .csv or .xlsx"))
    c.add_argument("kind", metavar="KIND", help=_("what to export (see docs/interchange.md)"))
    c.add_argument("file", metavar="FILE", help=_("the .csv or .xlsx file to write"))
    add_force_option(c)
    return {"central": central}


def _open(args):
    from coopdesk.central.db import central_url, connect, require_schema

    url = central_url(args.db)
    conn = connect(url)
    if args.central_command != "init":
        require_schema(conn)
    return url, conn


def _delivery_order(path: str) -> tuple:
    """Sort ``<site>-<first>-<last>.entrega`` by site, then first seal (numbers, not text)."""
    parts = Path(path).stem.rsplit("-", 2)
    if len(parts) == 3 and parts[1].isdigit():
        return (parts[0], int(parts[1]))
    return (path, 0)


def central(args) -> int:
    from coopdesk.central import programme

    url, conn = _open(args)
    with conn:
        what = args.central_command
        if what == "init":
            from coopdesk.central.db import upgrade

            upgrade(url)
            with conn.transaction():
                made = programme.init(conn)
            print(_("The central book is ready.") if made else
                  _("The central book was already prepared; its keys are unchanged."))
            return EXIT_OK
        if what == "enrol":
            with conn.transaction():
                site, new = programme.enrol(conn, Path(args.file))
            print((_("The site {site} is enrolled.") if new else
                   _("The site {site} was already enrolled with this key.")).format(site=site))
            return EXIT_OK
        if what == "ingest":
            return _ingest(conn, args)
        if what == "summary":
            from coopdesk.central.summary import programme_summary
            from coopdesk.domain.month import Month

            year, month = Month.parse(args.month)
            print(json.dumps(programme_summary(conn, year, month), ensure_ascii=False, indent=2))
            return EXIT_OK
        if what == "report":
            return _report(conn, args)
        return _export(conn, args)


def _options(args, endings: tuple[str, ...]) -> dict:
    return {"endings": endings, "force": bool(args.force),
            "how_to_replace": _("Add --force to replace it, or choose another name.")}


def _report(conn, args) -> int:
    from coopdesk.central.report import render_programme_report
    from coopdesk.domain.month import Month
    from coopdesk.outputs import check_output, write_output

    options = _options(args, (".pdf",))
    check_output(args.out, **options)
    year, month = Month.parse(args.month)
    path = write_output(args.out, render_programme_report(conn, year, month), **options)
    print(path)
    return EXIT_OK


def _export(conn, args) -> int:
    from coopdesk.central.export import rows, write_rows
    from coopdesk.outputs import TABLES, check_output, output_file

    options = _options(args, TABLES)
    check_output(args.file, **options)
    data = rows(conn, args.kind)
    first = next(data)  # an unknown kind is refused before any file is made
    with output_file(args.file, **options) as temp:
        count = write_rows(temp, _chain(first, data))
    print(ngettext("{n} row written to {file}.", "{n} rows written to {file}.", count)
          .format(n=count, file=args.file), file=sys.stderr)
    return EXIT_OK


def _chain(first, rest):
    yield first
    yield from rest


def _ingest(conn, args) -> int:
    from coopdesk.central.ingest import ingest, write_acks
    from coopdesk.domain.errors import CoopError

    if args.ack_dir and not Path(args.ack_dir).is_dir():
        print(_("The folder {folder} does not exist. Nothing was written.")
              .format(folder=args.ack_dir), file=sys.stderr)
        return EXIT_REFUSED
    refused, taken = 0, set()
    for file in sorted(args.files, key=_delivery_order):
        try:
            done = ingest(conn, Path(file), dry_run=args.dry_run)
        except CoopError as exc:
            print(exc.message, file=sys.stderr)
            refused += 1
            continue
        except OSError as exc:
            from coopdesk.oserrors import file_sentence

            print(file_sentence(exc), file=sys.stderr)
            refused += 1
            continue
        taken.add(done.site)
        if done.already:
            text = _("{file}: already received (site {name}, up to seal {last}); nothing changed.")
        elif args.dry_run:
            text = _("{file}: would add seals {first} to {last} of the site {name} (dry run,"
                     " nothing written).")
        else:
            text = _("{file}: seals {first} to {last} of the site {name} received.")
        print(text.format(file=Path(file).name, name=done.name, first=done.first,
                          last=done.last))
    if args.ack_dir and taken and not args.dry_run:
        now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        for path in write_acks(conn, taken, Path(args.ack_dir), now):
            print(path)
    return EXIT_REFUSED if refused else EXIT_OK

