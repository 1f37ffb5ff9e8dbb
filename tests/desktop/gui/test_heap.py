"""What lasts for the whole unlock is set aside from the cycle collector's passes (a full
pass walked every object and held every thread up for a frame or more); at lock it is
handed back and collected, and no object the collector can see still holds the note."""

from __future__ import annotations

import gc
from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.gui.common import heap
from desktop.gui.main_window import MainWindow
from tests.desktop.gui.conftest import open_session, open_window, settled, unlock

#: A fictional sentence nobody else writes, to look for in memory.
CANARY = "Quellwasser dreamed of the lighthouse keeper's ledger"


def _holding(text: str) -> list[str]:
    """Types of the objects the collector tracks that hold ``text`` directly (a plain
    loop: a generator here would itself hold ``text`` in a closure cell)."""
    found = []
    for obj in gc.get_objects():
        if obj is globals():
            continue
        for referent in gc.get_referents(obj):
            if isinstance(referent, str) and text in referent:
                found.append(type(obj).__name__)
                break
    return found


def _written(qtbot: QtBot, window: MainWindow) -> None:
    services = window.context.services
    robin = services.clients.by_code("RB-07")
    session = services.sessions.list_for_client(robin.id)[0]
    open_session(qtbot, window, robin.id, session.id)
    workspace = window.workspace
    assert workspace is not None
    surface = workspace.editor.surface()
    surface.setFocus()
    qtbot.keyClicks(surface, CANARY)
    assert workspace.flush()
    settled(qtbot, window)


def test_what_lasts_is_set_aside_after_unlock_and_handed_back_at_lock(
        qtbot: QtBot, seeded_vault: Path, settings_path: Path) -> None:
    gc.unfreeze()  # whatever an earlier test left
    window = open_window(qtbot, seeded_vault, settings_path, extensions=None)
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: heap.set_aside_count() > 0)
    walked_after_unlock = len(gc.get_objects())
    assert heap.set_aside_count() > walked_after_unlock  # most of the heap is set aside
    _written(qtbot, window)
    window.lock()
    qtbot.waitUntil(lambda: heap.set_aside_count() == 0)
    assert _holding(CANARY) == []


def test_closing_the_window_hands_everything_back(
        qtbot: QtBot, seeded_vault: Path, settings_path: Path) -> None:
    gc.unfreeze()
    window = open_window(qtbot, seeded_vault, settings_path, extensions=None)
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: heap.set_aside_count() > 0)
    window.close()
    assert heap.set_aside_count() == 0
