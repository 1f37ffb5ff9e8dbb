"""File ▸ Restore… shows its steps and a bar while it works, and Cancel leaves nothing."""

from __future__ import annotations

from pathlib import Path

from pyrage import x25519
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from db.backup.service import create_backup
from db.crypto.kdf import Argon2Params
from db.progress import Step
from db.services.hub import Services
from db.vault.vault import Vault
from desktop.gui.backup.controller import BackupController
from desktop.gui.common import dialogs
from tests.interchange.fill import fill

NEW = "amber meadow 71 distant kettle"


def _backup(vault: Vault, tmp_path: Path) -> list[tuple[str, object]]:
    fill(vault)
    identity = x25519.Identity.generate()
    (tmp_path / "id.txt").write_text(str(identity) + "\n")
    create_backup(vault.database, tmp_path / "b.age", recipients=[identity.to_public()])
    target = tmp_path / "restored"
    target.mkdir()
    return [("open_file", tmp_path / "b.age"), ("open_file", tmp_path / "id.txt"),
            ("folder", target), ("passphrase", NEW), ("passphrase", NEW)]


def test_restore_shows_each_step_and_a_bar(qtbot: QtBot, vault: Vault, tmp_path: Path) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    controller = BackupController(vault, window, restore_params=Argon2Params.minimum())
    answers = _backup(vault, tmp_path)
    with dialogs.answering(*answers), qtbot.waitSignal(controller.restored, timeout=60000):
        assert controller.restore()
        dialog = controller.progress
        assert dialog is not None
        qtbot.waitExposed(dialog)
        assert dialog.windowTitle() == "Restore from a backup"
        assert dialog.cancel_button.isVisible()
        steps: list[Step] = []
        bars: list[int] = []
        shown = dialog.show_step

        def watching(step: Step, done: float | None) -> None:
            steps.append(step)
            shown(step, done)
            bars.append(dialog.bar.value())

        dialog.show_step = watching  # type: ignore[method-assign]
    for step in (Step.CREATING_VAULT, Step.IMPORTING, Step.INDEXING):
        assert step in steps
    assert max(bars) > 0
    assert controller.progress is None  # closed once the restore ended
    with Vault.open(tmp_path / "restored") as restored:
        restored.unlock(NEW)
        assert len(Services.for_vault(restored).clients.list_clients()) == 2


def test_cancel_stops_the_restore_and_leaves_nothing(qtbot: QtBot, vault: Vault,
                                                     tmp_path: Path) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    controller = BackupController(vault, window, restore_params=Argon2Params.minimum())
    failed: list[str] = []
    controller.failed.connect(failed.append)
    answers = _backup(vault, tmp_path)
    restored: list[object] = []
    controller.restored.connect(restored.append)
    with dialogs.answering(*answers):
        assert controller.restore()
        dialog = controller.progress
        assert dialog is not None
        qtbot.waitExposed(dialog)
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
        assert dialog.step_label.text() == "Stopping…"
        qtbot.waitUntil(lambda: not controller.busy and controller.progress is None,
                        timeout=60000)
    assert restored == []
    assert failed == []  # a cancel is not a failure to warn about
    assert list((tmp_path / "restored").iterdir()) == []
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
