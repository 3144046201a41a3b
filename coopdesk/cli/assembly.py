"""The general assembly's commands: record a session from its file, void one, rules, minutes.

Listed in docs/interchange.md ("Assemblies and minutes").
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from coopdesk.cli.common import open_book
from coopdesk.cli.paper import _add_out, _check_out, _write
from coopdesk.cli.parser import EXIT_OK
from coopdesk.domain.errors import InvalidInput
from coopdesk.i18n import _


def register(sub) -> dict[str, Callable]:
    """Add the assembly's commands to the parser; return their handlers by name."""

    def _command(name: str, text: str):
        return sub.add_parser(name, help=text, description=text)

    p = _command("assembly", _("record one session of the general assembly from its file"
                               " (JSON), all or nothing"))
    p.add_argument("file", metavar="FILE.json", help=_("the session file"))
    p = _command("void-assembly", _("void an assembly session recorded by mistake, with a"
                                    " reason"))
    p.add_argument("number", metavar="NUMBER", help=_("the session's number"))
    p.add_argument("--reason", required=True, metavar="TEXT",
                   help=_("why it is voided (kept in the audit trail)"))
    p = _command("assembly-rules", _("show or change the quorum of each call, the bylaws'"
                                     " article and the minutes' first folio"))
    rule = _("mitad_mas_uno, tercio or presentes")
    p.add_argument("--first-call", metavar="RULE", help=rule)
    p.add_argument("--second-call", metavar="RULE", help=rule)
    p.add_argument("--article", metavar="TEXT",
                   help=_("the bylaws' article the quorum comes from, e.g. \"Art. 25\""))
    p.add_argument("--first-folio", metavar="N",
                   help=_("the folio the printed minutes start at (a paper book continued)"))
    p = _command("actas", _("the minutes book of the general assembly as PDF"))
    _add_out(p)
    return {"assembly": _assembly, "void-assembly": _void_assembly,
            "assembly-rules": _assembly_rules, "actas": _actas}


def _assembly(args) -> int:
    from pathlib import Path

    from coopdesk.services.assemblies import record_session
    from coopdesk.services.assembly_file import read_session_file

    data = read_session_file(Path(args.file))
    with open_book(args) as book:
        row = record_session(book, data)
        number = row.number
    print(_("Assembly session {n} recorded.").format(n=number), file=sys.stderr)
    return EXIT_OK


def _void_assembly(args) -> int:
    from coopdesk.services.assemblies import void_session

    text = args.number.strip()
    if not (text.isdigit() and len(text) <= 6):
        raise InvalidInput(_("The session number must be a whole number, e.g. 3."))
    with open_book(args) as book:
        void_session(book, number=int(text), reason=args.reason)
    print(_("Assembly session {n} voided.").format(n=int(text)), file=sys.stderr)
    return EXIT_OK


def _assembly_rules(args) -> int:
    from coopdesk.domain.assembly import rule_text
    from coopdesk.services.assemblies import assembly_rules, set_assembly_rules

    with open_book(args) as book:
        if any(v is not None for v in (args.first_call, args.second_call, args.article,
                                       args.first_folio)):
            rules = set_assembly_rules(book, first_call=args.first_call,
                                       second_call=args.second_call, article=args.article,
                                       first_folio=args.first_folio)
        else:
            rules = assembly_rules(book)
    print(_("Quorum on first call: {rule}").format(rule=rule_text(rules.first_call)))
    print(_("Quorum on second call: {rule}").format(rule=rule_text(rules.second_call)))
    print(_("Bylaws' article: {article}").format(article=rules.article or "—"))
    print(_("First folio of the minutes: {n}").format(n=rules.first_folio))
    return EXIT_OK


def _actas(args) -> int:
    from coopdesk.reports.minutes import minutes_pdf

    options = _check_out(args)
    with open_book(args) as book:
        pdf = minutes_pdf(book)
    _write(args, options, pdf)
    return EXIT_OK
