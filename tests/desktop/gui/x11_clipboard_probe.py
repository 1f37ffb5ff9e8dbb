"""Run under Xvfb by test_clipboard.py: does lock clear PRIMARY when it holds our text?

Prints ``PRIMARY-HELD`` once Threadline's selection is in PRIMARY, then ``CLEARED`` or
``STILL-THERE`` after the guard's lock-time clearing; exits 0 only for ``CLEARED``.
"""

from __future__ import annotations

import sys
import time

from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtWidgets import QApplication, QLineEdit

from desktop.gui.common.clipboard import ClipboardGuard

CANARY = "Selected passage of a note 4471"


def wait(condition: object, seconds: float = 10.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.02)
    return False


def main() -> int:
    app = QApplication(sys.argv)
    assert app.platformName() == "xcb", app.platformName()
    board = QGuiApplication.clipboard()
    assert board.supportsSelection()
    guard = ClipboardGuard()
    editor = QLineEdit(CANARY)
    editor.show()
    editor.activateWindow()
    if not wait(lambda: QGuiApplication.focusWindow() is not None):
        sys.stdout.write("NO-FOCUS\n")
        return 2
    board.setText(CANARY, QClipboard.Mode.Selection)  # what selecting the text does on X11
    if not wait(lambda: board.text(QClipboard.Mode.Selection) == CANARY):
        return 2
    sys.stdout.write("PRIMARY-HELD\n")
    guard.clear_if_ours()  # what lock does
    wait(lambda: board.text(QClipboard.Mode.Selection) == "", 2.0)
    cleared = board.text(QClipboard.Mode.Selection) == ""
    sys.stdout.write("CLEARED\n" if cleared else "STILL-THERE\n")
    return 0 if cleared else 1


if __name__ == "__main__":
    sys.exit(main())
