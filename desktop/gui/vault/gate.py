"""What stands before the workspace: the welcome, the unlock screen, or why neither works."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from db.errors import ThreadlineError
from db.vault.files import vault_exists
from desktop.gui.common.clipboard import ClipboardGuard
from desktop.gui.common.context import AppContext
from desktop.gui.common.style import MARGIN, SPACING, heading, muted, place_centred
from desktop.gui.vault.unlock import UnlockView

if TYPE_CHECKING:  # the welcome is built only for a folder without a vault
    from desktop.gui.vault.welcome import WelcomeView

log = logging.getLogger(__name__)


class ProblemView(QWidget):
    """A sentence saying why the vault cannot be opened, and a "Try again" button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        box = QWidget(self)
        box.setFixedWidth(500)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        layout.setSpacing(SPACING)
        layout.addWidget(heading("The vault cannot be opened", 1.6, box))
        self.message = muted("", box)
        self.message.setAccessibleName("Problem")
        layout.addWidget(self.message)
        row = QHBoxLayout()
        row.addStretch(1)
        self.retry = QPushButton("&Try again", box)
        row.addWidget(self.retry)
        layout.addLayout(row)
        place_centred(self, box)


class Gate(QStackedWidget):
    """Signals: ``unlocking()`` while the key is derived; ``opened()`` when the context's
    vault is unlocked (created or opened).

    Only the page the first window shows is built before it paints (the unlock screen
    when the folder holds a vault, else the welcome); the others are built when needed.
    """

    unlocking = Signal()
    opened = Signal()

    def __init__(self, context: AppContext, clipboard: ClipboardGuard,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._clipboard = clipboard
        self.started = False
        self._welcome: WelcomeView | None = None
        self._unlock: UnlockView | None = None
        self._problem: ProblemView | None = None
        self.setCurrentWidget(self.unlock if vault_exists(context.folder) else self.welcome)

    @property
    def welcome(self) -> WelcomeView:
        if self._welcome is None:
            from desktop.gui.vault.welcome import WelcomeView

            self._welcome = WelcomeView(self._context, self._clipboard, self)
            self._welcome.vault_ready.connect(self._created)
            self.addWidget(self._welcome)
        return self._welcome

    @property
    def unlock(self) -> UnlockView:
        if self._unlock is None:
            self._unlock = UnlockView(self._context.jobs, self)
            self._unlock.unlocking.connect(self.unlocking)
            self._unlock.unlocked.connect(self.opened)
            self.addWidget(self._unlock)
        return self._unlock

    @property
    def problem(self) -> ProblemView:
        if self._problem is None:
            self._problem = ProblemView(self)
            self._problem.retry.clicked.connect(self.start)
            self.addWidget(self._problem)
        return self._problem

    def start(self) -> None:
        """Show the welcome (no vault yet), the unlock screen, or the problem."""
        from db.vault.vault import Vault  # the core loads here, after the first paint

        context = self._context
        self.started = True
        if context.vault is not None:
            self.show_locked()
            return
        if not Vault.exists(context.folder):
            self.setCurrentWidget(self.welcome)
            return
        try:
            vault = Vault.open(context.folder)
        except ThreadlineError as error:
            log.info("vault not opened: %s", type(error).__name__)
            self.show_problem(str(error))
            return
        vault.release()  # held again from the unlock on: the command line may use it now
        context.attach(vault)
        self.unlock.set_vault(vault)
        self.setCurrentWidget(self.unlock)

    def show_problem(self, message: str) -> None:
        """Say why the vault cannot be opened; "Try again" starts over."""
        self.problem.message.setText(message)
        self.setCurrentWidget(self.problem)

    def show_locked(self) -> None:
        assert self._context.vault is not None
        self.unlock.set_vault(self._context.vault, locked=True)
        self.setCurrentWidget(self.unlock)

    def _created(self, vault: object) -> None:
        from db.vault.vault import Vault

        assert isinstance(vault, Vault)
        self._context.attach(vault)
        self.opened.emit()
