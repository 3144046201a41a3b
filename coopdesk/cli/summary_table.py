"""`coopdesk summary` without --json: the month's figures as an aligned table for a person.

Amounts and counts in the Peruvian way (``S/ 1,234.50``, ``212.5``), words in the chosen
language; the JSON of the contract is printed unchanged with --json.
"""

from __future__ import annotations

from coopdesk.domain.statements import MonthSummary
from coopdesk.formats import days_str, money, month_title, quantity
from coopdesk.i18n import _


def _rows(label_values: list[tuple[str, str]]) -> list[str]:
    """Labels on the left, values right-aligned in one column."""
    label_width = max(len(label) for label, _value in label_values)
    value_width = max(len(value) for _label, value in label_values)
    return [f"{label:<{label_width}}  {value:>{value_width}}" for label, value in label_values]


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    """A table whose first column is left-aligned and the others right-aligned."""
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        first = f"{cells[0]:<{widths[0]}}"
        rest = [f"{cell:>{width}}" for cell, width in zip(cells[1:], widths[1:])]
        return "  ".join([first, *rest]).rstrip()

    return [line(header), line(["-" * w for w in widths]), *(line(row) for row in rows)]


def summary_table(figures: MonthSummary) -> str:
    """Return the month's figures as lines of text: totals, buyers, workshops, members."""
    lines = [_("Summary of {month}").format(month=month_title(figures.year, figures.month)), ""]
    totals = [
        (_("Workdays"), days_str(figures.workdays)),
        (_("Earned by the members"), money(figures.earned)),
        (_("Paid to the members"), money(figures.paid)),
        (_("Sales ({count}, {units} units)").format(
            count=figures.sales_count, units=quantity(figures.sales_units)),
         money(figures.sales_total)),
        (_("  of which unpaid"), money(figures.sales_unpaid)),
        *((f"  {buyer}", money(total)) for buyer, total in figures.by_buyer),
        (_("Purchases"), money(figures.purchases_total)),
        (_("Expenses"), money(figures.expenses_total)),
        (_("Result (sales − purchases − expenses − labor)"), money(figures.result)),
    ]
    lines += _rows(totals)
    lines += ["", _("Members present at each workshop's sessions:"),
              "  " + "   ".join(f"{n}: {figures.attendance.get(n, 0)}" for n in range(1, 10))]
    if figures.members:
        header = [_("Member"), _("Workdays"), _("Earned"), _("Paid"), _("Opening"), _("Closing")]
        rows = [[m.code, days_str(m.workdays), money(m.earned + m.credited), money(m.paid),
                 money(m.opening_balance), money(m.closing_balance)] for m in figures.members]
        lines += ["", *_table(header, rows)]
    return "\n".join(lines)
