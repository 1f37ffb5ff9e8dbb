"""What the vault needs from the clinician right after unlocking.

Opened with the recovery key: choose a new passphrase. Unlocked while the recovery key no
longer works (its slot was damaged, or a re-encryption was cut short before the new one
was shown): say so in one sentence and offer to make a new one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.gui.common import dialogs
from desktop.gui.common.clipboard import ClipboardGuard
from desktop.gui.common.context import AppContext
from desktop.gui.common.failures import sentence_for
from desktop.gui.common.jobs import Failure
from desktop.gui.keys.passphrase_dialog import ChangePassphraseDialog
from desktop.gui.keys.recovery_key_dialog import RecoveryKeyDialog

log = logging.getLogger(__name__)

MAKE_NEW = "&Make a new recovery key"


class RecoveryNoticeDialog(QDialog):
    """The notice and its remedy. Signals: ``accepted`` when the button is pressed."""

    def __init__(self, notice: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Recovery key")
        layout = QVBoxLayout(self)
        self.message = QLabel(notice, self)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(self)
        self.make_button: QPushButton = buttons.addButton(
            MAKE_NEW, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("&Later", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def make_new_recovery_key(parent: QWidget, context: AppContext,
                          clipboard: ClipboardGuard | None = None,
                          shown: Callable[[RecoveryKeyDialog], None] | None = None) -> None:
    """Make a new recovery key off the GUI thread, then show it once."""
    vault = context.vault
    if vault is None:
        return

    def done(recovery_key: object) -> None:
        assert isinstance(recovery_key, str)
        dialog = RecoveryKeyDialog(recovery_key, parent, clipboard=clipboard)
        dialog.open()
        if shown is not None:
            shown(dialog)

    def failed(failure: Failure) -> None:
        dialogs.warning(parent, "Recovery key", sentence_for(
            failure.error, "No new recovery key could be made; the old state is unchanged."))

    context.jobs.start(vault.new_recovery_key, on_done=done, on_error=failed,
                       name="making a recovery key")


def offer_after_unlock(parent: QWidget, context: AppContext,
                       clipboard: ClipboardGuard | None = None,
                       prepare: Callable[[], bool] | None = None) -> QDialog | None:
    """Open the dialog the freshly unlocked vault calls for, if any; return it."""
    vault = context.vault
    if vault is None or not vault.is_unlocked:
        return None
    if vault.unlocked_via == "recovery":
        change = ChangePassphraseDialog(context, parent, after_recovery=True,
                                        prepare=prepare, clipboard=clipboard)
        change.open()
        return change
    notice = vault.recovery_notice
    if notice is None:
        return None
    offer = RecoveryNoticeDialog(str(notice), parent)
    offer.accepted.connect(lambda: make_new_recovery_key(parent, context, clipboard))
    offer.open()
    return offer
