"""Text on the welcome, unlock and backup screens and in the unlocked window is readable
in light, dark and high-contrast palettes: every label's colour on its background is at
least 4.5:1.

Bugs: secondary text took the palette's placeholder colour, the text colour at half
opacity, about 4:1 on the light palette; the picker's hint and the Marks panel's "No
marks yet" were greyed out as disabled labels (1.6:1); "No backup yet" kept its light
window's amber on a dark one (2.7:1).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from desktop.gui.common.contrast import MINIMUM, ratio, readable
from desktop.gui.common.style import error_label, muted

Role = QPalette.ColorRole


def dark() -> QPalette:
    palette = QPalette()
    for role, color in ((Role.Window, "#2b2b2b"), (Role.WindowText, "#e6e6e6"),
                        (Role.Base, "#1e1e1e"), (Role.Text, "#e6e6e6"),
                        (Role.AlternateBase, "#262626"),
                        (Role.Button, "#353535"), (Role.ButtonText, "#e6e6e6"),
                        (Role.Highlight, "#3d6fb4"), (Role.HighlightedText, "#ffffff"),
                        (Role.Link, "#8ab4f8")):
        palette.setColor(role, QColor(color))
    placeholder = QColor("#e6e6e6")
    placeholder.setAlpha(128)
    palette.setColor(Role.PlaceholderText, placeholder)
    return palette


def high_contrast() -> QPalette:
    palette = QPalette()
    for role, color in ((Role.Window, "#000000"), (Role.WindowText, "#ffffff"),
                        (Role.Base, "#000000"), (Role.Text, "#ffffff"),
                        (Role.Button, "#000000"), (Role.ButtonText, "#ffff00"),
                        (Role.AlternateBase, "#000000"), (Role.Highlight, "#1aebff"),
                        (Role.HighlightedText, "#000000"), (Role.Link, "#ffff00"),
                        (Role.ToolTipBase, "#000000"), (Role.ToolTipText, "#ffffff"),
                        (Role.PlaceholderText, "#c0c0c0")):
        palette.setColor(role, QColor(color))
    return palette


@pytest.fixture(params=["light", "dark", "high contrast"])
def palette(request: pytest.FixtureRequest) -> Iterator[str]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.palette()
    chosen = {"light": app.style().standardPalette(), "dark": dark(),
              "high contrast": high_contrast()}[request.param]
    app.setPalette(chosen)
    yield request.param
    app.setPalette(before)


def unreadable(root: QWidget) -> list[str]:
    found = []
    for label in [root, *root.findChildren(QLabel)]:
        if not isinstance(label, QLabel) or not label.text():
            continue
        colours = label.palette()
        value = ratio(colours.color(Role.WindowText), colours.color(Role.Window))
        if value < MINIMUM:
            found.append(f"{label.text()[:40]!r}: {value:.2f}")
    return found


def test_secondary_and_error_text_are_readable(qtbot: QtBot, palette: str) -> None:
    box = QWidget()
    qtbot.addWidget(box)
    muted("Secondary text", box)
    label = error_label(box)
    label.setText("Wrong passphrase.")
    assert unreadable(box) == []


def test_the_screens_before_the_vault_are_readable(qtbot: QtBot, palette: str,
                                                    tmp_path: Path) -> None:
    from desktop.gui.common.clipboard import ClipboardGuard
    from desktop.gui.common.context import AppContext
    from desktop.gui.common.jobs import Jobs
    from desktop.gui.vault.unlock import UnlockView
    from desktop.gui.vault.welcome import WelcomeView

    context = AppContext(tmp_path / "vault")
    welcome = WelcomeView(context, ClipboardGuard())
    unlock = UnlockView(Jobs())
    for view in (welcome, unlock):
        qtbot.addWidget(view)
        assert unreadable(view) == [], palette


def test_readable_moves_a_colour_only_as_far_as_needed() -> None:
    grey = QColor("#777777")
    assert ratio(grey, QColor("#efefef")) < MINIMUM
    moved = readable(grey, QColor("#efefef"))
    assert MINIMUM <= ratio(moved, QColor("#efefef")) < MINIMUM + 1.5
    assert readable(QColor("#000000"), QColor("#ffffff")) == QColor("#000000")


def test_the_unlocked_window_is_readable(qtbot: QtBot, palette: str, seeded_vault: Path,
                                         settings_path: Path) -> None:
    """The main window with a client and a session open, its docks and status bar."""
    from tests.desktop.gui.conftest import open_session, open_window, unlock

    window = open_window(qtbot, seeded_vault, settings_path, extensions=None)
    unlock(qtbot, window)
    services = window.context.services
    robin = services.clients.by_code("RB-07")
    session = services.sessions.list_for_client(robin.id)[0]
    open_session(qtbot, window, robin.id, session.id)
    assert unreadable(window) == [], palette
