"""Wiring: the one place where the vault, the services and the windows meet.

Other parts of Threadline plug into the main window through :data:`EXTENSIONS`: each entry
is a function ``install(window: MainWindow) -> None`` that adds its actions, views or docks
with ``window.add_action`` / ``window.add_view`` / ``window.add_dock`` and listens to
``window.context.events``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from desktop.gui import demo_banner
from desktop.gui.backup.install import install as install_backups
from desktop.gui.context import AppContext
from desktop.gui.events import AppEvents
from desktop.gui.importing.install import install as install_importing
from desktop.gui.main_window import MainWindow
from desktop.gui.search.install import install as install_search
from desktop.gui.themes.install import install as install_themes
from desktop.gui.timeline.install import install_timeline
from resources import resource_path

if TYPE_CHECKING:
    from db.crypto.kdf import Argon2Params

DESKTOP_FILE_NAME = "org.threadline.Threadline"

#: ``install(window)`` functions of the parts that add themselves to the main window.
EXTENSIONS: tuple[Callable[[MainWindow], None], ...] = (
    install_search,
    install_backups,
    install_importing,
    install_timeline,
    install_themes,
    demo_banner.install,
)


def app_icon() -> QIcon:
    icon = QIcon()
    base = resource_path("icons", "hicolor")
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        path = base / f"{size}x{size}" / "apps" / f"{DESKTOP_FILE_NAME}.png"
        if path.exists():
            icon.addFile(str(path))
    scalable = base / "scalable" / "apps" / f"{DESKTOP_FILE_NAME}.svg"
    if scalable.exists():  # crisp at any scale factor
        icon.addFile(str(scalable))
    return icon


def build_window(folder: Path, *, kdf_params: Argon2Params | None = None,
                 settings: QSettings | None = None,
                 extensions: tuple[Callable[[MainWindow], None], ...] | None = None,
                 ) -> MainWindow:
    """The main window for the vault in ``folder`` (welcome if there is none yet).

    ``kdf_params``: Argon2 parameters for a vault created in the welcome (``None``:
    calibrated on this machine). ``settings``: where window layout is kept (default: the
    platform's QSettings).
    """
    context = AppContext(folder, AppEvents(), kdf_params)
    window = MainWindow(context, settings)
    window.setWindowIcon(app_icon())
    for install in EXTENSIONS if extensions is None else extensions:
        install(window)
    window.restore_layout()
    return window


def make_application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    QGuiApplication.setDesktopFileName(DESKTOP_FILE_NAME)
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Threadline")
    app.setOrganizationName("Threadline")
    app.setApplicationDisplayName("Threadline")
    app.setWindowIcon(app_icon())
    return app


def _configure_logging() -> None:
    from desktop import logging_setup

    logging_setup.configure()


def run_gui(args: argparse.Namespace) -> int:
    """Start-up stays cheap: the core (SQLAlchemy, cryptography) loads after the first paint."""
    app = make_application()
    from desktop.paths import default_vault_dir

    folder = Path(args.vault) if args.vault else default_vault_dir()
    window = build_window(folder)
    app.aboutToQuit.connect(window.shutdown)
    window.show()
    QTimer.singleShot(0, _configure_logging)  # after the first paint
    if args.quit_after_show:
        # Quit at once: a queued quit would first run the deferred core import, and the
        # start-up figure is "to the first painted window".
        window.painted.connect(app.quit)
    return app.exec()
