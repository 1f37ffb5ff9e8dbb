"""The Measures dock and the measures chart read the vault in jobs, never on the GUI
thread (measured as tests/desktop/gui/test_reads_off_the_gui_thread.py does)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import event
from sqlalchemy.engine import Engine

from db.services.dto import ClientInput, SessionInput
from db.services.hub import Services
from db.vault.vault import Vault
from desktop.gui.measures.install import MeasuresExtension, install
from tests.desktop.gui.conftest import open_window, settled, unlock


@contextmanager
def gui_reads(engine: Engine) -> Iterator[list[str]]:
    """Every statement the vault runs on the GUI thread inside the block."""
    gui = threading.main_thread().ident
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if threading.get_ident() == gui:
            seen.append(statement[:70])

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def test_the_measures_dock_reads_nothing_on_the_gui_thread(
        qtbot: QtBot, seeded_vault: Path, settings_path: Path) -> None:
    window = open_window(qtbot, seeded_vault, settings_path, extensions=(install,))
    unlock(qtbot, window)
    # The window's own after-unlock step (lost drafts, main_window._after_unlock) runs
    # from the event loop's next turn; it is not the dock's: let it run before listening.
    QApplication.processEvents()
    services = window.context.services
    robin = services.clients.by_code("RB-07")
    first, second = sorted(services.sessions.list_for_client(robin.id), key=lambda s: s.number)
    services.measures.record(first.id, "phq9", total=18)
    services.measures.record(second.id, "phq9", total=13)
    workspace = window.workspace
    assert workspace is not None
    extension: MeasuresExtension = window.measures  # type: ignore[attr-defined]
    with gui_reads(window.context.database.engine) as seen:
        assert workspace.clients.select(robin.id)  # as a click on RB-07 does
        settled(qtbot, window)
        assert workspace.client_view.sessions.select(first.id)
        settled(qtbot, window)
        panel = extension.show()  # the dock is made, and reads, now
        assert panel is not None
        qtbot.waitUntil(lambda: panel.session_id == first.id and not panel.busy)
        assert panel.table.item(0, 1).text() == "18"
        assert workspace.client_view.sessions.select(second.id)
        settled(qtbot, window)
        qtbot.waitUntil(lambda: panel.session_id == second.id and not panel.busy)
        assert panel.table.item(0, 1).text() == "13"
    assert seen == []


def test_the_measures_chart_reads_nothing_on_the_gui_thread(
        qtbot: QtBot, vault: Vault, services: Services) -> None:
    from desktop.gui.timeline.view import TimelineView

    robin = services.clients.create(ClientInput("RB-07")).value
    made = [services.sessions.create(robin.id, SessionInput(date(2026, 3, day))).value
            for day in (2, 9, 16)]
    for session, total in zip(made, (10, 10, 15), strict=True):
        services.measures.record(session.id, "phq9", total=total)
    view = TimelineView(services)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    with gui_reads(vault.database.engine) as seen:
        with qtbot.waitSignal(view.loaded):
            view.show_client(robin.id)
        qtbot.waitUntil(lambda: view.measure_chart.isVisible())
        assert view.measure_chart.not_on_track_count() == 1
    assert [s for s in seen if "measure" in s] == []
