"""Every passage of one theme, across sessions: listed, opened with a click, exported."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from db.errors import NotFound
from db.services.dto import ClientInput, SessionInput
from db.services.hub import Services
from desktop.gui.common import dialogs
from desktop.gui.themes.passages_window import PassagesWindow
from tests.desktop.gui.pipeline_helpers import _mark, marked_vault, themed_window, themes_of

ISOLATION = "dmrs.isolation_of_affects"


def test_the_service_lists_every_passage_of_a_theme(services: Services) -> None:
    client = services.clients.create(ClientInput("RB-07", "Robin Example")).value
    first = services.sessions.create(client.id, SessionInput(date(2026, 3, 2))).value.id
    second = services.sessions.create(client.id, SessionInput(date(2026, 3, 9))).value.id
    text = "She went quiet, then joked about the break."
    services.notes.save(first, "process", text, "manual")
    services.notes.save(second, "process", text, "manual")
    _mark(services, second, "process", text, "joked about the break", ISOLATION)
    _mark(services, first, "process", text, "went quiet", ISOLATION)
    theme_id = services.themes.ids_by_key([ISOLATION])[ISOLATION]
    found = services.theme_passages.for_theme(theme_id, client.id)
    assert found.theme_name == "Isolation of affects"
    assert [(p.session_number, p.quote) for p in found.passages] == [
        (1, "went quiet"), (2, "joked about the break")]
    with pytest.raises(NotFound):
        services.theme_passages.for_theme(uuid.uuid4())


def test_passages_from_the_marks_panel_open_and_export(qtbot: QtBot, tmp_path: Path) -> None:
    marked = marked_vault(tmp_path / "vault")
    window = themed_window(qtbot, marked.folder, tmp_path / "s.ini")
    window.open_session(marked.client_id, marked.first)
    workspace = window.workspace
    qtbot.waitUntil(lambda: workspace.editor.session_id == marked.first)
    extension = themes_of(window)
    qtbot.waitUntil(lambda: extension.state.panel is not None
                    and extension.state.panel.model.rowCount() > 0)
    theme_id = window.context.services.themes.ids_by_key([ISOLATION])[ISOLATION]
    extension.state.panel.passages_requested.emit(theme_id)
    passages = window.findChild(PassagesWindow)
    assert passages is not None
    assert passages.isVisible()
    assert passages.list.topLevelItemCount() == 3  # both notes of one session, and another
    quotes = [passages.list.topLevelItem(i).text(4) for i in range(3)]
    assert quotes == ["went quiet", "spoke of the coming break", "the speech he did not give"]
    last = passages.list.topLevelItem(2)
    rect = passages.list.visualItemRect(last)
    qtbot.mouseClick(passages.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert passages.list.currentItem() is last
    qtbot.keyClick(passages.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: workspace.editor.session_id == marked.second)
    out = tmp_path / "chosen" / "isolation.csv"
    out.parent.mkdir()
    dialogs.preset("save_file", out)
    dialogs.preset("confirm", True)
    qtbot.mouseClick(passages.csv_button, Qt.MouseButton.LeftButton)
    table = list(csv.reader(io.StringIO(out.read_text("utf-8-sig"))))
    assert table[0] == ["Date", "Client", "Session", "Note", "Passage", "Comment",
                        "Intensity"]
    assert [row[4] for row in table[1:]] == quotes
    md = tmp_path / "chosen" / "isolation.md"
    dialogs.preset("save_file", md)
    dialogs.preset("confirm", True)
    qtbot.mouseClick(passages.markdown_button, Qt.MouseButton.LeftButton)
    text = md.read_text("utf-8")
    assert text.startswith("# Passages marked “Isolation of affects”")
    assert "> the speech he did not give" in text
    assert sorted(p.name for p in out.parent.iterdir()) == ["isolation.csv", "isolation.md"]
    window.lock()
    assert window.findChild(PassagesWindow) is None or not passages.isVisible()
