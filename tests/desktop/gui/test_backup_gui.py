"""Backups in the GUI: settings page, Back up now, Restore, scheduler and status bar."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from pyrage import x25519
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from db.backup.age import parse_identities
from db.backup.service import Key, create_backup, verify_backup
from db.crypto.kdf import Argon2Params
from db.services.dto import ClientInput, SessionInput
from db.services.hub import Services
from db.services.settings import VaultSettings
from db.vault.vault import Vault
from desktop.app import build_window
from desktop.gui.backup.backup_dialog import BackupDialog
from desktop.gui.backup.controller import BackupController
from desktop.gui.backup.install import BackupFeature, install
from desktop.gui.backup.scheduler import BackupScheduler
from desktop.gui.backup.settings_dialog import BackupSettingsDialog
from desktop.gui.backup.settings_page import BackupSettingsPage
from desktop.gui.backup.status import BackupStatus, describe
from desktop.gui.common import dialogs
from desktop.gui.common.context import AppContext
from desktop.gui.main_window import MainWindow
from desktop.gui.settings_dialog import SettingsDialog
from tests.conftest import PASSPHRASE, make_vault
from tests.desktop.gui.conftest import unlock
from tests.interchange.fill import fill

NOW = datetime(2026, 5, 4, 9, 30, tzinfo=UTC)
NEW = "amber meadow 71 distant kettle"


@pytest.mark.parametrize(("age", "words", "stale"), [
    (timedelta(seconds=5), "Last backup: just now", False),
    (timedelta(minutes=1), "Last backup: 1 minute ago", False),
    (timedelta(hours=3), "Last backup: 3 hours ago", False),
    (timedelta(days=1, hours=2), "Last backup: yesterday", False),
    (timedelta(days=2), "Last backup: 2 days ago", False),
    (timedelta(days=7), "Last backup: 7 days ago", False),
    (timedelta(days=9), "Last backup: 9 days ago — back up soon", True),
])
def test_status_words(age: timedelta, words: str, stale: bool) -> None:
    assert describe(NOW - age, NOW) == (words, stale)


def test_status_label_warns_without_a_backup(qtbot: QtBot) -> None:
    label = BackupStatus()
    qtbot.addWidget(label)
    label.show_last(None, NOW)
    assert label.text() == "No backup yet"
    assert label.stale
    label.show_last(NOW - timedelta(hours=2), NOW)
    assert not label.stale
    assert label.styleSheet() == ""


def test_settings_page_round_trip_and_bad_key(qtbot: QtBot) -> None:
    page = BackupSettingsPage()
    qtbot.addWidget(page)
    page.load(VaultSettings(backup_folder="/media/drive", backup_keep_daily=3))
    assert page.keep_daily.value() == 3
    page.recipient.setText("age1notakey")
    assert page.changes() is None
    assert page.error.text() == "That is not an age public key (one starts with “age1”)."
    page.recipient.setText("")
    changes = page.changes()
    assert changes is not None
    assert changes["backup_folder"] == "/media/drive"
    assert page.error.isHidden()


def test_generate_key_pair_shows_the_private_key_once(qtbot: QtBot, tmp_path: Path) -> None:
    page = BackupSettingsPage()
    qtbot.addWidget(page)
    page.load(VaultSettings())
    page.show()
    with qtbot.waitSignal(page.key_generated) as signal:
        qtbot.mouseClick(page.generate, qtbot_left())
    public = signal.args[0]
    assert page.recipient.text() == public
    assert page.secret_panel.isVisible()
    identity = parse_identities(page.secret.text())[0]
    assert str(identity.to_public()) == public
    dialogs.preset("save_file", tmp_path / "key.txt")
    page._save_secret()
    assert parse_identities((tmp_path / "key.txt").read_text())[0].to_public() is not None
    assert (tmp_path / "key.txt").stat().st_mode & 0o077 == 0
    page.grab().save(str(tmp_path / "settings.png"))
    qtbot.mouseClick(page.stored, qtbot_left())
    assert page.secret.text() == ""
    assert not page.secret_panel.isVisible()


def qtbot_left():  # noqa: ANN201 (Qt enum)
    from PySide6.QtCore import Qt
    return Qt.MouseButton.LeftButton


@pytest.fixture
def plain_window(qtbot: QtBot) -> QMainWindow:
    main = QMainWindow()
    qtbot.addWidget(main)
    return main


BACKUP_PASSPHRASE = "sea glass harbour 8 lantern"


def back_up_in_dialog(qtbot: QtBot, controller: BackupController, out: Path,
                      passphrase: str | None = None) -> BackupDialog:
    """Open File ▸ Back up now…, fill it in as a person would, press Back up, wait."""
    dialog = controller.back_up_now()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.path.setText(str(out))
    if passphrase is not None:
        if dialog.use_passphrase.isVisible():
            qtbot.mouseClick(dialog.use_passphrase, qtbot_left())
        qtbot.keyClicks(dialog.passphrase.first, passphrase)
        qtbot.keyClicks(dialog.passphrase.second, passphrase)
    with qtbot.waitSignal(controller.backed_up, timeout=60000):
        qtbot.mouseClick(dialog.start_button, qtbot_left())
        assert dialog.running  # a job: the window is not frozen meanwhile
        assert not dialog.close_button.isEnabled()
    return dialog


def test_back_up_now_with_a_passphrase(qtbot: QtBot, plain_window: QMainWindow, vault: Vault,
                                       tmp_path: Path) -> None:
    fill(vault)
    controller = BackupController(vault, plain_window, now=lambda: NOW)
    dialog = back_up_in_dialog(qtbot, controller, tmp_path / "b.age", BACKUP_PASSPHRASE)
    assert verify_backup(tmp_path / "b.age",
                         Key(passphrase=BACKUP_PASSPHRASE)).counts["sessions"] == 2
    assert dialog.outcome.text() == "Verified ✓"
    assert dialog.place.text().endswith(f"2 sessions, saved as {tmp_path / 'b.age'}")
    assert [label.text()[0] for label in dialog.steps.values()] == ["✓"] * 4
    assert dialog.passphrase.first.text() == ""
    assert controller.last_backup() == NOW
    assert not dialogs.asked()  # one dialog, no prompts on top of it


def test_the_backup_dialog_names_each_step_as_it_starts(
        qtbot: QtBot, plain_window: QMainWindow, vault: Vault, tmp_path: Path) -> None:
    fill(vault)
    controller = BackupController(vault, plain_window, now=lambda: NOW)
    dialog = controller.back_up_now()
    assert dialog is not None
    seen: list[str] = []

    def current(_: int) -> None:
        running = [label.accessibleName() for label in dialog.steps.values()
                   if label.text().startswith("▸")]
        seen.append(running[0] if running else "finished")

    dialog.bar.valueChanged.connect(current)
    dialog.path.setText(str(tmp_path / "s.age"))
    qtbot.keyClicks(dialog.passphrase.first, BACKUP_PASSPHRASE)
    qtbot.keyClicks(dialog.passphrase.second, BACKUP_PASSPHRASE)
    with qtbot.waitSignal(controller.backed_up, timeout=60000):
        qtbot.mouseClick(dialog.start_button, qtbot_left())
    assert seen == ["Exporting the vault", "Encrypting", "Writing the file",
                    "Reading it back and verifying", "finished"]
    dialog.grab().save(str(tmp_path / "backup-dialog.png"))


def test_back_up_now_counts_one_session_in_the_singular(
        qtbot: QtBot, plain_window: QMainWindow, vault: Vault, tmp_path: Path) -> None:
    services = Services.for_vault(vault)
    client = services.clients.create(ClientInput(code="RB-07")).value
    services.sessions.create(client.id, SessionInput(date=date(2026, 5, 4)))
    controller = BackupController(vault, plain_window, now=lambda: NOW)
    dialog = back_up_in_dialog(qtbot, controller, tmp_path / "b.age", BACKUP_PASSPHRASE)
    assert dialog.place.text().startswith("1 client and 1 session, saved as")


@pytest.mark.parametrize(("first", "second", "problem"), [
    ("", "", "Choose a passphrase."),
    ("horse staple seven gentle lagoon", "horse staple seven gentle lagon",
     "The two passphrases differ."),
])
def test_the_backup_dialog_refuses_a_bad_passphrase_and_writes_nothing(
        qtbot: QtBot, plain_window: QMainWindow, vault: Vault, tmp_path: Path,
        first: str, second: str, problem: str) -> None:
    controller = BackupController(vault, plain_window, now=lambda: NOW)
    dialog = controller.back_up_now()
    assert dialog is not None
    dialog.path.setText(str(tmp_path / "x.age"))
    qtbot.keyClicks(dialog.passphrase.first, first)
    qtbot.keyClicks(dialog.passphrase.second, second)
    qtbot.mouseClick(dialog.start_button, qtbot_left())
    assert dialog.error.text() == problem
    assert not dialog.running
    assert list(tmp_path.glob("*.age*")) == []


def test_the_backup_dialog_refuses_a_folder_that_does_not_exist(
        qtbot: QtBot, plain_window: QMainWindow, vault: Vault, tmp_path: Path) -> None:
    controller = BackupController(vault, plain_window, now=lambda: NOW)
    dialog = controller.back_up_now()
    assert dialog is not None
    dialog.path.setText(str(tmp_path / "no such folder" / "x.age"))
    qtbot.mouseClick(dialog.start_button, qtbot_left())
    assert dialog.error.text() == "The folder for the backup does not exist."
    assert not dialog.running


def test_back_up_now_uses_the_configured_key(qtbot: QtBot, plain_window: QMainWindow, vault: Vault,
                                             tmp_path: Path) -> None:
    identity = x25519.Identity.generate()
    Services.for_vault(vault).settings.update(backup_recipient=str(identity.to_public()),
                                              backup_folder=str(tmp_path))
    controller = BackupController(vault, plain_window, now=lambda: NOW)
    dialog = controller.back_up_now()
    assert dialog is not None
    assert dialog.use_key.isChecked()
    assert not dialog.passphrase.isVisibleTo(dialog)
    assert dialog.path.text() == str(tmp_path / "threadline-2026-05-04-093000.age")
    with qtbot.waitSignal(controller.backed_up, timeout=60000):
        qtbot.mouseClick(dialog.start_button, qtbot_left())
    verify_backup(tmp_path / "threadline-2026-05-04-093000.age", Key(identities=(identity,)))


def test_restore_asks_and_builds_a_new_vault(qtbot: QtBot, plain_window: QMainWindow, vault: Vault,
                                             tmp_path: Path) -> None:
    fill(vault)
    identity = x25519.Identity.generate()
    (tmp_path / "id.txt").write_text(str(identity) + "\n")
    create_backup(vault.database, tmp_path / "b.age", recipients=[identity.to_public()])
    target = tmp_path / "restored"
    target.mkdir()
    controller = BackupController(vault, plain_window, restore_params=Argon2Params.minimum())
    with dialogs.answering(("open_file", tmp_path / "b.age"), ("open_file", tmp_path / "id.txt"),
                           ("folder", target), ("passphrase", NEW), ("passphrase", NEW)), \
            qtbot.waitSignal(controller.restored, timeout=60000):
        controller.restore()
    assert "recovery key" in dialogs.asked()[-1].text
    with Vault.open(target) as restored:
        restored.unlock(NEW)
        assert len(Services.for_vault(restored).clients.list_clients()) == 2


def test_restore_of_a_damaged_backup_says_so(qtbot: QtBot, plain_window: QMainWindow, vault: Vault,
                                             tmp_path: Path) -> None:
    identity = x25519.Identity.generate()
    (tmp_path / "id.txt").write_text(str(identity) + "\n")
    create_backup(vault.database, tmp_path / "b.age", recipients=[identity.to_public()])
    data = (tmp_path / "b.age").read_bytes()
    (tmp_path / "b.age").write_bytes(data[:-40])
    target = tmp_path / "restored"
    target.mkdir()
    controller = BackupController(vault, plain_window, restore_params=Argon2Params.minimum())
    with dialogs.answering(("open_file", tmp_path / "b.age"), ("open_file", tmp_path / "id.txt"),
                           ("folder", target), ("passphrase", NEW), ("passphrase", NEW)), \
            qtbot.waitSignal(controller.failed, timeout=60000) as signal:
        controller.restore()
    assert "damaged" in signal.args[0]
    assert dialogs.asked()[-1].kind == "warning"
    assert list(target.iterdir()) == []
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_scheduler_backs_up_when_due_and_on_quit(qtbot: QtBot, vault: Vault,
                                                 tmp_path: Path) -> None:
    identity = x25519.Identity.generate()
    Services.for_vault(vault).settings.update(
        backup_recipient=str(identity.to_public()), backup_folder=str(tmp_path),
        backup_interval_hours=24)
    clock = [NOW]
    scheduler = BackupScheduler(vault, now=lambda: clock[0])
    with qtbot.waitSignal(scheduler.finished, timeout=60000) as signal:
        assert scheduler.check()
    assert signal.args[0].path.name == "threadline-2026-05-04-093000.age"
    qtbot.waitUntil(lambda: not scheduler.checking)
    clock[0] = NOW + timedelta(hours=2)
    with qtbot.assertNotEmitted(scheduler.finished):
        assert scheduler.check()  # asked in a job: not due yet, nothing written
        qtbot.waitUntil(lambda: not scheduler.checking)
    assert [p.name for p in tmp_path.glob("threadline-*.age")] == [
        "threadline-2026-05-04-093000.age"]
    clock[0] = NOW + timedelta(hours=3)
    assert scheduler.run_on_quit() is None
    # one file per day is kept: the quit backup replaced the morning's
    assert [p.name for p in tmp_path.glob("threadline-*.age")] == [
        "threadline-2026-05-04-123000.age"]


def test_main_window_backs_up_and_shows_when(qtbot: QtBot, vault_dir: Path,
                                              settings_path: Path, tmp_path: Path) -> None:
    vault, _ = make_vault(vault_dir)
    services = fill(vault)
    for draft in services.notes.pending_drafts():  # the window would ask about it
        services.notes.discard_draft(draft.session_id, draft.kind)
    identity = x25519.Identity.generate()
    drive = tmp_path / "drive"
    drive.mkdir()
    Services.for_vault(vault).settings.update(
        backup_folder=str(drive), backup_recipient=str(identity.to_public()),
        backup_on_quit=True)
    vault.close()
    window = build_window(vault_dir, kdf_params=Argon2Params.minimum(),
                          settings=QSettings(str(settings_path), QSettings.Format.IniFormat),
                          extensions=(install,))
    qtbot.addWidget(window)
    window.resize(1000, 640)
    window.show()
    qtbot.waitUntil(lambda: window.gate.started)
    unlock(qtbot, window)
    feature = window.findChild(BackupFeature)
    assert feature is not None
    titles = [a.text() for a in window.menu("file").actions()]
    assert {"Back up now…", "Restore…", "Backup settings…"} <= set(titles)
    # the scheduler runs the first automatic backup right after unlocking
    qtbot.waitUntil(lambda: feature.status.text() == "Last backup: just now", timeout=60_000)
    assert len(list(drive.glob("threadline-*.age"))) == 1
    window.grab().save(str(tmp_path / "main-window.png"))
    # closing the window backs up once more before the vault is closed
    window.close()
    after = list(drive.glob("threadline-*.age"))
    assert verify_backup(after[-1], Key(identities=(identity,))).counts["sessions"] == 2
    with Vault.open(vault_dir) as reopened:
        reopened.unlock(PASSPHRASE)
        actions = [e.action for e in Services.for_vault(reopened).audit.events()]
    assert actions.count("backup_created") == 2


def test_backup_settings_dialog_saves_to_the_vault(qtbot: QtBot, vault: Vault,
                                                   tmp_path: Path) -> None:
    context = AppContext(vault.folder)
    context.attach(vault)
    service = context.services.settings
    dialog = BackupSettingsDialog(service.load(), context)
    qtbot.addWidget(dialog)
    dialog.page.recipient.setText("age1broken")
    dialog.save()  # refused by the page before anything is written
    assert not dialog.page.error.isHidden()
    assert service.load().backup_recipient == ""
    public = str(x25519.Identity.generate().to_public())
    dialog.page.recipient.setText(public)
    dialog.page.folder.setText(str(tmp_path))
    dialog.page.keep_weekly.setValue(4)
    with qtbot.waitSignal(dialog.accepted):
        dialog.save()
    saved = service.load()
    assert (saved.backup_recipient, saved.backup_folder, saved.backup_keep_weekly) == (
        public, str(tmp_path), 4)
    context.operations.stop()


def test_a_check_queued_before_a_lock_stays_quiet(qtbot: QtBot, vault_dir: Path) -> None:
    """Unlocking queues a first check; locking right after must not make it raise."""
    vault, _ = make_vault(vault_dir)
    try:
        scheduler = BackupScheduler(vault)
        scheduler.start()
        scheduler.stop()
        vault.lock()
        qtbot.wait(50)  # the queued check runs here; an exception in it fails the test
        assert not scheduler.running
        assert scheduler.check() is False  # asked directly while locked: nothing to do
    finally:
        vault.close()


def _open_backups_window(qtbot: QtBot, vault_dir: Path, settings_path: Path) -> MainWindow:
    window = build_window(vault_dir, kdf_params=Argon2Params.minimum(),
                          settings=QSettings(str(settings_path), QSettings.Format.IniFormat),
                          extensions=(install,))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.gate.started)
    unlock(qtbot, window)
    return window


def test_the_last_backup_is_still_known_after_a_restart(
        qtbot: QtBot, vault_dir: Path, settings_path: Path, tmp_path: Path) -> None:
    """Bug: after a manual backup (and automatic ones) and a change of settings, the next
    start said "No backup yet"."""
    vault, _ = make_vault(vault_dir)
    identity = x25519.Identity.generate()
    drive = tmp_path / "drive"
    drive.mkdir()
    Services.for_vault(vault).settings.update(
        backup_folder=str(drive), backup_recipient=str(identity.to_public()),
        backup_on_quit=False)
    vault.close()
    window = _open_backups_window(qtbot, vault_dir, settings_path)
    feature = window.findChild(BackupFeature)
    qtbot.waitUntil(lambda: feature.status.text() == "Last backup: just now", timeout=60_000)
    back_up_in_dialog(qtbot, feature.controller, tmp_path / "manual.age")
    dialog = SettingsDialog(window.context, window)
    qtbot.addWidget(dialog)
    dialog.auto_lock.setValue(15)
    with qtbot.waitSignal(dialog.accepted):
        dialog.save()
    assert feature.status.text() == "Last backup: just now"
    window.close()
    assert window.context.vault is not None
    assert not window.context.vault.is_unlocked

    again = _open_backups_window(qtbot, vault_dir, settings_path)
    status = again.findChild(BackupFeature).status
    qtbot.waitUntil(lambda: status.isVisible())
    assert status.text() == "Last backup: just now"
    assert again.context.settings.auto_lock_minutes == 15


@pytest.fixture
def forged(tmp_path: Path) -> tuple[Path, Path]:
    """A backup another vault made, encrypted to a key whose identity file we hold."""
    identity = x25519.Identity.generate()
    (tmp_path / "id.txt").write_text(str(identity) + "\n")
    other, _ = make_vault(tmp_path / "forger")
    try:
        create_backup(other.database, tmp_path / "f.age", recipients=[identity.to_public()])
    finally:
        other.close()
    return tmp_path / "f.age", tmp_path / "id.txt"


@pytest.mark.parametrize("insist", [False, True])
def test_another_vaults_backup_is_restored_only_when_confirmed(
        qtbot: QtBot, plain_window: QMainWindow, vault: Vault, tmp_path: Path,
        forged: tuple[Path, Path], insist: bool) -> None:
    # this vault has backed up before, so it has a signing key to compare with
    create_backup(vault.database, tmp_path / "own.age", passphrase="tide pool 3 rope")
    target = tmp_path / "restored"
    target.mkdir()
    controller = BackupController(vault, plain_window, restore_params=Argon2Params.minimum())
    with dialogs.answering(("open_file", forged[0]), ("open_file", forged[1]),
                           ("folder", target), ("passphrase", NEW), ("passphrase", NEW),
                           ("confirm", insist)):
        controller.restore()
        qtbot.waitUntil(lambda: any(a.kind == "confirm" for a in dialogs.asked()),
                        timeout=60_000)
        if insist:
            qtbot.waitUntil(lambda: Vault.exists(target), timeout=60_000)
        qtbot.waitUntil(lambda: not controller.busy, timeout=60_000)
    question = next(a for a in dialogs.asked() if a.kind == "confirm")
    assert "signed by another vault" in question.text
    assert Vault.exists(target) is insist


def test_restore_from_a_fifo_says_so_and_never_waits(plain_window: QMainWindow, vault: Vault,
                                                      tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "backup.age"
    os.mkfifo(fifo)
    controller = BackupController(vault, plain_window, restore_params=Argon2Params.minimum())
    with dialogs.answering(("open_file", fifo)):
        assert controller.restore() is False
    assert "not an ordinary file" in dialogs.asked()[-1].text


def test_a_generated_identity_file_names_the_vault_that_signs_its_backups(
        qtbot: QtBot, vault: Vault, tmp_path: Path) -> None:
    """The identity file kept from "Generate key pair…" carries the vault's signing key, so
    a restore on another computer (no vault there to compare with) knows the backup is this
    vault's own; before, the file held the age identity alone."""
    from db.backup import signing

    context = AppContext(vault.folder)
    context.attach(vault)
    dialog = BackupSettingsDialog(context.services.settings.load(), context)
    qtbot.addWidget(dialog)
    dialog.page._generate()
    qtbot.waitUntil(lambda: bool(dialog.page.signer))
    with dialogs.answering(("save_file", tmp_path / "key.txt")):
        dialog.page._save_secret()
    text = (tmp_path / "key.txt").read_text()
    own = signing.vault_public_key(vault.database)
    assert own is not None
    assert [signing.key_text(k) for k in signing.signers_in_identity_file(text)] == [
        signing.key_text(own)]
    context.operations.stop()
