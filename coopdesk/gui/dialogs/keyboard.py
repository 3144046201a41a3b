"""How a form meets the keyboard: Tab in reading order, and the question before discarding."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QMessageBox, QWidget

from coopdesk.i18n import _


def ask_discard(parent: QWidget) -> bool:
    """Ask whether to drop what was typed; True to discard. "Keep editing" is the default."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(_("Discard what you typed?"))
    box.setText(_("Discard what you typed?"))
    box.setInformativeText(_("Nothing of this form has been saved."))
    discard = box.addButton(_("&Discard"), QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton(_("&Keep editing"), QMessageBox.ButtonRole.RejectRole)
    discard.setAutoDefault(False)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is discard


def reading_order(window: QWidget) -> list[QWidget]:
    """Return the widgets Tab should visit in *window*, top to bottom, then left to right.

    Widgets inside a combo box or spin box are left out (the box itself is the stop), and
    so are pop-ups and hidden widgets.
    """
    stops = []
    for widget in window.findChildren(QWidget):
        if widget.window() is not window or not widget.isVisibleTo(window):
            continue
        if not widget.focusPolicy().value & Qt.FocusPolicy.TabFocus.value:
            continue
        owner = widget.parentWidget()
        inner = False
        while owner is not None and owner is not window:
            if isinstance(owner, (QComboBox, QAbstractSpinBox)):
                inner = True
                break
            owner = owner.parentWidget()
        if not inner:
            stops.append(widget)

    def middle(widget: QWidget) -> QPoint:
        return widget.mapTo(window, QPoint(0, widget.height() // 2))

    stops.sort(key=lambda w: middle(w).y())
    rows: list[list[QWidget]] = []
    for widget in stops:  # widgets whose middles are within a few pixels share a row
        if rows and abs(middle(widget).y() - middle(rows[-1][0]).y()) <= 8:
            rows[-1].append(widget)
        else:
            rows.append([widget])
    return [w for row in rows for w in sorted(row, key=lambda w: middle(w).x())]
