"""Grab the timeline's screenshots for docs/timeline.md from the real window, offscreen,
on the small demo vault (every client fictional): 1366×768 light and 1920×1080 dark.

Run: ``QT_QPA_PLATFORM=offscreen python docs/make_timeline_screenshots.py [OUT]``
(``make screenshots`` runs it too). Without OUT it writes the pictures the docs show
(``SHOWN``) to docs/images/; with OUT, every tab at both sizes, to look at.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "docs"))

from make_screenshots import PASSPHRASE, wait_until  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtGui import QColor, QPalette  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from db.crypto.kdf import Argon2Params  # noqa: E402
from db.demo.generator import build_demo  # noqa: E402
from db.services.hub import Services, initialize_vault  # noqa: E402
from db.vault.vault import Vault  # noqa: E402
from desktop.app import build_window, make_application  # noqa: E402
from desktop.gui.timeline.view import TimelineView  # noqa: E402

#: The pictures docs/timeline.md shows.
SHOWN = frozenset({"timeline-recurrence-1366-light", "timeline-ccrt-1366-light",
                   "timeline-compare-1366-light", "timeline-cooccurrence-1920-dark",
                   "timeline-profile-1920-dark", "timeline-compare-1920-dark"})
#: The demo's "today", so the pictures do not change from one day to the next.
TODAY = date(2026, 6, 1)
Role = QPalette.ColorRole


def dark() -> QPalette:
    """A typical dark desktop palette."""
    palette = QPalette()
    for role, color in ((Role.Window, "#2b2b2b"), (Role.WindowText, "#e6e6e6"),
                        (Role.Base, "#1e1e1e"), (Role.AlternateBase, "#262626"),
                        (Role.Text, "#e6e6e6"), (Role.Button, "#353535"),
                        (Role.ButtonText, "#e6e6e6"), (Role.Highlight, "#3d6fb4"),
                        (Role.HighlightedText, "#ffffff"), (Role.Link, "#8ab4f8"),
                        (Role.ToolTipBase, "#353535"), (Role.ToolTipText, "#e6e6e6")):
        palette.setColor(role, QColor(color))
    placeholder = QColor("#e6e6e6")
    placeholder.setAlpha(128)
    palette.setColor(Role.PlaceholderText, placeholder)
    return palette


def save(widget: QWidget, out: Path, name: str, every: bool) -> None:
    """``widget`` as ``out/<name>.png`` (no alpha, most compressed), stamped with the
    version that drew it."""
    from PySide6.QtGui import QImage
    from PySide6.QtTest import QTest

    from desktop import __version__

    if not every and name not in SHOWN:
        return
    QTest.qWait(80)
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB888)
    image.setText("Threadline", __version__)
    image.save(str(out / f"{name}.png"), "PNG", 0)


def seed(folder: Path) -> None:
    vault, _ = Vault.create(folder, PASSPHRASE, params=Argon2Params.minimum(),
                            initialize=initialize_vault)
    build_demo(Services.for_vault(vault), "small", 1, TODAY)
    vault.close()


def main(out: Path, every: bool) -> int:
    out.mkdir(parents=True, exist_ok=True)
    app = make_application()
    assert isinstance(app, QApplication)
    light = app.palette()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "vault"
        seed(folder)
        settings = QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat)
        for (width, height), mode in (((1366, 768), "light"), ((1920, 1080), "dark")):
            app.setPalette(dark() if mode == "dark" else light)
            window = build_window(folder, kdf_params=Argon2Params.minimum(),
                                  settings=settings)
            window.resize(width, height)
            window.show()
            wait_until(lambda w=window: w.gate.started)  # type: ignore[misc]
            window.gate.unlock.secret.setText(PASSPHRASE)
            window.gate.unlock.unlock()
            wait_until(lambda w=window: w.workspace is not None)  # type: ignore[misc]
            workspace = window.workspace
            assert workspace is not None
            model = workspace.clients.model
            codes = [model.client(r) for r in range(model.rowCount())]
            workspace.clients.select(codes[0].id)
            view = window.show_view("timeline")
            assert isinstance(view, TimelineView)
            wait_until(lambda v=view: v.analytics is not None)  # type: ignore[misc]
            tag = f"{width}-{mode}"
            for index, name in enumerate(("recurrence", "profile", "ccrt", "cooccurrence",
                                          "caseload")):
                view.tabs.setCurrentIndex(index)
                if name == "caseload":
                    wait_until(lambda v=view: bool(v.caseload_model.rows))  # type: ignore[misc]
                save(window, out, f"timeline-{name}-{tag}", every)
            view.open_compare()
            dialog = view.compare_dialog
            assert dialog is not None
            wait_until(lambda d=dialog: d.data is not None)  # type: ignore[misc]
            save(dialog, out, f"timeline-compare-{tag}", every)
            dialog.close()
            window.shutdown()
            window.hide()
    app.quit()
    return 0


if __name__ == "__main__":
    given = len(sys.argv) > 1
    sys.exit(main(Path(sys.argv[1]) if given else ROOT / "docs" / "images", every=given))
