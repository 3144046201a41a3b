"""The Respaldo screen's list of copies: one row per backup file, newest first.

Split from ``backup_view.py``. Each row reads only the copy's description (quick, not
yet checked: the restore checks the whole file before anything is touched).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from coopdesk.backup.anchor import check_against_description
from coopdesk.backup.fileformat import read_manifest
from coopdesk.domain.errors import CoopError
from coopdesk.formats import date_time_str
from coopdesk.gui.backup_jobs import failure_sentence
from coopdesk.i18n import _
from coopdesk.services.settings import get_settings

COL_DATE, COL_COOPERATIVE, COL_SALES, COL_RECEIPT, COL_SIZE, COL_ENCRYPTED = range(6)


class CopiesTable(QTableWidget):
    """The copies in a folder; each row's data is its file's path."""

    def __init__(self) -> None:
        super().__init__(0, 6)
        self.setHorizontalHeaderLabels([
            _("Made on"), _("Cooperative"), _("Sales"), _("Last receipt"), _("Size"),
            _("Encrypted")])
        self.verticalHeader().setVisible(False)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_COOPERATIVE, QHeaderView.ResizeMode.Stretch)

    def fill(self, files: list[Path]) -> None:
        """Show *files* (newest first); a copy whose description cannot be read says so."""
        self.setRowCount(0)
        for path in files:
            row = self.rowCount()
            self.insertRow(row)
            try:
                m = read_manifest(path)
                cells = [
                    _made_on(m.get("created_at", "")),
                    m.get("cooperative", ""),
                    str((m.get("counts") or {}).get("sale", "")),
                    str(m.get("last_receipt", "")),
                    _size(path.stat().st_size),
                    _("yes") if m.get("encryption") else _("no"),
                ]
            except (CoopError, OSError):
                cells = [path.name, _("cannot be read"), "", "", "", ""]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, str(path))
                if column in (COL_SALES, COL_RECEIPT, COL_SIZE):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.setItem(row, column, item)

    def selected_copy(self) -> Path | None:
        """Return the backup file of the selected row."""
        items = self.selectedItems()
        return Path(items[0].data(Qt.ItemDataRole.UserRole)) if items else None


def anchor_verdict(book, newest: Path | None) -> tuple[str, bool | None]:
    """Whether *book* still extends the chain head kept in the *newest* copy, and why.

    ("", None) when there is no copy, or the copy is another cooperative's (it says
    nothing of this book); None also when the copy cannot tell.
    """
    if newest is None:
        return "", None
    try:
        manifest = read_manifest(newest)
        if manifest.get("site_id", "") not in ("", get_settings(book).site_id):
            return "", None
        found = check_against_description(book, manifest, newest)
    except (CoopError, OSError) as exc:
        return failure_sentence(exc), None
    return found.sentence, found.ok


def _made_on(iso: str) -> str:
    try:
        return date_time_str(dt.datetime.fromisoformat(iso))
    except ValueError:
        return iso


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n / 1e3:.0f} kB"
