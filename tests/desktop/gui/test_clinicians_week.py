"""A clinician's week through the real widgets, with every extension and real buses:

welcome → client → sessions → a marked passage → finalize and an addendum → a search for
a word form → a backup from the dialog → the screen locks (D-Bus) → unlock, same place.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from db.backup.service import Key, verify_backup
from db.search.dto import SearchFilters
from desktop.gui.backup.install import BackupFeature
from desktop.gui.common import dialogs
from desktop.gui.search.install import SearchWiring
from desktop.gui.themes.install import ThemesExtension
from desktop.gui.vault.screen_lock import watch
from tests.conftest import PASSPHRASE
from tests.desktop.gui.conftest import open_window, unlock
from tests.desktop.gui.pipeline_helpers import type_and_select
from tests.desktop.gui.test_screen_lock import Bus, buses  # noqa: F401 (a fixture)

NOTE = "She was irritated that I had moved the session, and then said it did not matter."
BACKUP = "harbour copper 27 evening lantern"


@pytest.mark.slow  # about 20-40 s on a busy machine: creation, backup, two unlocks
def test_a_clinicians_week(qtbot: QtBot, tmp_path: Path, settings_path: Path,
                           buses: tuple[Bus, Bus]) -> None:  # noqa: F811
    session_bus, _ = buses
    window = open_window(qtbot, tmp_path / "vault", settings_path, extensions=None)
    welcome = window.gate.welcome
    qtbot.keyClicks(welcome.form.first, PASSPHRASE)
    qtbot.keyClicks(welcome.form.second, PASSPHRASE)
    qtbot.mouseClick(welcome.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: welcome.pages.currentIndex() == 1, timeout=60_000)
    welcome.stored.setChecked(True)
    qtbot.mouseClick(welcome.continue_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=30_000)
    watch(window)
    workspace = window.workspace
    assert workspace is not None
    form = workspace.new_client()
    qtbot.keyClicks(form.code, "IR-05")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current_client_id() is not None)
    opened: list[object] = [None]
    for _ in range(2):
        session_form = workspace.new_session()
        assert session_form is not None
        qtbot.mouseClick(session_form.save_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: workspace.editor.session_id not in opened)
        opened.append(workspace.editor.session_id)
    session_id = workspace.editor.session_id
    type_and_select(qtbot, workspace.editor.surfaces["process"], NOTE, "did not matter")
    themes: ThemesExtension = window.themes  # type: ignore[attr-defined]
    tagging = themes.state.taggings["process"]
    assert tagging.mark_selection()
    qtbot.waitUntil(tagging.picker.isVisible)
    qtbot.keyClicks(tagging.picker.filter, "reaction form")
    qtbot.keyClick(tagging.picker.filter, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(tagging.highlighter.items) == 1)
    dialogs.preset("confirm", True)
    assert workspace.editor.finalize()
    qtbot.waitUntil(lambda: window.save_state_label.text() == "Finalized")
    addenda = workspace.editor.addenda
    qtbot.keyClicks(addenda.composer, "Phoned to confirm next week.")
    dialogs.preset("confirm", True)  # an addendum is for good: it asks first
    with qtbot.waitSignal(addenda.added, timeout=10_000):
        qtbot.mouseClick(addenda.add_button, Qt.MouseButton.LeftButton)

    search = window.findChild(SearchWiring)
    assert search is not None
    found = search._search("irritation", SearchFilters(), 10)  # the note says "irritated"
    assert session_id in [hit.session_id for hit in found.hits]

    feature = window.findChild(BackupFeature)
    assert feature is not None
    dialog = feature.controller.back_up_now()
    assert dialog is not None
    dialog.path.setText(str(tmp_path / "week.age"))
    qtbot.keyClicks(dialog.passphrase.first, BACKUP)
    qtbot.keyClicks(dialog.passphrase.second, BACKUP)
    with qtbot.waitSignal(dialog.backed_up, timeout=120_000):
        qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert dialog.outcome.text() == "Verified ✓"
    dialog.close()
    assert verify_backup(tmp_path / "week.age", Key(passphrase=BACKUP)).counts["addenda"] == 1

    where = workspace.location()
    with qtbot.waitSignal(window.context.events.locked, timeout=10_000):
        session_bus.emit("/org/freedesktop/ScreenSaver",
                         "org.freedesktop.ScreenSaver.ActiveChanged", "boolean:true")
    assert window.workspace is None
    unlock(qtbot, window)
    assert window.workspace is not None
    qtbot.waitUntil(lambda: window.workspace.editor.session_id == session_id)
    assert window.workspace.location() == where
    window.close()
