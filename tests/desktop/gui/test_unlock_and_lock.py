"""Unlocking (passphrase, recovery key, wrong passphrase, vault in use) and locking."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from db.vault.vault import Vault
from desktop.gui.main_window import MainWindow
from tests.conftest import PASSPHRASE, make_vault
from tests.desktop.gui.conftest import WindowFactory, open_window, settled, unlock


def visible_texts() -> str:
    """Every piece of text any visible widget of the application shows."""
    found: list[str] = []
    for widget in QApplication.allWidgets():
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel | QLineEdit):
            found.append(widget.text())
        elif isinstance(widget, QPlainTextEdit):
            found.append(widget.toPlainText())
    return "\n".join(found)


def select_first_session(qtbot: QtBot, window: MainWindow, code: str = "RB-07") -> None:
    workspace = window.workspace
    assert workspace is not None
    qtbot.keyClicks(workspace.clients.search, code)
    table = workspace.clients.table
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=table.visualRect(table.model().index(0, 0)).center())
    sessions = workspace.client_view.sessions.table
    qtbot.waitUntil(lambda: sessions.model().rowCount() > 0)
    qtbot.mouseClick(sessions.viewport(), Qt.MouseButton.LeftButton,
                     pos=sessions.visualRect(sessions.model().index(0, 0)).center())
    qtbot.waitUntil(lambda: workspace.editor.note is not None)
    settled(qtbot, window)


def test_wrong_passphrase_says_so_and_keeps_the_vault_locked(
        qtbot: QtBot, seeded_vault: Path, settings_path: Path) -> None:
    window = open_window(qtbot, seeded_vault, settings_path)
    view = window.gate.unlock
    qtbot.keyClicks(view.secret, "not the passphrase at all")
    qtbot.keyClick(view.secret, Qt.Key.Key_Return)
    assert view.busy.isVisible()  # deriving the key runs off the GUI thread
    assert not view.secret.isEnabled()
    qtbot.waitUntil(lambda: view.error.isVisible(), timeout=30_000)
    assert view.error.text() == "Wrong passphrase."
    assert not window.context.unlocked
    assert window.workspace is None
    assert not window.lock_action.isEnabled()


def test_unlock_with_the_recovery_key(qtbot: QtBot, tmp_path: Path) -> None:
    vault, key = make_vault(tmp_path / "vault")
    vault.close()
    window = open_window(qtbot, tmp_path / "vault", tmp_path / "s.ini")
    view = window.gate.unlock
    qtbot.mouseClick(view.mode_button, Qt.MouseButton.LeftButton)
    assert view.secret.accessibleName() == "Recovery key"
    qtbot.keyClicks(view.secret, key.lower())
    qtbot.mouseClick(view.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=30_000)
    assert window.context.unlocked


def test_a_vault_open_elsewhere_is_explained(qtbot: QtBot, seeded_vault: Path,
                                             settings_path: Path) -> None:
    with Vault.open(seeded_vault):
        window = open_window(qtbot, seeded_vault, settings_path)
        assert window.gate.currentWidget() is window.gate.problem
        assert "already open" in window.gate.problem.message.text()
    qtbot.mouseClick(window.gate.problem.retry, Qt.MouseButton.LeftButton)
    assert window.gate.currentWidget() is window.gate.unlock
    unlock(qtbot, window)


def test_lock_hides_everything_and_unlock_returns_to_the_same_place(
        qtbot: QtBot, window: MainWindow) -> None:
    select_first_session(qtbot, window)
    workspace = window.workspace
    assert workspace is not None
    workspace.editor.show_kind("progress")
    workspace.editor.surface().setFocus()
    qtbot.keyClicks(workspace.editor.surface(), "Arrived early, quiet.")
    where = workspace.location()
    QGuiApplication.clipboard().setText("")
    window.clipboard.copy("Arrived early")
    other = QWidget()
    qtbot.addWidget(other)
    other.setWindowTitle("A secondary window")
    other.show()
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.workspace is None)
    assert window.gate.currentWidget() is window.gate.unlock
    assert window.gate.unlock.title.text() == "Threadline is locked"
    assert not window.context.vault.is_unlocked
    assert not other.isVisible()
    assert QGuiApplication.clipboard().text() == ""
    texts = visible_texts()
    assert "RB-07" not in texts
    assert "Arrived early" not in texts
    unlock(qtbot, window)
    workspace = window.workspace
    assert workspace is not None
    assert workspace.location() == where
    assert workspace.editor.surface().toPlainText() == "Arrived early, quiet."


def test_lock_leaves_a_clipboard_it_did_not_fill_alone(qtbot: QtBot,
                                                       window: MainWindow) -> None:
    QGuiApplication.clipboard().setText("from another program")
    window.clipboard._ours.clear()  # what another program copied is not ours
    window.lock()
    assert QGuiApplication.clipboard().text() == "from another program"


def test_auto_lock_fires_after_the_idle_time(qtbot: QtBot, window: MainWindow) -> None:
    select_first_session(qtbot, window)
    window.idle.set_interval_ms(300)
    window.idle.start()
    with qtbot.waitSignal(window.context.events.locked, timeout=5000):
        pass
    assert window.workspace is None
    assert "RB-07" not in visible_texts()


def test_input_postpones_auto_lock(qtbot: QtBot, window: MainWindow) -> None:
    timer = window.idle.timer
    window.idle.set_interval_ms(60_000)
    window.idle.start()
    qtbot.waitUntil(lambda: timer.remainingTime() < 59_000, timeout=5000)
    qtbot.keyClick(window.workspace.clients.search, Qt.Key.Key_A)
    assert timer.remainingTime() > 59_000


def test_locked_menus_are_disabled_and_unlocking_enables_them(
        qtbot: QtBot, window_factory: WindowFactory, seeded_vault: Path) -> None:
    window = window_factory()
    assert window.lock_action.isEnabled()
    window.lock()
    assert not window.lock_action.isEnabled()
    assert window.show_view("workspace") is None


def damaged_vault(folder: Path, *, note: bool) -> bytes:
    """A vault of 40 clients (with a long note at the end of the file if ``note``) with one
    bit flipped in a page near the end; returns the damaged file's bytes."""
    from datetime import date

    from db.services.dto import ClientInput, SessionInput
    from db.services.hub import Services
    from db.vault.vault import DB_NAME

    vault, _ = make_vault(folder)
    services = Services.for_vault(vault)
    for n in range(40):
        client = services.clients.create(ClientInput(code=f"D{n:03}", notes="y" * 3000)).value
    if note:  # its text fills the last pages: the workspace does not read it
        session = services.sessions.create(client.id, SessionInput(date(2026, 3, 2))).value
        services.notes.save(session.id, "process", "Long pause. " * 20_000, "manual")
    vault.close()
    path = folder / DB_NAME
    raw = bytearray(path.read_bytes())
    raw[(len(raw) // 4096 - 10) * 4096 + 200] ^= 0x80
    path.write_bytes(bytes(raw))
    return bytes(raw)


def unlock_damaged(qtbot: QtBot, folder: Path, settings: Path) -> MainWindow:
    window = open_window(qtbot, folder, settings)
    view = window.gate.unlock
    qtbot.keyClicks(view.secret, PASSPHRASE)
    qtbot.mouseClick(view.unlock_button, Qt.MouseButton.LeftButton)
    return window


def test_damage_found_by_the_check_after_unlocking_locks_and_says_so(
        qtbot: QtBot, tmp_path: Path) -> None:
    from db.vault.vault import DB_NAME

    damaged = damaged_vault(tmp_path / "vault", note=True)
    window = open_window(qtbot, tmp_path / "vault", tmp_path / "s.ini")
    view = window.gate.unlock
    qtbot.keyClicks(view.secret, PASSPHRASE)
    with qtbot.waitSignal(window.workspace_ready, timeout=30_000):  # usable at once
        qtbot.mouseClick(view.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.gate.currentWidget() is window.gate.problem, timeout=30_000)
    assert "damaged" in window.gate.problem.message.text()
    assert window.workspace is None
    assert not window.context.unlocked
    assert (tmp_path / "vault" / DB_NAME).read_bytes() == damaged  # nothing written


def test_damage_met_while_opening_the_workspace_locks_and_says_so(
        qtbot: QtBot, tmp_path: Path) -> None:
    from db.vault.vault import DB_NAME

    damaged = damaged_vault(tmp_path / "vault", note=False)  # a page of the client list
    window = unlock_damaged(qtbot, tmp_path / "vault", tmp_path / "s.ini")
    qtbot.waitUntil(lambda: window.gate.currentWidget() is window.gate.problem, timeout=30_000)
    assert "damaged" in window.gate.problem.message.text()
    assert window.workspace is None
    assert not window.context.unlocked
    assert (tmp_path / "vault" / DB_NAME).read_bytes() == damaged


def test_the_unlock_is_audited_once_every_page_passed(qtbot: QtBot,
                                                      window: MainWindow) -> None:
    vault = window.context.vault
    assert vault is not None
    qtbot.waitUntil(lambda: not vault.database.writes_held, timeout=30_000)
    qtbot.waitUntil(lambda: any(e.action == "unlock"
                                for e in window.context.services.audit.events()))


def test_a_write_right_after_unlocking_waits_for_the_check_then_goes_through(
        qtbot: QtBot, window: MainWindow) -> None:
    from db.services.dto import ClientInput

    # Nothing has returned to the event loop since the workspace was built.
    created = window.context.apply(window.context.services.clients.create(ClientInput("NW-1")))
    assert created.code == "NW-1"
    assert not window.context.vault.database.writes_held
