"""First run: choose a passphrase, create the vault, then show the recovery key once."""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from db.errors import ThreadlineError
from desktop.gui.common.busy import BusyIndicator
from desktop.gui.common.clipboard import ClipboardGuard
from desktop.gui.common.context import AppContext
from desktop.gui.common.jobs import Failure
from desktop.gui.common.style import (
    MARGIN,
    SPACING,
    app_icon_label,
    error_label,
    heading,
    muted,
    show_error,
)
from desktop.gui.keys.recovery_key_view import (
    KeyActions,
    copy_recovery_key,
    print_recovery_key,
    recovery_key_label,
)
from desktop.gui.vault.demo_start import DEMO_PASSPHRASE, demo_folder, open_or_build_demo
from desktop.gui.vault.passphrase_form import PassphraseForm

log = logging.getLogger(__name__)


def _page(parent: QWidget) -> tuple[QWidget, QVBoxLayout]:
    page = QWidget(parent)
    page.setMaximumWidth(560)
    layout = QVBoxLayout(page)
    layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
    layout.setSpacing(SPACING)
    return page, layout


class WelcomeView(QWidget):
    """Signals: ``vault_ready(Vault)`` once the clinician has stored the recovery key."""

    vault_ready = Signal(object)

    def __init__(self, context: AppContext, clipboard: ClipboardGuard,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._clipboard = clipboard
        self._vault: object | None = None
        self.join_dialog: QDialog | None = None  # desktop.gui.sync.join.JoinDialog
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._build_create_page())
        self.pages.addWidget(self._build_key_page())
        self.pages.setMinimumHeight(440)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(self.pages)
        column.addStretch(2)
        outer.addLayout(column, 3)
        outer.addStretch(1)

    # --- step 1: the passphrase ---------------------------------------------------------

    def _build_create_page(self) -> QWidget:
        page, layout = _page(self)
        layout.addWidget(app_icon_label(page))
        layout.addWidget(heading("Welcome to Threadline", 1.8, page))
        layout.addWidget(muted(
            "Threadline keeps your session notes in an encrypted vault on this computer. "
            "Choose the passphrase that will open it. Nobody, including the makers of "
            "Threadline, can recover your notes without it or the recovery key you will "
            "see next.", page))
        self.form = PassphraseForm(page)
        layout.addWidget(self.form)
        self.error = error_label(page)
        layout.addWidget(self.error)
        self.busy = BusyIndicator("Deriving key…", page)
        layout.addWidget(self.busy)
        row = QHBoxLayout()
        self.demo_button = QPushButton("Try a &demo vault first (fictional clients)", page)
        self.demo_button.setAccessibleDescription(
            "Opens a separate vault of invented clients and notes to look around in; its "
            f"passphrase is “{DEMO_PASSPHRASE}”. Your own vault is created later.")
        self.demo_button.setToolTip(self.demo_button.accessibleDescription())
        self.demo_button.clicked.connect(self.try_demo)
        row.addWidget(self.demo_button)
        row.addStretch(1)
        self.create_button = QPushButton("&Create my vault", page)
        self.create_button.setDefault(True)
        self.create_button.setAutoDefault(True)
        self.create_button.clicked.connect(self.create_vault)
        row.addWidget(self.create_button)
        layout.addLayout(row)
        self.demo_note = muted(f"The demo vault's passphrase is “{DEMO_PASSPHRASE}”.", page)
        layout.addWidget(self.demo_note)
        join_row = QHBoxLayout()
        self.join_button = QPushButton("Or &join the vault of another computer that syncs…",
                                       page)
        self.join_button.clicked.connect(self.open_join)
        join_row.addWidget(self.join_button)
        join_row.addStretch(1)
        layout.addLayout(join_row)
        layout.addStretch(1)
        self.form.second.returnPressed.connect(self.create_vault)
        self.form.edited.connect(lambda: show_error(self.error, ""))
        return page

    def create_vault(self) -> None:
        if self._context.jobs.busy(self):
            return
        problem = self.form.problem()
        if problem:
            show_error(self.error, problem)
            return
        from db.services.hub import initialize_vault
        from db.vault.vault import Vault

        passphrase, folder = self.form.passphrase(), self._context.folder
        params = self._context.kdf_params
        self.form.setEnabled(False)
        self.create_button.setEnabled(False)
        self.busy.start("Deriving key…")
        self._context.jobs.start(
            lambda: Vault.create(folder, passphrase, params=params,
                                 initialize=initialize_vault),
            on_done=self._created, on_error=self._failed, key=self, name="creating the vault")

    def try_demo(self) -> None:
        """Open (or first build) the demo vault of fictional clients, in its own folder."""
        if self._context.jobs.busy(self):
            return
        folder, params = demo_folder(self._context.folder), self._context.kdf_params
        self.form.setEnabled(False)
        self.create_button.setEnabled(False)
        self.demo_button.setEnabled(False)
        self.busy.start("Writing fictional clients and sessions…")
        self._context.jobs.start(lambda: open_or_build_demo(folder, params),
                                 on_done=self._demo_ready, on_error=self._failed, key=self,
                                 name="the demo vault")

    def open_join(self) -> None:
        """Join a sync group (desktop/gui/sync/join.py); the key is shown as for a new vault."""
        if self._context.jobs.busy(self) or self._vault is not None:
            return
        from desktop.gui.sync.join import JoinDialog

        dialog = JoinDialog(self._context, self)
        dialog.joined.connect(self._joined)
        self.join_dialog = dialog
        dialog.open()

    def _joined(self, result: object) -> None:
        from db.sync.joining import Joined

        assert isinstance(result, Joined)
        self.key_note.setText(
            f"This computer's vault is made, but it does not sync yet: {result.problem} "
            "Start it again from File ▸ Sync… once the folder is right." if result.problem
            else "This computer's vault is made and syncs with the other computer.")
        self._created((result.vault, result.recovery_key))

    def _demo_ready(self, vault: object) -> None:
        self.busy.stop()
        self.form.clear()
        self.vault_ready.emit(vault)

    def _created(self, result: object) -> None:
        assert isinstance(result, tuple)
        vault, recovery_key = result
        self._vault = vault
        self.busy.stop()
        self.form.clear()
        self.key_label.setText(recovery_key)
        self.pages.setCurrentIndex(1)
        self.copy_button.setFocus()

    def _failed(self, failure: Failure) -> None:
        self.busy.stop()
        self.form.setEnabled(True)
        self.create_button.setEnabled(True)
        self.demo_button.setEnabled(True)
        if isinstance(failure.error, ThreadlineError):
            show_error(self.error, failure.message)
        else:
            show_error(self.error, "The vault could not be created here; check that the "
                                   "folder is writable and has free space.")

    # --- step 2: the recovery key --------------------------------------------------------

    def _build_key_page(self) -> QWidget:
        page, layout = _page(self)
        layout.addWidget(heading("Your recovery key", 1.8, page))
        self.key_note = muted("", page)  # after a join: whether it syncs
        layout.addWidget(self.key_note)
        layout.addWidget(muted(
            "If you ever forget your passphrase, this key is the only other way into your "
            "vault. Write it down or print it, and keep it somewhere safe, away from this "
            "computer. It is shown only this once.", page))
        self.key_label = recovery_key_label(page)
        self.key_label.setMinimumHeight(self.key_label.fontMetrics().height() * 2 + 2 * SPACING)
        layout.addWidget(self.key_label)
        actions = KeyActions(page, self._copy, self._print)
        self.copy_button, self.print_button = actions.copy_button, actions.print_button
        layout.addLayout(actions.row)
        self.stored = actions.stored
        layout.addWidget(self.stored)
        row = QHBoxLayout()
        row.addStretch(1)
        self.continue_button = QPushButton("Con&tinue", page)
        self.continue_button.setEnabled(False)
        self.continue_button.clicked.connect(self._continue)
        self.stored.toggled.connect(self.continue_button.setEnabled)
        row.addWidget(self.continue_button)
        layout.addLayout(row)
        layout.addStretch(1)
        return page

    def _copy(self) -> None:
        copy_recovery_key(self._clipboard, self.key_label.text())
        self.copy_button.setText("C&opied (cleared in 30 s)")

    def _print(self) -> None:
        print_recovery_key(self, self.key_label.text())

    def _continue(self) -> None:
        if self._vault is None or not self.stored.isChecked():
            return
        self.key_label.clear()
        vault, self._vault = self._vault, None
        self.vault_ready.emit(vault)
