"""Void a record with a reason: it stays in the book, struck through, never deleted."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from coopdesk.domain.text import clean_text
from coopdesk.gui.context import AppContext
from coopdesk.gui.dialogs.form import FormDialog, problem
from coopdesk.i18n import _


class VoidDialog(FormDialog):
    """Asks the reason, then calls ``void(reason)`` through the runner."""

    def __init__(
        self,
        ctx: AppContext,
        *,
        what: str,
        void: Callable[[str], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, _("Void a record"), parent)
        self._void = void
        intro = QLabel(
            _("{what} will stay in the book, struck through, and will no longer count.").format(
                what=what
            )
        )
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.reason = self.add_field("reason", _("Reason"), QLineEdit())
        self.reason.setMaxLength(500)
        self.reason.setPlaceholderText(_("e.g. typed twice, wrong amount"))
        self.save_button.setText(_("Void"))
        self.ready()

    def check(self) -> dict[str, str]:
        text = problem(
            lambda: clean_text(self.reason.text(), what=_("the reason"), required=True, limit=500)
        )
        return {"reason": text} if text else {}

    def save(self):
        return self._void(self.reason.text())
