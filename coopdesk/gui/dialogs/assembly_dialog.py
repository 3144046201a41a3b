"""Record a session of the general assembly by keyboard: who came, the agenda, the agreements.

Two columns so the whole session fits a 1366×768 screen: on the left the session (kind,
call, day, place, who presided and took the minutes) and the members present, ticked
with Space in the list of the members active that day, with the quorum counted as she
ticks; on the right the agenda and the agreements, one per row with its votes and the
codes of the members it admits. Enter saves the whole session (refused with the
service's sentence, nothing written: votes exceeding those present). When fewer are ticked
than the call needs, Enter says so and offers to record the session as an acta de no
quórum (who came, no agreement); Esc on that question leaves the refusal beside the list.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coopdesk.domain.assembly import (
    Agreement,
    Call,
    SessionKind,
    call_text,
    kind_text,
    quorum_needed,
    rule_text,
)
from coopdesk.domain.text import clean_text
from coopdesk.gui.context import AppContext
from coopdesk.gui.dialogs.form import FormDialog, problem
from coopdesk.gui.dialogs.keyboard import reading_order
from coopdesk.gui.widgets.date_edit import DateEdit
from coopdesk.i18n import _
from coopdesk.services.assemblies import (
    SessionData,
    active_codes,
    assembly_rules,
    next_number,
    record_session,
)

AGENDA_ROWS = 5
AGREEMENT_ROWS = 6


class AssemblyDialog(FormDialog):
    """One session of the general assembly, saved whole."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        self.number = next_number(ctx.book)
        super().__init__(ctx, _("Assembly session No. {n}").format(n=self.number), parent)
        self.setMinimumWidth(1240)
        self.rules = assembly_rules(ctx.book)
        #: Set when she chose to record an acta de no quórum (fewer came than needed).
        self.no_quorum = False
        left, right = self.form, QFormLayout()
        columns = QHBoxLayout()
        self.layout().insertLayout(0, columns)
        self.layout().removeItem(left)
        left.setParent(None)
        columns.addLayout(left, 5)
        columns.addLayout(right, 6)

        self.kind = self.add_field("kind", _("Session"), QComboBox())
        for kind in SessionKind:
            self.kind.addItem(kind_text(kind), kind)
        self.call = self.add_field("call", _("Call"), QComboBox())
        for call in Call:
            self.call.addItem(call_text(call), call)
        self.day = self.add_field("day", _("Date"), DateEdit())
        self.place = self.add_field("place", _("Place"), QLineEdit())
        self.president = self.add_field("president", _("Presided by"), QComboBox())
        self.secretary = self.add_field("secretary", _("Secretary"), QComboBox())
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        self.present = QListWidget()
        self.present.setMinimumHeight(170)
        self.quorum = QLabel()
        self.quorum.setObjectName("quorum")
        self.quorum.setWordWrap(True)
        self.all_button = QPushButton(_("&All present"))
        self.all_button.clicked.connect(self.mark_all)
        row = QHBoxLayout()
        self.rules_button = QPushButton(_("&Rules…"))
        self.rules_button.setToolTip(_("The quorum of each call, as the bylaws say"))
        self.rules_button.clicked.connect(self.change_rules)
        row.addWidget(self.quorum, 1)
        row.addWidget(self.all_button)
        row.addWidget(self.rules_button)
        column.addWidget(self.present)
        column.addLayout(row)
        self.add_field("present", _("Present (Space ticks)"), box)
        self.present.itemChanged.connect(self._present_changed)

        self.form = right  # the agenda and the agreements go in the right column
        agenda = QWidget()
        lines = QVBoxLayout(agenda)
        lines.setContentsMargins(0, 0, 0, 0)
        lines.setSpacing(2)
        self.agenda = [QLineEdit() for _n in range(AGENDA_ROWS)]
        for n, edit in enumerate(self.agenda, start=1):
            edit.setPlaceholderText(_("Agenda item {n}").format(n=n))
            lines.addWidget(edit)
        self.add_field("agenda", _("Agenda"), agenda)
        grid_box = QWidget()
        grid = QGridLayout(grid_box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(4)
        grid.setVerticalSpacing(2)
        for col, text in enumerate((_("Agreement"), _("For"), _("Against"), _("Abstain"),
                                    _("Admits (codes)"))):
            grid.addWidget(QLabel(text), 0, col)
        self.agreements: list[tuple[QLineEdit, ...]] = []
        for n in range(1, AGREEMENT_ROWS + 1):
            edits = (QLineEdit(), QLineEdit(), QLineEdit(), QLineEdit(), QLineEdit())
            edits[0].setPlaceholderText(_("Agreement {n}").format(n=n))
            for edit in edits[1:4]:
                edit.setMaximumWidth(56)
                edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            edits[4].setMaximumWidth(130)
            edits[4].setPlaceholderText("S03, S04")
            for col, edit in enumerate(edits):
                grid.addWidget(edit, n, col)
            self.agreements.append(edits)
        grid.setColumnStretch(0, 1)
        self.add_field("agreements", _("Agreements"), grid_box)
        self._right = (agenda, grid_box)
        self.form = left
        for edit in [*self.agenda, *(e for row in self.agreements for e in row)]:
            edit.textEdited.connect(self._typed)

        self.day.dateChanged.connect(self.load_members)
        self.call.currentIndexChanged.connect(self.show_quorum)
        self.load_members()
        self.ready()

    def update_tab_order(self) -> None:
        """Tab walks the left column down, then the right one, then the buttons."""
        if layout := self.layout():
            layout.activate()
        chain = reading_order(self)

        def column(widget: QWidget) -> int:
            if any(part.isAncestorOf(widget) for part in self._right):
                return 1
            return 2 if self.buttons.isAncestorOf(widget) else 0

        chain.sort(key=column)  # stable: reading order within each column
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

    # -- the members of the day ---------------------------------------------------------

    def load_members(self, *_args) -> None:
        """List the members active on the session's day, keeping the ticks already made."""
        ticked = set(self.present_codes())
        chosen = (self.president.currentData(), self.secretary.currentData())
        day = self.day.day()
        members = active_codes(self.ctx.book, day) if day else []
        self.present.blockSignals(True)
        self.present.clear()
        for code, name in members:
            item = QListWidgetItem(f"{code} — {name}")
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if code in ticked
                               else Qt.CheckState.Unchecked)
            self.present.addItem(item)
        self.present.blockSignals(False)
        if self.present.count():
            self.present.setCurrentRow(0)
        for combo, code in ((self.president, chosen[0]), (self.secretary, chosen[1])):
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(_("Choose a member…"), None)
            for member_code, name in members:
                combo.addItem(f"{member_code} — {name}", member_code)
            combo.setCurrentIndex(max(combo.findData(code), 0) if code else 0)
            combo.blockSignals(False)
        self.show_quorum()

    def change_rules(self) -> None:
        """Change the quorum rules (the bylaws') and count again."""
        from coopdesk.gui.dialogs.assembly_rules_dialog import AssemblyRulesDialog

        dialog = AssemblyRulesDialog(self.ctx, parent=self)
        if dialog.exec() and dialog.result_value is not None:
            self.rules = dialog.result_value
            self.show_quorum()

    def present_codes(self) -> list[str]:
        return [self.present.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.present.count())
                if self.present.item(i).checkState() == Qt.CheckState.Checked]

    def mark_all(self) -> None:
        for i in range(self.present.count()):
            self.present.item(i).setCheckState(Qt.CheckState.Checked)

    def _present_changed(self, *_args) -> None:
        self._typed()
        self.show_quorum()

    def _typed(self, *_args) -> None:
        """A tick or a typed agenda item or agreement: the service's refusal is now stale."""
        if self._ready:
            self._edited.add("present")
            for name in ("present", "agreements", "agenda"):
                self._service_errors.pop(name, None)
            self.revalidate()

    def needed(self) -> tuple[int, str]:
        """How many the call needs of the members listed, and the rule that says so."""
        first = self.call.currentData() in (Call.FIRST, None)
        rule = self.rules.first_call if first else self.rules.second_call
        return quorum_needed(rule, self.present.count()), rule

    def show_quorum(self, *_args) -> None:
        """Say how many are present and how many the call needs, as she ticks."""
        active = self.present.count()
        needed, rule = self.needed()
        present = len(self.present_codes())
        self.quorum.setText(_("{present} of {active} active members present; {needed} needed"
                              " ({rule}). {verdict}").format(
            present=present, active=active, needed=needed, rule=rule_text(rule),
            verdict=_("There is quorum.") if present >= needed else _("No quorum yet.")))

    # -- checking and saving ------------------------------------------------------------

    def _agreements(self) -> list[Agreement]:
        """The agreements typed (rows without text are left out); votes must be numbers."""
        out = []
        for n, (text, yes, no, abstain, admits) in enumerate(self.agreements, start=1):
            if not text.text().strip():
                continue
            votes = []
            for edit in (yes, no, abstain):
                value = edit.text().strip() or "0"
                if not value.isdigit():
                    raise ValueError(_("Agreement {n}: write its votes as whole numbers.")
                                     .format(n=n))
                votes.append(int(value))
            codes = tuple(c.strip().upper() for c in admits.text().replace(";", ",").split(",")
                          if c.strip())
            out.append(Agreement(text.text(), *votes, admits=codes))
        return out

    def check(self) -> dict[str, str]:
        errors = {
            "place": problem(lambda: clean_text(self.place.text(), what=_("the place"),
                                                required=True, limit=200)),
            "president": "" if self.president.currentData() else _("Choose who presided."),
            "secretary": "" if self.secretary.currentData() else _("Choose the secretary."),
            "agenda": "" if self.no_quorum or any(e.text().strip() for e in self.agenda)
            else _("Write the agenda: at least one item."),
        }
        if not self.present_codes():
            errors["present"] = _("Tick the members present.")
        try:
            self._agreements()
        except ValueError as exc:
            errors["agreements"] = str(exc)
        return {k: v for k, v in errors.items() if v}

    def accept(self) -> None:
        """Save; with fewer present than needed, first offer the acta de no quórum."""
        present, (needed, _rule) = len(self.present_codes()), self.needed()
        self.no_quorum = False
        if present and present < needed:
            answer = QMessageBox.question(
                self, _("No quorum"),
                _("{present} members are present and this call needs {needed}: there is no"
                  " quorum, and the assembly cannot take agreements. Record this session as"
                  " an acta de no quórum (who came, no agreement)?").format(
                    present=present, needed=needed),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.Yes)
            self.no_quorum = answer == QMessageBox.StandardButton.Yes
        super().accept()

    def save(self):
        return record_session(self.ctx.book, SessionData(
            kind=self.kind.currentData(), call=self.call.currentData(), day=self.day.day(),
            place=self.place.text(), president=self.president.currentData(),
            secretary=self.secretary.currentData(), present=self.present_codes(),
            agenda=[e.text() for e in self.agenda if e.text().strip()],
            agreements=self._agreements(), number=self.number, no_quorum=self.no_quorum))
