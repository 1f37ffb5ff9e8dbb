"""Settings ▸ Sync: start syncing this vault, see the devices, sync now, pair a computer."""

from __future__ import annotations

import platform
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.sync.dto import SyncStatus
from db.sync.flags import Flag
from desktop.gui.common import dialogs
from desktop.gui.common.style import error_label, muted
from desktop.gui.sync.status import ago

COLUMNS = ("Device", "Last seen", "Waiting")
OPENS_AT = QSize(640, 520)
FLAG_ID, FLAG_KIND = 0x0100, 0x0101  # Qt.ItemDataRole.UserRole and the one after it
#: Flags whose two texts can be opened side by side.
COMPARABLE = frozenset({"edited_on_two_devices"})
FLAG_WORDS = {
    "edited_on_two_devices": "edited on two computers — both texts kept (Compare texts…)",
    "kept_deleted_elsewhere": "deleted on another computer, kept for the new work here",
    "restored_for_new_work": "brought back: another computer added work to it",
    "measure_scored_twice": "one measure scored on two computers — one score kept",
}


def flag_text(flag: Flag) -> str:
    where = flag.client_code or "A record"
    if flag.session_number is not None:
        where += f", session {flag.session_number}"
    return f"{where}: {FLAG_WORDS.get(flag.kind, 'changed on two computers')}"


class SyncDialog(QDialog):
    """``start(folder, name)``, ``run_now()`` and ``pair(path)`` are the feature's; they
    submit the work and call ``show_status`` (or ``show_error``) when it is done."""

    def __init__(self, status: SyncStatus | None, now: Callable[[], datetime], *,
                 start: Callable[[Path, str], None], run_now: Callable[[], None],
                 pair: Callable[[Path], None],
                 resolve: Callable[[str], None] | None = None,
                 compare: Callable[[str], None] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Sync")
        self.setMinimumWidth(480)
        self.resize(OPENS_AT)  # the table and the flags' sentences whole, not a sliver
        self._now, self._start, self._run_now, self._pair = now, start, run_now, pair
        self._resolve, self._compare = resolve, compare
        self.flags = QListWidget(self)
        self.flags.setAccessibleName("To look at")
        self.flags.setWordWrap(True)  # a flag is a sentence: read whole, never scrolled
        self.flags.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.flags.currentItemChanged.connect(self._flag_chosen)
        self.flags.itemActivated.connect(lambda _item: self._compare_clicked())
        self.resolve_button = QPushButton("Mark &resolved", self)
        self.resolve_button.clicked.connect(self._resolve_clicked)
        self.compare_button = QPushButton("&Compare texts…", self)
        self.compare_button.setToolTip("Open the note's two texts side by side")
        self.compare_button.clicked.connect(self._compare_clicked)
        self.folder = QLineEdit(self)
        self.folder.setAccessibleName("Sync folder")
        self.choose_button = QPushButton("Choose…", self)
        self.choose_button.clicked.connect(self._choose)
        self.device_name = QLineEdit(platform.node() or "This computer", self)
        self.device_name.setAccessibleName("This computer's name")
        self.start_button = QPushButton("Start syncing this vault", self)
        self.start_button.clicked.connect(self._start_clicked)
        self.summary = muted("", self)
        self.devices = QTableWidget(0, len(COLUMNS), self)
        self.devices.setHorizontalHeaderLabels(COLUMNS)
        self.devices.verticalHeader().hide()
        header = self.devices.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the names
        self.devices.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        rows = self.devices.verticalHeader().defaultSectionSize()
        self.devices.setMinimumHeight(self.devices.horizontalHeader().sizeHint().height()
                                      + 3 * rows + 4)  # three computers without scrolling
        self.devices.setAccessibleName("Computers")
        self.devices.setTabKeyNavigation(False)
        self.sync_button = QPushButton("Sync now", self)
        self.sync_button.clicked.connect(self._sync_clicked)
        self.pair_button = QPushButton("Make a pairing file…", self)
        self.pair_button.clicked.connect(self._pair_clicked)
        self.error = error_label(self)
        self.reading = muted("Reading the sync folder…", self)
        form = QFormLayout()
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(self.choose_button)
        form.addRow("Sync &folder:", row)
        form.addRow("This computer's &name:", self.device_name)
        self.start_box = QWidget(self)
        start_layout = QVBoxLayout(self.start_box)
        start_layout.setContentsMargins(0, 0, 0, 0)
        start_layout.addWidget(muted(
            "Choose a folder that Syncthing, Nextcloud or a similar tool keeps in step "
            "between your computers, or a USB stick. Threadline writes only encrypted "
            "files there, never the vault itself.", self))
        start_layout.addLayout(form)
        start_layout.addWidget(self.start_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.sync_button)
        buttons.addWidget(self.pair_button)
        buttons.addStretch(1)
        self.running_box = QWidget(self)
        running = QVBoxLayout(self.running_box)
        running.setContentsMargins(0, 0, 0, 0)
        running.addWidget(self.summary)
        running.addWidget(self.devices)
        running.addLayout(buttons)
        self.flags_label = muted("To look at:", self)
        running.addWidget(self.flags_label)
        running.addWidget(self.flags)
        flag_buttons = QHBoxLayout()
        flag_buttons.addWidget(self.compare_button)
        flag_buttons.addWidget(self.resolve_button)
        flag_buttons.addStretch(1)
        running.addLayout(flag_buttons)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.reading)
        layout.addWidget(self.start_box)
        layout.addWidget(self.running_box)
        layout.addWidget(self.error)
        layout.addWidget(close)
        if status is None:  # read off the GUI thread; shown when it arrives
            self.start_box.hide()
            self.running_box.hide()
        else:
            self.show_status(status)

    def show_status(self, status: SyncStatus) -> None:
        self.reading.hide()
        self.error.clear()
        self.start_button.setEnabled(True)
        self.sync_button.setEnabled(True)
        self.start_box.setVisible(not status.syncing)
        self.running_box.setVisible(status.syncing)
        if not status.syncing:
            return
        self.summary.setText(f"This vault syncs through {status.folder} as "
                             f"“{status.device_name}”. {status.unsent} changes not sent yet.")
        self.devices.setRowCount(len(status.devices))
        now = self._now()
        for n, device in enumerate(status.devices):
            name = device.name or device.id[:8]
            seen = ago(device.last_seen_at, now) if device.last_seen_at else "not yet"
            waiting = "" if device.this_device else str(device.waiting)
            if device.this_device:
                name += " (this computer)"
            if device.refused:
                waiting += " (a file was refused)"
            elif device.missing is not None:
                waiting += " (an earlier file has not arrived yet)"
            for column, value in enumerate((name, seen, waiting)):
                self.devices.setItem(n, column, QTableWidgetItem(value))

    def show_flags(self, flags: list[Flag]) -> None:
        """List the flags; the one chosen stays chosen when a new read lists it again."""
        chosen = self.flags.currentItem()
        chosen_id = str(chosen.data(FLAG_ID)) if chosen is not None else None
        self.flags.clear()
        for flag in flags:
            item = QListWidgetItem(flag_text(flag), self.flags)
            item.setData(FLAG_ID, flag.id)
            item.setData(FLAG_KIND, flag.kind)
            if flag.id == chosen_id:
                self.flags.setCurrentItem(item)
        for widget in (self.flags_label, self.flags, self.resolve_button, self.compare_button):
            widget.setVisible(bool(flags))
        self._flag_chosen()

    def _flag_chosen(self, *_items: object) -> None:
        item = self.flags.currentItem()
        self.resolve_button.setEnabled(item is not None)
        self.compare_button.setEnabled(
            item is not None and self._compare is not None
            and str(item.data(FLAG_KIND)) in COMPARABLE)

    def _resolve_clicked(self) -> None:
        item = self.flags.currentItem()
        if item is not None and self._resolve is not None:
            self._resolve(str(item.data(FLAG_ID)))

    def _compare_clicked(self) -> None:
        item = self.flags.currentItem()
        if self.compare_button.isEnabled() and item is not None and self._compare is not None:
            self._compare(str(item.data(FLAG_ID)))

    def show_error(self, sentence: str) -> None:
        self.start_button.setEnabled(True)
        self.sync_button.setEnabled(True)
        self.error.setText(sentence)

    def _choose(self) -> None:
        chosen = dialogs.choose_folder(self, "Sync folder")
        if chosen is not None:
            self.folder.setText(str(chosen))

    def _start_clicked(self) -> None:
        if not self.folder.text().strip():
            self.error.setText("Choose the folder to sync through first.")
            return
        self.start_button.setEnabled(False)
        self._start(Path(self.folder.text().strip()), self.device_name.text())

    def _sync_clicked(self) -> None:
        self.sync_button.setEnabled(False)
        self._run_now()

    def _pair_clicked(self) -> None:
        target = dialogs.choose_save_file(self, "Pairing file", "threadline-pairing.age")
        if target is not None:
            self._pair(target)


def show_pairing_passphrase(parent: QWidget, path: Path, passphrase: str) -> None:
    dialogs.information(parent, "Pairing file", (
        f"Wrote {path}. Its one-time passphrase, shown only now:\n\n{passphrase}\n\n"
        "On the other computer, run “threadline sync join --pairing FILE --folder DIR "
        "--vault NEW_DIR” and type this passphrase."))

