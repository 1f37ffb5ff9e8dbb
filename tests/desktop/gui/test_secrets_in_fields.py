"""A passphrase or recovery key typed into the window does not outlive its use."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.gui.main_window import MainWindow
from desktop.gui.vault.passphrase_form import PassphraseForm
from tests.conftest import PASSPHRASE
from tests.desktop.gui.conftest import unlock


def test_the_unlock_field_keeps_no_undo_copy(qtbot: QtBot, window: MainWindow) -> None:
    """A recovery key is typed in plain view; after lock nothing of it can be undone back."""
    window.lock()
    view = window.gate.unlock
    view.set_recovery_mode(True)
    qtbot.keyClicks(view.secret, "ABCD-EFGH-IJKL-MNOP")
    view.set_recovery_mode(False)  # or locking again: either empties the field
    assert view.secret.text() == ""
    view.secret.undo()
    assert view.secret.text() == ""
    unlock(qtbot, window)
    assert view.secret.text() == ""
    view.secret.undo()
    assert PASSPHRASE not in view.secret.text()


def test_the_new_passphrase_form_keeps_no_undo_copy(qtbot: QtBot) -> None:
    form = PassphraseForm()
    qtbot.addWidget(form)
    qtbot.keyClicks(form.first, PASSPHRASE)
    form.first.setEchoMode(form.first.EchoMode.Normal)
    form.clear()
    form.first.undo()
    assert form.first.text() == ""
    qtbot.keyClick(form.first, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert form.first.text() == ""
