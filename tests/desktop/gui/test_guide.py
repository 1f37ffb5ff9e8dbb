"""Help ▸ User guide opens the guide inside the app (bundled, offline, rendered by Qt)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.gui.guide import GUIDE, GuideWindow
from desktop.gui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[3]
#: The headings a clinician looks for: marking passages, episodes, the timeline and
#: analytics, search, backups, locking and recovery.
TOPICS = ("## Marking themes and passages", "## Relational episodes",
          "## The timeline and analytics", "## Search", "## Backups", "## Locking",
          "recovery key")


def test_the_bundled_guide_is_the_guide_in_docs() -> None:
    assert GUIDE.read_text(encoding="utf-8") == \
        (ROOT / "docs" / "user-guide.md").read_text(encoding="utf-8")


def test_the_guide_covers_what_a_clinician_does() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    for topic in TOPICS:
        assert topic in text, topic


def test_help_user_guide_opens_it_in_the_app(qtbot: QtBot, window: MainWindow) -> None:
    action = next(a for a in window.menu("help").actions() if a.text() == "&User guide")
    action.trigger()
    guide = window.findChild(GuideWindow)
    assert guide is not None
    qtbot.waitExposed(guide)
    shown = guide.browser.toPlainText()
    assert shown.startswith("Threadline user guide")
    assert "# " not in shown.splitlines()[0]  # rendered as Markdown, not shown as source
    assert "Backups" in shown
    action.trigger()  # a second time: the same window comes forward
    assert len(window.findChildren(GuideWindow)) == 1
