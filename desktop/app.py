"""Wiring: the one place where the vault, the services and the windows meet."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop.gui.shell import ShellWindow


def _configure_logging() -> None:
    from desktop import logging_setup

    logging_setup.configure()


def run_gui(args: argparse.Namespace) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Threadline")
    app.setOrganizationName("Threadline")
    from desktop.paths import default_vault_dir

    folder = Path(args.vault) if args.vault else default_vault_dir()
    window = ShellWindow(folder)
    window.show()
    QTimer.singleShot(0, _configure_logging)  # after the first paint
    if args.quit_after_show:
        window.painted.connect(lambda: QTimer.singleShot(0, app.quit))
    return app.exec()
