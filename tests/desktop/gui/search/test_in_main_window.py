"""Ctrl+K in the real main window: type, Enter, the note opens with the hits marked."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from db.crypto.kdf import Argon2Params
from db.services.dto import ClientInput, SessionInput
from db.services.hub import Services
from desktop.app import EXTENSIONS, build_window
from desktop.gui.main_window import MainWindow
from desktop.gui.search.install import SearchWiring, install
from desktop.gui.search.search_popup import SearchPopup
from tests.conftest import make_vault
from tests.desktop.gui.conftest import open_session, settled, unlock

NOTE = "He came in late.\n\nThen, quietly, he spoke about the locked room in the attic."


def test_search_is_one_of_the_extensions() -> None:
    assert install in EXTENSIONS


def open_window(qtbot: QtBot, tmp_path: Path) -> tuple[MainWindow, dict[str, object]]:
    vault, _ = make_vault(tmp_path / "vault")
    services = Services.for_vault(vault)
    ash = services.clients.create(ClientInput("ASH-3", "Ash Example")).value
    services.sessions.create(ash.id, SessionInput(date(2026, 1, 5)))
    second = services.sessions.create(ash.id, SessionInput(date(2026, 1, 12))).value
    services.notes.save(second.id, "progress", NOTE)
    vault.close()
    window = build_window(tmp_path / "vault", kdf_params=Argon2Params.minimum(),
                          settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
                          extensions=(install,))
    qtbot.addWidget(window)
    window.resize(1100, 720)
    window.show()
    qtbot.waitUntil(lambda: window.gate.started)
    unlock(qtbot, window)
    return window, {"client": ash.id, "session": second.id}


def popup_of(window: MainWindow) -> SearchPopup:
    wiring = window.findChild(SearchWiring, "search")
    assert wiring is not None
    assert wiring.popup is not None
    return wiring.popup


def test_ctrl_k_to_the_highlighted_passage(qtbot: QtBot, tmp_path: Path) -> None:
    window, ids = open_window(qtbot, tmp_path)
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    popup = popup_of(window)
    qtbot.waitUntil(popup.isVisible)
    with qtbot.waitSignal(popup.searcher.results, timeout=5000):
        qtbot.keyClicks(popup.field, "locked room")
    qtbot.waitUntil(lambda: popup.model.rowCount() == 1)
    qtbot.keyClick(popup.field, Qt.Key.Key_Return)
    workspace = window.workspace
    assert workspace is not None
    qtbot.waitUntil(lambda: workspace.current_session_id() == ids["session"])
    settled(qtbot, window)
    editor = workspace.editor
    assert editor.kind == "progress"
    marked = [s.cursor.selectedText() for s in editor.surface().extraSelections()
              if s.cursor.hasSelection()]
    assert "locked" in marked
    assert "room" in marked
    # Choosing another session clears the marks.
    workspace.client_view.sessions.select(
        Services.for_vault(window.context.vault).sessions.list_for_client(  # type: ignore[arg-type]
            ids["client"])[-1].id)
    qtbot.waitUntil(lambda: workspace.current_session_id() != ids["session"])
    assert not [s for s in editor.surface().extraSelections() if s.cursor.hasSelection()
                and s.cursor.selectedText() == "locked"]


def test_find_in_this_client_and_lock(qtbot: QtBot, tmp_path: Path) -> None:
    window, ids = open_window(qtbot, tmp_path)
    open_session(qtbot, window, ids["client"])
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    popup = popup_of(window)
    assert popup.client_box.currentText() == "ASH-3"
    window.lock()
    wiring = window.findChild(SearchWiring, "search")
    assert wiring is not None
    assert wiring.popup is None  # nothing of the search outlives the key
