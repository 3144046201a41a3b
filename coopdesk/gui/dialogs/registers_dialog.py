"""The month's sales and purchases registers for the accountant, written into a chosen folder.

The folder starts as the first USB stick plugged in (the accountant takes the stick),
else the home folder; she may type another or choose it. The four files are written
as a job (coopdesk.gui.jobs) by the same service as ``coopdesk registers``, checked
all before any is written; a refusal (no such folder, a file already there) is said
under the folder and nothing is written. The book does not change.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from coopdesk.domain.errors import CoopError
from coopdesk.domain.month import Month
from coopdesk.formats import month_title
from coopdesk.gui.context import AppContext
from coopdesk.gui.dialogs.form import FormDialog
from coopdesk.gui.jobs import error_sentence, run_with_progress
from coopdesk.i18n import _


def default_folder(volume_provider=None) -> Path:
    """The first USB stick plugged in, else the home folder."""
    from coopdesk.backup.volumes import list_volumes

    for volume in list_volumes(volume_provider):
        if volume.removable:
            return volume.path
    return Path.home()


class RegistersDialog(FormDialog):
    """Asks the folder; writes registro-ventas/compras-YYYYMM .csv and .xlsx into it."""

    def __init__(self, ctx: AppContext, month: Month, parent: QWidget | None = None, *,
                 volume_provider=None) -> None:
        super().__init__(ctx, _("Registers for the accountant"), parent)
        self.month = month
        intro = QLabel(_("The sales and purchases registers of {month}, as .csv and .xlsx, for"
                         " the accountant.").format(month=month_title(*month)))
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.folder = QLineEdit(str(default_folder(volume_provider)))
        self.choose = QPushButton(_("Choose…"))
        self.choose.setAutoDefault(False)
        self.choose.clicked.connect(self._choose)
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.folder, 1)
        line.addWidget(self.choose)
        self.add_field("folder", _("Folder"), row)
        self._watch("folder", self.folder)
        self.replace = self.add_field("replace", "", QCheckBox(
            _("Replace the files of that month if they are already there")))
        self.save_button.setText(_("Write"))
        self.written: Path | None = None
        self.ready()

    def _choose(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, _("Folder"), self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def focus_target(self, name: str) -> QWidget:
        return self.folder if name == "folder" else super().focus_target(name)

    def check(self) -> dict[str, str]:
        if not self.folder.text().strip():
            return {"folder": _("Give the folder where the registers go.")}
        return {}

    def accept(self) -> None:
        """Write the four files as a job; stay open with the sentence when refused."""
        # A refusal is about the files as they were: every attempt tries again (a stick
        # plugged in since, Replace ticked).
        self._service_errors.clear()
        errors = self.errors()
        if errors:
            self.touch_all()
            self.folder.setFocus()
            return
        from coopdesk.services.registers import write_month_registers

        book_folder = self.ctx.book.path.parent  # never written over (outputs.py)
        year, month = self.month

        def write() -> Path:
            return write_month_registers(
                self.ctx.book, year=year, month=month, folder=Path(self.folder.text().strip()),
                book_folder=book_folder, force=self.replace.isChecked(),
                how_to_replace=_("Tick “Replace” to write over them, or choose another"
                                 " folder."))

        try:
            self.written = run_with_progress(self, _("Writing the registers…"), write)
        except CoopError as error:
            self.show_refusal(CoopError(error.message, field="folder"))
            return
        except Exception as error:  # noqa: BLE001 (logged by the job; said, never a traceback)
            self.show_refusal(CoopError(error_sentence(error), field="folder"))
            return
        QDialog.accept(self)
