"""One client is "1 client": counts in words come from one helper (db/plural.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from db.interchange.files import export_json
from db.plural import count
from db.services.dto import ClientInput, SessionInput
from db.services.hub import Services
from desktop.gui.importing.install import install
from desktop.gui.main_window import MainWindow
from tests.conftest import make_vault
from tests.desktop.gui.test_import_gui import import_export


@pytest.mark.parametrize(("n", "noun", "expected"), [
    (0, "client", "0 clients"), (1, "client", "1 client"), (2, "session", "2 sessions"),
    (1, "addendum", "1 addendum"), (3, "addendum", "3 addenda"),
    (2, "category", "2 categories"), (1, "relational episode", "1 relational episode"),
])
def test_count(n: int, noun: str, expected: str) -> None:
    assert count(n, noun) == expected


def test_importing_one_client_says_one_client(qtbot: QtBot, window: MainWindow,
                                              tmp_path: Path) -> None:
    """The status bar said "Imported 1 clients, 1 sessions, 0 marks, 0 episodes."."""
    other, _ = make_vault(tmp_path / "other")
    try:
        services = Services.for_vault(other)
        client = services.clients.create(ClientInput("NW-01", "Noa Example")).value
        services.sessions.create(client.id, SessionInput(date(2026, 5, 4)))
        export_json(other.database, tmp_path / "export.json")
    finally:
        other.close()
    install(window)
    import_export(qtbot, window, tmp_path / "export.json")
    assert window.statusBar().currentMessage().startswith(
        "Imported 1 client, 1 session, 0 marks, 0 episodes")
