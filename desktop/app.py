"""The GUI's entry point: the application, the first window and the parts that plug in.

This module builds the ``QApplication``, one :class:`AppContext` (the vault folder and
the app-level events) and the :class:`MainWindow`. It opens no vault and creates no
service: the gate (``desktop/gui/vault/gate.py``) opens the vault after the first paint, and
:meth:`AppContext.attach` gives it its services; everything else reaches them through
the context it is handed.

Other parts of Threadline plug into the main window through :data:`EXTENSIONS`: each entry
is a function ``install(window: MainWindow) -> None`` that adds its actions, views or docks
with ``window.add_action`` / ``window.add_view`` / ``window.add_dock`` and listens to
``window.context.events``.

Start-up: the first window (menus, toolbar, the unlock screen or the welcome) paints
before any extension is imported; :func:`run_gui` installs them right after that paint,
before the clinician can unlock. ``EXTENSIONS`` is therefore computed when first asked for.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from desktop.gui.common.context import AppContext
from desktop.gui.common.events import AppEvents
from desktop.gui.main_window import MainWindow
from resources import resource_path

if TYPE_CHECKING:
    from db.crypto.kdf import Argon2Params
    from desktop.gui.common.error_hook import ErrorHook

DESKTOP_FILE_NAME = "org.threadline.Threadline"
ERROR_SHOWN_MS = 20_000  # how long the status bar shows that something went wrong

Extension = Callable[[MainWindow], None]


def default_extensions() -> tuple[Extension, ...]:
    """``install(window)`` functions of the parts that add themselves to the main window.

    Imported here, when first asked for: they bring search, backups, the timeline and the
    theme editor with them, which the first window does not show.
    """
    from desktop.gui import demo_banner
    from desktop.gui.backup.install import install as install_backups
    from desktop.gui.importing.install import install as install_importing
    from desktop.gui.measures.install import install as install_measures
    from desktop.gui.search.install import install as install_search
    from desktop.gui.supervision.install import install as install_supervision
    from desktop.gui.sync.install import install as install_sync
    from desktop.gui.templates.install import install as install_templates
    from desktop.gui.themes.install import install as install_themes
    from desktop.gui.timeline.install import install_timeline
    from desktop.gui.vault.screen_lock import install as install_screen_lock

    # One entry per line, so that new extensions merge without conflicts.
    return (
        install_search,
        install_backups,
        install_importing,
        install_timeline,
        install_themes,
        install_templates,
        install_measures,
        install_supervision,
        install_sync,
        demo_banner.install,
        install_screen_lock,
    )


def __getattr__(name: str) -> object:
    if name == "EXTENSIONS":  # the extensions, imported when first asked for
        return default_extensions()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
                 extensions: tuple[Extension, ...] | None = None,
                 ) -> MainWindow:
    """The main window for the vault in ``folder`` (welcome if there is none yet).

    ``kdf_params``: Argon2 parameters for a vault created in the welcome (``None``:
    calibrated on this machine). ``settings``: where window layout is kept (default: the
    platform's QSettings). ``extensions``: default :func:`default_extensions`.
    """
    window = first_window(folder, kdf_params=kdf_params, settings=settings)
    install_extensions(window, default_extensions() if extensions is None else extensions)
    return window


def first_window(folder: Path, *, kdf_params: Argon2Params | None = None,
                 settings: QSettings | None = None) -> MainWindow:
    """The main window as it first paints: menus, toolbar and the gate, no extensions."""
    context = AppContext(folder, AppEvents(), kdf_params)
    window = MainWindow(context, settings)
    context.jobs.failed.connect(lambda text: window.show_message(text, ERROR_SHOWN_MS))
    window.setWindowIcon(app_icon())
    window.restore_geometry()
    return window


def install_extensions(window: MainWindow, extensions: tuple[Extension, ...]) -> None:
    """Let each extension add itself, then restore the toolbars and docks as last time."""
    for install in extensions:
        install(window)
    window.restore_state()


def make_application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    # Fractional scale factors pass through unrounded: Qt 6's default, so not set here.
    QGuiApplication.setDesktopFileName(DESKTOP_FILE_NAME)
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Threadline")
    app.setOrganizationName("Threadline")
    app.setApplicationDisplayName("Threadline")
    app.setWindowIcon(app_icon())
    return app


def install_after_first_paint(window: MainWindow,
                              extensions: tuple[Extension, ...] | None = None) -> None:
    """Install the extensions (default :func:`default_extensions`) right after the window's
    first paint, before the clinician can unlock."""
    def install() -> None:
        install_extensions(window, default_extensions() if extensions is None else extensions)

    window.painted.connect(lambda: QTimer.singleShot(0, install))


def install_error_hook(window: MainWindow) -> ErrorHook:
    """Errors reach the person: an error nothing else caught shows one sentence in the
    window's status bar (see ``desktop/gui/common/error_hook.py``). ``uninstall()`` undoes it."""
    import shiboken6

    from desktop.gui.common import error_hook
    def show(text: str) -> None:
        if shiboken6.isValid(window):  # not after the window is gone
            window.show_message(text, ERROR_SHOWN_MS)

    hook = error_hook.install()
    hook.reported.connect(show)
    return hook


def _configure_logging() -> None:
    from desktop import logging_setup

    logging_setup.configure()


def run_gui(args: argparse.Namespace) -> int:
    """Start-up stays cheap: only the first window is imported and built before it paints;
    the extensions, logging and the core (SQLAlchemy, cryptography) follow the paint."""
    app = make_application()
    if args.vault:
        folder = Path(args.vault)
    else:
        from desktop.paths import default_vault_dir

        folder = default_vault_dir()
    window = first_window(folder)
    hook = install_error_hook(window)
    app.aboutToQuit.connect(window.shutdown)
    app.aboutToQuit.connect(hook.uninstall)
    if args.quit_after_show:
        # Quit at once: a queued quit would first run the deferred imports, and the
        # start-up figure is "to the first painted window".
        window.painted.connect(app.quit)
    else:
        window.painted.connect(lambda: QTimer.singleShot(0, _configure_logging))
        install_after_first_paint(window)
    window.show()
    return app.exec()
