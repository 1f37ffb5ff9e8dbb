"""Vaults and windows for the write-pipeline and lifecycle tests (fictional clients only)."""

from __future__ import annotations

import threading
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot

from db.anchors import make_anchor
from db.crypto.kdf import Argon2Params
from db.services.dto import ClientInput, SessionInput
from db.services.hub import Services
from db.services.marks import MarkInput
from db.services.passages import PassageInput
from db.vault.database import Database
from desktop.app import Extension, build_window
from desktop.gui.common.context import Timings
from desktop.gui.main_window import MainWindow
from desktop.gui.themes.install import ThemesExtension
from desktop.gui.themes.install import install as install_themes
from desktop.gui.themes.mark_list import MarkListPanel
from tests.conftest import make_vault
from tests.desktop.gui.conftest import unlock

PROCESS = ("She arrived late and said the traffic was awful. Later she went quiet, then "
           "joked that I would be glad to be rid of her before the break.")
PROGRESS = "Attended. Engaged; spoke of the coming break. No risk noted."
OTHER = "He talked about his brother's wedding and the speech he did not give."


@dataclass(frozen=True)
class Marked:
    folder: Path
    client_id: uuid.UUID
    first: uuid.UUID  # marks in both notes
    second: uuid.UUID  # a mark in the process note


def _mark(services: Services, session_id: uuid.UUID, kind: str, text: str, words: str,
          theme: str) -> None:
    start = text.index(words)
    anchor = make_anchor(text, start, start + len(words))
    theme_id = services.themes.ids_by_key([theme])[theme]
    services.marks.add(session_id, MarkInput(theme_id, 2, "", PassageInput.of(kind, anchor)))


def marked_vault(folder: Path) -> Marked:
    """RB-07 with two sessions whose notes carry passage marks."""
    vault, _ = make_vault(folder)
    services = Services.for_vault(vault)
    client = services.clients.create(ClientInput("RB-07", "Robin Example")).value
    first = services.sessions.create(client.id, SessionInput(date(2026, 3, 2))).value.id
    second = services.sessions.create(client.id, SessionInput(date(2026, 3, 9))).value.id
    services.notes.save(first, "process", PROCESS + "\n" * 60 + "The end.", "manual")
    services.notes.save(first, "progress", PROGRESS, "manual")
    services.notes.save(second, "process", OTHER, "manual")
    _mark(services, first, "process", PROCESS, "went quiet", "dmrs.isolation_of_affects")
    _mark(services, first, "process", PROCESS, "the traffic was awful",
          "dmrs.rationalization")
    _mark(services, first, "progress", PROGRESS, "spoke of the coming break",
          "dmrs.isolation_of_affects")
    _mark(services, second, "process", OTHER, "the speech he did not give",
          "dmrs.isolation_of_affects")
    vault.close()
    return Marked(folder, client.id, first, second)


def themed_window(qtbot: QtBot, folder: Path, settings_path: Path,
                  extensions: tuple[Extension, ...] = (install_themes,),
                  timings: Timings | None = None) -> MainWindow:
    window = build_window(folder, kdf_params=Argon2Params.minimum(),
                          settings=QSettings(str(settings_path), QSettings.Format.IniFormat),
                          extensions=extensions)
    if timings is not None:
        window.context.timings = timings
    qtbot.addWidget(window)
    window.resize(1200, 760)
    window.show()
    qtbot.waitUntil(lambda: window.gate.started)
    unlock(qtbot, window)
    return window


def type_and_select(qtbot: QtBot, surface: QPlainTextEdit, text: str, words: str) -> None:
    """Type ``text`` into the note as a person would, then select ``words`` in it."""
    surface.setFocus()
    qtbot.keyClicks(surface, text)
    start = text.index(words)
    cursor = surface.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len(words), QTextCursor.MoveMode.KeepAnchor)
    surface.setTextCursor(cursor)


def themes_of(window: MainWindow) -> ThemesExtension:
    extension = window.themes  # type: ignore[attr-defined]
    assert isinstance(extension, ThemesExtension)
    return extension


def panel_rows(window: MainWindow) -> list[str]:
    panel = themes_of(window).state.panel
    assert panel is not None
    model = panel.model
    return [str(model.index(row, 0).data()) for row in range(model.rowCount())]


def wait_for_marks(qtbot: QtBot, window: MainWindow, session_id: object) -> MarkListPanel:
    """Wait until the Marks panel shows the marks of ``session_id``: it is filled a frame
    after the note is shown."""
    panel = themes_of(window).state.panel
    assert isinstance(panel, MarkListPanel)
    qtbot.waitUntil(lambda: not panel.pending and all(
        mark.session_id == session_id for mark in panel.model.rows()))
    return panel


def highlighted(window: MainWindow, kind: str) -> list[str]:
    tagging = themes_of(window).state.taggings[kind]
    return sorted(item.anchor.text for item in tagging.highlighter.items)


class HeldWrites:
    """Holds the vault's writes as the integrity check does, released by :meth:`release`
    or, should a GUI call wait on a held write, by a watchdog after ``limit_s``."""

    def __init__(self, database: Database, limit_s: float = 20.0) -> None:
        self._database = database
        self.by_watchdog = False
        self._released = threading.Event()
        database.hold_writes()
        self._timer = threading.Timer(limit_s, self._watchdog)
        self._timer.daemon = True
        self._timer.start()

    def _watchdog(self) -> None:
        if not self._released.is_set():
            self.by_watchdog = True
            self.release()

    def release(self) -> None:
        self._timer.cancel()
        if not self._released.is_set():
            self._released.set()
            self._database.release_writes()
