"""How the funds' movements a person types are imported: money in, a workshop's cost.

The rules are the ones of ``fund-entry`` and ``workshop-cost`` (and of the desk): nothing
is ever paid out of the reserve, no fund is below zero on the day of a payment or on any
later day that moves (the book's movements, then the file's rows before it, in the order
the book's trigger checks them), nothing in a closed month, amounts with at most 2
decimals. A part of the year's distribution is not imported (it is credited when the
assembly's distribution is approved), nor a movement exported as voided (it would come
back as a live one). All or nothing, like every import.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import defaultdict

from coopdesk.db.queries import imports as q
from coopdesk.domain.errors import CoopError
from coopdesk.domain.funds import lowest_balance_from
from coopdesk.domain.money import from_cents, parse_amount, to_cents
from coopdesk.domain.text import clean_text, parse_date, parse_yes_no
from coopdesk.domain.workshops import parse_workshop_number
from coopdesk.i18n import _
from coopdesk.services.funds import reserve_refusal, shortfall, workshop_note
from coopdesk.services.import_kinds import ImportContext
from coopdesk.services.import_money import _likely_duplicate

#: The file's words → the book's (Spanish like the other kinds; accents optional).
FUND_WORDS = {"reserva": "reserve", "educacion": "education"}
DIRECTION_WORDS = {"ingreso": "in", "egreso": "out"}
#: What ``origen`` may say on import; ``reparto`` (a distribution's part) is refused.
SOURCE_WORDS = {"": "manual", "manual": "manual", "taller": "workshop", "reparto": "distribution"}


def _word(text: str) -> str:
    raw = unicodedata.normalize("NFD", (text or "").strip().casefold())
    return "".join(ch for ch in raw if not unicodedata.combining(ch))


def _fund(text: str) -> str:
    fund = FUND_WORDS.get(_word(text))
    if fund is None:
        raise CoopError(_("the fund “{text}” must be reserva or educacion").format(
            text=(text or "").strip()[:30]))
    return fund


def _direction(text: str) -> str:
    direction = DIRECTION_WORDS.get(_word(text))
    if direction is None:
        raise CoopError(_("the type “{text}” must be ingreso (money into the fund) or egreso"
                          " (paid from it)").format(text=(text or "").strip()[:30]))
    return direction


def _source(c) -> str:
    text = c.get("origen", "")
    source = SOURCE_WORDS.get(_word(text))
    if source is None:
        raise CoopError(_("the origin “{text}” must be manual or taller (or empty)").format(
            text=text.strip()[:30]))
    if source == "distribution":
        raise CoopError(_("a part of the year's surplus distribution is not imported: it is"
                          " credited when the assembly's distribution is approved"))
    if c.get("anulado", "").strip() and parse_yes_no(c["anulado"], what=_("the column anulado")):
        raise CoopError(_("a voided movement is not imported: it would come back as a live"
                          " one; take the row out of the file"))
    return source


class _Funds:
    def parse(self, row, ctx: ImportContext):
        c = row.cells
        fund = _fund(c["fondo"])
        day = ctx.open_day(parse_date(c["fecha"], what=_("the date")))
        direction = _direction(c["tipo"])
        source = _source(c)
        workshop_text = c.get("taller", "").strip()
        if fund == "reserve" and direction == "out":
            raise CoopError(reserve_refusal(ctx.session))
        amount = parse_amount(c["monto"], what=_("the amount"))
        session_uuid = None
        if workshop_text or source == "workshop":
            if not workshop_text:
                raise CoopError(_("write in taller the number of the workshop (1 to 9) whose"
                                  " cost this is"))
            workshop = parse_workshop_number(workshop_text)
            if (fund, direction) != ("education", "out"):
                raise CoopError(_("a workshop's cost is paid from the education fund: write"
                                  " educacion and egreso"))
            if not hasattr(ctx, "workshop_sessions"):
                ctx.workshop_sessions = q.workshop_session_uuids(ctx.conn)
            session_uuid = ctx.workshop_sessions.get((workshop, day.isoformat()))
            if session_uuid is None:
                raise CoopError(_("Workshop {n} has no session on {day}; record the session "
                                  "first.").format(n=workshop, day=day.strftime("%d/%m/%Y")))
            source = "workshop"
            note = (clean_text(c["nota"], what=_("the note"), required=False, limit=500)
                    or workshop_note(workshop, day))
        else:
            note = clean_text(c["nota"], what=_("the note"), required=True, limit=500)
        return fund, day, direction, to_cents(amount), source, session_uuid, note

    def check(self, ctx, items, found):
        """Each payment against the fund as the book has it, then the file's rows before it."""
        before = ctx.last_id_before("fund_movement")
        moves: dict[str, list] = defaultdict(list)
        typed_before = set()
        for mid, fund, day, direction, cents, source, source_uuid, note in q.fund_moves(ctx.conn):
            day = dt.date.fromisoformat(str(day)[:10])
            moves[fund].append((day, from_cents(cents if direction == "in" else -cents)))
            if mid <= before:
                typed_before.add((fund, day, direction, cents, source, source_uuid, note))
        good = []
        for line, r in items:
            fund, day, direction, cents, _source, _uuid, _note = r
            if not ctx.again and r in typed_before:
                ctx.duplicate(found, line, _likely_duplicate(_("fund movement"),
                                                             day.isoformat()))
                continue
            amount = from_cents(cents)
            if direction == "out":
                available = lowest_balance_from(moves[fund], day)
                if amount > available:
                    found.append((line, shortfall(fund, day, available, amount)))
                    continue
            moves[fund].append((day, amount if direction == "in" else -amount))
            good.append((line, r))
        return good

    def write(self, ctx, records) -> None:
        q.insert_fund_movements(ctx.conn, [
            (*ctx.stamp(), fund, day.isoformat(), direction, cents, source, session_uuid, note)
            for fund, day, direction, cents, source, session_uuid, note in records])


KINDS_BY_NAME = {"funds": _Funds()}
