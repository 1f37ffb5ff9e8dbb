"""Every focusable widget of the screens before the vault, the backup dialog and the guide
has an accessible name, is reached with Tab in reading order, and no field traps Tab."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QMainWindow, QRadioButton, QWidget
from pytestqt.qtbot import QtBot

from db.vault.vault import Vault
from desktop.gui.backup.controller import BackupController
from desktop.gui.common.clipboard import ClipboardGuard
from desktop.gui.common.context import AppContext
from desktop.gui.common.jobs import Jobs
from desktop.gui.guide import GuideWindow
from desktop.gui.vault.unlock import UnlockView
from desktop.gui.vault.welcome import WelcomeView


def focusable(root: QWidget) -> list[QWidget]:
    return [w for w in root.findChildren(QWidget)
            if w.isVisible() and w.isEnabled()
            and w.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus
            and w.focusProxy() is None]


def accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name) if interface is not None else ""


def walk_with_tab(qtbot: QtBot, root: QWidget) -> list[QWidget]:
    """Press Tab from the first focusable widget until focus comes back round."""
    widgets = focusable(root)
    widgets[0].setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widgets[0])
    seen: list[QWidget] = []
    for _ in range(len(widgets) * 2 + 2):
        current = QApplication.focusWidget()
        assert current is not None
        if seen and current is seen[0]:
            break
        seen.append(current)
        qtbot.keyClick(current, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is not current, f"{type(current).__name__} " \
            f"{accessible_name(current)!r} keeps Tab"
    return seen


def check(qtbot: QtBot, root: QWidget) -> None:
    root.show()
    qtbot.waitExposed(root)
    widgets = focusable(root)
    assert widgets
    unnamed = [type(w).__name__ for w in widgets if not accessible_name(w).strip()]
    assert unnamed == []
    reached = walk_with_tab(qtbot, root)
    # Of a group of radio buttons, Tab reaches the chosen one (the arrows choose others).
    expected = {w for w in widgets if not (isinstance(w, QRadioButton) and w.autoExclusive()
                                           and not w.isChecked())}
    assert expected <= set(reached)
    tops = [w.mapTo(root, w.rect().topLeft()).y() for w in reached]
    assert tops == sorted(tops) or _rows_in_order(reached, root)


def _rows_in_order(widgets: list[QWidget], root: QWidget) -> bool:
    """Reading order: down the page, and left to right within a row."""
    places = [(w.mapTo(root, w.rect().center()).y() // 12,
               w.mapTo(root, w.rect().center()).x()) for w in widgets]
    return places == sorted(places)


def test_the_welcome(qtbot: QtBot, tmp_path: Path) -> None:
    view = WelcomeView(AppContext(tmp_path / "vault"), ClipboardGuard())
    qtbot.addWidget(view)
    view.resize(900, 700)
    check(qtbot, view)


def test_the_unlock_screen(qtbot: QtBot) -> None:
    jobs = Jobs()
    view = UnlockView(jobs)
    qtbot.addWidget(view)
    view.resize(900, 700)
    check(qtbot, view)


@pytest.mark.parametrize("with_key", [False, True])
def test_the_backup_dialog(qtbot: QtBot, vault: Vault, with_key: bool) -> None:
    if with_key:
        from pyrage import x25519

        from db.services.hub import Services
        Services.for_vault(vault).settings.update(
            backup_recipient=str(x25519.Identity.generate().to_public()))
    main = QMainWindow()
    qtbot.addWidget(main)
    dialog = BackupController(vault, main).back_up_now()
    assert dialog is not None
    check(qtbot, dialog)
    dialog.reject()


def test_the_guide(qtbot: QtBot) -> None:
    guide = GuideWindow()
    qtbot.addWidget(guide)
    check(qtbot, guide)
