"""The funds' commands: a fund's month, a manual entry, a workshop's cost, a void, approval.

Approving a year's surplus distribution credits the reserve and the education fund.

Listed in docs/interchange.md ("The reserve and the education fund"). Nothing is ever
paid out of the reserve: `fund-entry reserve out` is refused like the desk refuses it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from coopdesk.cli.common import open_book
from coopdesk.cli.parser import EXIT_OK
from coopdesk.i18n import _


def register(sub) -> dict[str, Callable]:
    """Add the funds' commands to the parser; return their handlers by name."""

    def _command(name: str, text: str):
        return sub.add_parser(name, help=text, description=text)

    p = _command("funds", _("the reserve and education funds in a month: balances and "
                            "movements"))
    p.add_argument("--month", required=True, metavar="YYYY-MM", help=_("the month, e.g. 2022-10"))
    p = _command("fund-rule", _("show or change the bylaws' percentages of the surplus for "
                                "the reserve and the education fund"))
    p.add_argument("--reserve", metavar="PERCENT", help=_("the reserve fund's percentage, "
                                                          "0 to 100"))
    p.add_argument("--education", metavar="PERCENT", help=_("the education fund's "
                                                            "percentage, 0 to 100"))
    p.add_argument("--reserve-article", metavar="TEXT",
                   help=_("the bylaws' article that sets the reserve's percentage"))
    p.add_argument("--education-article", metavar="TEXT",
                   help=_("the bylaws' article that sets the education fund's percentage"))
    p = _command("fund-entry", _("record money into or out of a fund by hand, with a note"))
    p.add_argument("fund", choices=("reserve", "education"), help=_("the fund"))
    p.add_argument("direction", choices=("in", "out"),
                   help=_("in (money into the fund) or out (paid from it)"))
    p.add_argument("amount", metavar="AMOUNT", help=_("the amount in soles, e.g. 120.50"))
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD", help=_("the day"))
    p.add_argument("--note", required=True, metavar="TEXT", help=_("what the money is"))
    p = _command("workshop-cost", _("pay a training workshop session's cost from the "
                                    "education fund"))
    p.add_argument("--workshop", required=True, type=int, metavar="N",
                   help=_("the workshop's number (1 to 9)"))
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD",
                   help=_("the day the session was held"))
    p.add_argument("--amount", required=True, metavar="AMOUNT",
                   help=_("the cost in soles, e.g. 45.00"))
    p.add_argument("--note", default="", metavar="TEXT", help=_("what was paid (optional)"))
    p = _command("void-fund-movement", _("void a manual fund entry or a workshop's cost "
                                         "with a reason"))
    p.add_argument("uuid", metavar="ID", help=_("the movement's id, as `funds` lists it"))
    p.add_argument("--reason", required=True, metavar="TEXT",
                   help=_("why it is voided (kept in the audit trail)"))
    p = _command("approve-distribution", _("approve a year's surplus distribution once, as "
                                           "the assembly agreed: credit the reserve, the "
                                           "education fund and each member's share"))
    p.add_argument("--year", required=True, metavar="YYYY", help=_("the year, e.g. 2023"))
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD",
                   help=_("the day of the assembly that approved it"))
    p.add_argument("--surplus", metavar="AMOUNT",
                   help=_("the surplus the assembly decided, in soles (default: the year's "
                          "result in the book)"))
    p.add_argument("--agreement", default="", metavar="TEXT",
                   help=_("the agreement that approved it, e.g. \"Asamblea 3, acuerdo 2\""))
    p.add_argument("--note", default="", metavar="TEXT", help=_("a note (optional)"))
    return {"funds": _funds, "fund-rule": _fund_rule, "fund-entry": _fund_entry,
            "workshop-cost": _workshop_cost, "void-fund-movement": _void,
            "approve-distribution": _approve_distribution}


def _day(text: str):
    from coopdesk.domain.text import parse_date

    return parse_date(text, what=_("the date of {flag}").format(flag="--date"))


def _amount(text: str):
    from coopdesk.domain.money import parse_amount

    return parse_amount(text, what=_("the amount"))


def _funds(args) -> int:
    from coopdesk.domain.month import Month
    from coopdesk.formats import money
    from coopdesk.services.funds import fund_flows, fund_movements, fund_name

    start, end = Month.parse(args.month).span()
    with open_book(args) as book:
        flows = fund_flows(book, start, end)
        moves = fund_movements(book, start=start, end=end)
    for fund, flow in flows.items():
        print(_("{fund}: opening {opening}, in {came_in}, out {went_out}, closing {closing}")
              .format(fund=fund_name(fund), opening=money(flow.opening),
                      came_in=money(flow.came_in), went_out=money(flow.went_out),
                      closing=money(flow.closing)))
    for move in moves:
        sign = "+" if move.direction == "in" else "−"
        print(f"{move.day:%d/%m/%Y}  {fund_name(move.fund)}  {sign}{money(move.amount)}  "
              f"{move.note}  {move.uuid}")
    return EXIT_OK


def _fund_rule(args) -> int:
    from coopdesk.formats import percent
    from coopdesk.services import distribution

    changing = any(v is not None for v in (args.reserve, args.education, args.reserve_article,
                                           args.education_article))
    with open_book(args) as book:
        rule = distribution.current_rule(book)
        if changing:
            rule = distribution.set_rule(
                book,
                reserve_percent=rule.reserve_percent if args.reserve is None else args.reserve,
                education_percent=(rule.education_percent if args.education is None
                                   else args.education),
                reserve_article=args.reserve_article,
                education_article=args.education_article)
    for name, value, article in (
            (_("Reserve fund"), rule.reserve_percent, rule.reserve_article),
            (_("Education fund"), rule.education_percent, rule.education_article)):
        print(_("{fund}: {percent} of the surplus ({article})").format(
            fund=name, percent=percent(value, 2, trim=True),
            article=article or _("article not written")))
    return EXIT_OK


def _fund_entry(args) -> int:
    from coopdesk.services.funds import record_fund_movement

    day, amount = _day(args.date), _amount(args.amount)
    with open_book(args) as book:
        move = record_fund_movement(book, fund=args.fund, day=day, direction=args.direction,
                                    amount=amount, note=args.note)
    print(_("Recorded: {id}.").format(id=move.uuid), file=sys.stderr)
    return EXIT_OK


def _workshop_cost(args) -> int:
    from coopdesk.services.funds import pay_workshop_cost

    day, amount = _day(args.date), _amount(args.amount)
    with open_book(args) as book:
        move = pay_workshop_cost(book, workshop=args.workshop, held_on=day, amount=amount,
                                 note=args.note)
    print(_("Paid from the education fund: {id}.").format(id=move.uuid), file=sys.stderr)
    return EXIT_OK


def _void(args) -> int:
    from coopdesk.services.funds import void_fund_movement

    with open_book(args) as book:
        void_fund_movement(book, uuid=args.uuid.strip(), reason=args.reason)
    print(_("Fund movement voided."), file=sys.stderr)
    return EXIT_OK


def _approve_distribution(args) -> int:
    from coopdesk.domain.errors import InvalidInput
    from coopdesk.formats import money
    from coopdesk.services.distribution import approve_distribution

    text = args.year.strip()
    if not (len(text) == 4 and text.isascii() and text.isdigit()):
        raise InvalidInput(_("Write the year with 4 digits, e.g. --year 2023."), field="year")
    day = _day(args.date)
    surplus = None if args.surplus is None else _amount(args.surplus)
    with open_book(args) as book:
        _row, dist = approve_distribution(book, year=int(text), approved_on=day,
                                          surplus=surplus, note=args.note,
                                          agreement=args.agreement)
    print(_("Surplus of {year} distributed: reserve {reserve}, education {education}, "
            "members {members}.").format(year=dist.year, reserve=money(dist.reserve),
                                         education=money(dist.education),
                                         members=money(dist.to_members)), file=sys.stderr)
    return EXIT_OK
