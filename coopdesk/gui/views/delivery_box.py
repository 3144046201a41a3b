"""The Respaldo screen's "Deliver to the programme": a signed delivery on the same stick.

Pressing it takes the programme's acknowledgements found on the stick first (so the
delivery holds only what the programme has not acknowledged), then writes the delivery
beside the backups. The last delivery and the last acknowledgement are shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from coopdesk.backup.volumes import Volume
from coopdesk.gui.context import AppContext
from coopdesk.i18n import _

OK_STYLE = "color: #1b5e20; font-weight: bold;"
ERROR_STYLE = "color: #b71c1c; font-weight: bold;"


def local_time(utc_text: str) -> str:
    """Return ``dd/MM/yyyy HH:MM`` in this computer's time for a UTC text, "—" for none."""
    if not utc_text:
        return "—"
    when = dt.datetime.strptime(utc_text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
    return when.astimezone().strftime("%d/%m/%Y %H:%M")


class DeliveryBox(QWidget):
    """A button, what it did, and the dates of the last delivery and acknowledgement."""

    def __init__(self, ctx: AppContext, folder: Callable[[], Path | None],
                 volume: Callable[[], Volume | None] = lambda: None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.folder = folder
        #: The stick *folder* is on (None: this computer or another folder).
        self.volume = volume
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        row = QHBoxLayout()
        self.button = QPushButton(_("&Deliver to the programme"))
        self.button.setMinimumHeight(34)
        self.button.clicked.connect(self.deliver)
        row.addWidget(self.button)
        self.dates = QLabel()
        row.addWidget(self.dates, 1)
        layout.addLayout(row)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.show_dates()

    def show_dates(self) -> None:
        """Show the last delivery and acknowledgement dates from the book's folder."""
        from coopdesk.domain.errors import CoopError
        from coopdesk.services.delivery import delivery_state

        try:
            state = delivery_state(self.ctx.book)
        except CoopError as error:
            self.dates.setText(error.message)
            return
        self.dates.setText(_("Last delivery: {sent}. Last acknowledgement: {ack}.").format(
            sent=local_time(state.last_delivery_utc), ack=local_time(state.last_ack_utc)))

    def deliver(self) -> None:
        """Take the acknowledgements on the stick, then write the delivery there."""
        from coopdesk.services.delivery import acks_in, send

        folder = self.folder()
        volume = self.volume()
        if folder is None:
            self._say(_("Choose the memory stick first."), ok=False)
            return

        def operation():
            if not folder.exists() and folder.parent.is_dir():
                folder.mkdir()
            taken = acks_in(self.ctx.book, folder) if folder.is_dir() else []
            return taken, send(self.ctx.book, folder)

        done, result = self.ctx.runner.run(operation, parent=self,
                                           show_errors=False)
        self.show_dates()
        if not done:
            self._say(result.message, ok=False)
            return
        taken, sent = result
        news = [a for a in taken if a.new]
        text = (_("The programme acknowledged up to seal {n}. ").format(n=news[-1].last)
                if news else "")
        if sent is None:
            text += _("Nothing to deliver: the programme already acknowledged the whole book.")
        elif volume is not None and volume.removable:
            text += _("Delivery written to {file}. Take the stick to the programme office.") \
                .format(file=sent.path)
        else:  # the folder chosen is on this computer: there is nothing to carry yet
            text += _("Delivery written on this computer, in {file}: it is not on a memory "
                      "stick. Put the stick in, choose it in “Copy to” and press “Deliver to "
                      "the programme” again, or copy that file to a stick, and take the stick "
                      "to the programme office.").format(file=sent.path)
        self._say(text, ok=True)

    def _say(self, text: str, *, ok: bool) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
