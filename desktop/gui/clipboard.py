"""Remember what Threadline put on the clipboard, so locking can clear it (and only it)."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QGuiApplication


def _digest(text: str) -> bytes:
    import hashlib  # here, not at the top: the first window paints before it is needed

    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()


class ClipboardGuard(QObject):
    """Tracks text copied while a Threadline window is active (editor copies included).

    Only a digest is kept, never the text itself.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ours: bytes | None = None
        QGuiApplication.clipboard().dataChanged.connect(self._on_change)

    def copy(self, text: str) -> None:
        QGuiApplication.clipboard().setText(text)
        self._ours = _digest(text)

    def _on_change(self) -> None:
        text = QGuiApplication.clipboard().text()
        if QGuiApplication.focusWindow() is not None and text:
            self._ours = _digest(text)

    def holds_ours(self) -> bool:
        text = QGuiApplication.clipboard().text()
        return bool(text) and self._ours == _digest(text)

    def clear_if_ours(self) -> bool:
        """Clear the clipboard if it still holds text copied from Threadline."""
        cleared = self.holds_ours()
        if cleared:
            QGuiApplication.clipboard().clear()
        self._ours = None
        return cleared
