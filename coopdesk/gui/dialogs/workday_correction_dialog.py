"""Record a day of the sheet as the correction of one of her voided or closed-month workdays."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from coopdesk.domain.work import FULL_DAY, HALF_DAY, ProductionLine
from coopdesk.formats import date_str
from coopdesk.gui.context import AppContext
from coopdesk.i18n import _
from coopdesk.services import work
from coopdesk.services.sheets import SheetMember
from coopdesk.services.workday_corrections import WorkdayCandidate, workday_candidates


def candidate_text(c: WorkdayCandidate) -> str:
    """Return how the list shows a workday that can be corrected."""
    states = []
    if c.voided:
        states.append(_("voided"))
    if c.closed_month:
        states.append(_("closed month"))
    if c.corrected:
        states.append(_("already corrected"))
    size = _("full day") if c.fraction == FULL_DAY else _("half day")
    return " · ".join(
        [date_str(c.day), c.line.label, size, ", ".join(states)]
    )


class WorkdayCorrectionDialog(QDialog):
    """Pick the workday a new day corrects, full or half, and record it in one operation."""

    def __init__(
        self,
        ctx: AppContext,
        member: SheetMember,
        day: dt.date,
        line: ProductionLine,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.member, self.day, self.line = ctx, member, day, ProductionLine(line)
        self.setWindowTitle(_("Record as a correction"))
        intro = QLabel(
            _("{name}, {day}: this workday corrects the one you pick below "
              "(voided, or in a closed month).").format(
                name=member.full_name, day=date_str(day))
        )
        intro.setWordWrap(True)
        # A correction is never dated before what it corrects: later days are not offered.
        self.candidates = [c for c in workday_candidates(ctx.book, code=member.code)
                           if c.day <= day]
        self.list = QListWidget()
        self.list.setAccessibleName(_("Workday it corrects"))
        for c in self.candidates:
            item = QListWidgetItem(candidate_text(c))
            item.setData(Qt.ItemDataRole.UserRole, c.uuid)
            self.list.addItem(item)
        list_label = QLabel(_("&Workday it corrects:"))
        list_label.setBuddy(self.list)
        self.full_button = QRadioButton(_("Full day (1)"))
        self.half_button = QRadioButton(_("Half day (½)"))
        self.full_button.setChecked(True)
        size = QHBoxLayout()
        size.addWidget(self.full_button)
        size.addWidget(self.half_button)
        size.addStretch(1)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #a4262c;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.record_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.record_button.setText(_("&Record"))
        self.record_button.setDefault(True)
        # Enter records; no other button may take it (autoDefault is on inside a QDialog).
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(_("Cancel"))
        cancel.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(list_label)
        layout.addWidget(self.list, 1)
        layout.addLayout(size)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.record)
        self.buttons.rejected.connect(self.reject)
        self.list.itemActivated.connect(lambda _item: self.record())  # Enter or double click
        self.list.currentRowChanged.connect(self._picked)
        if self.candidates:
            self.list.setCurrentRow(0)
        else:
            self.error_label.setText(
                _("{name} has no voided workday and none in a closed month: there is "
                  "nothing to correct.").format(name=member.full_name))
        self.record_button.setEnabled(bool(self.candidates))
        self.list.setFocus()
        self.resize(460, 360)

    def _picked(self, row: int) -> None:
        self.error_label.setText("")
        if 0 <= row < len(self.candidates):
            # A correction usually restores the workday as it was: same size.
            half = self.candidates[row].fraction == HALF_DAY
            (self.half_button if half else self.full_button).setChecked(True)

    def fraction(self) -> Decimal:
        """Return the size of the new workday: a full day or a half day."""
        return HALF_DAY if self.half_button.isChecked() else FULL_DAY

    def picked_uuid(self) -> str | None:
        """Return the uuid of the workday picked, or None."""
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def record(self) -> bool:
        """Record the day with its correction link; on a refusal show the service's sentence."""
        uuid = self.picked_uuid()
        if uuid is None:
            self.error_label.setText(_("Pick the workday this one corrects."))
            return False
        ok, result = self.ctx.runner.run(
            lambda: work.set_sheet_cell(
                self.ctx.book, code=self.member.code, day=self.day, line=self.line,
                fraction=self.fraction(), corrects=uuid,
            ),
            parent=self, show_errors=False,
        )
        if not ok:
            self.error_label.setText(result.message)
            return False
        self.accept()
        return True
