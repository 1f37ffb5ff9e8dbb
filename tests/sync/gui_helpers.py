"""The Sync page in a real window, as the GUI sync tests drive it."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop.gui.main_window import MainWindow
from desktop.gui.sync.install import SyncFeature
from desktop.gui.sync.page import SyncDialog
from tests.desktop.gui.conftest import unlock

WAIT_MS = 20_000


def page_with_one_flag(qtbot: QtBot, window: MainWindow) -> tuple[SyncFeature, SyncDialog]:
    """Unlock ``window``, open its Sync page and wait for the one flag it should list."""
    unlock(qtbot, window)
    feature = window.findChild(SyncFeature)
    assert feature is not None
    feature.open_page()
    page = feature.dialog
    assert page is not None
    qtbot.waitUntil(lambda: page.flags.count() == 1, timeout=WAIT_MS)
    return feature, page


def wait_until_no_flags(qtbot: QtBot, feature: SyncFeature) -> SyncDialog:
    """The Sync page, once it lists no flag any more."""
    page = feature.dialog
    assert page is not None
    qtbot.waitUntil(lambda: page.flags.count() == 0, timeout=WAIT_MS)
    return page
