"""How other parts add actions, views and docks, and follow the app-level signal."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from db.crypto.kdf import Argon2Params
from db.services.dto import Changed, ClientInput
from desktop.app import build_window
from desktop.gui.main_window import MainWindow
from tests.desktop.gui.conftest import unlock


def open_window(qtbot: QtBot, folder: Path, tmp_path: Path,
                install: Callable[[MainWindow], None]) -> MainWindow:
    """The main window on ``folder`` with only ``install`` as its extension."""
    window = build_window(folder, kdf_params=Argon2Params.minimum(),
                          settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
                          extensions=(install,))
    qtbot.addWidget(window)
    return window


def test_extensions_add_actions_views_and_docks(qtbot: QtBot, seeded_vault: Path,
                                                tmp_path: Path) -> None:
    seen: list[Changed] = []
    built: list[QWidget] = []

    def install(window: MainWindow) -> None:
        window.add_action("view", "&Timeline", lambda: window.show_view("timeline"),
                          shortcut="Ctrl+T")
        window.add_view("timeline", "Timeline view", lambda: built.append(QLabel("timeline"))
                        or built[-1])
        window.add_dock("search", "Search", lambda: QLabel("results"))
        window.context.events.changed.connect(lambda changed, _by: seen.append(changed))

    window = open_window(qtbot, seeded_vault, tmp_path, install)
    window.show()
    qtbot.waitUntil(lambda: window.gate.started)
    assert window.show_view("timeline") is None  # locked: nothing is built
    unlock(qtbot, window)
    view = window.show_view("timeline")
    assert view is built[0]
    assert window.views.currentWidget() is view
    dock = window.show_dock("search")
    assert dock is not None
    assert dock.widget() is not None
    window.context.apply(window.context.services.clients.create(ClientInput("NEW-1")))
    assert len(seen) == 1
    assert seen[0].clients
    with qtbot.waitSignal(view.destroyed):
        window.lock()
    assert dock.widget() is None
    assert not dock.isVisible()


def test_extensions_reach_the_note_editor_after_each_unlock(
        qtbot: QtBot, seeded_vault: Path, tmp_path: Path) -> None:
    loaded: list[object] = []
    panels: list[QLabel] = []

    def install(window: MainWindow) -> None:
        def ready(workspace: object) -> None:
            editor = window.workspace.editor
            editor.note_loaded.connect(loaded.append)
            panels.append(QLabel("marks"))
            editor.add_side_panel(panels[-1])

        window.workspace_ready.connect(ready)

    window = open_window(qtbot, seeded_vault, tmp_path, install)
    window.show()
    qtbot.waitUntil(lambda: window.gate.started)
    unlock(qtbot, window)
    from tests.desktop.gui.test_unlock_and_lock import select_first_session

    select_first_session(qtbot, window)
    assert loaded[-1] == window.current_session_id()
    assert panels[0].parent() is not None
    window.lock()
    unlock(qtbot, window)
    assert len(panels) == 2


def test_closing_the_window_tells_extensions_as_locking_does(qtbot: QtBot, seeded_vault: Path,
                                                             tmp_path: Path) -> None:
    told: list[bool] = []

    def install(window: MainWindow) -> None:
        window.context.events.locked.connect(
            lambda: told.append(window.context.vault is not None
                                and window.context.vault.is_unlocked))

    window = open_window(qtbot, seeded_vault, tmp_path, install)
    window.show()
    qtbot.waitUntil(lambda: window.gate.started)
    unlock(qtbot, window)
    window.close()
    assert told == [True]  # before the vault closed, so that they can still let go
    assert not window.context.unlocked


def test_extensions_hear_of_the_unlock_while_the_key_is_derived(
        qtbot: QtBot, seeded_vault: Path, tmp_path: Path) -> None:
    heard: list[str] = []

    def install(window: MainWindow) -> None:
        window.unlocking.connect(lambda: heard.append(
            "unlocking" if not window.context.unlocked else "too late"))
        window.workspace_ready.connect(lambda _: heard.append("ready"))

    window = open_window(qtbot, seeded_vault, tmp_path, install)
    window.show()
    qtbot.waitUntil(lambda: window.gate.started)
    unlock(qtbot, window)
    assert heard == ["unlocking", "ready"]


def test_extension_actions_go_above_settings_lock_and_quit(qtbot: QtBot, seeded_vault: Path,
                                                           tmp_path: Path) -> None:
    def install(window: MainWindow) -> None:
        window.add_section("file")
        window.add_action("file", "Import something…", lambda: None)

    window = open_window(qtbot, seeded_vault, tmp_path, install)
    texts = [a.text() for a in window.menu("file").actions() if not a.isSeparator()]
    assert texts[-3:] == ["&Settings…", "&Lock", "&Quit"]
    assert texts.index("Import something…") < texts.index("&Settings…")
    kinds = ["-" if a.isSeparator() else a.text() for a in window.menu("file").actions()]
    assert kinds[kinds.index("Import something…") - 1] == "-"
