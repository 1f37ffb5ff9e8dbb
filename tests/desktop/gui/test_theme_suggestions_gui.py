"""Theme suggestions in the real window: learned after unlock, shown in the picker, applied
only by a keystroke, reported in Settings, dropped at lock, never written to disk."""

from __future__ import annotations

import os
import tempfile
import uuid
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot

from db.services.dto import SessionInput
from db.services.hub import Services
from desktop.gui.main_window import MainWindow
from desktop.gui.settings_dialog import SettingsDialog
from desktop.gui.themes.suggestions_section import SuggestionsSection
from tests.conftest import make_vault
from tests.db.suggestion_helpers import hand_made, mark_in_vault, three_themes
from tests.desktop.gui.conftest import open_session
from tests.desktop.gui.pipeline_helpers import themed_window, themes_of, type_and_select

NOTE = "Today he stormed in, furious, and slammed the door behind him."
PASSAGE = "stormed in, furious, and slammed the door"
CANARY = "quorvantilex"  # a word no other text holds: found anywhere, it leaked


def prepared(folder: Path, per_theme: int, extra: str = "") -> tuple[dict[str, uuid.UUID],
                                                                     uuid.UUID, uuid.UUID]:
    """A vault with ``3 × per_theme`` marked passages, and one empty session to mark."""
    vault, _ = make_vault(folder)
    services = Services.for_vault(vault)
    themes = three_themes(services)
    client = mark_in_vault(services, hand_made(themes, per_theme, extra=extra))
    session = services.sessions.create(client, SessionInput(date(2026, 6, 1))).value.id
    vault.close()
    return themes, client, session


def trained(qtbot: QtBot, window: MainWindow) -> None:
    suggestions = themes_of(window).suggestions
    qtbot.waitUntil(lambda: suggestions.report is not None and not suggestions.training,
                    timeout=20_000)


def select(surface: QPlainTextEdit, words: str) -> None:
    surface.setFocus()
    cursor = surface.textCursor()
    start = surface.toPlainText().index(words)
    cursor.setPosition(start)
    cursor.setPosition(start + len(words), QTextCursor.MoveMode.KeepAnchor)
    surface.setTextCursor(cursor)


def open_picker_on_passage(qtbot: QtBot, window: MainWindow, client: uuid.UUID,
                           session: uuid.UUID) -> object:
    open_session(qtbot, window, client, session)
    surface = window.workspace.editor.surfaces["process"]  # type: ignore[union-attr]
    type_and_select(qtbot, surface, NOTE, PASSAGE)
    qtbot.keyClick(surface, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    picker = themes_of(window).state.taggings["process"].picker
    qtbot.waitUntil(picker.isVisible)
    return picker


def test_suggestions_are_shown_and_applied_only_by_a_keystroke(
        qtbot: QtBot, vault_dir: Path, settings_path: Path) -> None:
    themes, client, session = prepared(vault_dir, 70)
    window = themed_window(qtbot, vault_dir, settings_path)
    trained(qtbot, window)
    picker = open_picker_on_passage(qtbot, window, client, session)
    services = window.context.services
    assert picker.suggested.isVisible()  # type: ignore[attr-defined]
    assert picker.suggested.themes[0] == themes["anger"]  # type: ignore[attr-defined]
    # Shown, not chosen: nothing is marked, and Enter would still mark the list's first
    # row (the same as with no suggestions), not the suggestion.
    assert services.marks.list_for_session(session) == []
    first_row = picker.proxy.index(0, 0).data(picker.model.ThemeIdRole)  # type: ignore[attr-defined]
    assert picker.current_theme() == first_row  # type: ignore[attr-defined]
    qtbot.keyClick(picker.filter, Qt.Key.Key_1,  # type: ignore[attr-defined]
                   Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: len(services.marks.list_for_session(session)) == 1)
    [mark] = services.marks.list_for_session(session)
    assert mark.theme_id == themes["anger"]
    assert mark.passage.anchor is not None
    assert mark.passage.anchor.text == PASSAGE
    # Esc with suggestions showing marks nothing.
    surface = window.workspace.editor.surfaces["process"]  # type: ignore[union-attr]
    select(surface, PASSAGE)
    next(a for a in window.menu("themes").actions() if a.text() == "&Mark passage…").trigger()
    qtbot.waitUntil(picker.isVisible)  # type: ignore[attr-defined]
    assert picker.suggested.isVisible()  # type: ignore[attr-defined]
    qtbot.keyClick(picker.filter, Qt.Key.Key_Escape)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: not picker.isVisible())  # type: ignore[attr-defined]
    assert len(services.marks.list_for_session(session)) == 1


def test_off_below_the_threshold_and_settings_say_why(
        qtbot: QtBot, vault_dir: Path, settings_path: Path) -> None:
    _, client, session = prepared(vault_dir, 60)  # 180 marked passages: fewer than 200
    window = themed_window(qtbot, vault_dir, settings_path)
    trained(qtbot, window)
    suggestions = themes_of(window).suggestions
    assert suggestions.model is None
    picker = open_picker_on_passage(qtbot, window, client, session)
    assert not picker.suggested.isVisible()  # type: ignore[attr-defined]
    qtbot.keyClick(picker.filter, Qt.Key.Key_Escape)  # type: ignore[attr-defined]
    window.open_settings()
    dialog = window.settings_dialog
    assert isinstance(dialog, SettingsDialog)
    [section] = [s for s in dialog.sections if isinstance(s, SuggestionsSection)]
    assert section.state.text() == ("Off until 200 passages are marked: this vault has "
                                    "180 marked passages.")
    dialog.reject()


def test_settings_show_cross_validated_accuracy(
        qtbot: QtBot, vault_dir: Path, settings_path: Path) -> None:
    prepared(vault_dir, 70)
    window = themed_window(qtbot, vault_dir, settings_path)
    trained(qtbot, window)
    report = themes_of(window).suggestions.report
    assert report is not None
    assert report.accuracy is not None
    window.open_settings()
    dialog = window.settings_dialog
    assert isinstance(dialog, SettingsDialog)
    [section] = [s for s in dialog.sections if isinstance(s, SuggestionsSection)]
    text = section.state.text()
    assert "Learned from 210 marked passages; 3 themes" in text
    assert f"right {report.accuracy.top1:.0%} of the time" in text
    assert "one of the three 100%" in text
    dialog.reject()


def test_the_model_is_dropped_at_lock_and_learned_again_after_unlock(
        qtbot: QtBot, vault_dir: Path, settings_path: Path) -> None:
    from tests.desktop.gui.conftest import unlock

    prepared(vault_dir, 70)
    window = themed_window(qtbot, vault_dir, settings_path)
    trained(qtbot, window)
    suggestions = themes_of(window).suggestions
    assert suggestions.model is not None
    window.lock()
    assert suggestions.model is None
    assert suggestions.report is None
    assert suggestions.suggest("furious and slammed", set()) == []
    unlock(qtbot, window)
    trained(qtbot, window)
    assert suggestions.model is not None


def scan(folder: Path, needle: bytes) -> list[Path]:
    found = []
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            data = path.read_bytes()
            if needle in data or needle.upper() in data \
                    or needle.decode().encode("utf-16-le") in data:
                found.append(path)
    return found


def test_nothing_of_the_passages_reaches_the_disk(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home, temp = tmp_path / "home", tmp_path / "temp"
    home.mkdir()
    temp.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", None)  # gettempdir() now answers TMPDIR
    assert tempfile.gettempdir() == str(temp)
    vault_dir = tmp_path / "vault"
    _, client, session = prepared(vault_dir, 70, extra=CANARY)
    window = themed_window(qtbot, vault_dir, home / ".config" / "threadline.ini")
    trained(qtbot, window)
    model = themes_of(window).suggestions.model
    assert model is not None
    # The canary is in the model (so it was there to leak) ...
    assert model.suggest(f"{CANARY} {CANARY}") != []
    picker = open_picker_on_passage(qtbot, window, client, session)
    qtbot.keyClick(picker.filter, Qt.Key.Key_Escape)  # type: ignore[attr-defined]
    window.lock()
    # ... and in no file of the vault folder, the temp folder or the home folder.
    needle = CANARY.encode()
    assert os.listdir(vault_dir)
    for folder in (vault_dir, temp, home):
        assert scan(folder, needle) == [], folder


def test_learning_waits_until_the_integrity_check_has_passed(
        qtbot: QtBot, vault_dir: Path, settings_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Learning is a long Python job; beside the check it made the window miss frames
    (132–199 ms stalls on the large demo vault), so it starts once the check has passed."""
    import threading

    from db.vault.vault import Vault

    prepared(vault_dir, 70)
    go_on = threading.Event()
    check = Vault.verify_integrity

    def slow_check(vault: Vault) -> None:  # a large vault's check, still reading
        go_on.wait(20)
        check(vault)

    monkeypatch.setattr(Vault, "verify_integrity", slow_check)
    window = themed_window(qtbot, vault_dir, settings_path)
    suggestions = themes_of(window).suggestions
    try:
        assert window.integrity.running
        qtbot.wait(300)
        assert not suggestions.training
        assert suggestions.report is None
    finally:
        go_on.set()
    trained(qtbot, window)
    assert suggestions.model is not None
