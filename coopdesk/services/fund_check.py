"""`coopdesk check` on the funds: each fund's balance worked out again, movement by movement.

Independent of the SQL sums the report uses: the movements are walked in date order in
Python, so a fund below zero on some day, anything out of the reserve, or a
distribution whose parts and fund movements disagree shows up as a sentence.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from coopdesk.db.queries import funds as rows
from coopdesk.db.reader import Reader
from coopdesk.i18n import _
from coopdesk.services.funds import fund_name

ZERO = Decimal("0.00")


def fund_problems(reader: Reader) -> list[str]:
    """Return one sentence per thing wrong with the funds (none when they add up)."""
    entries = [e for e in rows.fund_entries(reader) if not e.voided]
    problems = []
    running: dict[str, Decimal] = defaultdict(lambda: ZERO)
    by_day: dict[tuple[str, object], Decimal] = {}
    for entry in entries:  # by day, then as recorded
        if entry.fund == "reserve" and entry.direction != "in":
            problems.append(_("the reserve fund paid out S/ {amount} on {day}").format(
                amount=entry.amount, day=entry.day.strftime("%d/%m/%Y")))
        running[entry.fund] += entry.signed
        by_day[(entry.fund, entry.day)] = running[entry.fund]
    for (fund, day), balance in sorted(by_day.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        if balance < 0:
            problems.append(_("{fund} is below zero on {day}: S/ {amount}").format(
                fund=fund_name(fund), day=day.strftime("%d/%m/%Y"), amount=balance))
    for fund in rows.FUNDS:
        stored = rows.fund_balance(reader, fund)
        if stored != running[fund]:
            problems.append(_("{fund} adds up to S/ {a}, but its movements one by one give "
                              "S/ {b}").format(fund=fund_name(fund), a=stored, b=running[fund]))
    credited: dict[tuple[str, str], Decimal] = defaultdict(lambda: ZERO)
    for entry in entries:
        if entry.source == "distribution" and entry.source_uuid:
            credited[(entry.source_uuid, entry.fund)] += entry.signed
    posted = {uuid for uuid, _fund in credited}
    for part in rows.distribution_parts(reader):
        if part.uuid not in posted:
            continue  # approved before revision 0011: the funds' ledger began later
        for fund, amount in (("reserve", part.reserve), ("education", part.education)):
            if credited[(part.uuid, fund)] != amount:
                problems.append(_("the {year} distribution gave S/ {a} to {fund}, but it "
                                  "received S/ {b}").format(
                    year=part.year, fund=fund_name(fund), a=amount, b=credited[(part.uuid, fund)]))
    return problems
