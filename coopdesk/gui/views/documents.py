"""The buttons of the Informes screen that produce the paper documents of a month.

The renderers live in coopdesk.reports and the data in coopdesk.services.documents
(the paper part of the desk); a button is offered only when its renderer imports.
"""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
from collections.abc import Callable

from PySide6.QtWidgets import QInputDialog, QPushButton, QWidget

from coopdesk.i18n import _
from coopdesk.services.queries import active_members


def _function(module: str, name: str) -> Callable | None:
    """Return a function that imports *module* when first called (ReportLab is slow to load).

    None when the module is not in this build.
    """
    try:
        if importlib.util.find_spec(module) is None:
            return None
    except ImportError:
        return None

    def call(*args, **kwargs):
        return getattr(importlib.import_module(module), name)(*args, **kwargs)

    return call


def _pick_member(view: QWidget) -> str | None:
    members = active_members(view.ctx.book)
    labels = [f"{code} — {name}" for code, name in members]
    label, ok = QInputDialog.getItem(view, _("Choose a member"), _("Member:"), labels, 0, False)
    if not ok or not label:
        return None
    return members[labels.index(label)][0]


def _documents(view) -> list[tuple[str, Callable[[], bytes | None] | None]]:
    """Return (button text, function making the PDF) for every document of the month."""
    docs = "coopdesk.reports.documents"
    report = _function(docs, "monthly_report_pdf")
    statements = _function(docs, "statement_pdf")
    sheet = _function(docs, "workday_sheet_pdf")
    programme = _function(docs, "programme_record_pdf")
    days = _function(docs, "workdays_record_pdf")
    book = view.ctx.book

    def month():
        return view.selected_month()

    def member_days():
        code = _pick_member(view)
        if code is None:
            return None
        year, _m = month()
        return days(book, code, dt.date(year, 1, 1), dt.date(year, 12, 31))

    def member_programme():
        code = _pick_member(view)
        return programme(book, code) if code else None

    return [
        (_("Monthly report"), report and (lambda: report(book, *month()))),
        (_("Member statements"), statements and (lambda: statements(book, *month()))),
        (_("Workday sheet (planilla)"), sheet and (lambda: sheet(book, *month(), filled=True))),
        (_("Workdays record of a member…"), days and member_days),
        (_("Programme certificate of a member…"), programme and member_programme),
    ]


def buttons(view: QWidget) -> list[QPushButton]:
    """Return one button per printed document available in this build."""
    from coopdesk.gui.views import receipts

    if not receipts.can_print():
        return []
    out = []
    for text, make in _documents(view):
        if make is None:
            continue
        button = QPushButton(text)
        button.setObjectName("document_" + str(len(out)))
        button.clicked.connect(
            lambda _c=False, t=text, m=make: _produce(view, t, m)
        )
        out.append(button)
    return out


def _produce(view: QWidget, title: str, make: Callable[[], bytes | None]) -> None:
    from coopdesk.gui.views import receipts

    receipts.produce(view, title.rstrip("…"), make, none_is_cancel=True)
