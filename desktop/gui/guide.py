"""Help ▸ User guide: the guide that ships with Threadline, read inside the app, offline.

The text is ``resources/help/user-guide.md`` (the same words as ``docs/user-guide.md``;
a test keeps the two equal), shown with Qt's own Markdown support in a
:class:`QTextBrowser`. Its pictures are looked up in ``resources/help/images`` and, in a
source checkout, ``docs/images``; a link outside the guide is never followed (no network,
no browser started by surprise).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from resources import resource_path

GUIDE = resource_path("help", "user-guide.md")
DOCS = Path(__file__).resolve().parents[2] / "docs"


class GuideWindow(QDialog):
    """The user guide in a window of its own (not modal: one can read and work)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Threadline user guide")
        self.setObjectName("GuideWindow")
        self.browser = QTextBrowser(self)
        self.browser.setAccessibleName("User guide")
        self.browser.setOpenExternalLinks(False)
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._follow)
        self.browser.setSearchPaths([str(GUIDE.parent), str(DOCS)])
        self.browser.setSource(QUrl.fromLocalFile(str(GUIDE)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(760, 640)

    def _follow(self, url: QUrl) -> None:
        """Anchors inside the guide only."""
        if url.hasFragment() and (not url.path() or url.path() == GUIDE.as_posix()):
            self.browser.scrollToAnchor(url.fragment())


def open_guide(parent: QWidget) -> GuideWindow:
    existing = parent.findChild(GuideWindow)
    window = existing if existing is not None else GuideWindow(parent)
    window.show()
    window.raise_()
    return window
