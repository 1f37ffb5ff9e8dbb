"""File ▸ Back up now…: one dialog for where, with which key, how far, and the result.

The clinician chooses the file, the saved backup key or a passphrase (twice), and presses
**Back up**; the backup runs as a job of the window (``context.jobs``) and the dialog
names each step as it starts, then says **Verified ✓** and where the file is. The window
stays usable meanwhile. Signal: ``backed_up(BackupSummary)``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDesktopServices, QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from db.backup import age
from db.backup.automatic import file_name
from db.backup.errors import BackupError
from db.backup.service import BackupSummary, create_backup
from db.clock import utcnow
from db.progress import Step
from db.services.base import DatabaseProvider
from db.services.settings import VaultSettings
from desktop.gui.backup.messages import STEPS, sentence, step_words
from desktop.gui.common import dialogs
from desktop.gui.common.jobs import Failure, Jobs
from desktop.gui.common.style import SPACING, error_label, heading, muted, show_error
from desktop.gui.vault.passphrase_form import PassphraseForm

BACKUP_FILTER = "Threadline backups (*.age);;All files (*)"
PENDING, CURRENT, DONE = "○", "▸", "✓"


class BackupDialog(QDialog):
    """Back up the whole vault; built by :class:`BackupController` for each request."""

    backed_up = Signal(object)

    def __init__(self, vault: DatabaseProvider, jobs: Jobs, settings: VaultSettings,
                 parent: QWidget | None = None, *,
                 now: Callable[[], datetime] = utcnow) -> None:
        super().__init__(parent)
        self._vault, self._jobs, self._now = vault, jobs, now
        self._recipient = settings.backup_recipient
        self.written: Path | None = None
        self.setWindowTitle("Back up now")
        self.setObjectName("BackupDialog")
        layout = QVBoxLayout(self)
        layout.setSpacing(SPACING)
        layout.addWidget(heading("Back up the whole vault", 1.3, self))
        layout.addWidget(muted("One encrypted file with every client, session and note. "
                               "It is read back and checked before it gets its name.", self))
        start = Path(settings.backup_folder) if settings.backup_folder else Path.home()
        #: What the clinician chooses (hidden once the backup is written).
        self.choices = QWidget(self)
        choices = QVBoxLayout(self.choices)
        choices.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        self.path = QLineEdit(str(start / file_name(now())), self.choices)
        self.path.setAccessibleName("Backup file")
        self.path.setAccessibleDescription("Where the backup is written")
        self.choose = QPushButton("C&hoose…", self.choices)
        self.choose.setAccessibleName("Choose the backup file")
        self.choose.clicked.connect(self._choose)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(self.choose)
        label = QLabel("&Save to:", self.choices)
        label.setBuddy(self.path)
        form.addRow(label, where)
        choices.addLayout(form)
        self.use_key = QRadioButton(f"The saved backup &key ({_short(self._recipient)})",
                                    self.choices)
        self.use_passphrase = QRadioButton("A &passphrase for this backup", self.choices)
        group = QButtonGroup(self)
        group.addButton(self.use_key)
        group.addButton(self.use_passphrase)
        for button in (self.use_key, self.use_passphrase):
            choices.addWidget(button)
            button.setVisible(bool(self._recipient))
            button.toggled.connect(self._mode_changed)
        self.passphrase = PassphraseForm(self.choices)
        choices.addWidget(self.passphrase)
        layout.addWidget(self.choices)
        self.error = error_label(self)
        layout.addWidget(self.error)
        steps = QVBoxLayout()
        steps.setSpacing(2)
        self.steps: dict[Step, QLabel] = {}
        for step in STEPS:
            label = QLabel(f"{PENDING}  {step_words(step)}", self)
            label.setAccessibleName(step_words(step))
            label.hide()
            self.steps[step] = label
            steps.addWidget(label)
        layout.addLayout(steps)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, len(STEPS))
        self.bar.setAccessibleName("Backup progress")
        self.bar.hide()
        layout.addWidget(self.bar)
        self.outcome = heading("", 1.2, self)
        self.outcome.setAccessibleName("Result")
        self.outcome.hide()
        layout.addWidget(self.outcome)
        self.place = QLabel(self)
        self.place.setWordWrap(True)
        self.place.setAccessibleName("Backup file written")
        self.place.setTextInteractionFlags(self.place.textInteractionFlags()
                                           | _selectable())
        self.place.hide()
        layout.addWidget(self.place)
        self.buttons = QDialogButtonBox(self)
        self.start_button = self.buttons.addButton("&Back up",
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start)
        self.show_folder = self.buttons.addButton("Show in &folder",
                                                  QDialogButtonBox.ButtonRole.ActionRole)
        self.show_folder.clicked.connect(self._show_folder)
        self.show_folder.hide()
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.close_button.clicked.connect(self.reject)
        layout.addWidget(self.buttons)
        (self.use_key if self._recipient else self.use_passphrase).setChecked(True)
        self._mode_changed()
        self.resize(520, self.sizeHint().height())

    # --- what the clinician chooses ------------------------------------------------------

    def _choose(self) -> None:
        chosen = dialogs.choose_save_file(self, "Back up now", Path(self.path.text()),
                                          BACKUP_FILTER)
        if chosen is not None:
            self.path.setText(str(chosen))

    def _mode_changed(self) -> None:
        self.passphrase.setVisible(self.use_passphrase.isChecked())
        show_error(self.error, "")

    @property
    def running(self) -> bool:
        return self._jobs.busy(self)

    def start(self) -> None:
        """Check what was chosen and start the backup (one sentence if it cannot)."""
        if self.running:
            return
        text = self.path.text().strip()
        if not text:
            show_error(self.error, "Choose where to write the backup.")
            return
        out = Path(text).expanduser()
        if out.is_dir():
            out = out / file_name(self._now())
        if not out.parent.is_dir():
            show_error(self.error, "The folder for the backup does not exist.")
            return
        passphrase: str | None = None
        recipients = []
        if self.use_passphrase.isChecked():
            problem = self.passphrase.problem()
            if problem:
                show_error(self.error, problem)
                return
            passphrase = self.passphrase.passphrase()
        else:
            try:
                recipients = [age.parse_recipient(self._recipient)]
            except BackupError as error:
                show_error(self.error, str(error))
                return
        self.path.setText(str(out))
        self._set_running(True)
        database, now = self._vault.database, self._now()

        def work(report: Callable[[object], None]) -> BackupSummary:
            return create_backup(database, out, passphrase=passphrase, recipients=recipients,
                                 now=now, progress=lambda step, done: report((step, done)))

        self._jobs.start(work, on_done=lambda summary: self._done(out, summary),
                         on_error=self._failed, on_progress=self._progressed, key=self,
                         name="a backup")

    # --- while it runs -------------------------------------------------------------------

    def _set_running(self, running: bool) -> None:
        for widget in (self.choices, self.start_button, self.close_button):
            widget.setEnabled(not running)
        if running:
            show_error(self.error, "")
            self.bar.show()
            for label in self.steps.values():
                label.show()
            self.bar.reset()
            self._progressed((STEPS[0], None))  # the export starts at once

    def _progressed(self, value: tuple[Step, float | None]) -> None:
        step = value[0]
        if step not in self.steps:
            return
        index = STEPS.index(step)
        for i, (each, label) in enumerate(self.steps.items()):
            mark = DONE if i < index else CURRENT if i == index else PENDING
            label.setText(f"{mark}  {step_words(each)}")
        self.bar.setValue(index)

    def _done(self, out: Path, summary: BackupSummary) -> None:
        self.passphrase.clear()
        self._set_running(False)
        for step, label in self.steps.items():
            label.setText(f"{DONE}  {step_words(step)}")
        self.bar.setValue(len(STEPS))
        self.written = out
        sessions = summary.counts.get("sessions", 0)
        clients = summary.counts.get("clients", 0)
        self.outcome.setText("Verified ✓")
        self.outcome.show()
        self.place.setText(f"{clients:,} {_plural(clients, 'client')} and {sessions:,} "
                           f"{_plural(sessions, 'session')}, saved as {out}")
        self.place.show()
        self.choices.hide()
        self.start_button.hide()
        self.show_folder.show()
        self.close_button.setText("Close")
        self.close_button.setFocus()
        self.resize(self.width(), self.minimumSizeHint().height())
        self.backed_up.emit(summary)

    def _failed(self, failure: Failure) -> None:
        self._set_running(False)
        self.bar.hide()
        for label in self.steps.values():
            label.hide()
        show_error(self.error, sentence(failure.error))

    def _show_folder(self) -> None:
        if self.written is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.written.parent)))

    # --- a running backup is not walked away from by accident ----------------------------

    def reject(self) -> None:
        if not self.running:
            self.passphrase.clear()
            super().reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt)
        if not self.running:
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt)
        if self.running:
            event.ignore()
            return
        self.passphrase.clear()
        super().closeEvent(event)


def _short(recipient: str) -> str:
    return f"{recipient[:10]}…{recipient[-4:]}" if len(recipient) > 16 else recipient


def _plural(count: int, noun: str) -> str:
    return noun if count == 1 else f"{noun}s"


def _selectable():  # noqa: ANN202 (a Qt flag, created only when the dialog is)
    from PySide6.QtCore import Qt

    return Qt.TextInteractionFlag.TextSelectableByMouse
