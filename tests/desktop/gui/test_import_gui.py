"""Importing from the File menu: a folder of notes with a preview, and a Threadline export."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from db.interchange.files import export_json
from db.interchange.folder_scan import PlannedSession, SkippedFile
from db.services.hub import Services
from desktop.gui.common import dialogs
from desktop.gui.importing.folder_dialog import FolderImportDialog
from desktop.gui.importing.install import ImportFeature, install
from desktop.gui.importing.preview_models import (
    PlannedSessionsModel,
    SessionColumn,
    SkippedColumn,
    SkippedFilesModel,
    reason_words,
)
from desktop.gui.main_window import MainWindow
from tests.conftest import make_vault
from tests.desktop.gui.conftest import unlock
from tests.desktop.gui.test_clients import shown_codes
from tests.interchange.fill import fill
from tests.interchange.notes_folders import (
    EXPECTED_HOSTILE_SKIPS,
    EXPECTED_TIDY_SKIPS,
    hostile_folder,
    tidy_folder,
)

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def importing(window: MainWindow) -> MainWindow:
    """The seeded, unlocked window (clients RB-07 and KL-12) with importing installed."""
    install(window)
    return window


def action(window: MainWindow, text: str) -> QAction:
    return next(a for a in window.menu("file").actions() if a.text() == text)


def services(window: MainWindow) -> Services:
    return window.context.services


def session_count(window: MainWindow) -> int:
    return sum(c.session_count for c in services(window).clients.list_clients())


def open_preview(qtbot: QtBot, window: MainWindow, folder: Path) -> FolderImportDialog:
    dialogs.preset("folder", folder)
    action(window, "Import notes from a folder…").trigger()
    feature = window.findChild(ImportFeature)
    assert feature is not None
    dialog = feature.controller.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.plan is not None or dialog.error.text() != "",
                    timeout=20_000)
    return dialog


def rows(model: PlannedSessionsModel | SkippedFilesModel) -> list[tuple[str, ...]]:
    return [tuple(str(model.index(r, c).data()) for c in range(model.columnCount()))
            for r in range(model.rowCount())]


# --- the preview tables ------------------------------------------------------------------


def test_preview_models(qtmodeltester: ModelTester) -> None:
    sessions = PlannedSessionsModel()
    sessions.set_plan([PlannedSession("RB-07", "rb-07", date(2024, 2, 5), 2, "rb-07/a.txt",
                                      "Some words here.\n", 3)], frozenset())
    qtmodeltester.check(sessions)
    assert rows(sessions) == [("rb-07", "RB-07 · existing", "5 Feb 2024", "a.txt", "3")]
    assert sessions.index(0, SessionColumn.DATE).data(Qt.ItemDataRole.ToolTipRole) == \
        "Monday 2024-02-05, session 2 of that day"
    skipped = SkippedFilesModel()
    skipped.set_rows([SkippedFile("x/empty.md", "is empty")])
    qtmodeltester.check(skipped)
    assert skipped.index(0, SkippedColumn.REASON).data() == "Empty"


# --- a folder of notes -------------------------------------------------------------------


def test_preview_shows_the_sessions_and_the_skipped_files(
        qtbot: QtBot, importing: MainWindow, tmp_path: Path) -> None:
    before = session_count(importing)
    dialog = open_preview(qtbot, importing, tidy_folder(tmp_path))
    assert dialog.isVisible()
    assert dialog.summary.text() == ("5 sessions will be created for 1 new client and 1 "
                                     "existing client.")
    assert rows(dialog.sessions_model) == [
        ("Mira S", "Mira S · new", "9 Oct 2023", "intake.txt", "5"),
        ("Mira S", "Mira S · new", "2 Nov 2023", "2023-11-02.md", "7"),
        ("Mira S", "Mira S · new", "2 Nov 2023", "2023-11-02-2.txt", "7"),
        ("rb-07", "RB-07 · existing", "5 Feb 2024", "05.02.2024.txt", "5"),
        ("rb-07", "RB-07 · existing", "12 Feb 2024", "Session 2024-02-12.md", "8"),
    ]
    assert dialog.skipped_label.text() == "2 files will be skipped:"
    assert {(source, reason) for source, reason in rows(dialog.skipped_model)} == \
        {(source, reason_words(reason)) for source, reason in EXPECTED_TIDY_SKIPS}
    assert dialog.import_button.isEnabled()
    assert session_count(importing) == before  # a preview changes nothing
    dialog.grab().save(str(tmp_path / "preview.png"))


def test_import_creates_exactly_the_preview(qtbot: QtBot, importing: MainWindow,
                                            tmp_path: Path) -> None:
    before = session_count(importing)
    dialog = open_preview(qtbot, importing, tidy_folder(tmp_path))
    with qtbot.waitSignal(importing.context.events.changed, timeout=20_000) as changed:
        qtbot.mouseClick(dialog.import_button, LEFT)
    assert not dialog.isVisible()
    assert shown_codes(importing) == ["KL-12", "Mira S", "RB-07"]  # refreshed by the signal
    assert len(changed.args[0].sessions) == 5
    assert session_count(importing) == before + 5
    clients = {c.code: c for c in services(importing).clients.list_clients()}
    mira = services(importing).sessions.list_for_client(clients["Mira S"].id)
    assert sorted(s.date for s in mira) == [date(2023, 10, 9), date(2023, 11, 2),
                                            date(2023, 11, 2)]
    assert clients["RB-07"].session_count == 4
    assert importing.statusBar().currentMessage() == (
        "Imported 5 sessions for 2 clients (1 new); 2 files skipped.")


def test_cancel_creates_nothing(qtbot: QtBot, importing: MainWindow, tmp_path: Path) -> None:
    before = session_count(importing)
    dialog = open_preview(qtbot, importing, tidy_folder(tmp_path))
    qtbot.mouseClick(dialog.cancel_button, LEFT)
    assert not dialog.isVisible()
    assert session_count(importing) == before
    assert shown_codes(importing) == ["KL-12", "RB-07"]
    assert not importing.findChild(ImportFeature).controller.busy


def test_a_hostile_folder_gives_clean_skips(qtbot: QtBot, importing: MainWindow,
                                            tmp_path: Path) -> None:
    before = session_count(importing)
    dialog = open_preview(qtbot, importing, hostile_folder(tmp_path))
    assert dialog.error.isHidden()
    assert {(source, reason) for source, reason in rows(dialog.skipped_model)} == {
        (source, reason_words(reason))
        for source, reason in (*EXPECTED_TIDY_SKIPS, *EXPECTED_HOSTILE_SKIPS)}
    assert dialog.sessions_model.rowCount() == 7
    with qtbot.waitSignal(dialog.imported, timeout=20_000):
        qtbot.mouseClick(dialog.import_button, LEFT)
    assert session_count(importing) == before + 7


@pytest.mark.parametrize("make", ["file", "missing", "empty", "undated"])
def test_nothing_to_import_is_one_sentence(qtbot: QtBot, importing: MainWindow,
                                           tmp_path: Path, make: str) -> None:
    folder = tmp_path / "AB"
    if make == "file":
        folder.write_text("not a folder")
    elif make != "missing":
        folder.mkdir()
    if make == "undated":
        (folder / "notes.txt").write_text("Just a note.\n")
    dialog = open_preview(qtbot, importing, folder)
    message = dialog.error.text() if dialog.plan is None else dialog.summary.text()
    assert message in ("That is not a folder of notes.",
                       "Nothing to import: this folder holds no notes.",
                       "Nothing to import: no .txt or .md file here has a date in its name "
                       "or first line.")
    assert not dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.cancel_button, LEFT)


def test_locking_closes_the_preview(qtbot: QtBot, importing: MainWindow,
                                    tmp_path: Path) -> None:
    dialog = open_preview(qtbot, importing, tidy_folder(tmp_path))
    with qtbot.waitSignal(dialog.destroyed):
        importing.lock()
        assert not dialog.isVisible()
        assert dialog.sessions_model.rowCount() == 0


def test_locking_during_the_import_drops_the_dialog_quietly(
        qtbot: QtBot, importing: MainWindow, tmp_path: Path) -> None:
    dialog = open_preview(qtbot, importing, tidy_folder(tmp_path))
    qtbot.mouseClick(dialog.import_button, LEFT)
    [job] = importing.context.jobs.running(key=dialog)
    with qtbot.waitSignal(dialog.destroyed):
        importing.lock()
    assert job.stale  # whether it won the race with the lock or found the key gone
    qtbot.waitUntil(lambda: not job.running, timeout=20_000)
    assert not importing.findChild(ImportFeature).busy.isVisible()


# --- a Threadline export -----------------------------------------------------------------


@pytest.fixture
def export_file(tmp_path: Path) -> Path:
    other, _ = make_vault(tmp_path / "other")
    try:
        fill(other)
        export_json(other.database, tmp_path / "export.json")
    finally:
        other.close()
    return tmp_path / "export.json"


def import_export(qtbot: QtBot, window: MainWindow, path: Path) -> None:
    feature = window.findChild(ImportFeature)
    dialogs.preset("open_file", path)
    action(window, "Import Threadline export…").trigger()
    assert feature.busy.isVisible()
    qtbot.waitUntil(lambda: not feature.controller.busy, timeout=30_000)
    assert not feature.busy.isVisible()


def test_import_an_export(qtbot: QtBot, importing: MainWindow, export_file: Path) -> None:
    before = session_count(importing)
    import_export(qtbot, importing, export_file)
    assert set(shown_codes(importing)) == {"ÉL-07", "KL-12", "KM-2", "RB-07"}
    assert session_count(importing) == before + 2
    assert importing.statusBar().currentMessage().startswith("Imported 2 clients, 2 sessions")
    assert [a.kind for a in dialogs.asked()] == ["open_file"]


def test_clashes_are_one_sentence_and_a_list(qtbot: QtBot, importing: MainWindow,
                                             export_file: Path) -> None:
    import_export(qtbot, importing, export_file)
    before = session_count(importing)
    import_export(qtbot, importing, export_file)
    warning = dialogs.asked()[-1]
    assert warning.kind == "warning"
    first, _, listed = warning.text.partition("\n\n")
    assert first.endswith("already in the vault, so nothing was imported.")
    assert "• The vault already has a client with the code ÉL-07." in listed.splitlines()
    assert session_count(importing) == before


def test_an_export_import_cut_short_by_locking_can_be_tried_again(
        qtbot: QtBot, importing: MainWindow, tmp_path: Path) -> None:
    """Locking makes the running import's answer stale; that must not leave importing
    "busy" for good."""
    other, _ = make_vault(tmp_path / "other")
    try:
        services = fill(other)
        for draft in services.notes.pending_drafts():  # none to offer on unlocking
            services.notes.discard_draft(draft.session_id, draft.kind)
        export_json(other.database, tmp_path / "export.json")
    finally:
        other.close()
    export_file = tmp_path / "export.json"
    feature = importing.findChild(ImportFeature)
    before = session_count(importing)
    dialogs.preset("open_file", export_file)
    action(importing, "Import Threadline export…").trigger()
    [job] = importing.context.jobs.running(key=feature.controller)
    importing.lock()
    qtbot.waitUntil(lambda: not job.running, timeout=30_000)
    unlock(qtbot, importing)
    assert not feature.controller.busy
    # Again: it imports, or (if the first won the race with the lock) says it is there.
    import_export(qtbot, importing, export_file)
    assert session_count(importing) == before + 2


@pytest.mark.parametrize(("content", "expected"), [
    (b"\x89PNG\r\n\x1a\n\x00\x00", "This file is not a Threadline export (it is not UTF-8 "
                                    "text)."),
    (b"{}", "This file is not a Threadline export."),
    (None, "This export has 2 problems, so nothing was imported:"),
])
def test_a_bad_export_changes_nothing(qtbot: QtBot, importing: MainWindow, export_file: Path,
                                      tmp_path: Path, content: bytes | None,
                                      expected: str) -> None:
    if content is None:  # two broken sessions
        document = json.loads(export_file.read_text())
        document["sessions"][0]["date"] = "yesterday"
        document["sessions"][1]["number"] = -1
        content = json.dumps(document).encode()
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    before = session_count(importing)
    import_export(qtbot, importing, bad)
    assert dialogs.asked()[-1].text.split("\n")[0] == expected
    assert session_count(importing) == before
    assert shown_codes(importing) == ["KL-12", "RB-07"]


def test_an_import_shows_its_steps_and_can_be_cancelled(qtbot: QtBot, importing: MainWindow,
                                                        export_file: Path) -> None:
    from desktop.gui.importing.controller import STOPPED
    from desktop.gui.importing.progress_dialog import ProgressDialog

    feature = importing.findChild(ImportFeature)
    before = session_count(importing)
    dialogs.preset("open_file", export_file)
    action(importing, "Import Threadline export…").trigger()
    progress = feature.controller.progress
    assert isinstance(progress, ProgressDialog)
    assert progress.isVisible()
    qtbot.mouseClick(progress.cancel_button, Qt.MouseButton.LeftButton)
    assert progress.step_label.text() == "Stopping…"
    qtbot.waitUntil(lambda: not feature.controller.busy, timeout=30_000)
    assert feature.controller.progress is None
    assert importing.statusBar().currentMessage() == STOPPED
    assert session_count(importing) == before
    assert [a.kind for a in dialogs.asked()] == ["open_file"]  # no warning: nothing went wrong


def test_the_progress_dialog_says_the_step_and_how_far(qtbot: QtBot) -> None:
    from db.progress import Step
    from desktop.gui.importing.progress_dialog import BAR_STEPS, ProgressDialog

    dialog = ProgressDialog("Import")
    qtbot.addWidget(dialog)
    dialog.show_step(Step.IMPORTING, 0.25)
    assert dialog.step_label.text() == "Writing the records…"
    assert (dialog.bar.maximum(), dialog.bar.value()) == (BAR_STEPS, BAR_STEPS // 4)
    dialog.show_step(Step.INDEXING, None)
    assert dialog.step_label.text() == "Indexing for search…"
    assert dialog.bar.maximum() == 0  # busy: the step cannot tell
    with qtbot.waitSignal(dialog.cancel_requested):
        dialog.reject()
    assert not dialog.cancel_button.isEnabled()
