"""The Marks panel is filled a frame after the note, and never shows another session's."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from db.services.marks import MarkInput
from desktop.gui.main_window import MainWindow
from desktop.gui.themes.install import ThemesExtension
from desktop.gui.themes.mark_list import MarkListPanel
from tests.desktop.gui.conftest import open_session
from tests.desktop.gui.pipeline_helpers import themed_window, wait_for_marks


def marks_panel(window: MainWindow) -> MarkListPanel:
    extension: ThemesExtension = window.themes  # type: ignore[attr-defined]
    panel = extension.state.panel
    assert isinstance(panel, MarkListPanel)
    return panel


def test_switching_sessions_never_shows_the_other_sessions_marks(
        qtbot: QtBot, seeded_vault: Path, settings_path: Path) -> None:
    window = themed_window(qtbot, seeded_vault, settings_path)
    services = window.context.services
    robin = services.clients.by_code("RB-07")
    first, second = services.sessions.list_for_client(robin.id)[:2]
    theme = services.themes.offered()[0]
    services.marks.add(first.id, MarkInput(theme.id, 3))
    workspace = window.workspace
    assert workspace is not None
    panel = marks_panel(window)
    seen: list[tuple[object, list[object]]] = []

    def record(*_: object) -> None:  # in the very turn the note changed
        seen.append((workspace.editor.session_id,
                     [mark.session_id for mark in panel.model.rows()]))

    workspace.editor.note_loaded.connect(record)
    workspace.session_shown.connect(record)
    for session in (first, second, first, second):
        open_session(qtbot, window, robin.id, session.id)
        qtbot.waitUntil(lambda s=session: workspace.editor.session_id == s.id)
        record()  # right after the switch was shown
        wait_for_marks(qtbot, window, session.id)
        record()
    assert seen
    for shown, marks in seen:
        assert all(session_id == shown for session_id in marks), (shown, marks)
    open_session(qtbot, window, robin.id, first.id)
    panel = wait_for_marks(qtbot, window, first.id)
    assert len(panel.model.rows()) == 1
    assert panel.title.text() == "Marks (1)"
    open_session(qtbot, window, robin.id, second.id)
    panel = wait_for_marks(qtbot, window, second.id)
    assert panel.model.rows() == []
    assert panel.empty.isVisibleTo(panel)
