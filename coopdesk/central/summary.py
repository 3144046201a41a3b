"""The programme's month: each site's figures by the site's own rules, and the totals.

One query per kind of record for all sites at once (the month is read through the
``day`` index), then the site's domain code does the rest: the labor rate of each day
(:class:`RateTable`), each workday's pay rounded to the céntimo (:func:`workday_pay`),
and :meth:`MonthSummary.as_json_dict` for the same schema and rounding as the site's
``coopdesk summary``. tests/central compares the two for every month of two books.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from coopdesk.domain.money import ZERO, from_cents, from_units, money_str, quantity_str
from coopdesk.domain.statements import MonthSummary
from coopdesk.domain.text import month_bounds
from coopdesk.domain.work import RateTable, workday_pay

LIVE = "entity = %s AND data->>'voided_at' IS NULL"
IN_MONTH = "(data->>'day') COLLATE \"C\" >= %s AND (data->>'day') COLLATE \"C\" < %s"


def _by_site(conn, sql: str, params: tuple) -> dict:
    out: dict = defaultdict(list)
    for row in conn.execute(sql, params):
        out[row[0]].append(row[1:])
    return out


def units_sold(conn, start: dt.date, end: dt.date) -> dict[str, int]:
    """Return the thousandths of units sold per site in live sales with start <= day < end."""
    return dict(conn.execute(
        "SELECT s.site_id, sum((l.data->>'quantity')::bigint) FROM record s"
        " JOIN record l ON l.site_id = s.site_id AND l.entity = 'sale_line'"
        " AND (l.data->>'sale_id')::bigint = s.record_id"
        " WHERE s.entity = 'sale' AND s.data->>'voided_at' IS NULL"
        " AND (s.data->>'day') COLLATE \"C\" >= %s AND (s.data->>'day') COLLATE \"C\" < %s"
        " GROUP BY 1", (start.isoformat(), end.isoformat())).fetchall())


def site_summaries(conn, year: int, month: int) -> list[tuple[tuple, MonthSummary, int]]:
    """Return ((site, cooperative, site name), the month's figures, members) per site."""
    first, nxt = month_bounds(year, month)
    span = (first.isoformat(), nxt.isoformat())
    sites = conn.execute("SELECT site_id, cooperative, site_name FROM site"
                         " ORDER BY cooperative, site_name, site_id").fetchall()
    rates = _by_site(conn, "SELECT site_id, data->>'valid_from', (data->>'rate')::bigint"
                     " FROM record WHERE entity = 'labor_rate'", ())
    # Voided days filtered in the count, not the WHERE: the planner then knows how many
    # rows come (a month of every site's days) and groups them by hashing, not sorting.
    days = _by_site(conn, "SELECT site_id, data->>'day', (data->>'fraction')::bigint,"
                    " count(*) FILTER (WHERE data->>'voided_at' IS NULL) FROM record"
                    f" WHERE entity = %s AND {IN_MONTH} GROUP BY 1, 2, 3", ("workday", *span))
    paid = dict(conn.execute("SELECT site_id, sum((data->>'amount')::bigint) FROM record"
                             f" WHERE {LIVE} AND {IN_MONTH} GROUP BY 1",
                             ("member_payment", *span)).fetchall())
    sales = {r[0]: r[1:] for r in conn.execute(
        "SELECT site_id, count(*), coalesce(sum((data->>'total')::bigint), 0),"
        " coalesce(sum(CASE WHEN coalesce((data->>'paid')::int, 0) <> 0 THEN 0"
        " ELSE (data->>'total')::bigint END), 0)"
        f" FROM record WHERE {LIVE} AND {IN_MONTH} GROUP BY 1", ("sale", *span))}
    units = units_sold(conn, first, nxt)
    # The month's sales added up per buyer first, then each buyer's name looked up once.
    buyers = _by_site(conn, (
        "SELECT g.site_id, b.data->>'name', g.t FROM (SELECT site_id,"
        " (data->>'buyer_id')::bigint AS buyer_id, sum((data->>'total')::bigint) AS t"
        f" FROM record WHERE {LIVE} AND {IN_MONTH} GROUP BY 1, 2) g"
        " JOIN record b ON b.site_id = g.site_id AND b.entity = 'buyer'"
        " AND b.record_id = g.buyer_id"
        " ORDER BY g.site_id, g.t DESC, b.data->>'name' COLLATE \"C\""), ("sale", *span))
    totals = {}
    for kind, column in (("purchase", "total"), ("expense", "amount")):
        totals[kind] = dict(conn.execute(
            f"SELECT site_id, sum((data->>'{column}')::bigint) FROM record"
            f" WHERE {LIVE} AND {IN_MONTH} GROUP BY 1", (kind, *span)).fetchall())
    attendance = _by_site(conn, (
        "SELECT a.site_id, (w.data->>'number')::int, count(*) FROM record s"
        " JOIN record a ON a.site_id = s.site_id AND a.entity = 'attendance'"
        " AND (a.data->>'session_id')::bigint = s.record_id"
        " JOIN record w ON w.site_id = s.site_id AND w.entity = 'workshop'"
        " AND w.record_id = (s.data->>'workshop_id')::bigint"
        " WHERE s.entity = 'workshop_session' AND a.data->>'status' = 'present'"
        " AND (s.data->>'held_on') COLLATE \"C\" >= %s AND (s.data->>'held_on') COLLATE \"C\" < %s"
        " GROUP BY 1, 2"), span)
    members = dict(conn.execute("SELECT site_id, count(*) FROM record WHERE entity = 'member'"
                                " GROUP BY 1").fetchall())
    out = []
    for site_id, cooperative, site_name in sites:
        table = RateTable([(dt.date.fromisoformat(day[:10]), from_cents(cents))
                           for day, cents in rates.get(site_id, [])])
        workdays, earned = Decimal("0.000"), ZERO
        for day, fraction_units, count in days.get(site_id, []):
            fraction = from_units(fraction_units, 3)
            workdays += fraction * count
            earned += workday_pay(fraction, table.rate_on(dt.date.fromisoformat(day[:10]))) * count
        count, total, unpaid = sales.get(site_id, (0, 0, 0))
        figures = MonthSummary(
            year=year, month=month, workdays=workdays, earned=earned,
            paid=from_cents(paid.get(site_id) or 0), sales_count=int(count),
            sales_units=from_units(units.get(site_id) or 0, 3),
            sales_total=from_cents(total), sales_unpaid=from_cents(unpaid),
            by_buyer=[(n, from_cents(t)) for n, t in buyers.get(site_id, [])],
            purchases_total=from_cents(totals["purchase"].get(site_id) or 0),
            expenses_total=from_cents(totals["expense"].get(site_id) or 0),
            attendance={int(n): int(c) for n, c in attendance.get(site_id, [])},
        )
        out.append(((site_id, cooperative, site_name), figures, int(members.get(site_id, 0))))
    return out


SITE_PARTS = ("labor", "sales", "purchases", "expenses", "result", "attendance")


def programme_summary(conn, year: int, month: int) -> dict:
    """Return the dict printed by ``coopdesk central summary --json`` (docs/interchange.md)."""
    sites, sums = [], defaultdict(lambda: ZERO)
    for (site_id, cooperative, site_name), f, members in site_summaries(conn, year, month):
        d = f.as_json_dict()
        sites.append({"site": site_id, "cooperative": cooperative, "site_name": site_name,
                      **{k: d[k] for k in SITE_PARTS}, "members": members})
        for name, value in (("workdays", f.workdays), ("earned", f.earned), ("paid", f.paid),
                            ("count", f.sales_count), ("units", f.sales_units),
                            ("sales", f.sales_total), ("unpaid", f.sales_unpaid),
                            ("purchases", f.purchases_total), ("expenses", f.expenses_total),
                            ("result", f.result)):
            sums[name] += value
    return {
        "month": f"{year:04d}-{month:02d}",
        "currency": "PEN",
        "sites": sites,
        "total": {
            "labor": {"workdays": quantity_str(sums["workdays"]),
                      "earned": money_str(sums["earned"]), "paid": money_str(sums["paid"])},
            "sales": {"count": int(sums["count"]), "units": quantity_str(sums["units"]),
                      "total": money_str(sums["sales"]), "unpaid": money_str(sums["unpaid"])},
            "purchases": {"total": money_str(sums["purchases"])},
            "expenses": {"total": money_str(sums["expenses"])},
            "result": money_str(sums["result"]),
        },
    }
