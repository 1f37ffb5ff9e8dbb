"""Client ▸ Prepare for supervision… in a real window: the preview must be read to its end
before anything is written; the PDF holds no name the vault knows."""

from __future__ import annotations

import subprocess
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.gui.common import dialogs
from desktop.gui.main_window import MainWindow
from desktop.gui.supervision.dialog import READ_FIRST
from desktop.gui.supervision.install import SupervisionExtension, install
from tests.desktop.gui.conftest import open_window, unlock

NOTE = ("Robin Example spoke of Gwendolyn at length. " * 40
        + "Then Robin phoned 0171 2345678 from Hauptstraße 12 on 05.03.2026.")


def test_preview_then_pdf_without_names(qtbot: QtBot, seeded_vault: Path,
                                        settings_path: Path, tmp_path: Path) -> None:
    window: MainWindow = open_window(qtbot, seeded_vault, settings_path, extensions=(install,))
    unlock(qtbot, window)
    services = window.context.services
    robin = services.clients.by_code("RB-07")
    session = sorted(services.sessions.list_for_client(robin.id), key=lambda s: s.number)[0]
    services.notes.save(session.id, "process", NOTE, reason="manual")
    window.open_session(robin.id, session.id)
    qtbot.waitUntil(lambda: window.current_client_id() == robin.id)
    extension: SupervisionExtension = window.supervision  # type: ignore[attr-defined]
    dialog = extension.open()
    assert dialog is not None
    dialog.include_notes.setChecked(True)
    dialog.names.setPlainText("Gwendolyn")
    qtbot.mouseClick(dialog.prepare_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.document is not None, timeout=10_000)
    assert services.supervision.lists() == (["Gwendolyn"], [])
    html = dialog.preview.toHtml()
    assert "Robin" not in html and "Gwendolyn" not in html  # noqa: PT018
    assert not dialog.write_button.isEnabled()
    dialog.write()  # not read yet: one sentence, nothing chosen or written
    assert dialog.problem.text() == READ_FIRST
    assert list(tmp_path.glob("*.pdf")) == []
    bar = dialog.preview.verticalScrollBar()
    assert bar.maximum() > 0  # the preview is long enough to need reading down
    assert not dialog.read.isEnabled()
    bar.setValue(bar.maximum())
    assert dialog.read.isEnabled()
    dialog.read.setChecked(True)
    target = tmp_path / "for-supervision.pdf"
    with dialogs.answering(("save_file", str(target))), qtbot.waitSignal(dialog.written):
        qtbot.mouseClick(dialog.write_button, Qt.MouseButton.LeftButton)
    text = subprocess.run(["pdftotext", str(target), "-"], check=True, capture_output=True,
                          text=True).stdout
    for name in ("Robin", "Example", "Gwendolyn", "RB-07", "2345678", "Hauptstraße",
                 "05.03.2026"):
        assert name not in text, name
    assert any(e.action == "supervision_export" for e in services.audit.events())


def test_the_dialog_goes_when_the_vault_locks(qtbot: QtBot, seeded_vault: Path,
                                              settings_path: Path) -> None:
    window = open_window(qtbot, seeded_vault, settings_path, extensions=(install,))
    unlock(qtbot, window)
    robin = window.context.services.clients.by_code("RB-07")
    window.open_session(robin.id)
    qtbot.waitUntil(lambda: window.current_client_id() == robin.id)
    extension: SupervisionExtension = window.supervision  # type: ignore[attr-defined]
    assert extension.open() is not None
    window.lock(ask=False)
    qtbot.waitUntil(lambda: extension.dialog is None)
