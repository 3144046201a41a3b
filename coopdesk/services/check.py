"""`coopdesk check`: the database is sound and the books add up.

Each identity is computed a second, independent way (row by row in Python, not by
the SQL aggregates the summary uses), so a bug in one path shows up as a mismatch.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from coopdesk.db import ledger
from coopdesk.db.defences import defence_problems
from coopdesk.db.engine import open_read_only
from coopdesk.db.queries import checks as q
from coopdesk.db.queries.shares import share_entries
from coopdesk.db.reader import Reader, Snapshot
from coopdesk.domain.money import ZERO, line_total
from coopdesk.domain.shares import ShareKind
from coopdesk.domain.work import workday_pay
from coopdesk.i18n import _
from coopdesk.services.balances import (
    balances,
    credits_by_member,
    deducted_by_member,
    labor_by_member,
    paid_by_member,
    rate_table,
)
from coopdesk.services.book import Book
from coopdesk.services.fund_check import fund_problems


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
    with book.read() as reader:
        return ledger.chain_head(reader.connection()).short()


def check_book(book: Book) -> CheckReport:
    """Run every check on the book and return the report."""
    with book.read() as reader:
        return run_checks(reader)


def check_file(path: Path) -> CheckReport:
    """Run every check on a book file opened read-only (a backup being verified).

    The file is not opened as a Book, so nothing in it changes: no lock, no
    upgrade, no journal mode switch.
    """
    conn = open_read_only(path)
    try:
        return run_checks(Snapshot(conn))
    finally:
        conn.close()


def run_checks(reader: Reader) -> CheckReport:
    """Run every check on what *reader* sees and return the report."""
    report = CheckReport()
    integrity = q.integrity(reader)
    report.sections.append((_("Database integrity"), [] if integrity == ["ok"] else integrity))
    report.sections.append(
        (
            _("Links between records"),
            [
                _("{table} row {rowid} points to a missing {parent}").format(
                    table=t, rowid=r, parent=p
                )
                for t, r, p in q.broken_links(reader)
            ],
        )
    )
    conn = reader.connection()
    report.sections.append((_("Line and sale totals"), _totals_problems(reader)))
    report.sections.append((_("Member balances"), _balance_problems(reader)))
    report.sections.append((_("Reserve and education funds"), fund_problems(reader)))
    report.sections.append((_("Receipt numbers"), _receipt_problems(reader)))
    report.sections.append((_("Workday rules"), _workday_problems(reader)))
    report.sections.append((_("Hash chain of posted records"), _chain_problems(reader)))
    report.sections.append((_("Protections of the book"), defence_problems(conn)))
    return report


def _chain_problems(reader: Reader) -> list[str]:
    """Name each record changed, added or deleted behind the program's back."""
    if not q.has_table(reader.connection(), "seal"):
        return [_("this book has no hash chain (it was made by an older coopdesk)")]
    return ledger.chain_problems(reader.connection())


def _totals_problems(reader: Reader) -> list[str]:
    problems = []
    for sale in q.sale_sums(reader):
        if sale.total != sale.lines_sum or sale.lines_sum == 0 and sale.total != 0:
            problems.append(
                _("sale {n}: total {total} is not the sum of its lines {sum}").format(
                    n=sale.receipt_number, total=sale.total, sum=sale.lines_sum
                )
            )
    for line in q.sale_lines(reader):
        if line_total(line.quantity, line.unit_price) != line.total:
            problems.append(_("sale {n}: a line total is not quantity × price").format(n=line.ref))
    for line in q.purchases(reader):
        if line_total(line.quantity, line.unit_price) != line.total:
            problems.append(_("purchase {id}: total is not quantity × price").format(id=line.ref))
    return problems


def _balance_problems(session: Reader) -> list[str]:
    """Recompute each member's balance workday by workday and compare with the service."""
    rates = rate_table(session)
    earned: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for mid, day, fraction in q.live_workday_fractions(session):
        earned[mid] += workday_pay(fraction, rates.rate_on(day))
    paid: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for mid, amount in q.live_amounts(session, "member_payment"):
        paid[mid] += amount
    for entry in share_entries(session.connection()):
        if entry.kind is ShareKind.DEDUCTION:
            paid[entry.member_id] += entry.amount  # taken from her pay: lowers her balance
    if q.has_table(session.connection(), "member_credit"):
        for mid, amount in q.live_amounts(session, "member_credit"):
            earned[mid] += amount  # a surplus share counts as earned, not as labor
    codes = q.member_codes(session)
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


def _receipt_problems(reader: Reader) -> list[str]:
    numbers = q.receipt_numbers(reader)
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


def _workday_problems(reader: Reader) -> list[str]:
    problems = []
    for code, day in q.workdays_breaking_rules(reader):
        problems.append(
            _("{code}: the workday of {day} is outside her membership or not 1 or 0.5").format(
                code=code, day=day
            )
        )
    return problems
