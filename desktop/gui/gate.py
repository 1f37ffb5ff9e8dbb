"""What stands before the workspace: the welcome, the unlock screen, or why neither works."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from db.errors import ThreadlineError
from desktop.gui.clipboard import ClipboardGuard
from desktop.gui.context import AppContext
from desktop.gui.style import MARGIN, SPACING, heading, muted
from desktop.gui.unlock import UnlockView
from desktop.gui.welcome import WelcomeView

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
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)


class Gate(QStackedWidget):
    """Signals: ``opened()`` when the context's vault is unlocked (created or opened)."""

    opened = Signal()

    def __init__(self, context: AppContext, clipboard: ClipboardGuard,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.started = False
        self.welcome = WelcomeView(context, clipboard, self)
        self.unlock = UnlockView(self)
        self.problem = ProblemView(self)
        for page in (self.welcome, self.unlock, self.problem):
            self.addWidget(page)
        self.welcome.vault_ready.connect(self._created)
        self.unlock.unlocked.connect(self.opened)
        self.problem.retry.clicked.connect(self.start)

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
            self.problem.message.setText(str(error))
            self.setCurrentWidget(self.problem)
            return
        context.attach(vault)
        self.unlock.set_vault(vault)
        self.setCurrentWidget(self.unlock)

    def show_locked(self) -> None:
        assert self._context.vault is not None
        self.unlock.set_vault(self._context.vault, locked=True)
        self.setCurrentWidget(self.unlock)

    def _created(self, vault: object) -> None:
        from db.vault.vault import Vault

        assert isinstance(vault, Vault)
        self._context.attach(vault)
        self.opened.emit()
