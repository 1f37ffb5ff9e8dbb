"""A plain notice in the status bar while a demo vault is open: its clients are fictional.

``threadline demo`` sets the vault setting ``demo_vault``; this extension shows the notice
for as long as such a vault is unlocked, so a demo can never pass for a real caseload.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel

if TYPE_CHECKING:
    from desktop.gui.main_window import MainWindow

NOTICE = "Demo vault: all clients are fictional"


def install(window: MainWindow) -> None:
    label = QLabel(NOTICE, window)
    label.setObjectName("demo-vault-notice")
    label.setStyleSheet("font-weight: bold; padding: 0 8px;")
    label.setAccessibleName(NOTICE)
    label.hide()
    window.statusBar().addPermanentWidget(label)

    def refresh(*_: object) -> None:
        label.setVisible(window.context.unlocked and window.context.settings.demo_vault)

    window.context.events.unlocked.connect(refresh)
    window.context.events.changed.connect(refresh)
    window.context.events.locked.connect(label.hide)  # sent just before the key is dropped
