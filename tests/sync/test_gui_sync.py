"""The Sync page and the status bar, driven like a person would."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from db.services.dto import ClientInput
from db.services.hub import Services
from db.sync.dto import Problem, SyncStatus
from db.sync.state import read_group
from desktop.gui.sync.install import SyncFeature, install
from desktop.gui.sync.status import describe
from tests.conftest import make_vault
from tests.desktop.gui.conftest import open_window, unlock
from tests.sync.gui_helpers import page_with_one_flag
from tests.sync.helpers import first_device, group_of, joined_device

NOW = datetime(2026, 6, 1, 10, 0, tzinfo=UTC)


def test_status_words() -> None:
    syncing = SyncStatus(syncing=True, folder="/f", device_name="Office",
                         last_sync_at=NOW - timedelta(minutes=2))
    assert describe(syncing, NOW) == ("Synced 2 min ago", False)
    missing = SyncStatus(syncing=True, problems=(Problem.FOLDER_MISSING,))
    assert describe(missing, NOW) == ("Not synced: the sync folder is missing", True)
    silent = SyncStatus(syncing=True, problems=(Problem.DEVICE_SILENT,))
    assert describe(silent, NOW)[0] == "Sync: a device has not been seen for 30 days"


def test_start_syncing_from_the_page_and_see_the_other_device(
        qtbot: QtBot, tmp_path: Path) -> None:
    vault, _ = make_vault(tmp_path / "office")
    Services.for_vault(vault).clients.create(ClientInput(code="GU-01"))
    vault.close()
    window = open_window(qtbot, tmp_path / "office", tmp_path / "s.ini", extensions=(install,))
    unlock(qtbot, window)
    feature = window.findChild(SyncFeature)
    assert feature is not None
    assert feature.label.isHidden()
    feature.open_page()
    page = feature.dialog
    assert page is not None
    qtbot.waitUntil(lambda: page.start_box.isVisibleTo(page), timeout=10_000)  # read in a job
    page.folder.setText(str(tmp_path / "Sync"))
    page.device_name.clear()
    qtbot.keyClicks(page.device_name, "Office")
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: feature.label.text() == "Synced just now", timeout=20_000)
    assert page.running_box.isVisibleTo(page)
    # A second computer joins through the same folder; Sync now lists it.
    with window.context.database.read() as session:
        group = read_group(session)
    assert group is not None
    laptop = joined_device(tmp_path / "laptop", tmp_path / "Sync", group, "Laptop")
    try:
        laptop.services.clients.create(ClientInput(code="GU-02"))
        laptop.sync.run()
        qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: page.devices.rowCount() == 2, timeout=20_000)
        names = {page.devices.item(n, 0).text() for n in range(2)}
        assert names == {"Office (this computer)", "Laptop"}
        assert window.context.services.clients.by_code("GU-02")
    finally:
        laptop.close()
    page.reject()
    window.close()


def test_a_missing_folder_shows_in_the_status_bar(qtbot: QtBot, tmp_path: Path) -> None:
    device = first_device(tmp_path / "office", tmp_path / "Sync")
    device.close()
    (tmp_path / "Sync").rename(tmp_path / "Gone")
    window = open_window(qtbot, tmp_path / "office", tmp_path / "s.ini", extensions=(install,))
    unlock(qtbot, window)
    feature = window.findChild(SyncFeature)
    assert feature is not None
    qtbot.waitUntil(lambda: feature.label.text().startswith("Not synced"), timeout=20_000)
    assert feature.label.warning
    window.close()



def test_a_flag_is_listed_and_resolved_from_the_page(qtbot: QtBot, tmp_path: Path) -> None:
    from tests.sync.helpers import edited_on_two_computers, settle

    laptop, _ = edited_on_two_computers(tmp_path, "FL-01", "Office words.", "Laptop words.")
    window = open_window(qtbot, tmp_path / "office", tmp_path / "s.ini", extensions=(install,))
    try:
        _feature, page = page_with_one_flag(qtbot, window)
        assert page.flags.item(0).text().startswith("FL-01, session 1: edited on two")
        page.flags.setCurrentRow(0)
        qtbot.mouseClick(page.resolve_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: page.flags.count() == 0, timeout=20_000)
        page.reject()
        window.close()
        settle([laptop])
        from db.sync.flags import open_flags

        assert open_flags(laptop.vault) == []
    finally:
        laptop.close()


def test_the_page_and_the_status_bar_read_nothing_on_the_gui_thread(
        qtbot: QtBot, tmp_path: Path) -> None:
    import threading
    from typing import Any

    from sqlalchemy import event

    from desktop.gui.common import dialogs
    from tests.desktop.gui.conftest import settled

    office = first_device(tmp_path / "office", tmp_path / "Sync")
    laptop = joined_device(tmp_path / "laptop", tmp_path / "Sync", group_of(office), "Laptop")
    office.close()
    window = open_window(qtbot, tmp_path / "office", tmp_path / "s.ini", extensions=(install,))
    try:
        unlock(qtbot, window)
        feature = window.findChild(SyncFeature)
        assert feature is not None
        qtbot.waitUntil(lambda: feature.label.text() == "Synced just now", timeout=20_000)
        settled(qtbot, window)
        gui, seen = threading.main_thread().ident, []

        def record(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
            if threading.get_ident() == gui:
                seen.append(statement[:60])

        engine = window.context.database.engine
        event.listen(engine, "before_cursor_execute", record)
        try:
            feature.open_page()
            page = feature.dialog
            assert page is not None
            assert page.reading.isVisibleTo(page)  # until the job's answer arrives
            qtbot.waitUntil(lambda: page.devices.rowCount() == 2, timeout=20_000)
            assert not page.reading.isVisibleTo(page)
            qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: page.sync_button.isEnabled(), timeout=20_000)
            with dialogs.answering(("save_file", tmp_path / "pair.age"),
                                   ("information", None)):  # the one-time passphrase
                qtbot.mouseClick(page.pair_button, Qt.MouseButton.LeftButton)
                qtbot.waitUntil(lambda: (tmp_path / "pair.age").exists(), timeout=20_000)
                qtbot.waitUntil(lambda: not window.context.jobs.running((feature, "pair")),
                                timeout=20_000)
                qtbot.wait(50)  # the answer's delivery to the GUI thread
            feature.timer.timeout.emit()  # the minute's run
            settled(qtbot, window)
            qtbot.waitUntil(lambda: not window.context.jobs.running(), timeout=20_000)
        finally:
            event.remove(engine, "before_cursor_execute", record)
        assert seen == []
        page.reject()
    finally:
        window.close()
        laptop.close()
