"""Vault settings, Help ▸ About, keyboard access, and no client data in QSettings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.gui.about import AboutDialog, versions
from desktop.gui.common import dialogs
from desktop.gui.main_window import MainWindow
from desktop.gui.settings_dialog import SettingsDialog
from tests.desktop.gui.conftest import WindowFactory
from tests.desktop.gui.test_unlock_and_lock import select_first_session


def test_settings_are_saved_in_the_vault_and_applied(qtbot: QtBot, window: MainWindow) -> None:
    window.open_settings()
    dialog = window.findChild(SettingsDialog)
    assert dialog is not None
    assert dialog.isVisible()
    assert dialog.auto_lock.value() == 10
    dialog.auto_lock.setValue(3)
    dialog.session_length.setValue(60)
    dialog.privacy.setChecked(False)
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    stored = window.context.services.settings.load()
    assert (stored.auto_lock_minutes, stored.default_session_minutes, stored.privacy_view) == \
        (3, 60, False)
    assert window.idle.timer.interval() == 3 * 60_000


def test_privacy_view_default_comes_from_the_vault(qtbot: QtBot, window: MainWindow) -> None:
    window.context.apply(window.context.services.settings.update(privacy_view=False))
    window.lock()
    from tests.desktop.gui.conftest import unlock

    unlock(qtbot, window)
    assert not window.privacy_action.isChecked()
    assert window.workspace.clients.model.privacy is False


def test_about_lists_the_versions(qtbot: QtBot, window: MainWindow) -> None:
    names = [name for name, _ in versions()]
    assert names == ["Threadline", "Qt", "PySide6", "SQLCipher", "Python"]
    assert dict(versions())["SQLCipher"][0].isdigit()
    window.open_about()
    dialog = window.findChild(AboutDialog)
    assert dialog is not None
    assert dialog.isVisible()


def test_qsettings_never_hold_client_data(qtbot: QtBot, window: MainWindow,
                                          window_factory: WindowFactory,
                                          settings_path: Path) -> None:
    window.privacy_action.trigger()  # names visible, to tempt any leak
    select_first_session(qtbot, window)
    window.workspace.editor.surface().setFocus()
    qtbot.keyClicks(window.workspace.editor.surface(), "Dreamt of a locked door.")
    window.lock()
    from tests.desktop.gui.conftest import unlock

    unlock(qtbot, window)
    window.close()
    again = window_factory()
    again.close()
    stored = settings_path.read_bytes()
    assert b"window" in stored  # the layout is remembered ...
    for secret in (b"RB-07", b"Robin", b"Example", b"locked door", b"KL-12"):
        assert secret not in stored  # ... but nothing about clients


def test_every_control_in_the_workspace_has_an_accessible_name_or_label(
        qtbot: QtBot, window: MainWindow) -> None:
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit

    missing = []
    for widget in window.workspace.findChildren(QLineEdit) + \
            window.workspace.findChildren(QComboBox) + \
            window.workspace.findChildren(QPlainTextEdit):
        if widget.isVisibleTo(window) and not widget.accessibleName() and \
                not isinstance(widget.parent(), QComboBox):
            missing.append(widget)
    buttons = [b for b in window.workspace.findChildren(QAbstractButton)
               if b.isVisibleTo(window) and not (b.text() or b.accessibleName())]
    assert missing == []
    assert buttons == []


def test_quit_from_the_menu_needs_no_vault(qtbot: QtBot, window: MainWindow) -> None:
    window.lock()
    quit_action = [a for a in window.menu("file").actions() if a.text() == "&Quit"][0]
    assert quit_action.isEnabled()
    assert dialogs.asked() == []
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()
