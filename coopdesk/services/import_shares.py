"""How members' share capital movements are imported: read, checked, written.

Each row is checked against her whole history in date order (the book's live
movements, then the file's rows before it): what she paid never exceeds what she
subscribed, what was returned never exceeds what she paid (:mod:`coopdesk.domain.shares`).
A row that would break a rule is refused with its line; the import is all or nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from coopdesk.db.queries.shares import insert_share_movements, moves_of_members
from coopdesk.domain.errors import CoopError
from coopdesk.domain.money import parse_amount, to_cents
from coopdesk.domain.shares import ShareKind, ShareMove, history_problem, parse_share_kind
from coopdesk.domain.text import clean_text, parse_date
from coopdesk.i18n import _
from coopdesk.services.balances import balances
from coopdesk.services.import_kinds import ImportContext


class _Shares:
    def parse(self, row, ctx: ImportContext):
        c = row.cells
        member_id, facts = ctx.member(c["codigo_socia"])
        day = ctx.open_day(parse_date(c["fecha"], what=_("the date")))
        kind = parse_share_kind(c["tipo"])
        if day < facts.joined_on:
            raise CoopError(
                _("{code} joined on {joined}; a contribution before that is not possible").format(
                    code=facts.code, joined=facts.joined_on.strftime("%d/%m/%Y")))
        amount = parse_amount(c["monto"], what=_("the amount"))
        note = clean_text(c["nota"], what=_("the note"), required=False, limit=500)
        agreement = clean_text(c.get("acuerdo", ""), what=_("the agreement"), required=False,
                               limit=120)
        return member_id, day, kind, amount, note, facts.code, agreement

    def check(self, ctx, items, found):
        """Each row against her history: the book's movements, then the file's good rows."""
        if not hasattr(ctx, "share_moves"):
            ctx.share_moves = {}
        wanted = {r[0] for _line, r in items} - set(ctx.share_moves)
        ctx.share_moves.update(moves_of_members(ctx.conn, wanted))
        good = []
        deducted_here: dict[int, list[ShareMove]] = {}  # this chunk's, not yet in the book
        owed_on: dict[dt.date, dict[int, Decimal]] = {}  # the book's balances, by day
        for line, r in items:
            member_id, day, kind, amount, _note, code, _agreement = r
            history = ctx.share_moves.setdefault(member_id, [])
            problem = history_problem([*history, ShareMove(day, kind, amount)])
            if problem:
                found.append((line, f"{code}: {problem}"))
                continue
            if kind is ShareKind.DEDUCTION:
                earlier = deducted_here.setdefault(member_id, [])
                if day not in owed_on:
                    owed_on[day] = balances(ctx.session, day + dt.timedelta(days=1))
                owed = owed_on[day].get(member_id, Decimal("0.00")) - sum(
                    (m.amount for m in earlier if m.day <= day), Decimal("0.00"))
                if amount > owed:
                    found.append((line, _("{code} is owed S/ {owed} on {day}; S/ {amount} cannot"
                                          " be deducted from her pay").format(
                        code=code, owed=owed, amount=amount, day=day.strftime("%d/%m/%Y"))))
                    continue
                earlier.append(ShareMove(day, kind, amount))
            history.append(ShareMove(day, kind, amount))
            good.append((line, r))
        return good

    def write(self, ctx, records) -> None:
        from coopdesk.services.assemblies import citations_resolver

        cited = citations_resolver(ctx.session)  # the recorded agreements the texts cite
        insert_share_movements(ctx.conn, [
            (*ctx.stamp(), member_id, day.isoformat(), ShareKind(kind).value, to_cents(amount),
             agreement, note, cited(agreement))
            for member_id, day, kind, amount, note, _code, agreement in records
        ])


KINDS_BY_NAME = {"shares": _Shares()}
