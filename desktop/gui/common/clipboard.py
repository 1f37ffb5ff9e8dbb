"""Remember what Threadline put on the clipboards, so locking can clear them (only ours).

Two clipboards hold text on Linux: CLIPBOARD (Copy, Paste) and PRIMARY, the X11 (and
Wayland primary-selection) buffer that holds whatever text is *selected*, with no Copy
at all: selecting a passage of a note puts it there, and it stayed after lock. Both are
watched; lock clears each one that still holds text that came from Threadline.

The recovery key is copied as a secret: marked ``x-kde-passwordManagerHint: secret`` so
that clipboard managers (Klipper and others that honour it) do not keep it in their
history, and cleared after :data:`SECRET_CLEAR_MS` if it is still there.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QObject, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication

Mode = QClipboard.Mode
#: How long a copied secret (the recovery key) stays on the clipboard.
SECRET_CLEAR_MS = 30_000
PASSWORD_HINT = "x-kde-passwordManagerHint"


def _digest(text: str) -> bytes:
    import hashlib  # here, not at the top: the first window paints before it is needed

    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()


class ClipboardGuard(QObject):
    """Tracks text copied or selected while a Threadline window is active.

    Only a digest is kept, never the text itself. ``secret_clear_ms`` is injectable so
    tests need not wait half a minute.
    """

    def __init__(self, parent: QObject | None = None, *,
                 secret_clear_ms: int = SECRET_CLEAR_MS) -> None:
        super().__init__(parent)
        self._ours: dict[Mode, bytes] = {}
        self._secret_timer = QTimer(self)
        self._secret_timer.setSingleShot(True)
        self._secret_timer.setInterval(secret_clear_ms)
        self._secret_timer.timeout.connect(self._clear_secret)
        self._secret: bytes | None = None
        board = QGuiApplication.clipboard()
        board.dataChanged.connect(lambda: self._on_change(Mode.Clipboard))
        board.selectionChanged.connect(lambda: self._on_change(Mode.Selection))

    @staticmethod
    def _modes() -> tuple[Mode, ...]:
        board = QGuiApplication.clipboard()
        return (Mode.Clipboard, Mode.Selection) if board.supportsSelection() \
            else (Mode.Clipboard,)

    def copy(self, text: str) -> None:
        QGuiApplication.clipboard().setText(text)
        self._ours[Mode.Clipboard] = _digest(text)

    def copy_secret(self, text: str) -> None:
        """Copy ``text`` marked as a secret; it clears itself after the interval."""
        data = QMimeData()
        data.setText(text)
        data.setData(PASSWORD_HINT, b"secret")
        QGuiApplication.clipboard().setMimeData(data)
        self._ours[Mode.Clipboard] = self._secret = _digest(text)
        self._secret_timer.start()

    def _clear_secret(self) -> None:
        if self._secret is not None and self._holds(Mode.Clipboard, self._secret):
            QGuiApplication.clipboard().clear(Mode.Clipboard)
        self._secret = None

    def _on_change(self, mode: Mode) -> None:
        text = QGuiApplication.clipboard().text(mode)
        if QGuiApplication.focusWindow() is not None and text:
            self._ours[mode] = _digest(text)

    @staticmethod
    def _holds(mode: Mode, digest: bytes | None) -> bool:
        text = QGuiApplication.clipboard().text(mode)
        return bool(text) and digest == _digest(text)

    def holds_ours(self, mode: Mode = Mode.Clipboard) -> bool:
        return self._holds(mode, self._ours.get(mode))

    def clear_if_ours(self) -> bool:
        """Clear CLIPBOARD and PRIMARY where they still hold text from Threadline."""
        cleared = False
        for mode in self._modes():
            if self.holds_ours(mode):
                QGuiApplication.clipboard().clear(mode)
                cleared = True
        self._ours.clear()
        self._secret = None
        self._secret_timer.stop()
        return cleared
