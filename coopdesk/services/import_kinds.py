"""How members, rates, workdays and attendance are imported: read, checked, written.

Each kind has ``parse`` (one row against the domain's rules, no book needed beyond
lookups), ``check`` (a chunk of parsed rows against the book as it stands, including
the chunks of the same file already written) and ``write`` (the chunk, bulk). The kinds
that hold money are in import_money; both share :class:`ImportContext`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from sqlmodel import Session

from coopdesk.db import ledger
from coopdesk.db.queries import imports as q
from coopdesk.db.queries.named import name_ids
from coopdesk.db.tables import new_uuid, now
from coopdesk.domain.errors import CoopError
from coopdesk.domain.members import (
    MemberStatus,
    check_member_dates,
    check_within_membership,
    clean_code,
    clean_dni,
    clean_full_name,
    parse_status,
)
from coopdesk.domain.money import (
    parse_amount,
    to_cents,
    to_units,
)
from coopdesk.domain.text import clean_text, parse_date, parse_yes_no
from coopdesk.domain.work import check_day_total, check_not_future, parse_fraction, parse_line
from coopdesk.domain.workshops import parse_workshop_number
from coopdesk.i18n import _
from coopdesk.services.lookups import all_member_facts
from coopdesk.services.months import closed_month_keys, ensure_open_in


class ImportContext:
    """What one import needs across its chunks: lookups loaded once, the moment, consent."""

    def __init__(self, session: Session, *, again: bool) -> None:
        self.session = session
        self.conn = session.connection()
        self.again = again
        self.duplicates = 0
        self.created_at = now().isoformat(sep=" ")
        self.seen: set = set()  # only for the small kinds (members, rates)
        self._members = None
        self._names: dict[str, dict[str, int]] = {}
        self._closed: set[str] | None = None
        self._last_ids: dict[str, int] = {}
        self.rates: dict | None = None
        self.seal_mark = ledger.pending_mark(self.conn)

    @property
    def members(self):
        if self._members is None:
            self._members = all_member_facts(self.session)
        return self._members

    def member(self, code: str):
        key = (code or "").strip().upper()
        if key not in self.members:
            raise CoopError(
                _("there is no member with the code “{code}”").format(code=code.strip())
            )
        return self.members[key]

    def open_day(self, day: dt.date) -> dt.date:
        """Refuse a row dated in a closed month."""
        if self._closed is None:
            self._closed = closed_month_keys(self.session)
        ensure_open_in(self._closed, day, field=None)
        return day

    def names(self, kind: str) -> dict[str, int]:
        if kind not in self._names:
            self._names[kind] = name_ids(self.conn, q.NAME_TABLES[kind])
        return self._names[kind]

    def last_id_before(self, table: str) -> int:
        """The largest id of *table* before this import wrote anything (its records only)."""
        if table not in self._last_ids:
            self._last_ids[table] = q.last_id(self.conn, table)
        return self._last_ids[table]

    def stamp(self) -> tuple[str, str]:
        return new_uuid(), self.created_at

    def duplicate(self, found: list, line: int, sentence: str) -> None:
        """Report a row that looks like a record already in the book (refused unless again)."""
        self.duplicates += 1
        found.append((line, sentence))


def days_of(items, index: int) -> list[str]:
    return sorted({record[index] for _line, record in items})


class _Members:
    def parse(self, row, ctx: ImportContext):
        c = row.cells
        code = clean_code(c["codigo"])
        if code in ctx.members or code in ctx.seen:
            raise CoopError(
                _("the code {code} is already used by another member").format(code=code)
            )
        status = parse_status(c["estado"])
        joined = parse_date(c["fecha_ingreso"], what=_("the joining date"))
        left = (
            parse_date(c["fecha_salida"], what=_("the exit date"))
            if c["fecha_salida"].strip()
            else None
        )
        check_member_dates(status, joined, left)
        record = (
            code,
            clean_full_name(c["nombre"]),
            clean_dni(c["dni"]),
            joined.isoformat(),
            MemberStatus(status).value,
            left.isoformat() if left else None,
            clean_text(c["cargo"], what=_("the role"), required=False),
            clean_text(c.get("acuerdo_ingreso", ""), what=_("the agreement"), required=False,
                       limit=120) or None,
            clean_text(c.get("acuerdo_salida", ""), what=_("the agreement"), required=False,
                       limit=120) or None,
        )
        ctx.seen.add(code)
        return record

    def check(self, ctx, items, found):
        return items

    def write(self, ctx, records) -> None:
        from coopdesk.services.assemblies import citations_resolver

        cited = citations_resolver(ctx.session)  # the recorded agreements the texts cite
        q.insert_members(ctx.conn, [(*ctx.stamp(), *r, cited(r[7]), cited(r[8]))
                                    for r in records])


class _Rates:
    def parse(self, row, ctx: ImportContext):
        since = parse_date(row.cells["desde"], what=_("the date"))
        ctx.open_day(since)
        later = sorted(m for m in (ctx._closed or ()) if m >= f"{since:%Y-%m}")
        if later:
            ctx.open_day(dt.date(int(later[0][:4]), int(later[0][5:]), 1))
        amount = parse_amount(row.cells["monto"], what=_("the rate"))
        if ctx.rates is None:
            ctx.rates = q.rate_cents_by_day(ctx.conn)
        if since in ctx.seen:
            raise CoopError(
                _("the date {day} appears twice in the file").format(day=since.strftime("%d/%m/%Y"))
            )
        ctx.seen.add(since)
        if since.isoformat() in ctx.rates:
            if ctx.rates[since.isoformat()] == to_cents(amount):
                return None  # already in the book, identical: nothing to do
            raise CoopError(
                _("there is already a different rate from {day}").format(
                    day=since.strftime("%d/%m/%Y")
                )
            )
        return since.isoformat(), to_cents(amount)

    def check(self, ctx, items, found):
        return items

    def write(self, ctx, records) -> None:
        q.insert_rates(ctx.conn, [(*ctx.stamp(), *r) for r in records])


class _Workdays:
    def parse(self, row, ctx: ImportContext):
        c = row.cells
        member_id, facts = ctx.member(c["codigo_socia"])
        day = ctx.open_day(check_not_future(parse_date(c["fecha"], what=_("the date"))))
        line = parse_line(c["linea"])
        fraction = parse_fraction(c["fraccion"])
        check_within_membership(facts, day, what=_("a workday"))
        note = clean_text(c["nota"], what=_("the note"), required=False, limit=500)
        return member_id, day.isoformat(), line.value, to_units(fraction, 3), note, facts.code

    def check(self, ctx, items, found):
        """One workday per member, date and line; at most one full day per member and date."""
        pairs = sorted({(r[0], r[1]) for _line, r in items})
        lines, worked = set(), defaultdict(int)
        for member_id, day, line, fraction in q.live_workdays_on(ctx.conn, pairs):
            lines.add((member_id, day, line))
            worked[(member_id, day)] += fraction
        good = []
        for number, (member_id, day, line, fraction, note, code) in items:
            when = dt.date.fromisoformat(day)
            if (member_id, day, line) in lines:
                found.append((number, _("{code} already has a {line} workday on {day}").format(
                    code=code, line=line, day=when.strftime("%d/%m/%Y"))))
                continue
            try:
                check_day_total(Decimal(worked[(member_id, day)]).scaleb(-3),
                                Decimal(fraction).scaleb(-3), who=code, day=when)
            except CoopError as exc:
                found.append((number, str(exc)))
                continue
            lines.add((member_id, day, line))
            worked[(member_id, day)] += fraction
            good.append((number, (member_id, day, line, fraction, note, code)))
        return good

    def write(self, ctx, records) -> None:
        q.insert_workdays(ctx.conn, [(*ctx.stamp(), *r[:5]) for r in records])


class _Attendance:
    def parse(self, row, ctx: ImportContext):
        c = row.cells
        number = parse_workshop_number(c["taller"])
        day = ctx.open_day(parse_date(c["fecha"], what=_("the date")))
        member_id, facts = ctx.member(c["codigo_socia"])
        present = parse_yes_no(c["asistio"], what=_("the column asistio"))
        check_within_membership(facts, day, what=_("attendance"))
        return number, day.isoformat(), member_id, "present" if present else "absent", facts.code

    def check(self, ctx, items, found):
        marked = q.attendance_marked_on(ctx.conn, days_of(items, 1))
        good = []
        for line, record in items:
            number, day, member_id, _status, code = record
            if (number, day, member_id) in marked:
                found.append((line, _("{code} is already marked for workshop {n} on {day}").format(
                    code=code, n=number, day=dt.date.fromisoformat(day).strftime("%d/%m/%Y"))))
                continue
            marked.add((number, day, member_id))
            good.append((line, record))
        return good

    def write(self, ctx, records) -> None:
        conn = ctx.conn
        workshops = q.workshop_ids(conn)
        days = sorted({r[1] for r in records})
        known = q.sessions_on(conn, days)
        missing = sorted({(workshops[n], day) for n, day, *_rest in records} - set(known))
        if missing:
            q.insert_sessions(conn, [(*ctx.stamp(), wid, day) for wid, day in missing])
            known = q.sessions_on(conn, days)
        q.insert_attendance(conn, [
            (*ctx.stamp(), known[(workshops[n], day)], mid, status)
            for n, day, mid, status, _code in records
        ])


KINDS_BY_NAME = {
    "members": _Members(),
    "rates": _Rates(),
    "workdays": _Workdays(),
    "attendance": _Attendance(),
}
