"""Configuración: the cooperative's name, site, institution, series, goals, language, rates."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coopdesk.domain.changes import Kind
from coopdesk.domain.documents import clean_ruc
from coopdesk.domain.errors import CoopError
from coopdesk.domain.text import clean_text
from coopdesk.formats import number
from coopdesk.gui.context import AppContext
from coopdesk.gui.dialogs.form import ERROR_STYLE, problem
from coopdesk.gui.views.list_view import title_label
from coopdesk.gui.views.products_box import ProductsBox
from coopdesk.gui.views.rates_box import RatesBox
from coopdesk.gui.views.watching import WatchingView
from coopdesk.i18n import _, current_language
from coopdesk.services.settings import (
    CASE_STUDY_BREAK_EVEN,
    CASE_STUDY_TARGET,
    get_settings,
    update_settings,
)


class SettingsView(WatchingView):
    """A form over the book's settings; Save is enabled when something valid changed."""

    watch = frozenset({Kind.SETTINGS, Kind.RATES, Kind.PRODUCTS})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.name = self._row(form, "cooperative_name", _("Cooperative"), QLineEdit())
        self.site = self._row(form, "site", _("Site"), QLineEdit())
        self.institution = self._row(form, "institution", _("Institution"), QLineEdit())
        # What certificates print: the town before the date, and who signs for the prison.
        self.place = self._row(form, "place", _("Town on certificates"), QLineEdit())
        self.place.setPlaceholderText(_("e.g. Quillabamba; empty: the site"))
        self.work_area = self._row(form, "work_area_title", _("Signs for the work area"),
                                   QLineEdit())
        self.work_area.setPlaceholderText(_("Head of the work area of the prison (INPE)"))
        self.series = self._row(form, "receipt_series", _("Receipt series"), QLineEdit())
        self.series.setMaxLength(4)
        self.series.setPlaceholderText("001")
        self.break_even = self._row(
            form, "break_even_units", _("Break-even (bars a year)"), QLineEdit()
        )
        self.target = self._row(form, "target_units", _("Target (bars a year)"), QLineEdit())
        for edit in (self.break_even, self.target):
            edit.setPlaceholderText(_("not set yet"))
            edit.textEdited.connect(self._own_goals)
        self.case_study_button = QPushButton(
            _("Use the case study's figures ({even} and {target} bars)").format(
                even=number(CASE_STUDY_BREAK_EVEN), target=number(CASE_STUDY_TARGET))
        )
        self.case_study_button.setToolTip(
            _("Home then says they are the case study's figures, not the cooperative's own")
        )
        self.case_study_button.clicked.connect(self.use_case_study)
        form.addRow("", self.case_study_button)
        self._case_study = False
        self.formalised = self._row(
            form, "formalised", _("Formalised"),
            QCheckBox(_("The cooperative is formally registered")),
        )
        self.ruc = self._row(form, "ruc", _("RUC"), QLineEdit())
        self.ruc.setMaxLength(11)
        self.ruc.setPlaceholderText(_("11 digits; empty while it has none"))
        self.igv = self._row(form, "prices_include_igv", _("IGV"),
                             QCheckBox(_("Prices include IGV (for the accountant's registers)")))
        # The bylaws' shares of the year's surplus for the funds, each with its article.
        self.reserve, self.reserve_article = self._fund_row(
            form, "reserve_percent", _("Reserve fund (percent)"))
        self.education, self.education_article = self._fund_row(
            form, "education_percent", _("Education fund (percent)"))
        self.language = self._row(form, "language", _("Language"), QComboBox())
        self.language.addItem("Español", "es")
        self.language.addItem("English", "en")
        self.path = QLineEdit(str(ctx.book.path))
        self.path.setReadOnly(True)
        self.path.setFrame(False)
        form.addRow(_("Book file"), self.path)
        self.save_button = QPushButton(_("Save settings"))
        self.save_button.clicked.connect(self.save)
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(_("Settings")))
        columns = QHBoxLayout()
        layout.addLayout(columns, 1)
        # Two columns, so the whole screen fits 1366×768 without scrolling.
        left = QVBoxLayout()
        form_box = QWidget()
        form_box.setMaximumWidth(620)  # a readable line length, not the whole screen
        form_box.setLayout(form)
        left.addWidget(form_box)
        left.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignLeft)
        left.addWidget(self.note)
        left.addStretch(1)
        right = QVBoxLayout()
        self.rates = RatesBox(ctx)
        self.products = ProductsBox(ctx)
        for box in (self.rates, self.products):
            box.setMaximumWidth(620)
            right.addWidget(box)
        right.addStretch(1)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        edits = (self.name, self.site, self.institution, self.place, self.work_area, self.series,
                 self.break_even, self.target, self.ruc, self.reserve, self.reserve_article,
                 self.education, self.education_article)
        for edit in edits:
            edit.textChanged.connect(self.revalidate)
            edit.returnPressed.connect(self.save)
        self.formalised.toggled.connect(self.revalidate)
        self.igv.toggled.connect(self.revalidate)
        self.language.currentIndexChanged.connect(self.revalidate)
        self.refresh_if_stale()

    def _row(self, form: QFormLayout, key: str, label: str, widget: QWidget) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(widget)
        error = QLabel()
        error.setObjectName(f"error_{key}")
        error.setStyleSheet(ERROR_STYLE)
        error.hide()
        column.addWidget(error)
        self.errors[key] = error
        form.addRow(label, box)
        return widget

    def _fund_row(self, form: QFormLayout, key: str, label: str) -> tuple[QLineEdit, QLineEdit]:
        """A fund's percentage and, beside it, the bylaws' article that sets it."""
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        share, article = QLineEdit(), QLineEdit()
        share.setMaximumWidth(80)
        share.setAccessibleName(label)
        article.setMaxLength(60)
        article.setPlaceholderText(_("the bylaws' article, e.g. art. 45"))
        article.setAccessibleName(_("Article of the bylaws"))
        line.addWidget(share)
        line.addWidget(article, 1)
        self._row(form, key, label, row)
        self.errors[key].setWordWrap(True)  # the sentences are long: they wrap, never cut
        return share, article

    def refresh(self) -> None:
        """Show the book's settings."""
        from coopdesk.services.distribution import current_rule

        rule = current_rule(self.ctx.book)
        self.reserve.setText(f"{rule.reserve_percent:f}")
        self.reserve_article.setText(rule.reserve_article)
        self.education.setText(f"{rule.education_percent:f}")
        self.education_article.setText(rule.education_article)
        s = get_settings(self.ctx.book)
        self.name.setText(s.cooperative_name)
        self.site.setText(s.site)
        self.institution.setText(s.institution)
        self.place.setText(s.place)
        self.work_area.setText(s.work_area_title)
        self.series.setText(s.receipt_series)
        self.break_even.setText("" if s.break_even_units is None else str(s.break_even_units))
        self.target.setText("" if s.target_units is None else str(s.target_units))
        self._case_study = s.goals_from_case_study
        self.formalised.setChecked(s.formalised)
        self.ruc.setText(s.ruc)
        self.igv.setChecked(s.prices_include_igv)
        self.language.setCurrentIndex(max(self.language.findData(s.language), 0))
        self.path.setText(str(self.ctx.book.path))
        self.rates.refresh()
        self.products.refresh()
        self.revalidate()

    def use_case_study(self) -> None:
        """Fill break-even and target with the case study's figures, marked as such."""
        self.break_even.setText(str(CASE_STUDY_BREAK_EVEN))
        self.target.setText(str(CASE_STUDY_TARGET))
        self._case_study = True

    def _own_goals(self, *_args) -> None:
        self._case_study = False  # she typed them: her own figures

    def changes(self) -> dict:
        """Return the settings as typed."""
        return {
            "cooperative_name": self.name.text(),
            "site": self.site.text(),
            "institution": self.institution.text(),
            "place": self.place.text(),
            "work_area_title": self.work_area.text(),
            "receipt_series": self.series.text().strip(),
            "break_even_units": self.break_even.text().strip(),
            "target_units": self.target.text().strip(),
            "formalised": self.formalised.isChecked(),
            "ruc": self.ruc.text().strip(),
            "prices_include_igv": self.igv.isChecked(),
            "language": self.language.currentData(),
            "goals_from_case_study": self._case_study,
            "reserve_percent": self.reserve.text().strip(),
            "reserve_article": self.reserve_article.text(),
            "education_percent": self.education.text().strip(),
            "education_article": self.education_article.text(),
        }

    def check(self) -> dict[str, str]:
        """Return field → sentence for what is not acceptable."""
        errors = {}
        for key, edit in (("cooperative_name", self.name), ("site", self.site),
                          ("institution", self.institution), ("place", self.place),
                          ("work_area_title", self.work_area)):
            errors[key] = problem(
                lambda e=edit: clean_text(e.text(), what=_("the name"), required=False, limit=200)
            )
        errors["ruc"] = problem(lambda: clean_ruc(self.ruc.text()))
        series = self.series.text().strip()
        if not (series.isdigit() and 1 <= len(series) <= 4):
            errors["receipt_series"] = _("The receipt series must be 1 to 4 digits, e.g. 001.")
        for key, edit in (("break_even_units", self.break_even), ("target_units", self.target)):
            text = edit.text().strip()
            if text and (not text.isdigit() or int(text) <= 0):  # empty: not set yet
                errors[key] = _("Write a whole number of bars greater than zero.")
        errors.update(self._fund_errors())
        return {k: v for k, v in errors.items() if v}

    def _fund_errors(self) -> dict[str, str]:
        """The percentages: each 0 to 100, the two together at most 100."""
        from coopdesk.domain.distribution import DistributionRule, parse_percent

        errors = {key: problem(lambda e=edit, k=key: parse_percent(e.text(), field=k))
                  for key, edit in (("reserve_percent", self.reserve),
                                    ("education_percent", self.education))}
        if not any(errors.values()):
            errors["education_percent"] = problem(lambda: DistributionRule(
                parse_percent(self.reserve.text(), field="reserve_percent"),
                parse_percent(self.education.text(), field="education_percent")).check())
        return errors

    def revalidate(self, *_args) -> bool:
        """Show each field's sentence; enable Save only when all is acceptable."""
        errors = self.check()
        for key, label in self.errors.items():
            label.setText(errors.get(key, ""))
            label.setVisible(key in errors)
        self.save_button.setEnabled(not errors)
        return not errors

    def save(self) -> None:
        """Save the settings through the runner; say when a restart is needed."""
        if not self.revalidate():
            return
        before = get_settings(self.ctx.book).language
        ok, result = self.ctx.runner.run(
            lambda: update_settings(self.ctx.book, **self.changes()),
            parent=self,
            show_errors=False,
        )
        if not ok:
            error: CoopError = result
            label = self.errors.get(error.field or "")
            if label is not None:
                label.setText(error.message)
                label.show()
            else:
                QMessageBox.warning(self, _("Not saved"), error.message)
            return
        text = _("The settings were saved.")
        restart = result.language != before or result.language != current_language()
        if restart:
            text += " " + _("The new language is used after coopdesk is restarted.")
        self.note.setText(text)
        if restart and result.language != before:
            self.offer_restart()

    def offer_restart(self) -> None:
        """Offer to restart coopdesk now so the new language is used everywhere."""
        answer = QMessageBox.question(
            self,
            _("Language"),
            _("Restart coopdesk now to use the new language? Everything is already saved."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,  # she chose the language to use it now
        )
        if answer == QMessageBox.StandardButton.Yes:
            from coopdesk.gui.restarting import restart

            restart()
