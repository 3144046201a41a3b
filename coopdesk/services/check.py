"""`coopdesk check`: the database is sound and the books add up.

Each identity is computed a second, independent way (row by row in Python, not by
the SQL aggregates the summary uses), so a bug in one path shows up as a mismatch.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.pool import StaticPool
from sqlmodel import Session

from coopdesk.db import ledger
from coopdesk.db.defences import defence_problems
from coopdesk.db.engine import sqlite_uri
from coopdesk.db.queries.shares import share_entries
from coopdesk.domain.money import ZERO, from_cents, from_units, line_total
from coopdesk.domain.shares import ShareKind
from coopdesk.domain.work import workday_pay
from coopdesk.i18n import _
from coopdesk.services.balances import (
    balances,
    credits_by_member,
    deducted_by_member,
    labor_by_member,
    paid_by_member,
)
from coopdesk.services.book import Book
from coopdesk.services.lookups import rate_table


@dataclass
class CheckReport:
    """The outcome of each check: a list of (name, problems)."""

    sections: list[tuple[str, list[str]]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(not problems for _name, problems in self.sections)

    def lines(self) -> list[str]:
        """Return one line per check: ok, or what is wrong."""
        out = []
        for name, problems in self.sections:
            if problems:
                out.append(_("{name}: WRONG").format(name=name))
                out.extend(f"  - {p}" for p in problems[:50])
                if len(problems) > 50:
                    out.append(_("  … and {n} more").format(n=len(problems) - 50))
            else:
                out.append(_("{name}: ok").format(name=name))
        return out


def chain_seal(book: Book) -> str:
    """Return the book's seal as printed on paper: the chain head's short form."""
    with book.read_sql() as reader:
        return ledger.chain_head(reader.connection()).short()


def check_book(book: Book) -> CheckReport:
    """Run every check on the book and return the report."""
    with book.read() as session:
        return run_checks(session)


def check_file(path: Path) -> CheckReport:
    """Run every check on a book file opened read-only (a backup being verified).

    The file is not opened as a Book, so nothing in it changes: no lock, no
    upgrade, no journal mode switch.
    """
    uri = sqlite_uri(path)
    engine = create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True),
                           poolclass=StaticPool)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.execute("PRAGMA trusted_schema=OFF")
        dbapi_connection.execute("PRAGMA query_only=ON")

    try:
        with Session(engine) as session:
            return run_checks(session)
    finally:
        engine.dispose()


def against_backup(book: Book, path: Path) -> tuple[str, list[str]]:
    """`check --against BACKUP`: the section saying whether the book extends the copy's chain.

    The backup's description holds the chain head when it was made (an anchor outside
    the book); the book must still have that seal at that position.
    """
    from coopdesk.backup.anchor import check_against

    found = check_against(book, path)
    name = _("Continues the backup of {when}").format(when=found.made_on.strftime("%d/%m/%Y"))
    return name, [] if found.ok else [found.sentence]


def run_checks(session: Session) -> CheckReport:
    """Run every check inside an open session and return the report."""
    report = CheckReport()
    conn = session.connection()
    integrity = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check").all()]
    report.sections.append((_("Database integrity"), [] if integrity == ["ok"] else integrity))
    fks = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
    report.sections.append(
        (
            _("Links between records"),
            [
                _("{table} row {rowid} points to a missing {parent}").format(
                    table=t, rowid=r, parent=p
                )
                for t, r, p, _i in fks
            ],
        )
    )
    report.sections.append((_("Line and sale totals"), _totals_problems(conn)))
    report.sections.append((_("Member balances"), _balance_problems(session, conn)))
    report.sections.append((_("Receipt numbers"), _receipt_problems(conn)))
    report.sections.append((_("Workday rules"), _workday_problems(conn)))
    report.sections.append((_("Hash chain of posted records"), _chain_problems(conn)))
    report.sections.append((_("Protections of the book"), defence_problems(conn)))
    return report


def _chain_problems(conn) -> list[str]:
    """Name each record changed, added or deleted behind the program's back."""
    has_chain = conn.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='seal'"
    ).first()
    if not has_chain:
        return [_("this book has no hash chain (it was made by an older coopdesk)")]
    return ledger.chain_problems(conn)


def _totals_problems(conn) -> list[str]:
    problems = []
    for number, total, lines_sum in conn.exec_driver_sql(
        "SELECT s.receipt_number, s.total, coalesce(sum(l.total), 0) FROM sale s"
        " LEFT JOIN sale_line l ON l.sale_id=s.id GROUP BY s.id"
    ):
        if total != lines_sum or lines_sum == 0 and total != 0:
            problems.append(
                _("sale {n}: total {total} is not the sum of its lines {sum}").format(
                    n=number, total=from_cents(total), sum=from_cents(lines_sum)
                )
            )
    for number, q, p, t in conn.exec_driver_sql(
        "SELECT s.receipt_number, l.quantity, l.unit_price, l.total FROM sale_line l"
        " JOIN sale s ON s.id=l.sale_id"
    ):
        if line_total(from_units(q, 3), from_units(p, 4)) != from_cents(t):
            problems.append(_("sale {n}: a line total is not quantity × price").format(n=number))
    for pid, q, p, t in conn.exec_driver_sql(
        "SELECT id, quantity, unit_price, total FROM purchase"
    ):
        if line_total(from_units(q, 3), from_units(p, 4)) != from_cents(t):
            problems.append(_("purchase {id}: total is not quantity × price").format(id=pid))
    return problems


def _balance_problems(session, conn) -> list[str]:
    """Recompute each member's balance workday by workday and compare with the service."""
    rates = rate_table(session)
    earned: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for mid, day, fraction in conn.exec_driver_sql(
        "SELECT member_id, day, fraction FROM workday WHERE voided_at IS NULL"
    ):
        earned[mid] += workday_pay(
            from_units(fraction, 3), rates.rate_on(dt.date.fromisoformat(day))
        )
    paid: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for mid, amount in conn.exec_driver_sql(
        "SELECT member_id, amount FROM member_payment WHERE voided_at IS NULL"
    ):
        paid[mid] += from_cents(amount)
    for entry in share_entries(conn):
        if entry.kind is ShareKind.DEDUCTION:
            paid[entry.member_id] += entry.amount  # taken from her pay: lowers her balance
    has_credits = conn.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='member_credit'"
    ).first()
    for mid, amount in (
        conn.exec_driver_sql("SELECT member_id, amount FROM member_credit WHERE voided_at IS NULL")
        if has_credits
        else ()
    ):
        earned[mid] += from_cents(amount)  # a surplus share counts as earned, not as labor
    codes = dict(conn.exec_driver_sql("SELECT id, code FROM member").all())
    service = balances(session)
    problems = []
    for mid, code in sorted(codes.items(), key=lambda kv: kv[1]):
        expected = earned[mid] - paid[mid]
        got = service.get(mid, ZERO)
        if expected != got:
            problems.append(
                _("{code}: balance {got} but earned − paid is {expected}").format(
                    code=code, got=got, expected=expected
                )
            )
    _days, earned_all = labor_by_member(session)
    paid_all = paid_by_member(session)
    credited_all = credits_by_member(session)
    deducted_all = deducted_by_member(session)
    total_balance = sum(service.values(), ZERO)
    identity = (
        sum(earned_all.values(), ZERO)
        + sum(credited_all.values(), ZERO)
        - sum(paid_all.values(), ZERO)
        - sum(deducted_all.values(), ZERO)
    )
    independent = sum(earned.values(), ZERO) - sum(paid.values(), ZERO)
    if not (total_balance == identity == independent):
        problems.append(
            _("the members' balances add up to {a}, but earned − paid is {b}").format(
                a=total_balance, b=independent
            )
        )
    return problems


def _receipt_problems(conn) -> list[str]:
    numbers = [n for (n,) in conn.exec_driver_sql("SELECT receipt_number FROM sale ORDER BY 1")]
    missing = sorted(set(range(1, len(numbers) + 1)) - set(numbers))
    extra = [n for n in numbers if n < 1 or n > len(numbers)]
    problems = []
    if missing:
        problems.append(
            _("receipt numbers missing: {numbers}").format(
                numbers=", ".join(map(str, missing[:20]))
            )
        )
    if extra:
        problems.append(
            _("receipt numbers out of sequence: {numbers}").format(
                numbers=", ".join(map(str, extra[:20]))
            )
        )
    return problems


def _workday_problems(conn) -> list[str]:
    problems = []
    for code, day in conn.exec_driver_sql(
        "SELECT m.code, w.day FROM workday w JOIN member m ON m.id=w.member_id"
        " WHERE w.voided_at IS NULL AND (w.day < m.joined_on"
        " OR (m.exit_on IS NOT NULL AND w.day > m.exit_on) OR w.fraction NOT IN (500, 1000))"
    ):
        problems.append(
            _("{code}: the workday of {day} is outside her membership or not 1 or 0.5").format(
                code=code, day=day
            )
        )
    return problems
