"""Respaldo: back up to a memory stick, see the copies on it, restore one after confirming."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coopdesk.backup.backup import (
    STICK_FOLDER,
    get_backup_settings,
    local_folder,
    make_backup,
    set_backup_settings,
)
from coopdesk.backup.copies import backup_files, stick_gone_error
from coopdesk.backup.volumes import Volume, list_volumes
from coopdesk.domain.changes import Kind
from coopdesk.gui.backup_jobs import (
    BackupJob,
    StepProgress,
    backup_message,
    failure_sentence,
    file_size,
)
from coopdesk.gui.context import AppContext
from coopdesk.gui.views import backup_restoring
from coopdesk.gui.views.backup_anchor import AnchorCheck
from coopdesk.gui.views.backup_copies import CopiesTable
from coopdesk.gui.views.list_view import title_label
from coopdesk.gui.views.watching import WatchingView
from coopdesk.i18n import _

POLL_MS = 2000
OK_STYLE = "color: #1b5e20; font-weight: bold; font-size: 12pt;"
ERROR_STYLE = "color: #b71c1c; font-weight: bold;"


class BackupView(WatchingView):
    """The Respaldo screen: pick a volume, back up now, list and restore copies."""

    watch = frozenset({Kind.SETTINGS})
    #: Emitted once a backup or restore started here has ended and its sentence is shown.
    work_done = Signal()

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        volume_provider: Callable[[], list[Volume]] | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self.volume_provider = volume_provider
        self.extra_folders: list[Path] = []
        #: The volume behind each folder of the picker (by the folder's text).
        self.volumes: dict[str, Volume] = {}
        #: Asks the coordinator to confirm a restore; replaced in tests.
        self.confirm: Callable[[str, str], bool] = self._ask
        #: The backup or restore running off the GUI thread, if any.
        self.job: BackupJob | None = None
        self._build()
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.refresh_volumes)
        self.refresh_volumes()
        self._load_settings()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """Look for memory sticks every ~2 s while the screen is shown (not all day long)."""
        super().showEvent(event)
        self.refresh_volumes()
        self.timer.start()

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """Stop polling: the desk prepares this screen at start, hidden, and it may stay so."""
        self.timer.stop()
        super().hideEvent(event)

    # -- layout ---------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(_("Backup")))
        intro = QLabel(_(
            "The book stays on this computer. Put a memory stick in, choose it, and press "
            "“Back up now”: the copy is checked on the stick before you may remove it."))
        intro.setWordWrap(True)
        layout.addWidget(intro)

        form = QFormLayout()
        where = QHBoxLayout()
        self.volume = QComboBox()
        self.volume.setMinimumContentsLength(40)
        self.volume.currentIndexChanged.connect(self._target_changed)
        self.choose_button = QPushButton(_("Other folder…"))
        self.choose_button.clicked.connect(self._choose_folder)
        where.addWidget(self.volume, 1)
        where.addWidget(self.choose_button)
        form.addRow(_("Copy to:"), where)
        self.no_stick = QLabel(_(
            "No memory stick is connected. Put one in: it appears here within two seconds."))
        self.no_stick.setStyleSheet("color: #8a5a00;")
        form.addRow("", self.no_stick)

        secret = QHBoxLayout()
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(_("empty: copies are not encrypted"))
        self.save_passphrase = QPushButton(_("Save passphrase"))
        self.save_passphrase.clicked.connect(self._save_passphrase)
        secret.addWidget(self.passphrase, 1)
        secret.addWidget(self.save_passphrase)
        form.addRow(_("Passphrase:"), secret)
        layout.addLayout(form)
        hint = QLabel(_(
            "With a passphrase, a lost stick does not reveal the members' data. Keep it "
            "written somewhere safe: without it the copies cannot be restored."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        layout.addWidget(hint)

        actions = QHBoxLayout()
        self.backup_button = QPushButton(_("Back up now"))
        self.backup_button.setMinimumHeight(40)
        self.backup_button.setStyleSheet("font-size: 12pt; font-weight: bold; padding: 0 18px;")
        self.backup_button.clicked.connect(self.back_up_now)
        actions.addWidget(self.backup_button)
        self.status = QLabel()
        self.status.setWordWrap(True)
        actions.addWidget(self.status, 1)
        layout.addLayout(actions)
        working = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setMinimumHeight(22)
        self.step_text = QLabel()
        self.step_text.setMinimumWidth(360)
        working.addWidget(self.progress, 1)
        working.addWidget(self.step_text)
        layout.addLayout(working)
        from coopdesk.gui.views.delivery_box import DeliveryBox

        self.delivery = DeliveryBox(self.ctx, self.current_folder,  # on the same stick
                                    self.current_volume)
        layout.addWidget(self.delivery)
        self.progress.setVisible(False)
        self.step_text.setVisible(False)

        self.copies_title = QLabel()
        self.copies_title.setStyleSheet("font-weight: bold; margin-top: 8px;")
        layout.addWidget(self.copies_title)
        self.anchor = QLabel()  # does the book continue the newest copy's hash chain?
        self.anchor.setWordWrap(True)
        layout.addWidget(self.anchor)
        self.anchor_check = AnchorCheck(self.ctx, self.anchor, OK_STYLE, ERROR_STYLE)
        self.copies = CopiesTable()
        self.copies.itemSelectionChanged.connect(self._selection_changed)
        layout.addWidget(self.copies, 1)

        bottom = QHBoxLayout()
        bottom.addStretch(1)
        self.restore_button = QPushButton(_("Restore this copy…"))
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self.restore_selected)
        bottom.addWidget(self.restore_button)
        layout.addLayout(bottom)

    # -- volumes and copies ---------------------------------------------------------

    def _targets(self) -> list[tuple[str, Path, bool]]:
        """Return (text, folder, removable) for every place a copy can go."""
        out = []
        self.volumes = {}
        for volume in list_volumes(self.volume_provider):
            out.append((volume.display(), volume.path / STICK_FOLDER, volume.removable))
            self.volumes[str(volume.path / STICK_FOLDER)] = volume
        out.append((_("This computer (automatic copies)"), local_folder(self.ctx.book), False))
        for folder in self.extra_folders:
            out.append((str(folder), folder, False))
        return out

    def refresh_volumes(self) -> None:
        """Re-read the mounted volumes (every 2 s), keeping the chosen one when still there."""
        targets = self._targets()
        current = self.current_folder()
        folders = [str(folder) for _t, folder, _r in targets]
        if [self.volume.itemData(i) for i in range(self.volume.count())] == folders:
            for index, (text, _f, _r) in enumerate(targets):  # free space changes
                self.volume.setItemText(index, text)
            return
        previous = {self.volume.itemData(i) for i in range(self.volume.count())}
        plugged = [str(f) for _t, f, r in targets if r and str(f) not in previous]
        self.volume.blockSignals(True)
        self.volume.clear()
        for text, folder, removable in targets:
            self.volume.addItem(text, str(folder))
            if removable:
                self.volume.setItemData(self.volume.count() - 1, _("Removable: a memory stick"),
                                        Qt.ItemDataRole.ToolTipRole)
        if plugged and previous:  # a stick was just put in: that is where the copy goes
            self.volume.setCurrentIndex(folders.index(plugged[0]))
        elif current is not None and str(current) in folders:
            self.volume.setCurrentIndex(folders.index(str(current)))
        else:
            removable = [i for i, (_t, _f, r) in enumerate(targets) if r]
            local = folders.index(str(local_folder(self.ctx.book)))
            self.volume.setCurrentIndex(removable[0] if removable else local)
        self.volume.blockSignals(False)
        self.no_stick.setVisible(not any(r for _t, _f, r in targets))
        if self.current_folder() != current:
            self._target_changed()
        else:
            self.refresh_copies()

    def _target_changed(self) -> None:
        """A sentence about the previous target no longer applies: clear it, list the copies."""
        if self.job is None:
            self.status.clear()
        self.refresh_copies()

    def current_volume(self) -> Volume | None:
        """Return the stick (or disk) chosen, or None for this computer and other folders."""
        folder = self.current_folder()
        return self.volumes.get(str(folder)) if folder is not None else None

    def current_folder(self) -> Path | None:
        """Return the folder the copies go to, or None when nothing is chosen."""
        data = self.volume.currentData()
        return Path(data) if data else None

    def select_folder(self, folder: Path) -> None:
        """Choose *folder* (adding it to the list when it is not a volume)."""
        folder = Path(folder)
        if self.volume.findData(str(folder)) < 0:
            self.extra_folders.append(folder)
            self.refresh_volumes()
        self.volume.setCurrentIndex(self.volume.findData(str(folder)))

    def _choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, _("Choose the folder for the copies"))
        if chosen:
            self.select_folder(Path(chosen))

    def refresh_copies(self) -> None:
        """List the copies in the chosen folder, newest first."""
        folder = self.current_folder()
        files = backup_files(folder) if folder is not None else []
        self.copies_title.setText(
            _("Copies in {folder}: {n}").format(folder=folder or "—", n=len(files)))
        self.copies.setRowCount(0)
        self.anchor_check.check(files[0] if files else None)
        self.copies.fill(files)
        self._selection_changed()

    def selected_copy(self) -> Path | None:
        """Return the backup file of the selected row."""
        return self.copies.selected_copy()

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(self.job is None and self.selected_copy() is not None)

    # -- actions --------------------------------------------------------------------

    def _load_settings(self) -> None:
        settings = get_backup_settings(self.ctx.book)
        self._show_key(settings.encrypted)
        last = self.volumes.get(settings.folder)
        if last is not None and last.removable:  # the last stick, when it is plugged in
            self.volume.setCurrentIndex(self.volume.findData(settings.folder))

    def _show_key(self, encrypted: bool) -> None:
        """The passphrase is never shown (the book does not keep it): say whether one is set."""
        self.passphrase.clear()
        self.passphrase.setPlaceholderText(
            _("set: copies are encrypted (write a new one to change it)") if encrypted
            else _("empty: copies are not encrypted"))

    def _save_passphrase(self) -> None:
        text = self.passphrase.text()
        ok, result = self.ctx.runner.run(
            lambda: set_backup_settings(self.ctx.book, passphrase=text),
            parent=self, show_errors=False)
        if ok:
            self._show_key(result.encrypted)
        self._say(_("Passphrase saved.") if ok else result.message, ok)

    def back_up_now(self) -> None:
        """Make a verified copy in the chosen folder (off the GUI thread), then say so."""
        folder = self.current_folder()
        if folder is None or self.job is not None:
            return
        volume = self.current_volume()
        stick = volume if volume is not None and volume.removable else None
        if stick is not None and not stick.is_mounted():  # pulled out since it was listed
            self.refresh_volumes()  # first: a new target clears the old sentence
            self._say(stick_gone_error(stick).message, False)
            return
        if stick is not None:
            self._say(_("Copying and checking… do not remove the memory stick."), True)
        else:
            self._say(_("Copying and checking…"), True)
        book = self.ctx.book
        job = BackupJob(lambda hook: make_backup(book, folder, hook=hook,
                                                 volume=stick))  # the book's key
        self._start(job, backup_message(), lambda: self._backup_done(job, folder, stick))

    def _backup_done(self, job: BackupJob, folder: Path, stick: Volume | None) -> None:
        if job.error is not None:
            self._say(failure_sentence(job.error), False)
        else:
            result = job.result
            if stick is not None:
                # Remembered so the closing copy also goes to this stick while it is plugged in.
                self.ctx.runner.run(
                    lambda: set_backup_settings(self.ctx.book, folder=str(folder)),
                    parent=self, show_errors=False)
                text = result.message
            elif folder == local_folder(self.ctx.book):
                text = _("Copy verified on this computer — this is not a copy on a USB "
                         "memory stick.")
            else:
                text = _("Copy verified in {folder} — this is not a copy on a USB memory "
                         "stick.").format(folder=folder)
            if result.warnings:
                text += "\n" + _("The book itself has a problem: {problem}").format(
                    problem=result.warnings[0])
            self._say(text, True)
        self.refresh_copies()

    def restore_selected(self) -> None:
        """Show what the selected copy holds, ask to confirm, then restore it."""
        backup_restoring.restore_selected(self)

    def _start(self, job: BackupJob, busy: str, done: Callable[[], None]) -> None:
        """Run *job* with the progress shown and this screen's buttons disabled."""
        self.job = job
        meter = StepProgress(file_size(self.ctx.book.path))
        self._set_working(True)
        self.progress.setValue(0)

        def step(name: str) -> None:
            text, percent = meter.step(name)
            self.step_text.setText(text)
            self.progress.setValue(percent)

        def finished() -> None:
            self.job = None
            self._set_working(False)
            done()
            self.work_done.emit()

        job.on_step(step)
        job.on_done(finished)
        job.start_guarded(self.ctx, busy, self.window())

    def _set_working(self, working: bool) -> None:
        for widget in (self.backup_button, self.choose_button, self.volume, self.passphrase,
                       self.save_passphrase):
            widget.setEnabled(not working)
        self.restore_button.setEnabled(not working and self.selected_copy() is not None)
        self.progress.setVisible(working)
        self.step_text.setVisible(working)
        if not working:
            self.step_text.clear()

    def _ask(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(
            self, title, text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes

    def _say(self, text: str, ok: bool) -> None:
        self.status.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
        self.status.setText(text)

    def refresh(self) -> None:
        """A restore or a new folder or passphrase: list the copies again."""
        self.refresh_copies()

