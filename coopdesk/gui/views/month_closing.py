"""Closing a month after its statements are printed, and reopening it with a reason.

A closed month is the promise made to the members with their statements: nothing
dated in it can be added, changed or voided any more (the services and SQL triggers
enforce it). Corrections go into an open month; reopening needs a reason, audited.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QInputDialog, QLabel, QMessageBox, QPushButton, QWidget

from coopdesk.formats import month_title
from coopdesk.gui.context import AppContext
from coopdesk.i18n import _
from coopdesk.services.months import close_month, is_month_closed, reopen_month


class MonthClosingBar(QWidget):
    """Says whether the chosen month is open or closed, with the button that changes it."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.year, self.month = 0, 0
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.close_button = QPushButton(_("Close this month…"))
        self.close_button.setToolTip(
            _("After printing the statements: nothing dated in this month can then be "
              "added, changed or voided."))
        self.reopen_button = QPushButton(_("Reopen this month…"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.state, 1)
        layout.addWidget(self.close_button)
        layout.addWidget(self.reopen_button)
        self.close_button.clicked.connect(self.close_chosen_month)
        self.reopen_button.clicked.connect(self.reopen_chosen_month)

    def show_month(self, year: int, month: int) -> None:
        """Show the state of (year, month) and offer the right button."""
        self.year, self.month = year, month
        closed = is_month_closed(self.ctx.book, year, month)
        title = month_title(year, month)
        if closed:
            self.state.setText(_("{month} is closed: its records can no longer be added, "
                                 "changed or voided.").format(month=title))
            self.state.setStyleSheet("color: #1f5f2a; font-weight: bold;")
        else:
            self.state.setText(_("{month} is open. Close it once its statements are printed "
                                 "and handed out.").format(month=title))
            self.state.setStyleSheet("")
        self.close_button.setVisible(not closed)
        self.reopen_button.setVisible(closed)

    def close_chosen_month(self) -> bool:
        """Ask for confirmation, then close the month (one audited operation)."""
        title = month_title(self.year, self.month)
        answer = QMessageBox.question(
            self, _("Close {month}").format(month=title),
            _("Close {month}? Nothing dated in it can then be added, changed or voided; "
              "a later correction is recorded in an open month, its Corrects field naming "
              "the record it corrects.").format(month=title),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        ok, _result = self.ctx.runner.run(
            lambda: close_month(self.ctx.book, year=self.year, month=self.month),
            parent=self)
        self.show_month(self.year, self.month)
        return ok

    def reopen_chosen_month(self) -> bool:
        """Ask why, then reopen the month (the reason stays in the audit trail)."""
        title = month_title(self.year, self.month)
        reason, accepted = QInputDialog.getText(
            self, _("Reopen {month}").format(month=title),
            _("Why must {month} be reopened? The reason is kept in the book.").format(
                month=title))
        if not accepted:
            return False
        ok, _result = self.ctx.runner.run(
            lambda: reopen_month(self.ctx.book, year=self.year, month=self.month,
                                 reason=reason),
            parent=self)
        self.show_month(self.year, self.month)
        return ok
