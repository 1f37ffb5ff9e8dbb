"""Grab the user guide's screenshots from the real app, offscreen, with fictional clients.

Run: ``QT_QPA_PLATFORM=offscreen python docs/make_screenshots.py`` (writes docs/images/).
Every client, name and note here is invented.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QWidget  # noqa: E402

from db.crypto.kdf import Argon2Params  # noqa: E402
from db.models import Mark, Theme, ThemeCategory  # noqa: E402
from db.services.dto import ClientInput, SessionInput  # noqa: E402
from db.services.hub import Services, initialize_vault  # noqa: E402
from db.vault.vault import Vault  # noqa: E402
from desktop.app import build_window, make_application  # noqa: E402
from desktop.gui.main_window import MainWindow  # noqa: E402

PASSPHRASE = "quiet harbour lantern 4 violet"
OUT = ROOT / "docs" / "images"
SIZE = (1240, 780)

NOTE = (
    "She arrived a few minutes early and sat on the edge of the chair, coat still on. "
    "Opened by saying the week had been \"fine, really\", then spoke at length about her "
    "sister's visit, in a brisk, amused tone that did not match what she described.\n\n"
    "When I wondered aloud whether the visit had been harder than she was letting on, she "
    "laughed and changed the subject to work. I noticed a wish to reassure her, and held it.\n\n"
    "Towards the end she mentioned, almost in passing, that she had not slept the night "
    "before the visit. A long silence followed. \"I suppose I was dreading it.\" This felt "
    "like the first moment of the session where she was in the room with me.\n\n"
    "Frame: ended on time; she lingered at the door to ask about the August break."
)
THEMES = (("Humour", "#e0b84c", 3), ("Idealization", "#c0504d", 2),
          ("Wish to be understood", "#4f81bd", 2), ("Rescue fantasy", "#9b59b6", 1),
          ("Intellectualization", "#4bacc6", 2))


def wait_until(check: Callable[[], bool], seconds: float = 30) -> None:
    end = time.monotonic() + seconds
    while not check():
        if time.monotonic() > end:
            raise TimeoutError("the window did not reach the expected state")
        QTest.qWait(20)


def grab(widget: QWidget, name: str) -> None:
    """Save ``widget`` as ``docs/images/<name>.png``, stamped with the version that drew
    it (tests/test_screenshots.py checks that the guide shows today's app)."""
    from desktop import __version__

    QTest.qWait(60)
    image = widget.grab().toImage()
    image.setText("Threadline", __version__)
    image.save(str(OUT / f"{name}.png"))


def seed(folder: Path) -> None:
    vault, _ = Vault.create(folder, PASSPHRASE, params=Argon2Params.minimum(),
                            initialize=initialize_vault)
    services = Services.for_vault(vault)
    clients = services.clients
    robin = clients.create(ClientInput(
        "RB-07", "Robin Example", intake_date=date(2025, 9, 1),
        modality="Long-term psychodynamic", frequency="Weekly",
        frame_start_date=date(2025, 9, 8))).value
    for i, (code, name, status) in enumerate((
            ("AL-03", "Ari Lorem", "active"), ("KT-12", "Kit Sample", "active"),
            ("MV-21", "Mo Placeholder", "paused"), ("SN-05", "Sam Fictive", "active"))):
        other = clients.create(ClientInput(code, name, status=status,
                                           modality="Brief psychodynamic", frequency="Weekly",
                                           planned_sessions=16)).value
        for n in range(3 + 2 * i):
            services.sessions.create(other.id, SessionInput(
                date.today() - timedelta(days=7 * (3 + 2 * i - n) + i)))
    goal = clients.add_goal(robin.id, "Notice and name feelings before acting on them").value
    clients.review_goal(goal.id, date(2026, 1, 12), "Names anger in sessions, not yet outside.",
                        "progressing")
    clients.add_goal(robin.id, "Return to part-time work")
    first = date.today() - timedelta(days=7 * 11)
    sessions = []
    for n in range(12):
        attendance = "cancelled" if n == 6 else "attended"
        sessions.append(services.sessions.create(
            robin.id, SessionInput(first + timedelta(days=7 * n), attendance=attendance)).value)
    with vault.database.write() as db:
        category = ThemeCategory(name="Screenshot themes")
        db.add(category)
        db.flush()
        themes = []
        for name, colour, _ in THEMES:
            theme = Theme(category_id=category.id, name=name, color=colour)
            db.add(theme)
            themes.append(theme)
        db.flush()
        for i, session in enumerate(sessions):
            if session.attendance != "attended":
                continue
            for j, theme in enumerate(themes):
                if (i * 2 + j) % 5 in (0, 1) or (i == len(sessions) - 1 and j < 3):
                    db.add(Mark(session_id=session.id, theme_id=theme.id,
                                intensity=THEMES[j][2]))
    for session in sessions[:-1]:
        if session.attendance == "attended":
            services.notes.save(session.id, "process", NOTE, "manual")
    services.notes.save(sessions[-2].id, "progress", "Attended. Engaged; mood low but "
                        "reactive. No risk indicators.", "manual")
    services.notes.finalize(sessions[-2].id)
    services.notes.add_addendum(sessions[-2].id, "She telephoned the next morning to say the "
                                "session had stayed with her; no change to the plan.")
    vault.close()


def notes_folder(root: Path) -> Path:
    """Notes kept in a word processor, as a clinician might bring them in (all invented)."""
    folder = root / "Notes from the old practice"
    files = {
        "AL-03": {"2025-06-02.md": "Spoke about the move; worried it would unsettle the "
                                   "children.",
                  "2025-06-09.md": "Late again. Irritation at the waiting room, then at me.",
                  "invoice.pdf": None},
        "Dana V": {"intake.txt": "03.03.2025\nReferred by her GP after a panic attack at work."
                                 " Wants to understand why now.",
                   "2025-03-10.txt": "First session proper. Long account of her father's "
                                     "illness; little feeling shown.",
                   "2025-03-17.txt": "Cancelled by text an hour before; rescheduled.",
                   "2025-03-24-2.txt": "Extra session after a difficult week.",
                   "to do.txt": "Ask about the sleep diary."},
        "Jon E": {"2024-11-05 first meeting.md": "# Notes\n\nCame because his partner "
                                                 "insisted. Polite, guarded, funny.",
                  "2024-11-12.md": "Talked about the brother who left; then changed the "
                                   "subject to football.",
                  "2024-02-30.md": "A date that never was."},
    }
    for client, notes in files.items():
        (folder / client).mkdir(parents=True)
        for name, text in notes.items():
            data = b"%PDF-1.4" if text is None else (text + "\n").encode("utf-8")
            (folder / client / name).write_bytes(data)
    return folder


def grab_import_preview(window: MainWindow, root: Path) -> None:
    from desktop.gui.common import dialogs
    from desktop.gui.importing.install import ImportFeature, install

    install(window)
    feature = window.findChild(ImportFeature)
    assert feature is not None
    dialogs.preset("folder", notes_folder(root))
    feature.import_folder()
    dialog = feature.controller.dialog
    assert dialog is not None
    wait_until(lambda: dialog.plan is not None)
    dialog.resize(820, 560)
    grab(dialog, "import-folder")
    dialog.reject()


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    app = make_application()
    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat)

        def window_for(folder: Path) -> MainWindow:
            window = build_window(folder, kdf_params=Argon2Params.minimum(), settings=settings,
                                  extensions=())
            window.resize(*SIZE)
            window.show()
            wait_until(lambda: window.gate.started)
            return window

        # The welcome, and the recovery key of a throwaway vault.
        first = window_for(Path(tmp) / "new")
        welcome = first.gate.welcome
        welcome.form.first.setText(PASSPHRASE)
        welcome.form.second.setText(PASSPHRASE)
        grab(first, "welcome")
        welcome.create_vault()
        wait_until(lambda: welcome.pages.currentIndex() == 1)
        grab(first, "recovery-key")
        first.shutdown()
        first.hide()

        folder = Path(tmp) / "vault"
        seed(folder)
        window = window_for(folder)
        grab(window, "unlock")
        window.gate.unlock.secret.setText(PASSPHRASE)
        window.gate.unlock.unlock()
        wait_until(lambda: window.workspace is not None)
        workspace = window.workspace
        assert workspace is not None
        model = workspace.clients.model
        robin = next(model.client(r) for r in range(model.rowCount())
                     if model.client(r).code == "RB-07")
        workspace.clients.select(robin.id)
        sessions = workspace.client_view.sessions
        # The client and its sessions are read in the background: choose a row once the
        # list is filled, and take the picture once the note is shown.
        wait_until(lambda: workspace.current_client_id() == robin.id
                   and sessions.model.rowCount() >= 3 and workspace.settled)
        sessions.table.selectRow(2)
        wait_until(lambda: workspace.editor.note is not None and workspace.settled)
        first = workspace.editor.session_id
        workspace.editor.surface().setFocus()
        grab(window, "workspace")
        sessions.table.selectRow(1)
        wait_until(lambda: workspace.editor.session_id != first and workspace.settled
                   and workspace.editor.note is not None
                   and workspace.editor.note.finalized_at is not None)
        grab(window, "finalized")
        workspace.client_view.tabs.setCurrentIndex(1)
        grab(window, "frame-and-goals")
        workspace.client_view.tabs.setCurrentIndex(0)
        window.open_settings()
        from desktop.gui.settings_dialog import SettingsDialog

        dialog = window.findChild(SettingsDialog)
        assert dialog is not None
        grab(dialog, "settings")
        dialog.reject()
        grab_import_preview(window, Path(tmp))
        window.lock()
        grab(window, "lock-screen")
        window.shutdown()
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
