"""The Qt binding itself: regressions in PySide6 that would crash Threadline."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Source(QObject):
    ping = Signal()
    carry = Signal(object)


def test_emitting_signals_does_not_eat_references_to_true() -> None:
    # PySide6 6.12.0 dropped a reference to True on every Signal.emit(): after a few
    # thousand emits Python aborted with "deallocating True or False". pyproject.toml
    # excludes that release.
    source = _Source()
    before = sys.getrefcount(True)
    for _ in range(200):
        source.ping.emit()
        source.carry.emit(None)
    assert sys.getrefcount(True) > before - 20
