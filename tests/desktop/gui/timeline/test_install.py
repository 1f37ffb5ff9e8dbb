"""The timeline inside the main window: follows the selected client, opens sessions."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from db.crypto.kdf import Argon2Params
from desktop.app import build_window
from desktop.gui.timeline.install import install_timeline
from desktop.gui.timeline.view import TimelineView
from tests.conftest import make_vault
from tests.db.analytics_fixtures import Fixture
from tests.desktop.gui.conftest import unlock


def test_a_click_in_the_timeline_opens_that_session_in_the_editor(
        qtbot: QtBot, vault_dir: Path, tmp_path: Path) -> None:
    vault, _ = make_vault(vault_dir)
    with vault.database.write() as s:
        f = Fixture(s)
        client = f.client("TL-01")
        s1, s2 = f.sessions(client, 2)
        f.mark(s1, "prq.secure_engaged", 2)
        f.mark(s2, "prq.secure_engaged", 3)
    vault.close()
    window = build_window(vault_dir, kdf_params=Argon2Params.minimum(),
                          settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
                          extensions=(install_timeline,))
    qtbot.addWidget(window)
    window.resize(1400, 850)
    window.show()
    qtbot.waitUntil(lambda: window.gate.started)
    unlock(qtbot, window)
    window.open_session(client)
    view = window.show_view("timeline")
    assert isinstance(view, TimelineView)
    assert view.client_id == client
    assert window.views.currentWidget() is view
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: view.analytics is not None)  # loaded off the GUI thread
    row = next(i for i, r in enumerate(view.strip.rows) if r.label == "Secure/engaged")
    qtbot.mouseClick(view.strip.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.strip.view_point(1, row))
    qtbot.waitUntil(lambda: window.current_session_id() == s2)
    assert window.views.currentWidget() is window.workspace
