"""Talleres: the nine workshops, their sessions, each session's attendance, everyone's progress."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from coopdesk.domain.changes import Kind
from coopdesk.domain.workshops import Attendance
from coopdesk.formats import date_str
from coopdesk.gui.actions import Action
from coopdesk.gui.context import AppContext
from coopdesk.gui.dialogs.session_dialog import SessionDialog
from coopdesk.gui.models import workshop_attendance_model as att
from coopdesk.gui.models import workshop_list_model as wl
from coopdesk.gui.models import workshop_progress_model as pg
from coopdesk.gui.models import workshop_sessions_model as ss
from coopdesk.gui.unsaved import may_leave
from coopdesk.gui.views.watching import WatchingView
from coopdesk.i18n import _
from coopdesk.services import sheets
from coopdesk.services.workshops import mark_attendance


def _table(model, *, stretch: int, samples: dict[int, str] | None = None) -> QTableView:
    """Return a read-only table; columns sized from titles and samples, *stretch* takes the rest.

    Not ResizeToContents: that asks every row again after each tick of the checklist.
    """
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(26)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    metrics = table.fontMetrics()
    for column in range(model.columnCount()):
        width = header.sectionSizeHint(column)
        sample = (samples or {}).get(column)
        if sample:
            width = max(width, metrics.horizontalAdvance(sample) + 18)
        header.resizeSection(column, width)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() + 1)
    label.setFont(font)
    return label


class WorkshopsView(WatchingView):
    """The workshops screen (Talleres)."""

    watch = frozenset({Kind.WORKSHOPS, Kind.ATTENDANCE, Kind.MEMBERS})

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(ctx, parent)
        self.workshops_model = wl.WorkshopListModel(self)
        self.sessions_model = ss.WorkshopSessionsModel(self)
        self.attendance_model = att.AttendanceModel(self)
        self.progress_model = pg.ProgressGridModel(self)
        self._workshop = 1
        self._session_uuid: str | None = None
        self._loaded: str | None = None  # the session whose checklist the model holds
        self._quiet = False  # selecting rows from code, not by her hand
        self._build()
        self.refresh_if_stale()

    # -- building ----------------------------------------------------------------------
    def _build(self) -> None:
        self.workshops_table = _table(self.workshops_model, stretch=wl.COL_TITLE,
                                      samples={wl.COL_NUMBER: "9"})
        self.sessions_table = _table(self.sessions_model, stretch=ss.COL_NOTES,
                                     samples={ss.COL_DATE: "00/00/0000"})
        # Facilitator and notes share what is left; long ones are elided, with a tooltip.
        self.sessions_table.horizontalHeader().setSectionResizeMode(
            ss.COL_FACILITATOR, QHeaderView.ResizeMode.Stretch
        )
        self.add_session_button = QPushButton(_("&Add session…"))
        # Before a session: the sheet the women sign, with today's members and no marks.
        self.blank_sheet_button = QPushButton(_("Blan&k sheet…"))
        self.blank_sheet_button.setToolTip(
            _("Print the attendance sheet of the workshop shown, blank, to sign at the session"))
        self.pay_cost_button = QPushButton(_("Pay from the &education fund…"))
        self.sessions_heading = _heading("")

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(_heading(_("The nine workshops")))
        left_layout.addWidget(self.workshops_table, 3)
        sessions_bar = QHBoxLayout()
        sessions_bar.addWidget(self.sessions_heading, 1)
        sessions_bar.addWidget(self.blank_sheet_button)
        sessions_bar.addWidget(self.pay_cost_button)
        sessions_bar.addWidget(self.add_session_button)
        left_layout.addLayout(sessions_bar)
        left_layout.addWidget(self.sessions_table, 2)

        self.attendance_heading = _heading("")
        self.attendance_counts = QLabel()
        self.attendance_table = _table(
            self.attendance_model,
            stretch=att.COL_NAME,
            samples={att.COL_CODE: "S000", att.COL_PROGRESS: att.progress_text(9)},
        )
        self.attendance_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.attendance_table.setEditTriggers(
            QAbstractItemView.EditTrigger.NoEditTriggers
        )
        self.all_present_button = QPushButton(_("Mark the rest &present"))
        self.save_button = QPushButton(_("&Save attendance"))
        self.print_button = QPushButton(_("&Print…"))
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.attendance_heading)
        right_layout.addWidget(self.attendance_counts)
        right_layout.addWidget(self.attendance_table, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.all_present_button)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        right_layout.addLayout(buttons)
        right_layout.addWidget(self.message_label)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        # Sessions on the left get a little more than the checklist, whose names can elide.
        self.splitter.setSizes([620, 520])

        self.progress_table = _table(
            self.progress_model,
            stretch=pg.COL_NAME,
            samples={pg.COL_CODE: "S000", pg.COL_PROGRESS: att.progress_text(9)},
        )
        self.progress_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        grid_header = self.progress_table.horizontalHeader()
        for column in range(pg.COL_FIRST_WORKSHOP, pg.COL_PROGRESS):
            grid_header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            grid_header.resizeSection(column, 58)
        self.progress_summary = QLabel()
        self.include_former = QCheckBox(_("Show members who have left"))
        self.include_former.setChecked(True)
        grid_page = QWidget()
        grid_layout = QVBoxLayout(grid_page)
        top = QHBoxLayout()
        top.addWidget(self.progress_summary, 1)
        top.addWidget(self.include_former)
        grid_layout.addLayout(top)
        grid_layout.addWidget(self.progress_table, 1)

        self.tabs = QTabWidget()
        self.tabs.addTab(self.splitter, _("Sessions and attendance"))
        self.tabs.addTab(grid_page, _("Progress of each member"))
        self.setFocusProxy(self.workshops_table)  # arrows pick a workshop at once
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

        self.workshops_table.selectionModel().currentRowChanged.connect(self._workshop_picked)
        self.sessions_table.selectionModel().currentRowChanged.connect(self._session_picked)
        self.attendance_table.clicked.connect(self._attendance_clicked)
        self.attendance_table.activated.connect(self._attendance_clicked)  # Enter ticks
        self.attendance_model.dataChanged.connect(self._attendance_edited)
        self.add_session_button.clicked.connect(self.open_session_dialog)
        self.all_present_button.clicked.connect(
            lambda: self.attendance_model.mark_all(Attendance.PRESENT)
        )
        self.save_button.clicked.connect(self.save_attendance)
        self.print_button.clicked.connect(self.print_attendance)
        self.blank_sheet_button.clicked.connect(self.print_blank_sheet)
        self.pay_cost_button.clicked.connect(self.open_cost_dialog)
        self.include_former.toggled.connect(lambda _on: self._load_progress())

    # -- reading -----------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the workshops, sessions, checklist and progress again from the book."""
        self.workshops_model.set_rows(sheets.workshop_rows(self.ctx.book))
        self._select_row(self.workshops_table, self.workshops_model.row_of(self._workshop))
        self._load_sessions()
        self._load_progress()

    def _load_sessions(self) -> None:
        rows = sheets.session_rows(self.ctx.book, self._workshop)
        self.sessions_heading.setText(
            _("Sessions of workshop {n}").format(n=self._workshop)
        )
        self.sessions_model.set_rows(rows)
        uuids = [r.uuid for r in rows]
        if self._session_uuid not in uuids:
            self._session_uuid = uuids[0] if uuids else None
        self._select_row(self.sessions_table, self.sessions_model.row_of(self._session_uuid or ""))
        self._load_checklist()

    def _load_checklist(self, *, keep_edits: bool = True) -> None:
        if keep_edits and self.attendance_model.is_dirty() and self._loaded == self._session_uuid:
            return  # changes of other records must not wipe marks she has not saved yet
        self._loaded = self._session_uuid
        session = self.current_session()
        if session is None:
            self.attendance_model.set_rows([])
            self.attendance_heading.setText(_("Attendance"))
            self.attendance_counts.setText(_("This workshop has no sessions yet."))
        else:
            progress = {r.code: r.count for r in sheets.progress_rows(self.ctx.book)}
            self.attendance_model.set_rows(
                sheets.session_checklist(self.ctx.book, session.uuid), progress
            )
            self.attendance_heading.setText(
                _("Attendance of workshop {n} on {day}").format(
                    n=session.workshop, day=date_str(session.held_on)
                )
            )
        self._attendance_edited()

    def _load_progress(self) -> None:
        rows = sheets.progress_rows(self.ctx.book, include_former=self.include_former.isChecked())
        titles = {w.number: w.title for w in self.workshops_model_rows()}
        self.progress_model.set_rows(rows, titles)
        self.progress_summary.setText(
            _("{done} of {total} members have attended all nine workshops.").format(
                done=self.progress_model.completed(), total=len(rows)
            )
        )

    def workshops_model_rows(self) -> list[sheets.WorkshopRow]:
        """Return the workshops shown."""
        model = self.workshops_model
        return [model.row_at(r) for r in range(model.rowCount())]

    def _select_row(self, table: QTableView, row: int) -> None:
        if row < 0:
            return
        self._quiet = True
        try:
            table.selectionModel().setCurrentIndex(
                table.model().index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        finally:
            self._quiet = False

    # -- choosing ----------------------------------------------------------------------
    def current_session(self) -> sheets.SessionRow | None:
        """Return the session whose attendance is shown."""
        row = self.sessions_model.row_of(self._session_uuid or "")
        return self.sessions_model.row_at(row)

    def select_workshop(self, number: int) -> None:
        """Show the sessions of workshop *number*."""
        row = self.workshops_model.row_of(number)
        self.workshops_table.setCurrentIndex(self.workshops_model.index(row, wl.COL_NUMBER))

    def select_session(self, uuid: str) -> None:
        """Show the attendance of the session *uuid* (of the workshop shown)."""
        row = self.sessions_model.row_of(uuid)
        self.sessions_table.setCurrentIndex(self.sessions_model.index(row, ss.COL_DATE))

    def _workshop_picked(self, current: QModelIndex, _previous=None) -> None:
        row = self.workshops_model.row_at(current.row())
        if self._quiet or row is None or row.number == self._workshop:
            return
        if not self._may_leave_checklist():
            self._select_row(self.workshops_table, self.workshops_model.row_of(self._workshop))
            return
        self._workshop = row.number
        self._session_uuid = None
        self._load_sessions()

    def _session_picked(self, current: QModelIndex, _previous=None) -> None:
        row = self.sessions_model.row_at(current.row())
        if self._quiet or row is None or row.uuid == self._session_uuid:
            return
        if not self._may_leave_checklist():
            self._select_row(self.sessions_table, self.sessions_model.row_of(self._session_uuid))
            return
        self._session_uuid = row.uuid
        self._load_checklist(keep_edits=False)

    def _may_leave_checklist(self) -> bool:
        """Offer to save marks that were not saved; False when she cancels."""
        return may_leave(self)

    def unsaved_changes(self) -> tuple[str, str] | None:
        """The question to ask while ticked attendance is not saved (see coopdesk.gui.unsaved)."""
        if not self.attendance_model.is_dirty():
            return None
        return (_("Attendance not saved"),
                _("The attendance you marked is not saved yet. Save it now?"))

    def row_actions(self) -> dict[Action, Callable[[], object]]:
        """A new session (Ctrl+N) and saving the ticked attendance (Ctrl+S)."""
        return {Action.NEW_RECORD: self.new_record, Action.SAVE: self.save_changes}

    def save_changes(self) -> bool:
        """Save the ticked attendance (Ctrl+S); True when saved or nothing to save."""
        return self.save_attendance()

    def discard_changes(self) -> None:
        """Forget the ticks not saved: the checklist shows the book again."""
        self._load_checklist(keep_edits=False)

    # -- changing ----------------------------------------------------------------------
    def _attendance_clicked(self, index: QModelIndex) -> None:
        status = att.STATUS_OF_COLUMN.get(index.column())
        if status is not None:
            self.attendance_model.set_status(index.row(), status)

    def _attendance_edited(self, *_args) -> None:
        counts = self.attendance_model.counts()
        if self.current_session() is not None:
            # "Present: 18 · Absent: 1 · Excused: 1" from the column titles: no plural forms.
            self.attendance_counts.setText(
                " · ".join(
                    f"{att.column_title(column)}: {counts[status]}"
                    for status, column in att.COLUMN_OF_STATUS.items()
                )
            )
        dirty = self.attendance_model.is_dirty()
        self.save_button.setEnabled(dirty)
        self.all_present_button.setEnabled(self.attendance_model.rowCount() > 0)
        self.print_button.setEnabled(self.current_session() is not None)
        if dirty:
            self.message_label.setText(_("Not saved yet."))
            self.message_label.setStyleSheet("")
        elif self.message_label.text() == _("Not saved yet."):
            self.message_label.setText("")  # the marks were discarded

    def save_attendance(self) -> bool:
        """Save the whole checklist in one transaction; True when saved."""
        session = self.current_session()
        if session is None or not self.attendance_model.is_dirty():
            return True
        marks = self.attendance_model.marks()
        ok, result = self.ctx.runner.run(
            lambda: mark_attendance(self.ctx.book, session_uuid=session.uuid, marks=marks),
            parent=self,
            show_errors=False,
        )
        if ok:
            self._load_checklist(keep_edits=False)
            self.message_label.setStyleSheet("")
            self.message_label.setText(_("Attendance saved."))
        else:
            self.message_label.setStyleSheet("color: #a4262c;")
            self.message_label.setText(result.message)
        return ok

    def print_attendance(self):
        """Preview and print the attendance sheet of the session shown (as saved)."""
        session = self.current_session()
        if session is None:
            return None
        # Imported here: ReportLab is only loaded when she prints.
        from coopdesk.gui.dialogs.document_preview import show_document
        from coopdesk.reports.documents import attendance_sheet_pdf

        pdf = attendance_sheet_pdf(self.ctx.book, session.workshop, session_uuid=session.uuid)
        title = _("Attendance sheet: workshop {n}").format(n=session.workshop)
        return show_document(self, title, pdf)

    def print_blank_sheet(self):
        """Preview the workshop's sheet before a session: today's members, no marks, no date."""
        from coopdesk.gui.dialogs.document_preview import show_document
        from coopdesk.reports.documents import attendance_sheet_pdf

        pdf = attendance_sheet_pdf(self.ctx.book, self._workshop)
        title = _("Attendance sheet: workshop {n}").format(n=self._workshop)
        return show_document(self, title, pdf)

    def new_record(self) -> SessionDialog:
        """Open the new-session form (the shell's "New" action)."""
        return self.open_session_dialog()

    def open_session_dialog(self) -> SessionDialog:
        """Open the new-session form for the workshop shown; show the session once saved."""
        dialog = SessionDialog(self.ctx, workshop=self._workshop, parent=self)
        dialog.finished.connect(lambda _code: self._session_added(dialog))
        dialog.open()
        return dialog

    def open_cost_dialog(self):
        """The education fund pays the cost of the session shown (or another chosen)."""
        from coopdesk.gui.dialogs.workshop_cost_dialog import WorkshopCostDialog

        shown = self.current_session()
        dialog = WorkshopCostDialog(self.ctx, shown.uuid if shown else None, parent=self)
        dialog.open()
        return dialog

    def _session_added(self, dialog: SessionDialog) -> None:
        created = dialog.result_value
        if created is None:
            return
        number = dialog.workshop.currentData()
        if number != self._workshop:
            self._workshop = number
            self._select_row(self.workshops_table, self.workshops_model.row_of(number))
        self._session_uuid = created.uuid
        self._load_sessions()
