"""The guard keeps many small Qt calls from wearing ``None`` and ``True`` down to zero."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = """
import sys
from desktop.qt_refcount_guard import guard
calls = sys.getrefcount(None) + sys.getrefcount(True) + 1000  # more than either has
guard()
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor

class Pinger(QObject):
    ping = Signal()

color, pinger = QColor(), Pinger()
for _ in range(calls):
    color.setAlpha(1)
    pinger.ping.emit()
print("survived")
"""


def test_many_void_calls_and_emits_do_not_abort_the_interpreter() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120, cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.strip() == "survived"
