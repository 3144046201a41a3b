"""Libro de actas: the assembly's sessions listed, a session voided with a reason, the book printed.

Opened from Socias (the Minutes book button). The list shows each session's number,
day, kind, call, members present of those needed, agreements and state (an acta de no
quórum, a voided one with its reason). Ctrl+Del voids the selected session through the
same service as ``coopdesk void-assembly``, refused with its sentence (a session whose
agreements are cited) and nothing written; Ctrl+P or Enter prints the whole book, as
``coopdesk actas`` does, since the folios run on across sessions; Esc closes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coopdesk.domain.assembly import MinutesSession
from coopdesk.domain.changes import Kind
from coopdesk.formats import date_str
from coopdesk.gui.context import AppContext
from coopdesk.gui.dialogs.void_dialog import VoidDialog
from coopdesk.gui.models.assembly_sessions_model import AssemblySessionsModel
from coopdesk.gui.widgets.voided_delegate import VoidedDelegate
from coopdesk.i18n import _
from coopdesk.services.assemblies import list_sessions, void_session


class MinutesDialog(QDialog):
    """Every session of the assembly, newest selected, with Print and Void."""

    def __init__(self, ctx: AppContext, print_book: Callable[[QWidget], None],
                 parent: QWidget | None = None) -> None:
        """*print_book(parent)* makes the minutes book and shows it (Socias owns the paper)."""
        super().__init__(parent)
        self.ctx = ctx
        self._print_book = print_book
        self.setWindowTitle(_("Minutes book"))
        self.setMinimumSize(900, 420)
        self.model = AssemblySessionsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegate(VoidedDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.activated.connect(lambda _i: self.print_book())
        self.empty = QLabel(_("No assembly session is recorded yet: there are no minutes to"
                              " print."))
        self.print_button = QPushButton(_("&Print the minutes book…"))
        self.print_button.setToolTip("Ctrl+P")
        self.print_button.clicked.connect(self.print_book)
        self.void_button = QPushButton(_("&Void the session…"))
        self.void_button.setToolTip("Ctrl+Del")
        self.void_button.clicked.connect(self.void_selected)
        close = QPushButton(_("Close"))
        close.clicked.connect(self.reject)
        for button in (self.print_button, self.void_button, close):
            button.setAutoDefault(False)
        QShortcut(QKeySequence("Ctrl+P"), self, activated=self.print_book)
        QShortcut(QKeySequence("Ctrl+Del"), self, activated=self.void_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.void_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._enable())
        ctx.runner.changed.connect(self._changed)
        self.refresh()

    def _changed(self, changes) -> None:
        if changes.touches(frozenset({Kind.ASSEMBLIES})):
            self.refresh()

    def refresh(self) -> None:
        """Read the sessions again, keeping the selected one (the newest at first)."""
        chosen = self.selected()
        self.model.set_rows(list_sessions(self.ctx.book))
        self.table.resizeColumnsToContents()
        count = self.model.rowCount()
        self.empty.setVisible(count == 0)
        if count:
            numbers = [self.model.row_at(r).number for r in range(count)]
            keep = chosen is not None and chosen.number in numbers
            self.table.selectRow(numbers.index(chosen.number) if keep else count - 1)
        self.table.setFocus()
        self._enable()

    def selected(self) -> MinutesSession | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.row_at(rows[0].row()) if rows else None

    def _enable(self) -> None:
        row = self.selected()
        self.print_button.setEnabled(self.model.rowCount() > 0)
        self.void_button.setEnabled(row is not None and not row.voided)

    def void_selected(self) -> None:
        """Void the selected session with a reason (refused when its agreements are cited)."""
        row = self.selected()
        if row is None or row.voided:
            return
        VoidDialog(
            self.ctx,
            what=_("The assembly session No. {n} of {day}").format(n=row.number,
                                                                   day=date_str(row.day)),
            void=lambda reason: void_session(self.ctx.book, number=row.number, reason=reason),
            parent=self,
        ).exec()

    def print_book(self) -> None:
        """Open the whole minutes book (folios running on) in the preview."""
        if self.model.rowCount():
            self._print_book(self)
