"""The buttons of the Informes screen: the paper documents of a month, and the cooperative's.

The renderers live in coopdesk.reports and the data in coopdesk.services.documents
(the paper part of the desk), loaded when a first document is made (ReportLab is slow
to load); a renderer that fails to import fails that document loudly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QInputDialog, QPushButton, QWidget

from coopdesk.i18n import _
from coopdesk.services.queries import active_members


def _renderer(name: str) -> Callable:
    """Return coopdesk.reports.documents' *name*, imported when first called."""

    def call(*args, **kwargs):
        from coopdesk.reports import documents

        return getattr(documents, name)(*args, **kwargs)

    return call


def _pick_member(view: QWidget) -> str | None:
    members = active_members(view.ctx.book)
    labels = [f"{code} — {name}" for code, name in members]
    label, ok = QInputDialog.getItem(view, _("Choose a member"), _("Member:"), labels, 0, False)
    if not ok or not label:
        return None
    return members[labels.index(label)][0]


def _pick_period(view: QWidget, year: int) -> tuple[dt.date, dt.date] | None:
    """Ask for the period of a record of days worked (default: the whole year shown)."""
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QDateEdit, QDialog, QDialogButtonBox, QFormLayout

    dialog = QDialog(view)
    dialog.setWindowTitle(_("Period of the record"))
    start, end = QDateEdit(QDate(year, 1, 1)), QDateEdit(QDate(year, 12, 31))
    for edit in (start, end):
        edit.setDisplayFormat("dd/MM/yyyy")
        edit.setCalendarPopup(True)
    form = QFormLayout(dialog)
    form.addRow(_("From:"), start)
    form.addRow(_("To:"), end)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)
    if not dialog.exec():
        return None
    first, last = start.date().toPython(), end.date().toPython()
    return (first, last) if first <= last else (last, first)


def _documents(view) -> list[tuple[str, bool, Callable]]:
    """Return (button text, asks for a member, function making the PDF) per document."""
    report = _renderer("monthly_report_pdf")
    statements = _renderer("statement_pdf")
    sheet = _renderer("workday_sheet_pdf")
    programme = _renderer("programme_record_pdf")
    days = _renderer("workdays_record_pdf")
    book = view.ctx.book

    def days_of_period(code: str, year: int, _month: int) -> bytes | None:
        period = view.chosen_period
        return days(book, code, *period) if period else None

    return [
        (_("Monthly report"), False, lambda _c, y, m: report(book, y, m)),
        (_("Member statements"), False, lambda _c, y, m: statements(book, y, m)),
        (_("Workday sheet (planilla)"), False, lambda _c, y, m: sheet(book, y, m, filled=True)),
        (_("Blank workday sheet"), False, lambda _c, y, m: sheet(book, y, m, filled=False)),
        (_("Workdays record of a member…"), True, days_of_period),
        (_("Programme certificate of a member…"), True, lambda c, _y, _m: programme(book, c)),
    ]


def buttons(view: QWidget) -> list[QPushButton]:
    """Return one button per printed document."""
    out = []
    for text, asks_member, make in _documents(view):
        button = QPushButton(text)
        button.setObjectName("document_" + str(len(out)))
        button.clicked.connect(
            lambda _c=False, t=text, a=asks_member, m=make: _produce(view, t, a, m)
        )
        out.append(button)
    return out


def coop_buttons(view: QWidget) -> list[QPushButton]:
    """Return the legal cooperative's papers: padrón, certificate of contributions, registers.

    The padrón and the certificate are PDFs like the month's documents (a job, then the
    preview); the registers are four files written into a folder she chooses.
    """
    padron = _renderer("padron_pdf")
    contributions = _renderer("contributions_pdf")
    book = view.ctx.book
    papers = [
        (_("Register of members (padrón)"), False, lambda _c, _y, _m: padron(book)),
        (_("Certificate of contributions…"), True, lambda c, _y, _m: contributions(book, c)),
    ]
    out = []
    for text, asks_member, make in papers:
        button = QPushButton(text)
        button.setObjectName("coop_document_" + str(len(out)))
        button.clicked.connect(
            lambda _c=False, t=text, a=asks_member, m=make: _produce(view, t, a, m))
        out.append(button)
    registers = QPushButton(_("Registers for the accountant…"))
    registers.setObjectName("coop_registers")
    registers.clicked.connect(lambda _c=False: write_registers(view))
    return [*out, registers]


def write_registers(view: QWidget) -> None:
    """Ask the folder and write the chosen month's registers; say where they went."""
    from PySide6.QtWidgets import QMessageBox

    from coopdesk.formats import month_title
    from coopdesk.gui.dialogs.registers_dialog import RegistersDialog

    month = view.selected_month()
    dialog = RegistersDialog(view.ctx, month, parent=view)
    if dialog.exec() and dialog.written is not None:
        QMessageBox.information(
            view, _("Registers for the accountant"),
            _("The registers of {month} were written to {folder}.").format(
                month=month_title(*month), folder=dialog.written))


def _produce(view: QWidget, title: str, asks_member: bool, make: Callable) -> None:
    from coopdesk.gui.views import receipts

    code = _pick_member(view) if asks_member else None
    if asks_member and code is None:
        return
    year, month = view.selected_month()
    # The record of days worked (for sentence-reduction files) covers a chosen period.
    view.chosen_period = None
    if make.__name__ == "days_of_period":
        view.chosen_period = _pick_period(view, year)
        if view.chosen_period is None:
            return
    receipts.produce(view, title.rstrip("…"), lambda: make(code, year, month))
