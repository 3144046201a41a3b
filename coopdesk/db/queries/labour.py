"""What the members' workdays earn: every read of labour pay goes through `labour_amount`.

The view (see `coopdesk.db.views`) gives each live workday its rate on that day and its
amount, rounded per workday; statements, sheets, certificates, the month's summary,
balances and costing sum those amounts here, so a woman's pay is computed one way.
`services.check` recomputes it on its own on purpose, to catch this code being wrong.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from coopdesk.db.queries.values import day, money, quantity
from coopdesk.db.reader import Reader, flush_pending
from coopdesk.domain.work import RateTable

#: Bounds that take in every day of the book.
FAR_PAST = dt.date(1900, 1, 1)
FAR_FUTURE = dt.date(9999, 12, 31)


@dataclass(frozen=True)
class LabourTotal:
    """One member's workdays in a period and what they earn."""

    workdays: Decimal
    earned: Decimal


@dataclass(frozen=True)
class WorkdayAmount:
    """One live workday as paper shows it: its rate that day and what it earns."""

    member_id: int
    day: dt.date
    line: str
    fraction: Decimal
    rate: Decimal
    amount: Decimal
    #: The day of the workday this one corrects (None: not a correction).
    corrects_day: dt.date | None = None


def _span(start: dt.date | None, end: dt.date | None) -> tuple[str, str]:
    return (start or FAR_PAST).isoformat(), (end or FAR_FUTURE).isoformat()


def rate_table(reader: Reader) -> RateTable:
    """Return the labour rates of the book, for the rate a day would be paid at."""
    flush_pending(reader)  # an operation's new rate counts, as an ORM query would see it
    rows = reader.connection().exec_driver_sql("SELECT valid_from, rate FROM labor_rate")
    return RateTable([(day(since), money(cents)) for since, cents in rows])


def labour_by_member(reader: Reader, start: dt.date | None = None,
                     end: dt.date | None = None) -> dict[int, LabourTotal]:
    """Return member id → her workdays and earnings with start <= day < end (None: no bound)."""
    flush_pending(reader)
    lo, hi = _span(start, end)
    # Years of history read the member-first index, already grouped (the unary + keeps
    # SQLite off the day index, which would sort all those rows); a month, the day one.
    col = "+day" if (dt.date.fromisoformat(hi) - dt.date.fromisoformat(lo)).days > 92 else "day"
    rows = reader.connection().exec_driver_sql(
        "SELECT member_id, sum(fraction), sum(amount) FROM labour_amount"
        f" WHERE {col} >= ? AND {col} < ? GROUP BY member_id",
        (lo, hi),
    )
    return {mid: LabourTotal(quantity(units), money(cents)) for mid, units, cents in rows}


def workday_amounts(reader: Reader, start: dt.date, end: dt.date, *,
                    member_id: int | None = None) -> list[WorkdayAmount]:
    """Return the live workdays with start <= day < end (one member's, or all), by day and line."""
    flush_pending(reader)
    sql = (
        "SELECT l.member_id, l.day, l.line, l.fraction, l.rate, l.amount, c.day"
        " FROM labour_amount l LEFT JOIN workday c ON c.uuid = l.corrects_uuid"
        " WHERE l.day >= ? AND l.day < ?"
    )
    params: tuple = (start.isoformat(), end.isoformat())
    if member_id is not None:
        sql += " AND l.member_id = ?"
        params += (member_id,)
    rows = reader.connection().exec_driver_sql(sql + " ORDER BY l.day, l.line", params)
    return [
        WorkdayAmount(mid, day(d), line, quantity(units), money(rate), money(cents), day(fixes))
        for mid, d, line, units, rate, cents, fixes in rows
    ]


def line_labour(reader: Reader, line: str, start: dt.date, end: dt.date) -> LabourTotal:
    """Return the workdays of one production line with start <= day < end and their pay."""
    flush_pending(reader)
    units, cents = reader.connection().exec_driver_sql(
        "SELECT sum(fraction), sum(amount) FROM labour_amount"
        " WHERE line = ? AND day >= ? AND day < ?",
        (line, start.isoformat(), end.isoformat()),
    ).first()
    return LabourTotal(quantity(units), money(cents))


def line_days_by_rate(reader: Reader, line: str, start: dt.date,
                      end: dt.date) -> list[tuple[Decimal, Decimal]]:
    """Return (rate, workdays) of one line with start <= day < end, the oldest rate first.

    Costing says what the period's workdays were paid at each rate, not the newest rate
    for all of them.
    """
    flush_pending(reader)
    return [(money(rate), quantity(units)) for rate, units, _first in
            reader.connection().exec_driver_sql(
                "SELECT rate, sum(fraction), min(day) FROM labour_amount"
                " WHERE line = ? AND day >= ? AND day < ? GROUP BY rate ORDER BY min(day)",
                (line, start.isoformat(), end.isoformat()))]
