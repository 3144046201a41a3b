"""The year-end surplus: see how it splits by the assembly's rule, print it, approve it once."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coopdesk.domain.distribution import Distribution
from coopdesk.domain.errors import CoopError
from coopdesk.formats import date_str, money, number
from coopdesk.gui.context import AppContext
from coopdesk.gui.widgets.date_edit import DateEdit
from coopdesk.gui.widgets.money_edit import DecimalEdit, MoneyEdit
from coopdesk.i18n import _
from coopdesk.services import distribution as service
from coopdesk.services.queries import record_span

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class DistributionDialog(QDialog):
    """One year's surplus distribution: a draft to print, then approved once by the assembly."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("Year-end surplus"))
        self.resize(760, 640)
        self.current: Distribution | None = None
        self.approved_on: dt.date | None = None
        self.year = QComboBox()
        span = record_span(ctx.book)
        last = span[1].year if span else dt.date.today().year
        first = span[0].year if span else last
        for year in range(last, first - 1, -1):
            self.year.addItem(str(year), year)
        # The year to distribute is the last one already over when the book's last
        # record was made (the demo's 2023, distributed in February 2024).
        if last - 1 >= first:
            self.year.setCurrentIndex(1)
        self.result_label = QLabel()
        self.surplus = MoneyEdit(_("the surplus"))
        self.reserve = DecimalEdit(_("the reserve fund percentage"), "unit_price")
        self.education = DecimalEdit(_("the education fund percentage"), "unit_price")
        self.save_rule = QPushButton(_("Save as the assembly's rule"))
        rule_row = QHBoxLayout()
        rule_row.addWidget(QLabel(_("Reserve %")))
        rule_row.addWidget(self.reserve)
        rule_row.addWidget(QLabel(_("Education %")))
        rule_row.addWidget(self.education)
        rule_row.addWidget(self.save_rule)
        self.assembly_day = DateEdit()
        # The agreement that approves it: the book's agreements drop down as she types
        # (or with ↓), as on the member form; the service refuses one it cannot link.
        self.agreement = QLineEdit()
        self.agreement.setPlaceholderText(_("e.g. Assembly 2, agreement 3 (optional)"))
        self.agreement.setMaxLength(120)
        from coopdesk.gui.widgets.agreement_field import offer_agreements

        offer_agreements(self.agreement, ctx.book)
        form = QFormLayout()
        form.addRow(_("Year"), self.year)
        form.addRow(_("Result of the year in the book"), self.result_label)
        form.addRow(_("Surplus to distribute (S/)"), self.surplus)
        form.addRow(_("Rule"), rule_row)
        form.addRow(_("Date of the assembly"), self.assembly_day)
        form.addRow(_("Agreement"), self.agreement)
        self.funds = QLabel()
        self.funds.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([_("Code"), _("Member"), _("Workdays"), _("Share")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table for the buttons
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        self.print_button = QPushButton(_("Print…"))
        self.approve_button = QPushButton(_("Approve and credit the members…"))
        close = QPushButton(_("Close"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        for button in (self.print_button, self.approve_button, close):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.funds)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.year.currentIndexChanged.connect(lambda _i: self.load_year())
        for edit in (self.surplus, self.reserve, self.education):
            edit.textEdited.connect(lambda _t: self.compute())
        self.save_rule.clicked.connect(self.store_rule)
        self.print_button.clicked.connect(self.print_table)
        self.approve_button.clicked.connect(self.approve)
        close.clicked.connect(self.reject)
        # Approving credits every member once: Enter must never press it, nor any button.
        for button in (self.save_rule, self.print_button, self.approve_button, close):
            button.setAutoDefault(False)
            button.setDefault(False)
        self._typed = False
        for edit in (self.surplus, self.reserve, self.education):
            edit.textEdited.connect(self._mark_typed)
        self.assembly_day.textEdited.connect(self._mark_typed)
        self.agreement.textEdited.connect(self._mark_typed)
        self.load_year()
        self.year.setFocus()

    def _mark_typed(self, *_args) -> None:
        self._typed = True

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """Enter only recomputes the draft (it never approves nor closes); Esc closes."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.approved_on is None:
                self.compute()
            return
        super().keyPressEvent(event)

    def reject(self) -> None:
        """Close; when figures were typed and not approved, ask first (keeping is the default)."""
        from coopdesk.gui.dialogs.keyboard import ask_discard

        if self._typed and self.approved_on is None and self.isVisible() and not ask_discard(self):
            return
        super().reject()

    def selected_year(self) -> int:
        """Return the year shown."""
        return int(self.year.currentData() or dt.date.today().year)

    def load_year(self) -> None:
        """Show the year's result, its rule, and the approved distribution when there is one."""
        year = self.selected_year()
        result = service.year_surplus(self.ctx.book, year)
        self.result_label.setText(money(result))
        rule = service.current_rule(self.ctx.book)
        self.reserve.setText(f"{rule.reserve_percent:f}")
        self.education.setText(f"{rule.education_percent:f}")
        self.assembly_day.set_day(max(dt.date(year + 1, 1, 15), min(dt.date.today(),
                                                                     dt.date(year + 1, 3, 31))))
        approved = service.approved_distribution(self.ctx.book, year)
        self.approved_on = approved[0] if approved else None
        for widget in (self.surplus, self.reserve, self.education, self.save_rule,
                       self.assembly_day, self.agreement, self.approve_button):
            widget.setEnabled(approved is None)
        self.agreement.setText(approved[1].agreement if approved else "")
        if approved:
            self.assembly_day.set_day(self.approved_on)  # the day it was approved, not a default
            self.surplus.set_value(approved[1].surplus)
            self.show_distribution(approved[1])
            self.message.setStyleSheet("color: #1b7f3b;")
            self.message.setText(_("Approved on {day}: the shares are in the members' "
                                   "balances.").format(day=date_str(self.approved_on)))
            return
        self.message.setStyleSheet("color: #b00020;")
        self.surplus.set_value(result if result > 0 else None)
        self.compute()

    def compute(self) -> None:
        """Split the typed surplus by the typed rule (nothing is saved)."""
        from coopdesk.domain.distribution import DistributionRule

        self.current = None
        amount = self.surplus.value()
        reserve, education = self.reserve.value(), self.education.value()
        if amount is None or reserve is None or education is None:
            self.message.setText(self.surplus.error() or self.reserve.error()
                                 or self.education.error())
            self.show_distribution(None)
            return
        year = self.selected_year()
        try:
            draft = service.compute_distribution(self.ctx.book, year=year, surplus=amount)
            rule = DistributionRule(reserve, education).check()
            from coopdesk.domain.distribution import distribute

            draft = distribute(year, amount, rule, {
                s.code: (s.name, s.workdays) for s in draft.shares})
        except CoopError as exc:
            self.message.setText(exc.message)
            self.show_distribution(None)
            return
        self.message.setText("")
        self.current = draft
        self.show_distribution(draft)

    def show_distribution(self, dist: Distribution | None) -> None:
        """Fill the funds line and the table of shares."""
        self.print_button.setEnabled(dist is not None)
        if self.approved_on is None:
            self.approve_button.setEnabled(dist is not None)
        if dist is None:
            self.funds.setText("")
            self.table.setRowCount(0)
            return
        self.funds.setText(_("Reserve fund {reserve} · education fund {education} · to the "
                             "members {members}").format(
            reserve=money(dist.reserve), education=money(dist.education),
            members=money(dist.to_members)))
        self.table.setRowCount(len(dist.shares))
        for row, share in enumerate(dist.shares):
            cells = [share.code, share.name, number(share.workdays, 1), money(share.amount)]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col >= 2:
                    item.setTextAlignment(RIGHT)
                self.table.setItem(row, col, item)

    def store_rule(self) -> None:
        """Save the typed percentages as the bylaws' rule (the settings the approval uses)."""
        ok, result = self.ctx.runner.run(
            lambda: service.set_rule(self.ctx.book,
                                     reserve_percent=self.reserve.value() or Decimal(0),
                                     education_percent=self.education.value() or Decimal(0)),
            parent=self, show_errors=False)
        self.message.setText("" if ok else result.message)

    def print_table(self) -> None:
        """Show the distribution table (a draft until approved) in the document preview."""
        from coopdesk.gui.dialogs.document_preview import DocumentPreview
        from coopdesk.reports.distribution_report import render_distribution
        from coopdesk.services.documents import letterhead

        approved = service.approved_distribution(self.ctx.book, self.selected_year())
        dist, day = (approved[1], approved[0]) if approved else (self.current, None)
        if dist is None:
            return
        pdf = render_distribution(letterhead(self.ctx.book), dist, day)
        DocumentPreview(self, _("Distribution of the {year} surplus").format(year=dist.year),
                        pdf).exec()

    def approve(self) -> None:
        """Approve the distribution once, after the coordinator confirms."""
        if self.current is None:
            return
        saved = service.current_rule(self.ctx.book)
        if (saved.reserve_percent, saved.education_percent) != (
                self.current.rule.reserve_percent, self.current.rule.education_percent):
            self.message.setText(_("Save the percentages as the assembly's rule first: the "
                                   "distribution follows the rule in force."))
            return
        if self.assembly_day.day() is None:
            self.message.setText(self.assembly_day.error())
            self.assembly_day.setFocus()
            return
        answer = QMessageBox.question(
            self, _("Approve the distribution"),
            _("Credit {amount} to {n} members on {day}? This is done once and cannot be "
              "undone from here.").format(amount=money(self.current.to_members),
                                          n=len(self.current.shares),
                                          day=date_str(self.assembly_day.day())),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)  # once and for good: Enter must not say yes
        if answer != QMessageBox.StandardButton.Yes:
            return
        year, amount = self.selected_year(), self.current.surplus
        ok, result = self.ctx.runner.run(
            lambda: service.approve_distribution(self.ctx.book, year=year,
                                                 approved_on=self.assembly_day.day(),
                                                 surplus=amount,
                                                 agreement=self.agreement.text()),
            parent=self, show_errors=False)
        if not ok:
            self.message.setText(result.message)
            if getattr(result, "field", None) == "agreement":
                self.agreement.setFocus()
                self.agreement.selectAll()
            return
        self._typed = False
        self.load_year()
